"""One run of a Python peer library, on the same data and hold-out as an mlpipe run. Prints JSON.
Features as mlpipe builds them: numeric columns as they are (missing = NaN, which both libraries handle
natively), string columns one-hot encoded in place (pandas get_dummies). Trains on the rows the mlpipe model's
cv_folds.json marks as training and scores ROC AUC on its hold-out (-1).

  peers.py train {xgboost,sklearn} WORKLOAD DATA.parquet TARGET MLPIPE_MODEL_DIR
      -> fit_seconds (fit alone), e2e_seconds (read Parquet, encode, fit, score the hold-out), roc_auc
  peers.py xgboost-predict MLPIPE_MODEL_DIR TARGET INPUT.parquet OUT.parquet
      untimed: load the XGBoost booster mlpipe trained (model.ubj); timed: read INPUT, encode, inplace_predict,
      write Parquet (snappy) -- the same end-to-end path as an mlpipe prediction job -> seconds, rows

WORKLOAD: rf (random forest, 100 trees, depth 10) | gbm (100 rounds, depth 6, learning rate 0.1);
XGBoost runs with exactly the parameters mlpipe mapped (the model's metadata.json); scikit-learn runs
RandomForestClassifier / HistGradientBoostingClassifier with the same sizes.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sklearn.metrics import roc_auc_score

from workloads import positive_label, training_rows


def features(df: pd.DataFrame) -> pd.DataFrame:
    """One-hot encodes the string columns in place (categories sorted), so the column order is mlpipe's:
    XGBoost breaks ties between equally good splits by column, so the order must match for equal models.
    The names are mlpipe's too (column=category), so an mlpipe booster's feature names select them."""
    parts = [pd.get_dummies(df[[c]], dtype=np.float32, prefix_sep="=") if pd.api.types.is_string_dtype(df[c])
             else df[[c]]
             for c in df.columns]
    return pd.concat(parts, axis=1)


def load(data, target):
    df = pq.read_table(data).to_pandas()
    labels = df.pop(target)
    y = (labels == positive_label(labels)).to_numpy().astype(int)
    return features(df), y


def xgboost_params(model_dir):
    return json.loads(open(f"{model_dir}/metadata.json").read())["xgboost"]  # mlpipe's mapped params


def fit_xgboost(_workload, x, y, model_dir):
    import xgboost as xgb
    params = xgboost_params(model_dir)
    booster = xgb.train(dict(params["params"]), xgb.DMatrix(x, label=y), num_boost_round=params["num_rounds"])
    return lambda xt: booster.inplace_predict(xt)


def fit_sklearn(workload, x, y, _model_dir):
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    if workload == "rf":
        model = RandomForestClassifier(n_estimators=100, max_depth=10, n_jobs=-1, random_state=0)
    else:
        model = HistGradientBoostingClassifier(max_iter=100, max_depth=6, learning_rate=0.1, early_stopping=False)
    model.fit(x, y)
    return lambda xt: model.predict_proba(xt)[:, 1]


def train(lib, workload, data, target, model_dir):
    fit = {"xgboost": fit_xgboost, "sklearn": fit_sklearn}[lib]
    if lib == "xgboost":
        import xgboost  # noqa: F401  (import outside the timed part, as for scikit-learn above)
    start = time.perf_counter()
    df, y = load(data, target)
    x = df.to_numpy(dtype=np.float32)
    train_rows = training_rows(model_dir)
    fit_start = time.perf_counter()
    predict = fit(workload, x[train_rows], y[train_rows], model_dir)
    fit_s = time.perf_counter() - fit_start
    auc = roc_auc_score(y[~train_rows], predict(x[~train_rows]))
    print(json.dumps({"fit_seconds": fit_s, "e2e_seconds": time.perf_counter() - start, "roc_auc": auc}))


def xgboost_predict(model_dir, target, input_path, out):
    import xgboost as xgb
    booster = xgb.Booster(model_file=f"{model_dir}/model.ubj")  # the very model mlpipe's job loads
    columns = booster.feature_names
    start = time.perf_counter()
    batch = pq.read_table(input_path).to_pandas()
    batch = batch.drop(columns=[target], errors="ignore")
    x = features(batch).reindex(columns=columns, fill_value=0).to_numpy(dtype=np.float32)
    p = booster.inplace_predict(x)
    pq.write_table(pa.table({"row_number": np.arange(len(p)), "probability": p}), out, compression="snappy")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rows": len(p)}))


def main():
    if sys.argv[1] == "train":
        train(*sys.argv[2:7])
    elif sys.argv[1] == "xgboost-predict":
        xgboost_predict(*sys.argv[2:6])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
