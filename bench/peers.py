"""One training run of a peer library, on the same data and hold-out as an mlpipe run.
Reads the Parquet file, one-hot encodes the string columns (as mlpipe does), trains on the rows the
mlpipe model's cv_folds.json marks as training, scores ROC AUC on its hold-out (-1), prints JSON.
Usage: python bench/peers.py {xgboost,sklearn} WORKLOAD DATA.parquet MLPIPE_MODEL_DIR
       python bench/peers.py xgboost-predict DATA.parquet MLPIPE_MODEL_DIR OUT.parquet
  WORKLOAD: rf (random forest, 100 trees, depth 10) | gbm (100 rounds, depth 6, learning rate 0.1)
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from sklearn.metrics import roc_auc_score


def load(data, model_dir):
    df = pq.read_table(data).to_pandas()
    y = (df.pop("target") == "yes").to_numpy().astype(int)
    x = pd.get_dummies(df, dtype=np.float32).to_numpy(dtype=np.float32)
    folds = np.array(json.loads(open(f"{model_dir}/cv_folds.json").read()))
    return x, y, folds != -1


def train_xgboost(workload, x, y, model_dir):
    import xgboost as xgb
    params = json.loads(open(f"{model_dir}/metadata.json").read())["xgboost"]  # mlpipe's mapped params
    booster_params = dict(params["params"])
    dtrain = xgb.DMatrix(x, label=y)
    return xgb.train(booster_params, dtrain, num_boost_round=params["num_rounds"]), lambda m, xt: m.inplace_predict(xt)


def train_sklearn(workload, x, y, _model_dir):
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    if workload == "rf":
        model = RandomForestClassifier(n_estimators=100, max_depth=10, n_jobs=-1, random_state=0)
    else:
        model = HistGradientBoostingClassifier(max_iter=100, max_depth=6, learning_rate=0.1, early_stopping=False)
    return model.fit(x, y), lambda m, xt: m.predict_proba(xt)[:, 1]


def predict_xgboost(data, model_dir, out):
    """Untimed: fit XGBoost with mlpipe's parameters. Timed: read Parquet, one-hot, inplace_predict,
    write Parquet (snappy) -- the same end-to-end path as an mlpipe prediction job."""
    import pyarrow as pa
    import xgboost as xgb
    x, y, _ = load(data, model_dir)
    params = json.loads(open(f"{model_dir}/metadata.json").read())["xgboost"]
    booster = xgb.train(dict(params["params"]), xgb.DMatrix(x, label=y), num_boost_round=params["num_rounds"])
    start = time.perf_counter()
    df = pq.read_table(data).to_pandas()
    df.pop("target")
    features = pd.get_dummies(df, dtype=np.float32).to_numpy(dtype=np.float32)
    p = booster.inplace_predict(features)
    pq.write_table(pa.table({"row_number": np.arange(len(p)), "probability_yes": p}), out, compression="snappy")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows_per_s": len(p) / seconds}))


def main():
    if sys.argv[1] == "xgboost-predict":
        predict_xgboost(*sys.argv[2:5])
        return
    lib, workload, data, model_dir = sys.argv[1:5]
    x, y, train = load(data, model_dir)
    start = time.perf_counter()
    model, predict = {"xgboost": train_xgboost, "sklearn": train_sklearn}[lib](workload, x[train], y[train], model_dir)
    fit_s = time.perf_counter() - start
    auc = roc_auc_score(y[~train], predict(model, x[~train]))
    print(json.dumps({"fit_seconds": fit_s, "roc_auc": auc}))


if __name__ == "__main__":
    main()
