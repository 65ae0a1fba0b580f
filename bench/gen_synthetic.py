"""Synthetic benchmark data: 20 numeric and 5 categorical features, ~5% missing values, and a binary
target with real signal (a logistic function of a few features, their interactions and categories).
Fixed seed: the same size always gives the same file. Written in chunks of 10^6 rows (one Parquet row
group each, snappy), each from its own seeded stream, so 10^7 rows need only one chunk in memory.
Usage: python bench/gen_synthetic.py ROWS OUT.parquet [--seed 42]
"""
import argparse

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CHUNK_ROWS = 1_000_000
CATEGORIES = {f"cat_{i}": [f"c{i}_{j}" for j in range(k)] for i, k in enumerate([3, 5, 8, 12, 30])}


def generate(rows: int, seed) -> pa.Table:
    rng = np.random.default_rng(seed)
    num = rng.normal(size=(rows, 20)).astype(np.float64)
    cols = {f"num_{i}": num[:, i] for i in range(20)}
    cat_idx = {name: rng.integers(0, len(vals), size=rows) for name, vals in CATEGORIES.items()}
    cat_effect = sum(np.sin(idx * (i + 1)) * 0.6 for i, idx in enumerate(cat_idx.values()))
    logit = (1.2 * num[:, 0] - 0.8 * num[:, 1] + 0.6 * num[:, 2] * num[:, 3] + 0.5 * np.abs(num[:, 4])
             - 0.4 * num[:, 5] ** 2 + cat_effect - 0.3)
    target = rng.random(rows) < 1 / (1 + np.exp(-logit))
    for name in list(cols)[:10]:  # missing values in half of the numeric columns
        col = cols[name].copy()
        col[rng.random(rows) < 0.05] = np.nan
        cols[name] = col
    arrays = {name: pa.array(v, from_pandas=True) for name, v in cols.items()}
    for name, idx in cat_idx.items():
        arrays[name] = pa.array(np.array(CATEGORIES[name])[idx])
    arrays["target"] = pa.array(np.where(target, "yes", "no"))
    return pa.table(arrays)


def write(rows: int, out: str, seed: int = 42) -> None:
    with pq.ParquetWriter(out, generate(0, seed).schema, compression="snappy") as writer:
        for chunk, start in enumerate(range(0, rows, CHUNK_ROWS)):
            writer.write_table(generate(min(CHUNK_ROWS, rows - start), [seed, chunk]),
                               row_group_size=CHUNK_ROWS)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("rows", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    write(a.rows, a.out, a.seed)


if __name__ == "__main__":
    main()
