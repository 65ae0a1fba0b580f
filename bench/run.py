"""Training benchmark: mlpipe (local backend, end to end through the CLI) against XGBoost Python and
scikit-learn on the same synthetic data and the same hold-out. Each figure is min and median of
--repeats runs. Writes bench/results/training.json and docs/BENCHMARKS.md.
Usage: python bench/run.py [--sizes 100000] [--repeats 3] [--smoke]
(--smoke: 2000 rows, 1 repeat, writes only under a temp dir; for the test suite.)
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = os.environ.get("MLPIPE_BIN", str(ROOT / "build" / "bin" / "mlpipe"))
WORKLOADS = {
    "rf": {"algorithm": "random_forest", "hyperparameters": {"n_estimators": 100, "max_depth": 10}},
    "gbm": {"algorithm": "gradient_boosting",
            "hyperparameters": {"n_estimators": 100, "max_depth": 6, "learning_rate": 0.1}},
}


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (stdout, wall seconds, peak RSS MiB)."""
    out = subprocess.run(["/usr/bin/time", "-f", "@@%e %M", *cmd], capture_output=True, text=True, env=env,
                         check=True)
    wall, rss_kb = out.stderr.rsplit("@@", 1)[1].split()
    return out.stdout, float(wall), int(rss_kb) / 1024


def run_mlpipe(work, data, workload, rep):
    home = work / f"home-{workload}-{rep}"
    cfg = {"environment_config": {"backend": "local", "warehouse_root": str(home / "warehouse")},
           "model_config": {"model_name": "bench", "cv_folds": 0, "test_size": 0.2, "seed": 42,
                            **WORKLOADS[workload]},
           "data_config": {"training_data_path": str(data), "target_column": "target"}}
    path = work / f"{workload}.yaml"
    path.write_text(yaml.safe_dump(cfg))
    env = dict(os.environ, MLPIPE_HOME=str(home))
    out, wall, _ = timed([BIN, "submit", "-t", "training", "-c", str(path), "--wait", "-o", "json"], env)
    job = json.loads(out)
    o = job["outputs"]
    return {"wall_s": wall, "job_s": job["elapsed_ms"] / 1000, "peak_rss_mb": o["peak_rss_mb"],
            "roc_auc": o["holdout_roc_auc"]}, o["model_dir"]


def predict_mlpipe(work, data, workload, rep):
    """Prediction job with the model of training run `rep`; rows/s from the job's run time."""
    home = work / f"home-{workload}-{rep}"
    env = dict(os.environ, MLPIPE_HOME=str(home))
    out_dir = work / f"pred-{workload}-{rep}"
    out, wall, _ = timed([BIN, "submit", "-t", "prediction", "-c", str(work / f"{workload}.yaml"), "--wait", "-o",
                          "json", "--app-args", f"--input-path {data} --output-path {out_dir}"], env)
    job = json.loads(out)
    seconds = job["elapsed_ms"] / 1000
    return {"wall_s": wall, "seconds": seconds, "rows_per_s": job["outputs"]["rows"] / seconds,
            "peak_rss_mb": job["outputs"]["peak_rss_mb"]}


def predict_xgboost(work, data, model_dir, rep):
    out, wall, rss = timed([sys.executable, str(ROOT / "bench" / "peers.py"), "xgboost-predict", str(data), model_dir,
                            str(work / f"xgb-pred-{rep}.parquet")])
    r = json.loads(out)
    return {"wall_s": wall, "seconds": r["seconds"], "rows_per_s": r["rows_per_s"], "peak_rss_mb": rss}


def run_peer(lib, data, workload, model_dir):
    out, wall, rss = timed([sys.executable, str(ROOT / "bench" / "peers.py"), lib, workload, str(data), model_dir])
    r = json.loads(out)
    return {"wall_s": wall, "fit_s": r["fit_seconds"], "peak_rss_mb": rss, "roc_auc": r["roc_auc"]}


def cli_startup(work, runs):
    """hyperfine over mlpipe's CLI against the start-up of a Python submit script (its imports only)."""
    home = work / "cli-home"
    env = dict(os.environ, MLPIPE_HOME=str(home))
    (home / "warehouse" / "data" / "training" / "churn").mkdir(parents=True, exist_ok=True)
    cfg = str(ROOT / "examples" / "job_config.yaml")
    commands = {
        "mlpipe submit --dry-run": f"{BIN} submit -t training -c {cfg} --dry-run",
        "mlpipe list": f"{BIN} list",
        "python3 submit script start-up": f"{sys.executable} -c 'import yaml, argparse, subprocess, logging'",
    }
    out = work / "hyperfine.json"
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(out),
                    *commands.values()], check=True, env=env, capture_output=True)
    stats = json.loads(out.read_text())["results"]
    return [{"command": name, "mean_ms": s["mean"] * 1000, "min_ms": s["min"] * 1000, "median_ms": s["median"] * 1000}
            for name, s in zip(commands, stats)]


def summarize(runs):
    keys = runs[0].keys()
    return {k: {"min": min(r[k] for r in runs), "median": statistics.median(r[k] for r in runs)} for k in keys}


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def markdown(results):
    lines = ["# Benchmarks", "", f"Machine: {results['machine']}. Date: {results['date']}. "
             f"Each figure: min / median of {results['repeats']} runs.", "",
             "## Training (hold-out 20%, same rows for every tool)", "",
             "| rows | workload | tool | wall s (process) | train s | peak RSS MiB | ROC AUC |", "|---|---|---|---|---|---|---|"]
    for r in results["training"]:
        s = r["summary"]
        train = s.get("job_s") or s.get("fit_s")
        lines.append(f"| {r['rows']:,} | {r['workload']} | {r['tool']} | {s['wall_s']['min']:.2f} / {s['wall_s']['median']:.2f}"
                     f" | {train['min']:.2f} / {train['median']:.2f} | {s['peak_rss_mb']['median']:.0f}"
                     f" | {s['roc_auc']['median']:.4f} |")
    if results.get("prediction"):
        lines += ["", "## Prediction (gbm model; read Parquet, features, predict, write Parquet)", "",
                  "| rows | tool | rows/s (max / median) | seconds | peak RSS MiB |", "|---|---|---|---|---|"]
        for r in results["prediction"]:
            s = r["summary"]
            best = max(x["rows_per_s"] for x in r["runs"])
            lines.append(f"| {r['rows']:,} | {r['tool']} | {best:,.0f}"
                         f" / {s['rows_per_s']['median']:,.0f} | {s['seconds']['min']:.3f} | {s['peak_rss_mb']['median']:.0f} |")
    if results.get("cli"):
        lines += ["", "## CLI start-up (hyperfine)", "", "| command | min ms | median ms | target |", "|---|---|---|---|"]
        for c in results["cli"]:
            target = "< 20 ms: " + ("met" if c["median_ms"] < 20 else "unmet") if "dry-run" in c["command"] else ""
            lines.append(f"| {c['command']} | {c['min_ms']:.1f} | {c['median_ms']:.1f} | {target} |")
    lines += ["", "- mlpipe: `mlpipe submit -t training --wait` end to end (CLI + detached worker: read Parquet, "
              "one-hot encode, train, score the hold-out, write the model); *train s* is the job's run time "
              "from the registry; peak RSS is the worker's.",
              "- XGBoost Python and scikit-learn: one Python process (imports, pandas one-hot, fit, score); "
              "*train s* is the fit alone. XGBoost uses the exact parameters mlpipe mapped "
              "(from the model's metadata.json).",
              "- Not yet measured (issue 4): Spark MLlib local[2], prediction throughput, data processing, "
              "10^6-10^7 rows, plots.", ""]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--smoke", action="store_true")
    a = p.parse_args()
    if a.smoke:
        a.sizes, a.repeats = [2000], 1
    work = Path(tempfile.mkdtemp(prefix="mlpipe-bench-"))
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "repeats": a.repeats, "training": []}
    for rows in a.sizes:
        data = work / f"syn_{rows}.parquet"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_synthetic.py"), str(rows), str(data)], check=True)
        for workload in WORKLOADS:
            runs = {"mlpipe": [], "xgboost": [], "sklearn": []}
            for rep in range(a.repeats):
                m, model_dir = run_mlpipe(work, data, workload, rep)
                runs["mlpipe"].append(m)
                for lib in ("xgboost", "sklearn"):
                    runs[lib].append(run_peer(lib, data, workload, model_dir))
            if workload == "gbm":
                pred = {"mlpipe": [predict_mlpipe(work, data, workload, r) for r in range(a.repeats)],
                        "xgboost": [predict_xgboost(work, data, model_dir, r) for r in range(a.repeats)]}
                for tool, rs in pred.items():
                    results.setdefault("prediction", []).append({"rows": rows, "tool": tool, "runs": rs,
                                                                 "summary": summarize(rs)})
            for tool, rs in runs.items():
                results["training"].append({"rows": rows, "workload": workload, "tool": tool, "runs": rs,
                                            "summary": summarize(rs)})
                print(f"{rows} {workload} {tool}: {summarize(rs)['wall_s']}", file=sys.stderr)
    results["cli"] = cli_startup(work, 5 if a.smoke else 30)
    out_dir = work if a.smoke else ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "training.json").write_text(json.dumps(results, indent=2))
    (work / "BENCHMARKS.md" if a.smoke else ROOT / "docs" / "BENCHMARKS.md").write_text(markdown(results))
    print(json.dumps([{k: r[k] for k in ("rows", "workload", "tool")} | {"auc": r["summary"]["roc_auc"]["median"]}
                      for r in results["training"]]))


if __name__ == "__main__":
    main()
