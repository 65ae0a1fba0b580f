"""SVG plots of time and peak memory against row count (synthetic data, medians), for docs/bench/."""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

plt.rcParams["svg.hashsalt"] = "mlpipe-bench"  # stable element ids: the files only change with the data
STYLE = {"mlpipe": ("tab:blue", "o"), "xgboost": ("tab:orange", "s"), "sklearn": ("tab:green", "^"),
         "spark": ("tab:red", "D"), "pandas": ("tab:purple", "v")}


def series(entries, key):
    """{label: ([rows], [median of key])} over the synthetic entries, one line per tool (and batch size)."""
    out = {}
    for e in sorted((e for e in entries if e["dataset"] == "synthetic"), key=lambda e: e["rows"]):
        label = e["tool"] + (f" (batch {e['batch_size']:,})" if e.get("batch_size") else "")
        xs, ys = out.setdefault(label, ([], []))
        xs.append(e["rows"])
        ys.append(e["summary"][key]["median"])
    return out


def plain(v: float) -> str:
    """Tick label without exponents: 20, 300, 1,000 (log axes otherwise print 2x10^1)."""
    return f"{v:,.0f}" if v >= 10 else f"{v:g}"


def panel(ax, lines, title, ylabel, main_batch=None):
    """One log-log panel; mlpipe lines at batch sizes other than main_batch are dashed."""
    for label, (xs, ys) in lines.items():
        color, marker = STYLE.get(label.split()[0], ("black", "x"))
        dashed = "batch" in label and f"(batch {main_batch:,})" not in label
        ax.plot(xs, ys, marker=marker, color=color, linestyle="--" if dashed else "-", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda v, _: plain(v)))
        axis.set_minor_formatter(FuncFormatter(lambda v, _: plain(v) if f"{v:.0e}"[0] in "25" else ""))
    ax.set_title(title)
    ax.set_xlabel("rows")
    ax.set_ylabel(ylabel)
    ax.grid(True, which="both", alpha=0.3)
    if lines:
        ax.legend(fontsize=8)


def save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
    return path


def write_all(results, out_dir: Path) -> list[Path]:
    figures = []
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    for col, workload in enumerate(("rf", "gbm")):
        entries = [e for e in results["training"] if e["workload"] == workload]
        panel(axes[0][col], series(entries, "e2e_s"), f"training {workload}: end-to-end time", "seconds (median)")
        panel(axes[1][col], series(entries, "peak_rss_mb"), f"training {workload}: peak RSS", "MiB (median)")
    figures.append(save(fig, out_dir / "training.svg"))

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    main = results["batch_sizes"][0]
    panel(axes[0], series(results["prediction"], "rows_per_s"), "prediction: throughput", "rows/s (median)", main)
    others = [e for e in results["prediction_memory"] if e["batch_size"] != main]
    panel(axes[1], series(results["prediction"] + others, "peak_rss_mb"), "prediction: peak RSS", "MiB (median)",
          main)
    figures.append(save(fig, out_dir / "prediction.svg"))

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    panel(axes[0], series(results["data_processing"], "rows_per_s"), "data processing: throughput", "rows/s (median)")
    panel(axes[1], series(results["data_processing"], "peak_rss_mb"), "data processing: peak RSS", "MiB (median)")
    figures.append(save(fig, out_dir / "data_processing.svg"))
    return figures
