"""The Spark MLlib peer, in local[2] (two cores, the whole machine): training, prediction and data
processing, on the same data as mlpipe. Prints JSON; times exclude starting the JVM and session (the
harness's wall time includes them).

Features (the same as the other peers get): string columns -> StringIndexer (alphabetical, unseen and
missing kept as their own index) -> OneHotEncoder (all categories); numeric columns as they are, except
that missing values become -1e9 (MLlib trees have no missing-value support; a constant below every value
lets a split isolate them, as XGBoost's default direction does); VectorAssembler of both. The label is
target == the positive class (the larger label, as mlpipe scores it). Tree parameters are MLlib's
defaults (e.g. maxBins 32) except the workload's: RandomForestClassifier(numTrees=100, maxDepth=10),
GBTClassifier(maxIter=100, maxDepth=6, stepSize=0.1).

  spark_peers.py train WORKLOAD DATA.parquet TARGET POSITIVE [--save-model DIR] [--rounds 100]
      DATA carries the boolean __holdout column (the mlpipe model's hold-out rows)
      -> fit_seconds (Pipeline.fit on the training rows, reading Parquet included), e2e_seconds (read,
         fit, score the hold-out, AUC), roc_auc
  spark_peers.py predict MODEL_DIR INPUT.parquet OUT_DIR
      -> seconds for read Parquet -> features -> predict (transform) -> write Parquet (snappy), rows
  spark_peers.py process DATA.parquet TARGET PIPELINE.json OUT_DIR
      the data-processing job's steps with the DataFrame API (see process()) -> seconds, rows
Options for all: --driver-memory 8g (local mode runs everything in the driver JVM); --quick-jvm (smoke).
"""
import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from workloads import HOLDOUT_COLUMN, SPLIT, parquet_rows, step_kind

MISSING = -1e9


# Smoke runs only: the JVM's C1 compiler alone and the serial GC start faster and halve the wall time of
# seconds-long Spark jobs on tiny data (and would slow the real benchmark's long ones).
QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def session(driver_memory, quick_jvm):
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.master("local[2]").appName("mlpipe-bench")
    if quick_jvm:
        builder = builder.config("spark.driver.extraJavaOptions", QUICK_JVM)
    spark = (builder.config("spark.driver.memory", driver_memory)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.local.dir", tempfile.mkdtemp(prefix="mlpipe-bench-spark-"))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def columns_by_kind(df, skip):
    from pyspark.sql.types import NumericType, StringType
    fields = [f for f in df.schema.fields if f.name not in skip]
    return ([f.name for f in fields if isinstance(f.dataType, NumericType)],
            [f.name for f in fields if isinstance(f.dataType, StringType)])


def fill_missing(df, target):
    numeric, _ = columns_by_kind(df, {target, HOLDOUT_COLUMN})
    return df.na.fill(MISSING, subset=numeric)


def feature_stages(df, target):
    from pyspark.ml.feature import OneHotEncoder, StringIndexer, VectorAssembler
    numeric, strings = columns_by_kind(df, {target, HOLDOUT_COLUMN, "label"})
    indexed = [f"{c}__index" for c in strings]
    onehot = [f"{c}__onehot" for c in strings]
    return [StringIndexer(inputCols=strings, outputCols=indexed, handleInvalid="keep", stringOrderType="alphabetAsc"),
            OneHotEncoder(inputCols=indexed, outputCols=onehot, dropLast=False),
            VectorAssembler(inputCols=numeric + onehot, outputCol="features")]


def classifier(workload, rounds):
    from pyspark.ml.classification import GBTClassifier, RandomForestClassifier
    if workload == "rf":
        return RandomForestClassifier(numTrees=rounds, maxDepth=10, seed=0)
    return GBTClassifier(maxIter=rounds, maxDepth=6, stepSize=0.1, seed=0)


def probability_of_positive():
    from pyspark.ml.functions import vector_to_array
    return vector_to_array("probability")[1]


def train(spark, a):
    from pyspark.ml import Pipeline
    from pyspark.sql import functions as F
    from sklearn.metrics import roc_auc_score
    start = time.perf_counter()
    df = spark.read.parquet(a.data)
    df = fill_missing(df, a.target).withColumn("label", (F.col(a.target) == a.positive).cast("double"))
    pipeline = Pipeline(stages=feature_stages(df, a.target) + [classifier(a.workload, a.rounds)])
    fit_start = time.perf_counter()
    model = pipeline.fit(df.filter(~F.col(HOLDOUT_COLUMN)))
    fit_s = time.perf_counter() - fit_start
    scored = (model.transform(df.filter(F.col(HOLDOUT_COLUMN)))
              .select(probability_of_positive().alias("p"), "label").toPandas())
    auc = roc_auc_score(scored["label"], scored["p"])
    e2e_s = time.perf_counter() - start
    if a.save_model:
        model.write().overwrite().save(a.save_model)
    return {"fit_seconds": fit_s, "e2e_seconds": e2e_s, "roc_auc": auc}


def predict(spark, a):
    from pyspark.ml import PipelineModel
    from pyspark.sql import functions as F
    model = PipelineModel.load(a.model_dir)
    start = time.perf_counter()
    df = spark.read.parquet(a.input)
    out = model.transform(fill_missing(df, "")).select(F.monotonically_increasing_id().alias("row_number"),
                                                       probability_of_positive().alias("probability"))
    out.write.mode("overwrite").option("compression", "snappy").parquet(a.out_dir)
    return {"seconds": time.perf_counter() - start, "rows": parquet_rows(a.input)}


def fit_step(kind, args, train):
    """Fits one step on `train` (one Spark job for the steps with statistics); returns the function that
    applies it to a DataFrame. Medians are percentile_approx (what MLlib's Imputer uses)."""
    from pyspark.sql import functions as F
    if kind == "impute":
        cols = args["columns"]
        agg = F.percentile_approx if args.get("strategy", "mean") == "median" else (lambda c, _: F.mean(c))
        values = train.agg(*[agg(c, 0.5).alias(c) for c in cols]).first().asDict()
        return lambda df: df.fillna(values)
    if kind == "derive":
        return lambda df: df.withColumn(args["name"], F.expr(args["expr"]))
    if kind == "filter":
        return lambda df: df.filter(F.expr(args))
    if kind == "dedupe":
        subset = args.get("columns") if isinstance(args, dict) else None
        return lambda df: df.dropDuplicates(subset)
    if kind == "encode":
        cols = args["columns"]
        sets = train.agg(*[F.collect_set(c).alias(c) for c in cols]).first().asDict()
        onehot = [F.when(F.col(c) == v, 1.0).otherwise(0.0).alias(f"{c}_{v}") for c in cols for v in sorted(sets[c])]
        return lambda df: df.select(*[c for c in df.columns if c not in cols], *onehot)
    if kind == "scale":
        cols = args["columns"]
        row = train.agg(*[F.mean(c).alias(f"m_{c}") for c in cols],
                        *[F.stddev_pop(c).alias(f"s_{c}") for c in cols]).first().asDict()
        return lambda df: df.select(*[((F.col(c) - row[f"m_{c}"]) / (row[f"s_{c}"] or 1.0)).alias(c)
                                      if c in cols else F.col(c) for c in df.columns])
    raise ValueError(f"spark_peers: step kind '{kind}' is not implemented")


def process(spark, a):
    """Read Parquet; split test_size at random per row (Bernoulli: every class ~test_size, not exactly
    stratified); cache the training part, fit each step on it and apply it to both parts; write both."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    steps = json.loads(Path(a.pipeline).read_text())
    start = time.perf_counter()
    df = spark.read.parquet(a.data).withColumn("__r", F.rand(SPLIT["seed"]))
    train = df.filter(F.col("__r") >= SPLIT["test_size"]).drop("__r").persist(StorageLevel.MEMORY_AND_DISK)
    valid = df.filter(F.col("__r") < SPLIT["test_size"]).drop("__r")
    for step in steps:
        apply = fit_step(*step_kind(step), train)
        train, valid = apply(train), apply(valid)
    for name, part in (("training", train), ("validation", valid)):
        part.write.mode("overwrite").option("compression", "snappy").parquet(os.path.join(a.out_dir, name))
    seconds = time.perf_counter() - start
    import pyarrow.dataset as ds
    rows = {name: ds.dataset(os.path.join(a.out_dir, name)).count_rows() for name in ("training", "validation")}
    return {"seconds": seconds, "rows_in": parquet_rows(a.data), "rows_training": rows["training"],
            "rows_validation": rows["validation"], "columns_out": len(train.columns)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--driver-memory", default="8g")
    p.add_argument("--quick-jvm", action="store_true", help="smoke runs: " + QUICK_JVM)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    for name in ("workload", "data", "target", "positive"):
        t.add_argument(name)
    t.add_argument("--save-model")
    t.add_argument("--rounds", type=int, default=100, help="trees / iterations (the smoke run uses fewer)")
    pr = sub.add_parser("predict")
    for name in ("model_dir", "input", "out_dir"):
        pr.add_argument(name)
    pc = sub.add_parser("process")
    for name in ("data", "target", "pipeline", "out_dir"):
        pc.add_argument(name)
    a = p.parse_args()
    spark = session(a.driver_memory, a.quick_jvm)
    try:
        print(json.dumps({"train": train, "predict": predict, "process": process}[a.command](spark, a)))
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
