"""Model quality against scikit-learn on real tables, on the same folds (docs/BENCHMARKS.md, "Model quality").

For each table and fold (StratifiedKFold for classes, KFold for regression; 5 folds, seed 0) both tools train on
the same training rows and are scored on the same held-out rows:
  - scikit-learn: RandomForest{Classifier,Regressor}(n_estimators=100, max_depth=10) and HistGradientBoosting
    with its defaults;
  - mlpipe: `submit -t training` (random_forest with the same two hyperparameters, gradient_boosting with its
    defaults; test_size 0, no CV) then `submit -t evaluation` on the held-out rows, through the real binary.
Scores: ROC AUC for binary tables, accuracy for multiclass, RMSE for regression; the mean over folds.

Tables: the repo's two churn sets (data/churn, MIT, see its README) one-hot encoded the same way for both tools,
and tables scikit-learn ships (no download): breast_cancer, wine, digits, diabetes, and digits_imbalanced, the
digits with classes subsampled to 180, 120, 80, 50, 30, 20, 12, 8, 6, 5 rows (a 36:1 imbalance), and
internet_imbalanced, wa_churn's internet_service as a 3-class target subsampled to 3096 : 20 : 5 rows (620:1).

    .venv/bin/python bench/quality.py                  # every table: bench/results/quality.json + docs/BENCHMARKS.md
    .venv/bin/python bench/quality.py --seed 1 --out bench/results/quality-seed1.json
    .venv/bin/python bench/quality.py --tables wine --folds 3 --out /tmp/q.json
    .venv/bin/python bench/quality.py --seed 1 --gb-params '{"subsample": 1.0, "max_features": null}'
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn import datasets
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold

import report

REPO = Path(__file__).resolve().parents[1]
BIN = os.environ.get("MLPIPE_BIN", str(REPO / "build" / "bin" / "mlpipe"))
TARGET = "target"
RF_PARAMS = {"n_estimators": 100, "max_depth": 10}
IMBALANCED_COUNTS = [180, 120, 80, 50, 30, 20, 12, 8, 6, 5]
INTERNET_COUNTS = {"Fiber optic": 3096, "DSL": 20, "No": 5}


def churn(name, target):
    df = pd.read_csv(REPO / "data" / "churn" / name)
    y = df.pop(target)
    categorical = list(df.select_dtypes(exclude="number").columns)
    x = pd.get_dummies(df, columns=categorical, dtype=float)
    return x, y.astype(str), "binary"


def bundled(loader):
    x, y = loader(return_X_y=True, as_frame=True)
    return x, y, None


def digits_imbalanced():
    x, y = datasets.load_digits(return_X_y=True, as_frame=True)
    keep = np.concatenate([np.flatnonzero(y.to_numpy() == k)[:n] for k, n in enumerate(IMBALANCED_COUNTS)])
    return x.iloc[keep].reset_index(drop=True), y.iloc[keep].reset_index(drop=True), "multiclass"


def internet_imbalanced():
    """wa_churn's internet_service as the target, classes subsampled to 3096 : 20 : 5 (620:1)."""
    df = pd.read_csv(REPO / "data" / "churn" / "wa_churn.csv")
    df = pd.concat([df[df.internet_service == k].iloc[:n] for k, n in INTERNET_COUNTS.items()])
    y = df.pop("internet_service").reset_index(drop=True)
    categorical = list(df.select_dtypes(exclude="number").columns)
    return pd.get_dummies(df, columns=categorical, dtype=float).reset_index(drop=True), y, "multiclass"


TABLES = {
    "wa_churn": lambda: churn("wa_churn.csv", "churn"),
    "mlc_churn": lambda: churn("mlc_churn.csv", "churn"),
    "breast_cancer": lambda: (*bundled(datasets.load_breast_cancer)[:2], "binary"),
    "wine": lambda: (*bundled(datasets.load_wine)[:2], "multiclass"),
    "digits": lambda: (*bundled(datasets.load_digits)[:2], "multiclass"),
    "digits_imbalanced": digits_imbalanced,
    "internet_imbalanced": internet_imbalanced,
    "diabetes": lambda: (*bundled(datasets.load_diabetes)[:2], "regression"),
}


def score(task, y_true, y_pred, prob_pos=None):
    if task == "binary":
        return roc_auc_score(y_true, prob_pos)
    if task == "multiclass":
        return accuracy_score(y_true, y_pred)
    return float(np.sqrt(mean_squared_error(y_true, y_pred)))


def metric_name(task):
    return {"binary": "roc_auc", "multiclass": "accuracy", "regression": "rmse"}[task]


def sklearn_scores(task, x_tr, y_tr, x_te, y_te, seed):
    if task == "regression":
        models = {"random_forest": RandomForestRegressor(**RF_PARAMS, random_state=seed, n_jobs=2),
                  "gradient_boosting": HistGradientBoostingRegressor(random_state=seed)}
    else:
        models = {"random_forest": RandomForestClassifier(**RF_PARAMS, random_state=seed, n_jobs=2),
                  "gradient_boosting": HistGradientBoostingClassifier(random_state=seed)}
    out = {}
    for algo, model in models.items():
        model.fit(x_tr, y_tr)
        prob = None
        if task == "binary":
            positive = sorted(set(y_tr))[-1]  # AUC does not depend on which class is called positive
            prob = model.predict_proba(x_te)[:, list(model.classes_).index(positive)]
            out[algo] = score(task, (y_te == positive).astype(int), None, prob)
        else:
            out[algo] = score(task, y_te, model.predict(x_te))
    return out


class MlpipeRunner:
    """Runs training and evaluation jobs through the mlpipe binary in a private MLPIPE_HOME."""

    def __init__(self, home: Path, hyperparameters: dict):
        self.home = home
        self.hyperparameters = hyperparameters
        home.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MLPIPE_")}
        self.env["MLPIPE_HOME"] = str(home)

    def submit(self, config: Path, job_type: str) -> dict:
        proc = subprocess.run([BIN, "submit", "-t", job_type, "-c", str(config), "--wait", "--output", "json"],
                              capture_output=True, text=True, env=self.env, timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"mlpipe {job_type} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout)

    def scores(self, task, train: Path, test: Path, model_prefix: str, seed: int):
        out = {}
        for algo, hyper in self.hyperparameters.items():
            name = f"{model_prefix}_{algo}"
            config = self.home / f"{name}.yaml"
            config.write_text(yaml.safe_dump({
                "environment_config": {"backend": "local", "warehouse_root": str(self.home / "warehouse")},
                "model_config": {"model_name": name, "algorithm": algo, "task": task, "hyperparameters": hyper,
                                 "cv_folds": 0, "test_size": 0, "seed": seed},
                "data_config": {"training_data_path": str(train), "evaluation_data_path": str(test),
                                "target_column": TARGET},
            }, sort_keys=False))
            self.submit(config, "training")
            evaluation = self.submit(config, "evaluation")
            metrics = json.loads(Path(evaluation["outputs"]["metrics_file"]).read_text())
            out[algo] = metrics[metric_name(task)]
        return out


def run_table(name, folds, runner, work: Path, seed=0):
    x, y, task = TABLES[name]()
    splitter = (KFold(folds, shuffle=True, random_state=seed) if task == "regression"
                else StratifiedKFold(folds, shuffle=True, random_state=seed))
    per_fold = []
    for k, (tr, te) in enumerate(splitter.split(x, y)):
        x_tr, x_te, y_tr, y_te = x.iloc[tr], x.iloc[te], y.iloc[tr], y.iloc[te]
        paths = {}
        for part, (xs, ys) in {"train": (x_tr, y_tr), "test": (x_te, y_te)}.items():
            frame = xs.copy()
            frame.columns = [f"f_{c}".replace(" ", "_") for c in frame.columns]
            frame[TARGET] = ys.to_numpy()
            paths[part] = work / f"{name}_f{k}_{part}.parquet"
            frame.to_parquet(paths[part], index=False)
        fold = {"sklearn": sklearn_scores(task, x_tr, y_tr, x_te, y_te, seed),
                "mlpipe": runner.scores(task, paths["train"], paths["test"], f"{name}_f{k}", seed)}
        per_fold.append(fold)
        print(f"  {name} fold {k}: {json.dumps(fold)}", flush=True)
    mean = {tool: {algo: float(np.mean([f[tool][algo] for f in per_fold])) for algo in per_fold[0][tool]}
            for tool in ("sklearn", "mlpipe")}
    return {"task": task, "metric": metric_name(task), "rows": len(x), "folds": per_fold, "mean": mean}


def rewrite_doc_section():
    """Replaces the model-quality section of docs/BENCHMARKS.md (between its markers) from bench/results."""
    doc = REPO / "docs" / "BENCHMARKS.md"
    text = doc.read_text()
    begin, end = text.find(report.QUALITY_BEGIN), text.find(report.QUALITY_END)
    section = "\n".join(report.quality_section(REPO / "bench" / "results"))
    if begin < 0 or end < 0:
        text = text.replace("\n## Plots\n", f"\n{section}\n\n## Plots\n", 1)
    else:
        text = text[:begin] + section + text[end + len(report.QUALITY_END):]
    doc.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", nargs="*", default=list(TABLES), choices=list(TABLES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0, help="of the folds and of both tools' models")
    parser.add_argument("--rf-params", type=json.loads, default={}, help="JSON merged over mlpipe's random_forest")
    parser.add_argument("--gb-params", type=json.loads, default={},
                        help="JSON hyperparameters for mlpipe's gradient_boosting, e.g. '{\"subsample\": 1.0}'")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "quality.json")
    args = parser.parse_args()
    results = {}
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="mlpipe-quality-") as tmp:
        work = Path(tmp)
        runner = MlpipeRunner(work / "home", {"random_forest": {**RF_PARAMS, **args.rf_params},
                                              "gradient_boosting": args.gb_params})
        for name in args.tables:
            results[name] = run_table(name, args.folds, runner, work, args.seed)
    print(f"\n{'table':<18} {'metric':<9} {'algorithm':<18} {'scikit-learn':>12} {'mlpipe':>8}  target")
    for name, r in results.items():
        for algo, sk in r["mean"]["sklearn"].items():
            ml = r["mean"]["mlpipe"][algo]
            ok = "met" if report.quality_met(r["task"], sk, ml) else "MISSED"
            print(f"{name:<18} {r['metric']:<9} {algo:<18} {sk:>12.4f} {ml:>8.4f}  {ok}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"folds": args.folds, "seed": args.seed, "rf_params": args.rf_params,
                                    "gb_params": args.gb_params, "seconds": round(time.time() - started, 1),
                                    "tables": results}, indent=1))
    print(f"wrote {args.out} ({time.time() - started:.0f} s)")
    if args.out.parent.resolve() == (REPO / "bench" / "results").resolve():
        rewrite_doc_section()
        print("updated the model-quality section of docs/BENCHMARKS.md")


if __name__ == "__main__":
    sys.exit(main())
