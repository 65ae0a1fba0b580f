"""The benchmark suite: mlpipe's local backend (end to end through the CLI) against the tools users would
pick instead, on the same data, the same hold-out and the same parameters.

  training         rf (100 trees, depth 10) and gbm (100 rounds, depth 6): mlpipe, XGBoost Python,
                   scikit-learn (RandomForest / HistGradientBoosting), Spark MLlib local[2]
  prediction       read Parquet -> features -> predict -> write Parquet: mlpipe, XGBoost inplace_predict
                   with pyarrow I/O, Spark MLlib transform; mlpipe's peak RSS at two batch sizes
  data processing  the example pipeline (workloads.py): mlpipe, pandas, Spark local[2]
  CLI              hyperfine: mlpipe submit --dry-run, mlpipe list, a Python submit script's start-up

Data: the synthetic generator (gen_synthetic.py) at each size, and the two churn data sets.
Each figure is the min and median of --repeats runs. Writes bench/results/results.json,
docs/BENCHMARKS.md and docs/bench/*.svg (or all three under --out DIR).

  python bench/run.py --full            10^5, 10^6, 10^7 rows, 3 repeats, churn data (hours; quiet machine)
  python bench/run.py --sizes 100000 --repeats 1
  python bench/run.py --sizes 100000 1000000 --churn --data-dir D && \
  python bench/run.py --sizes 10000000 --data-dir D --add-to bench/results/results.json
                                        the full suite in two parts (each fits a working session)
  python bench/run.py --smoke           2,000 rows, 1 run, fewer Spark rounds; output in a temp dir
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml

import plots
import proctree
import report
from workloads import HOLDOUT_COLUMN, SPLIT, SYNTHETIC_PIPELINE, WORKLOADS, positive_label, training_rows

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
BIN = os.environ.get("MLPIPE_BIN", str(ROOT / "build" / "bin" / "mlpipe"))
FULL_SIZES = [10**5, 10**6, 10**7]
# Peers too slow for the larger sizes (the document gives the time extrapolated from the last size run).
MAX_ROWS = {("training", "sklearn", "rf"): 10**6, ("training", "spark", "rf"): 10**6,
            ("training", "spark", "gbm"): 10**6, ("prediction", "spark", ""): 10**6,
            ("data_processing", "spark", ""): 10**6}
# A run whose peak memory, projected linearly from the last size, exceeds this share of RAM is skipped.
MEMORY_SHARE = 0.75
SMOKE_SIZE, SMOKE_SPARK_ROUNDS = 2000, 5


@dataclass
class Dataset:
    name: str
    path: Path
    target: str
    rows: int
    synthetic: bool
    pipeline: list | None  # the data-processing pipeline measured on it, if any

    @property
    def positive(self) -> str:
        return positive_label(pc.unique(pq.read_table(self.path, columns=[self.target]).column(0)).to_pylist())


@dataclass
class Options:
    work: Path  # temp dir, removed at the end: mlpipe homes, Spark's hold-out copies, outputs (each removed at once)
    data_dir: Path  # generated data
    repeats: int
    smoke: bool
    batch_sizes: list[int]
    spark_memory: str
    spark_rounds: int
    prior: dict  # results of an earlier run this one adds to (--add-to), for extrapolating skipped runs
    ram_mib: float
    kinds: list[str]  # the benchmarks to run (--kinds)


@dataclass
class PredictionModels:
    """The gbm models prediction uses at every size: trained (run 1) on 10^5 synthetic rows (smoke: its size),
    in the training benchmark when it runs at that size, else untimed just before the first prediction."""
    dataset: Dataset | None = None
    mlpipe_home: Path | None = None
    mlpipe_model_dir: str | None = None
    spark_model: Path | None = None


def run_json(cmd, env=None):
    """Runs a peer; returns (its JSON result, wall seconds, peak RSS MiB of its process tree)."""
    try:
        out, wall, rss = proctree.run([str(c) for c in cmd], env=env)
    except subprocess.CalledProcessError as e:
        sys.exit(f"benchmark step failed: {' '.join(map(str, cmd))}\n{e.stderr[-4000:]}")
    return json.loads(out.strip().splitlines()[-1]), wall, rss


# ---------------------------------------------------------------- mlpipe


def mlpipe_job(home: Path, config: dict, args: list[str]):
    """Writes config (warehouse inside home), runs `mlpipe submit ... --wait -o json`; returns (job, wall s)."""
    config = {"environment_config": {"backend": "local", "warehouse_root": str(home / "warehouse")}, **config}
    home.mkdir(parents=True, exist_ok=True)
    path = home / f"config-{time.monotonic_ns()}.yaml"
    path.write_text(yaml.safe_dump(config))
    env = dict(os.environ, MLPIPE_HOME=str(home))
    cmd = [BIN, "submit", *args, "-c", str(path), "--wait", "-o", "json"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"mlpipe failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout), wall


def mlpipe_train(o: Options, ds: Dataset, workload: str, rep: int):
    home = o.work / "homes" / f"{ds.name}-{ds.rows}-{workload}-{rep}"  # one model per home: `latest` is it
    model = {"model_name": "bench", "cv_folds": 0, "test_size": SPLIT["test_size"], "seed": SPLIT["seed"],
             **WORKLOADS[workload]}
    job, wall = mlpipe_job(home, {"model_config": model,
                                  "data_config": {"training_data_path": str(ds.path), "target_column": ds.target}},
                           ["-t", "training"])
    out = job["outputs"]
    return {"e2e_s": job["elapsed_ms"] / 1000, "wall_s": wall, "peak_rss_mb": out["peak_rss_mb"],
            "roc_auc": out["holdout_roc_auc"]}, home, out["model_dir"]


def mlpipe_predict(o: Options, home: Path, data: Path, batch_size: int):
    out_dir = o.work / "out" / "mlpipe-predictions"
    job, wall = mlpipe_job(home, {"model_config": {"model_name": "bench"},
                                  "job_specific_config": {"prediction": {"batch_size": batch_size}}},
                           ["-t", "prediction", "--app-args", f"--input-path {data} --output-path {out_dir}"])
    shutil.rmtree(out_dir, ignore_errors=True)
    seconds = job["elapsed_ms"] / 1000
    rows = job["outputs"]["rows"]
    return {"seconds": seconds, "rows_per_s": rows / seconds, "wall_s": wall,
            "peak_rss_mb": job["outputs"]["peak_rss_mb"], "rows": rows}


def mlpipe_process(o: Options, ds: Dataset, rep: int):
    home = o.work / "homes" / f"{ds.name}-{ds.rows}-processing-{rep}"
    out = o.work / "out" / "mlpipe-processing"
    data = {"raw_data_path": str(ds.path), "training_data_path": str(out / "training"),
            "validation_data_path": str(out / "validation"), "target_column": ds.target,
            "feature_pipeline": ds.pipeline, "split": SPLIT}
    job, wall = mlpipe_job(home, {"model_config": {"model_name": "bench"}, "data_config": data},
                           ["-t", "data_processing"])
    shutil.rmtree(out, ignore_errors=True)
    r = job["outputs"]
    seconds = job["elapsed_ms"] / 1000
    return {"seconds": seconds, "rows_per_s": r["rows_in"] / seconds, "wall_s": wall,
            "peak_rss_mb": r["peak_rss_mb"], "rows_out": r["rows_training"] + r["rows_validation"],
            "columns_out": r["columns_out"]}


# ---------------------------------------------------------------- peers


def peer_train(lib: str, ds: Dataset, workload: str, model_dir: str):
    r, wall, rss = run_json([sys.executable, BENCH / "peers.py", "train", lib, workload, ds.path, ds.target, model_dir])
    return {"e2e_s": r["e2e_seconds"], "fit_s": r["fit_seconds"], "wall_s": wall, "peak_rss_mb": rss,
            "roc_auc": r["roc_auc"]}


def spark_cmd(o: Options, *args):
    quick = ["--quick-jvm"] if o.smoke else []
    return [sys.executable, BENCH / "spark_peers.py", "--driver-memory", o.spark_memory, *quick, *args]


def spark_env(o: Options):
    """Spark's scratch space (spark.local.dir) goes under TMPDIR: the work dir, removed at the end."""
    tmp = o.work / "tmp"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, PYSPARK_PYTHON=sys.executable, PYTHONWARNINGS="ignore", TMPDIR=str(tmp))


def spark_train(o: Options, ds: Dataset, workload: str, model_dir: str, save_model: Path | None):
    extra = ["--save-model", save_model] if save_model else []
    r, wall, rss = run_json(spark_cmd(o, "train", workload, holdout_copy(o, ds, model_dir), ds.target, ds.positive,
                                      "--rounds", o.spark_rounds, *extra), spark_env(o))
    return {"e2e_s": r["e2e_seconds"], "fit_s": r["fit_seconds"], "wall_s": wall, "peak_rss_mb": rss,
            "roc_auc": r["roc_auc"]}


def holdout_copy(o: Options, ds: Dataset, model_dir: str) -> Path:
    """The data plus the mlpipe model's hold-out as a column (untimed), for Spark to split on. The
    hold-out depends only on the labels and the seed, so one copy serves every run on the data set."""
    path = o.work / "data" / f"{ds.name}_{ds.rows}_holdout.parquet"
    if not path.exists():
        table = pq.read_table(ds.path)
        pq.write_table(table.append_column(HOLDOUT_COLUMN, pa.array(~training_rows(model_dir))), path,
                       compression="snappy")
    return path


def rate(r, wall, rss):
    return {"seconds": r["seconds"], "rows_per_s": r["rows"] / r["seconds"], "wall_s": wall, "peak_rss_mb": rss,
            "rows": r["rows"]}


def xgboost_predict(o: Options, train_ds: Dataset, model_dir: str, data: Path):
    out = o.work / "out" / "xgboost-predictions.parquet"
    r, wall, rss = run_json([sys.executable, BENCH / "peers.py", "xgboost-predict", model_dir, train_ds.target,
                             data, out])
    out.unlink(missing_ok=True)
    return rate(r, wall, rss)


def spark_predict(o: Options, model: Path, data: Path):
    out = o.work / "out" / "spark-predictions"
    r, wall, rss = run_json(spark_cmd(o, "predict", model, data, out), spark_env(o))
    shutil.rmtree(out, ignore_errors=True)
    return rate(r, wall, rss)


def peer_process(o: Options, tool: str, ds: Dataset):
    pipeline = o.work / f"{ds.name}-pipeline.json"
    pipeline.write_text(json.dumps(ds.pipeline))
    out = o.work / "out" / f"{tool}-processing"
    if tool == "pandas":
        r, wall, rss = run_json([sys.executable, BENCH / "pandas_pipeline.py", ds.path, ds.target, pipeline, out])
    else:
        r, wall, rss = run_json(spark_cmd(o, "process", ds.path, ds.target, pipeline, out), spark_env(o))
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": r["seconds"], "rows_per_s": r["rows_in"] / r["seconds"], "wall_s": wall, "peak_rss_mb": rss,
            "rows_out": r["rows_training"] + r["rows_validation"], "columns_out": r["columns_out"]}


# ---------------------------------------------------------------- CLI start-up


def cli_startup(o: Options, runs: int):
    """hyperfine over mlpipe's CLI against the start-up of a Python submit script (submit_standin.py)."""
    home = o.work / "cli-home"
    (home / "warehouse" / "data" / "training" / "churn").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MLPIPE_HOME=str(home))
    cfg = str(ROOT / "examples" / "job_config.yaml")
    commands = {
        "mlpipe submit --dry-run": f"{BIN} submit -t training -c {cfg} --dry-run",
        "mlpipe list": f"{BIN} list",
        "Python submit script (stand-in)": f"{sys.executable} {BENCH / 'submit_standin.py'} training --config {cfg}",
    }
    out = o.work / "hyperfine.json"
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(out),
                    *commands.values()], check=True, env=env, capture_output=True)
    stats = json.loads(out.read_text())["results"]
    return [{"command": name, "runs": runs, "mean_ms": s["mean"] * 1000, "min_ms": s["min"] * 1000,
             "median_ms": s["median"] * 1000} for name, s in zip(commands, stats)]


# ---------------------------------------------------------------- the suite


class Suite:
    def __init__(self, o: Options):
        self.o = o
        self.results = {"training": [], "prediction": [], "prediction_memory": [], "data_processing": [],
                        "skipped": []}

    def skip_reason(self, kind: str, tool: str, workload: str, ds: Dataset) -> str | None:
        if self.o.smoke and tool == "spark" and (workload == "rf" or not ds.synthetic):
            return "smoke run: one Spark workload on the synthetic data only"
        done = [r for r in self.results[kind] + self.o.prior.get(kind, [])
                if r["tool"] == tool and r.get("workload", "") == workload and r["dataset"] == ds.name
                and r["rows"] < ds.rows]
        last = max(done, key=lambda r: r["rows"]) if done else None
        if last and "peak_rss_mb" in last["summary"]:
            mib = last["summary"]["peak_rss_mb"]["median"] * ds.rows / last["rows"]
            if mib > MEMORY_SHARE * self.o.ram_mib:
                measured = last["summary"]["peak_rss_mb"]["median"]
                return (f"memory: ~{mib / 1024:.0f} GiB peak projected linearly from {measured:,.0f} MiB at "
                        f"{last['rows']:,} rows; the machine has {self.o.ram_mib / 1024:.0f} GiB")
        limit = MAX_ROWS.get((kind, tool, workload))
        if limit is None or ds.rows <= limit:
            return None
        if not last:
            return f"over {limit:,} rows"
        seconds = last["summary"]["e2e_s" if kind == "training" else "seconds"]["median"]
        minutes = seconds * ds.rows / last["rows"] / 60
        return (f"too slow: ~{minutes:.0f} min per run ({self.o.repeats} runs), extrapolated linearly from "
                f"{seconds:.0f} s at {last['rows']:,} rows")

    def skipped(self, kind, tool, workload, ds) -> bool:
        reason = self.skip_reason(kind, tool, workload, ds)
        if reason:
            self.results["skipped"].append({"kind": kind, "tool": tool, "workload": workload, "dataset": ds.name,
                                            "rows": ds.rows, "reason": reason})
        return reason is not None

    def add(self, kind, ds: Dataset, tool, runs, **extra):
        self.results[kind].append({"dataset": ds.name, "rows": ds.rows, "tool": tool, **extra, "runs": runs,
                                   "summary": summarize(runs)})
        print(f"{kind} {ds.name} {extra} {tool}: {summarize(runs)}", file=sys.stderr, flush=True)

    def training(self, ds: Dataset, models: PredictionModels):
        for workload in WORKLOADS:
            if self.skipped("training", "mlpipe", workload, ds):  # its model gives the peers their hold-out
                for tool in ("xgboost", "sklearn", "spark"):
                    self.results["skipped"].append({"kind": "training", "tool": tool, "workload": workload,
                                                    "dataset": ds.name, "rows": ds.rows,
                                                    "reason": "mlpipe's run, whose hold-out every tool uses, was skipped"})
                continue
            runs = {tool: [] for tool in ("mlpipe", "xgboost", "sklearn", "spark")
                    if tool == "mlpipe" or not self.skipped("training", tool, workload, ds)}
            for rep in range(self.o.repeats):  # tools interleaved, so a slow phase of the machine hits all
                m, home, model_dir = mlpipe_train(self.o, ds, workload, rep)
                runs["mlpipe"].append(m)
                for lib in ("xgboost", "sklearn"):
                    if lib in runs:
                        runs[lib].append(peer_train(lib, ds, workload, model_dir))
                keep = (rep == 0 and workload == "gbm" and ds.synthetic and ds.rows <= FULL_SIZES[0] and
                        models.dataset in (None, ds))
                if keep:
                    models.dataset, models.mlpipe_home, models.mlpipe_model_dir = ds, home, model_dir
                if "spark" in runs:
                    save = self.o.work / "spark-model" if keep else None
                    runs["spark"].append(spark_train(self.o, ds, workload, model_dir, save))
                    models.spark_model = save or models.spark_model
            for tool, rs in runs.items():
                self.add("training", ds, tool, rs, workload=workload)

    def prediction(self, ds: Dataset, models: PredictionModels):
        if models.mlpipe_home is None:  # no gbm trained in this run (skipped, or a run in parts): train one
            small = synthetic(self.o, FULL_SIZES[0])
            _, models.mlpipe_home, models.mlpipe_model_dir = mlpipe_train(self.o, small, "gbm", 0)
            models.dataset = small
        runs = {"mlpipe": [], "xgboost": []}
        if models.spark_model:
            if not self.skipped("prediction", "spark", "", ds):
                runs["spark"] = []
        elif "training" in self.o.kinds:  # else (--kinds without training) an earlier Spark result stays
            self.results["skipped"].append({"kind": "prediction", "tool": "spark", "workload": "gbm",
                                            "dataset": ds.name, "rows": ds.rows,
                                            "reason": "no Spark model: its training was skipped"})
        memory = {b: [] for b in self.o.batch_sizes}
        for _ in range(self.o.repeats):
            for batch_size in self.o.batch_sizes:
                memory[batch_size].append(mlpipe_predict(self.o, models.mlpipe_home, ds.path, batch_size))
            runs["mlpipe"].append(memory[self.o.batch_sizes[0]][-1])
            runs["xgboost"].append(xgboost_predict(self.o, models.dataset, models.mlpipe_model_dir, ds.path))
            if "spark" in runs:
                runs["spark"].append(spark_predict(self.o, models.spark_model, ds.path))
        for tool, rs in runs.items():
            self.add("prediction", ds, tool, rs, batch_size=self.o.batch_sizes[0] if tool == "mlpipe" else None)
        for batch_size, rs in memory.items():
            self.add("prediction_memory", ds, "mlpipe", rs, batch_size=batch_size)

    def data_processing(self, ds: Dataset):
        tools = [t for t in ("mlpipe", "pandas", "spark") if not self.skipped("data_processing", t, "", ds)]
        runs = {t: [] for t in tools}
        for rep in range(self.o.repeats):
            for tool in tools:
                runs[tool].append(mlpipe_process(self.o, ds, rep) if tool == "mlpipe" else peer_process(self.o, tool, ds))
        for tool, rs in runs.items():
            self.add("data_processing", ds, tool, rs)


def summarize(runs):
    keys = [k for k, v in runs[0].items() if isinstance(v, (int, float))]
    return {k: {"min": min(r[k] for r in runs), "median": statistics.median(r[k] for r in runs),
                "max": max(r[k] for r in runs)} for k in keys}


def synthetic(o: Options, rows: int) -> Dataset:
    path = o.data_dir / f"synthetic_{rows}.parquet"
    if not path.exists():
        subprocess.run([sys.executable, BENCH / "gen_synthetic.py", str(rows), str(path)], check=True)
    return Dataset("synthetic", path, "target", rows, True, SYNTHETIC_PIPELINE)


def churn(o: Options, name: str) -> Dataset:
    """A churn CSV as Parquet (types inferred by pyarrow; empty cells are missing values), untimed."""
    path = o.data_dir / f"{name}.parquet"
    table = pacsv.read_csv(ROOT / "data" / "churn" / f"{name}.csv")
    pq.write_table(table, path, compression="snappy")
    example = yaml.safe_load((ROOT / "examples" / "job_config.yaml").read_text())["data_config"]
    pipeline = example["feature_pipeline"] if name == "wa_churn" else None  # the example config is written for it
    return Dataset(name, path, "churn", table.num_rows, False, pipeline)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem_kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    os_name = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                    if l.startswith("PRETTY_NAME")), platform.system())
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem_kib / 2**20, 1),
            "kernel": f"{platform.system()} {platform.release()}", "os": os_name}


def versions():
    import importlib.metadata as md
    out = {p: md.version(p) for p in ("xgboost-cpu", "scikit-learn", "pyspark", "pandas", "pyarrow", "numpy")}
    out["mlpipe"] = subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip().split(" ", 1)[-1]
    out["python"] = platform.python_version()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    out["java"] = java[0] if java else "?"
    return out


def run_suite(a) -> dict:
    work = Path(tempfile.mkdtemp(prefix="mlpipe-bench-"))
    host = machine()
    o = Options(work, a.data_dir or work / "data", a.repeats, a.smoke, a.batch_sizes, a.spark_memory,
                SMOKE_SPARK_ROUNDS if a.smoke else 100, a.prior, host["ram_gib"] * 1024, a.kinds)
    for d in (o.data_dir, work / "data", work / "out"):
        d.mkdir(parents=True, exist_ok=True)
    suite = Suite(o)
    started = time.time()
    results = {"machine": host, "versions": versions(), "date": time.strftime("%Y-%m-%d"), "full": a.full,
               "repeats": a.repeats, "sizes": sorted(a.sizes), "churn": a.churn, "kinds": a.kinds, "smoke": a.smoke,
               "batch_sizes": a.batch_sizes, "load_average_start": os.getloadavg()[0]}
    try:
        prediction_models = PredictionModels()
        for rows in sorted(a.sizes):
            ds = synthetic(o, rows)
            if "training" in a.kinds:
                suite.training(ds, prediction_models)
            if "prediction" in a.kinds:
                suite.prediction(ds, prediction_models)
            if "data_processing" in a.kinds:
                suite.data_processing(ds)
        if a.churn:
            for name in ("wa_churn", "mlc_churn") if not a.smoke else ("wa_churn",):
                ds = churn(o, name)
                if "training" in a.kinds:
                    suite.training(ds, prediction_models)
                if ds.pipeline and "data_processing" in a.kinds:
                    suite.data_processing(ds)
        results.update(suite.results)
        if "cli" in a.kinds:
            results["cli"] = cli_startup(o, 5 if a.smoke else 30)
    except BaseException:
        partial = a.out_json.with_name("results.partial.json")
        partial.write_text(json.dumps({**results, **suite.results}, indent=2))
        print(f"the suite stopped; what it measured is in {partial}", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_average_end"] = os.getloadavg()[0]
    results["minutes"] = round((time.time() - started) / 60, 1)
    return results


BENCHMARKS = ("training", "prediction", "data_processing", "cli")
KINDS = ("training", "prediction", "prediction_memory", "data_processing", "skipped")


def entry_key(kind, e):
    return kind, e["dataset"], e["rows"], e["tool"], e.get("workload"), e.get("batch_size")


def merge(prior: dict, new: dict) -> dict:
    """`new` added to `prior` (--add-to): new entries replace prior ones for the same data, size, tool and
    workload; the CLI timings are the new run's when it measured them. Each run's date, sizes, load and
    duration are kept in "sessions"; the merged result is full when together they cover every size and the
    churn data."""
    if prior["machine"] != new["machine"] or prior["repeats"] != new["repeats"]:
        sys.exit("--add-to: the earlier results are from another machine or repeat count; run them again")
    out = dict(new)
    out["cli"] = new.get("cli") or prior.get("cli", [])
    for kind in KINDS:
        fresh = {entry_key(kind, e) for e in new[kind]}
        out[kind] = [e for e in prior[kind] if entry_key(kind, e) not in fresh] + new[kind]
    session = lambda r: {"kinds": r.get("kinds", list(BENCHMARKS)),
                         **{k: r[k] for k in ("date", "sizes", "churn", "minutes", "load_average_start",
                                              "load_average_end")}}
    out["sessions"] = prior.get("sessions", [session(prior)]) + [session(new)]
    out["sizes"] = sorted(set(prior["sizes"]) | set(new["sizes"]))
    out["churn"] = prior.get("churn", False) or new["churn"]
    out["full"] = set(FULL_SIZES) <= set(out["sizes"]) and out["churn"] and out["repeats"] >= 3
    out["minutes"] = round(sum(s["minutes"] for s in out["sessions"]), 1)
    out["load_average_start"] = max(s["load_average_start"] for s in out["sessions"])
    out["load_average_end"] = max(s["load_average_end"] for s in out["sessions"])
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--full", action="store_true", help="sizes 1e5 1e6 1e7, 3 repeats, churn data")
    p.add_argument("--smoke", action="store_true", help="2,000 rows, 1 run, output in a temp dir")
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    p.add_argument("--repeats", "--repeat", type=int, default=3)
    p.add_argument("--churn", action="store_true", help="also the two churn data sets (on with --full)")
    p.add_argument("--batch-sizes", type=int, nargs="+", default=[10_000, 100_000],
                   help="mlpipe prediction batch sizes; the first is the one compared with the peers")
    p.add_argument("--spark-memory", default="8g", help="spark.driver.memory (local mode: the whole JVM)")
    p.add_argument("--data-dir", type=Path, help="keep generated data here and reuse it (default: temp dir)")
    p.add_argument("--out", type=Path, help="write results.json, BENCHMARKS.md and bench/*.svg here instead")
    p.add_argument("--kinds", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS),
                   help="run only these benchmarks")
    p.add_argument("--add-to", type=Path, metavar="RESULTS_JSON",
                   help="measure the given sizes and add them to an earlier results file (a long suite in parts)")
    p.add_argument("--render", type=Path, metavar="RESULTS_JSON",
                   help="measure nothing: write the document and plots from an earlier results file")
    a = p.parse_args()
    if a.full:
        a.sizes, a.repeats, a.churn = FULL_SIZES, max(a.repeats, 3), True
    if a.smoke:
        a.sizes, a.repeats, a.churn, a.batch_sizes = [SMOKE_SIZE], 1, True, [500, 10_000]
        a.out = a.out or Path(tempfile.mkdtemp(prefix="mlpipe-bench-smoke-"))
    a.out_json = a.out / "results.json" if a.out else BENCH / "results" / "results.json"
    doc_dir = a.out if a.out else ROOT / "docs"
    for d in (a.out_json.parent, doc_dir / "bench"):
        d.mkdir(parents=True, exist_ok=True)

    a.prior = json.loads(a.add_to.read_text()) if a.add_to else {}
    if a.render:
        results = json.loads(a.render.read_text())
    else:
        results = run_suite(a)
        if a.add_to:
            results = merge(a.prior, results)
        a.out_json.write_text(json.dumps(results, indent=2))
    figures = plots.write_all(results, doc_dir / "bench")
    (doc_dir / "BENCHMARKS.md").write_text(report.markdown(results, [f.relative_to(doc_dir) for f in figures]))
    print(a.out_json)


if __name__ == "__main__":
    main()
