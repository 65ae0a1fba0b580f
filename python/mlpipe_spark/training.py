"""Distributed training with XGBoost's own collective: the tracker runs on the driver
(engine.Tracker), one barrier task per worker joins it and trains on its share of the rows with the
engine (engine.train_shard): per CV fold and then the final model, exactly the local job's loop.
Each worker scores its own held-out rows; the partial metrics are merged on the driver."""
import numpy as np
import pyarrow as pa

from mlpipe_spark import engine
from mlpipe_spark.reading import GID

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


def train(job, rows_df, model_input, features, task, classes, assignment):
    """Trains on `rows_df` (feature and target columns plus GID) across workers. Returns (model
    bytes, per-fold partial metrics lists, hold-out partials)."""
    spark = job.spark
    conf = spark.sparkContext.getConf()
    if conf.get("spark.dynamicAllocation.enabled", "false").lower() == "true" \
            and not spark.sparkContext.master.startswith("local"):
        raise ValueError("distributed training runs as a Spark barrier stage, which Spark refuses under dynamic "
                         "allocation; submit training with spark.dynamicAllocation.enabled=false")
    a = np.frombuffer(assignment, dtype=np.int32)
    cv_folds = job.model["cv_folds"] if job.model["cv_folds"] >= 2 else 0
    rows_per_fold = [int(np.count_nonzero(a == f)) for f in range(cv_folds)]
    train_rows = int(np.count_nonzero(a >= 0))
    workers = worker_count(spark, len(a))
    host = spark.conf.get("spark.driver.host")
    nthread = int(conf.get("spark.task.cpus", "1"))
    job.log(f"training on {workers} worker(s), tracker on {host}, {cv_folds} CV folds")
    tracker = engine.Tracker.start(workers, host, TRACKER_TIMEOUT_SECONDS)
    worker_args = tracker.worker_args
    shipped = spark.sparkContext.broadcast(assignment)
    config = job.config
    pipeline_json = model_input.to_json()
    target = job.data["target_column"]

    def train_task(batches):
        from pyspark import BarrierTaskContext
        task_id = BarrierTaskContext.get().partitionId()
        batches = list(batches)
        gids = np.concatenate([b.column(GID).to_numpy() for b in batches]) if batches else np.zeros(0, np.int64)
        rows = np.frombuffer(shipped.value, dtype=np.int32)[gids]
        model, folds, holdout = engine.train_shard(
            config, [b.drop_columns([GID]) for b in batches], engine.Pipeline.from_json(pipeline_json), features,
            task, classes, rows.astype(np.int32).tobytes(), rows_per_fold, train_rows, worker_args, task_id,
            TRACKER_TIMEOUT_SECONDS, nthread)
        yield pa.RecordBatch.from_pydict({"task": [task_id], "model": [model if task_id == 0 else b""],
                                          "folds": [folds], "holdout": [holdout]})

    shards = rows_df.select(*features, target, GID).repartition(workers) \
                    .mapInArrow(train_task, "task long, model binary, folds array<binary>, holdout binary",
                                barrier=True).collect()
    tracker.wait()
    shards = sorted(shards, key=lambda r: r["task"])
    folds = [[bytes(r["folds"][f]) for r in shards] for f in range(cv_folds)]
    return bytes(shards[0]["model"]), folds, [bytes(r["holdout"]) for r in shards]
