"""What the benchmark measures, shared by the harness and every peer: the two training workloads
(scikit-learn names, as written in job_config.yaml) and the data-processing pipeline on the synthetic
data, which mirrors the example config's feature_pipeline step for step (examples/job_config.yaml:
impute median, derive a ratio, filter, dedupe, one-hot encode, standard-scale; then an 80/20 split
stratified on the target).
"""
import json

import numpy as np
import pyarrow.parquet as pq

WORKLOADS = {
    "rf": {"algorithm": "random_forest", "hyperparameters": {"n_estimators": 100, "max_depth": 10}},
    "gbm": {"algorithm": "gradient_boosting",
            "hyperparameters": {"n_estimators": 100, "max_depth": 6, "learning_rate": 0.1}},
}

SYNTHETIC_PIPELINE = [
    {"impute": {"strategy": "median", "columns": ["num_0", "num_1"]}},
    {"derive": {"name": "ratio", "expr": "num_0 / (abs(num_12) + 1)"}},
    {"filter": "num_15 >= -3"},
    {"dedupe": True},
    {"encode": {"method": "onehot", "columns": [f"cat_{i}" for i in range(5)]}},
    {"scale": {"method": "standard", "columns": ["num_0", "num_1", "num_12", "ratio"]}},
]
SPLIT = {"test_size": 0.2, "seed": 42, "stratify": True}
HOLDOUT_COLUMN = "__holdout"  # added to the Spark peer's copy of the data: True = hold-out row


def step_kind(step) -> tuple[str, object]:
    """(kind, arguments) of one feature_pipeline item ({kind: arguments})."""
    (kind, args), = step.items()
    return kind, args


def positive_label(values) -> str:
    """The class mlpipe scores as positive: the larger of the two labels in sort order."""
    return sorted(set(values))[-1]


def parquet_rows(path) -> int:
    return pq.ParquetFile(path).metadata.num_rows


def training_rows(model_dir) -> np.ndarray:
    """True for the rows mlpipe trained on; False for its hold-out (cv_folds.json marks them -1)."""
    return np.array(json.loads(open(f"{model_dir}/cv_folds.json").read())) != -1
