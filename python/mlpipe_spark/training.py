"""Distributed training with XGBoost's own collective: the tracker runs on the driver
(engine.Tracker), one barrier task per worker joins it and trains on its share of the rows with the
engine (engine.train_shard): per CV fold and then the final model, exactly the local job's loop.
Each worker scores its own held-out rows; the partial metrics are merged on the driver.
Rows carry their role in a FOLD column: -1 hold-out (scored by the final model), else the CV fold."""
import numpy as np
import pyarrow as pa
from pyspark.sql.types import IntegerType

from mlpipe_spark import engine
from mlpipe_spark.reading import GID

FOLD = "__mlpipe_fold"

TRACKER_TIMEOUT_SECONDS = 600
# Fewer rows than this per worker are not worth a worker (and every fold needs rows on every worker).
MIN_ROWS_PER_WORKER = 200


def worker_count(spark, rows):
    """One worker per task slot the application has (executors x cores / task cpus), at most one
    per MIN_ROWS_PER_WORKER rows."""
    sc = spark.sparkContext
    conf = sc.getConf()
    task_cpus = int(conf.get("spark.task.cpus", "1"))
    executors = conf.get("spark.executor.instances")
    if sc.master.startswith("local") or executors is None:
        slots = sc.defaultParallelism
    else:
        slots = int(executors) * int(conf.get("spark.executor.cores", "1")) // task_cpus
    return max(1, min(slots, rows // MIN_ROWS_PER_WORKER))


def with_folds(df, assignment):
    """`df` (with GID) with the GID replaced by each row's FOLD from `assignment` (int32 bytes
    indexed by GID, engine.fold_plan)."""
    shipped = df.sparkSession.sparkContext.broadcast(assignment)
    columns = [c for c in df.columns if c != GID]
    schema = df.select(*columns).schema.add(FOLD, IntegerType(), nullable=False)

    def tag(batches):
        folds = np.frombuffer(shipped.value, dtype=np.int32)
        for b in batches:
            rows = folds[b.column(GID).to_numpy()]
            yield b.drop_columns([GID]).append_column(pa.field(FOLD, pa.int32(), nullable=False), pa.array(rows))
    return df.mapInArrow(tag, schema)


def train(job, rows_df, model_input, features, task, classes, rows_per_fold, train_rows):
    """Trains on `rows_df` (the columns `model_input` encodes into `features`, the target and FOLD)
    across workers, with one CV model per entry of `rows_per_fold` (rows of each fold) and the final model on the `train_rows`
    non-hold-out rows. Returns (model bytes, per-fold partial metrics lists, hold-out partials)."""
    spark = job.spark
    conf = spark.sparkContext.getConf()
    if conf.get("spark.dynamicAllocation.enabled", "false").lower() == "true" \
            and not spark.sparkContext.master.startswith("local"):
        raise ValueError("distributed training runs as a Spark barrier stage, which Spark refuses under dynamic "
                         "allocation; submit training with spark.dynamicAllocation.enabled=false")
    cv_folds = len(rows_per_fold)
    workers = worker_count(spark, train_rows)
    host = spark.conf.get("spark.driver.host")
    nthread = int(conf.get("spark.task.cpus", "1"))
    job.log(f"training on {workers} worker(s), tracker on {host}, {cv_folds} CV folds")
    tracker = engine.Tracker.start(workers, host, TRACKER_TIMEOUT_SECONDS)
    worker_args = tracker.worker_args
    config = job.config
    pipeline_json = model_input.to_json()
    deadline = job.deadline_unix_seconds

    def train_task(batches):
        from pyspark import BarrierTaskContext
        task_id = BarrierTaskContext.get().partitionId()
        batches = list(batches)
        folds = np.concatenate([b.column(FOLD).to_numpy() for b in batches]) if batches else np.zeros(0, np.int32)
        model, fold_parts, holdout = engine.train_shard(
            config, [b.drop_columns([FOLD]) for b in batches], engine.Pipeline.from_json(pipeline_json), features,
            task, classes, folds.astype(np.int32).tobytes(), rows_per_fold, train_rows, worker_args, task_id,
            TRACKER_TIMEOUT_SECONDS, nthread, deadline)
        yield pa.RecordBatch.from_pydict({"task": [task_id], "model": [model if task_id == 0 else b""],
                                          "folds": [fold_parts], "holdout": [holdout]})

    shards = rows_df.repartition(workers) \
                    .mapInArrow(train_task, "task long, model binary, folds array<binary>, holdout binary",
                                barrier=True).collect()
    tracker.wait()
    shards = sorted(shards, key=lambda r: r["task"])
    folds = [[bytes(r["folds"][f]) for r in shards] for f in range(cv_folds)]
    return bytes(shards[0]["model"]), folds, [bytes(r["holdout"]) for r in shards]
