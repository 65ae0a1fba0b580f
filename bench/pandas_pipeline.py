"""The data-processing job's steps in pandas, as a pandas user would write them: read Parquet, split
80/20 stratified on the target, fit each feature_pipeline step on the training part (medians, categories,
means and standard deviations) and apply it to both parts, write both as Parquet (snappy).
Supports the step kinds the benchmark pipelines use: impute (median/mean), derive, filter, dedupe,
encode (onehot), scale (standard). Expressions go to DataFrame.eval.
Usage: python bench/pandas_pipeline.py DATA.parquet TARGET PIPELINE.json OUT_DIR  -> JSON on stdout
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from workloads import SPLIT, step_kind


def stratified_split(df, target, test_size, seed):
    """Boolean mask of the validation rows: test_size of each class, at random."""
    rng = np.random.default_rng(seed)
    valid = np.zeros(len(df), dtype=bool)
    for _, rows in df.groupby(target, sort=True).indices.items():
        valid[rng.permutation(rows)[:round(test_size * len(rows))]] = True
    return valid


def fit_step(kind, args, train):
    """Fits one step on `train`; returns the function that applies it to any part."""
    if kind == "impute":
        cols = args["columns"]
        values = train[cols].median() if args.get("strategy", "mean") == "median" else train[cols].mean()
        return lambda df: df.fillna(values.to_dict())
    if kind == "derive":
        return lambda df: df.assign(**{args["name"]: df.eval(args["expr"])})
    if kind == "filter":
        return lambda df: df[df.eval(args).fillna(False).astype(bool)]
    if kind == "dedupe":
        subset = args.get("columns") if isinstance(args, dict) else None
        return lambda df: df.drop_duplicates(subset=subset)
    if kind == "encode":
        cats = {c: sorted(train[c].dropna().unique()) for c in args["columns"]}

        def onehot(df):
            df = df.assign(**{c: pd.Categorical(df[c], categories=v) for c, v in cats.items()})
            return pd.get_dummies(df, columns=list(cats), dtype=np.float64)
        return onehot
    if kind == "scale":
        cols = args["columns"]
        mean, std = train[cols].mean(), train[cols].std(ddof=0).replace(0, 1)
        return lambda df: df.assign(**{c: (df[c] - mean[c]) / std[c] for c in cols})
    raise ValueError(f"pandas_pipeline: step kind '{kind}' is not implemented")


def process(data, target, steps, out_dir):
    df = pq.read_table(data).to_pandas()
    valid_mask = stratified_split(df, target, SPLIT["test_size"], SPLIT["seed"])
    train, valid = df[~valid_mask], df[valid_mask]
    for step in steps:
        apply = fit_step(*step_kind(step), train)
        train, valid = apply(train), apply(valid)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    train.to_parquet(out / "training.parquet", compression="snappy", index=False)
    valid.to_parquet(out / "validation.parquet", compression="snappy", index=False)
    return {"rows_in": len(df), "rows_training": len(train), "rows_validation": len(valid),
            "columns_out": train.shape[1]}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    data, target, pipeline, out_dir = sys.argv[1:5]
    steps = json.loads(Path(pipeline).read_text())
    start = time.perf_counter()
    result = process(data, target, steps, out_dir)
    print(json.dumps({"seconds": time.perf_counter() - start, **result}))


if __name__ == "__main__":
    main()
