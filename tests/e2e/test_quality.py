"""Quality bar: mlpipe's random forest (XGBoost RF mode) against scikit-learn's RandomForestClassifier
(100 trees, max_depth 10) on the very same 5 folds, which mlpipe records in cv_folds.json."""
import json

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

from conftest import DATA


def sklearn_cv_auc(csv, folds):
    df = pd.read_csv(DATA / csv)
    y = (df.pop("churn").str.lower() == "yes").astype(int).to_numpy()
    x = pd.get_dummies(df, dtype=float).to_numpy()
    aucs = []
    for k in sorted(set(folds) - {-1}):
        test, train = folds == k, (folds != k) & (folds != -1)
        rf = RandomForestClassifier(n_estimators=100, max_depth=10, random_state=0, n_jobs=2)
        rf.fit(x[train], y[train])
        aucs.append(roc_auc_score(y[test], rf.predict_proba(x[test])[:, 1]))
    return float(np.mean(aucs))


@pytest.mark.parametrize("csv", ["mlc_churn.csv", "wa_churn.csv"])
def test_random_forest_matches_sklearn(mlpipe, tmp_path, csv):
    mlpipe.seed_raw(csv)
    cfg = mlpipe.write_config(tmp_path / "rf.yaml",
                              model_config={"model_name": "rf", "algorithm": "random_forest",
                                            "hyperparameters": {"n_estimators": 100, "max_depth": 10},
                                            "cv_folds": 5, "test_size": 0.0},
                              data_config={"training_data_path": f"data/raw/{csv}", "feature_pipeline": []})
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "--wait")
    assert proc.returncode == 0, proc.stderr
    model = mlpipe.warehouse / "models" / "rf" / "v1"
    ours = json.loads((model / "metadata.json").read_text())["metrics"]["cv"]["mean"]["roc_auc"]
    folds = np.array(json.loads((model / "cv_folds.json").read_text()))
    assert len(folds) == len(pd.read_csv(DATA / csv)) and set(folds) == {0, 1, 2, 3, 4}
    theirs = sklearn_cv_auc(csv, folds)
    print(f"{csv}: mlpipe {ours:.4f} vs scikit-learn {theirs:.4f}")
    assert ours >= theirs - 0.01
