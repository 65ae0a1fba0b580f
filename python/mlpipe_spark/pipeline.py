"""The feature pipeline on Spark: fitted step by step from per-partition statistics computed by the
engine (Pipeline.collect_step_stats), merged on the driver; applied per batch with mapInArrow. A
dedupe step needs every row at once: the engine gives each row's key and Spark keeps the first row
of each key in input order. Input DataFrames must have their partitions in input order
(reading.Input.ordered); outputs keep that order.

The result equals FittedPipeline::Fit / Transform on the whole table (tested in
src/engine/features/distributed_fit_test.cc for the engine side)."""
import functools
import json

import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import functions as F

from mlpipe_spark import engine
from mlpipe_spark.reading import ORDER, spark_schema

KEY = "__mlpipe_key"
# Steps whose fitted state comes from the data; the others are validated against the schema only.
_LEARNING_STEPS = {"impute", "scale", "encode"}


@functools.lru_cache(maxsize=8)
def _pipeline(text):
    """The engine pipeline of `text` (JSON), parsed once per Python worker."""
    return engine.Pipeline.from_json(text)


class DistributedPipeline:
    """A fitted engine Pipeline plus the schema of the rows it was fitted on."""

    def __init__(self, pipeline, input_schema):
        self.pipeline = pipeline
        self.input_schema = input_schema

    def schema_after(self, end_step):
        """Columns and types of rows after steps [0, end_step)."""
        empty = pa.RecordBatch.from_pylist([], schema=self.input_schema)
        return self.pipeline.transform(empty, end_step=end_step).schema

    def steps(self):
        return [s["spec"] for s in json.loads(self.pipeline.to_json())["steps"]]

    def transform(self, df, keep_all_rows=False):
        """`df` (input columns, partitions in input order) through every step."""
        start = 0
        for i, spec in enumerate(self.steps()):
            if spec["kind"] == "dedupe" and not keep_all_rows:
                df = _dedupe(df, self, start, i)
                start = i + 1
        return _apply(df, self, start, None, keep_all_rows)


def fit(df, steps, target_column, id_columns, input_schema):
    """Fits the engine steps `steps` (JSON texts) on `df` (columns of `input_schema`, partitions in
    input order). Every step is first checked against the schema on the driver, so configuration
    errors come before any Spark job."""
    fitted = DistributedPipeline(engine.Pipeline.empty(target_column, id_columns), input_schema)
    segment, start = df, 0
    persisted = []
    try:
        for i, spec in enumerate(steps):
            kind = json.loads(spec)["kind"]
            reaching = pa.RecordBatch.from_pylist([], schema=fitted.schema_after(i))
            parts = [fitted.pipeline.collect_step_stats(spec, reaching)]
            if kind in _LEARNING_STEPS:
                parts.extend(_partition_stats(segment, fitted, start, spec))
            fitted = DistributedPipeline(
                fitted.pipeline.append_fitted(spec, engine.merge_step_stats(parts), input_schema), input_schema)
            if kind == "dedupe":
                segment = _dedupe(segment, fitted, start, i).persist(StorageLevel.MEMORY_AND_DISK)
                persisted.append(segment)
                start = i + 1
    finally:
        for p in persisted:
            p.unpersist()
    return fitted


def _partition_stats(df, fitted, start, spec):
    text = fitted.pipeline.to_json()

    def stats(batches):
        pipeline = _pipeline(text)
        parts = [pipeline.collect_step_stats(spec, pipeline.transform(b, first_step=start)) for b in batches]
        if parts:
            yield pa.RecordBatch.from_pydict({"stats": [engine.merge_step_stats(parts)]})
    return [bytes(r["stats"]) for r in df.mapInArrow(stats, "stats binary").collect()]


def _apply(df, fitted, start, end, keep_all_rows):
    text = fitted.pipeline.to_json()
    schema = fitted.schema_after(end if end is not None else fitted.pipeline.num_steps)

    def apply(batches):
        pipeline = _pipeline(text)
        for b in batches:
            yield pipeline.transform(b, keep_all_rows=keep_all_rows, first_step=start, end_step=end)
    return df.mapInArrow(apply, spark_schema(schema))


def _dedupe(df, fitted, start, step):
    """Rows of `df` after steps [start, step), keeping the first row (in input order) of each key of
    dedupe step `step`."""
    text = fitted.pipeline.to_json()
    schema = fitted.schema_after(step)

    def keyed(batches):
        pipeline = _pipeline(text)
        for b in batches:
            rows = pipeline.transform(b, first_step=start, end_step=step)
            yield rows.append_column(KEY, pipeline.row_keys(step, rows))
    with_keys = df.mapInArrow(keyed, spark_schema(schema.append(pa.field(KEY, pa.binary())))) \
                  .withColumn(ORDER, F.monotonically_increasing_id())
    firsts = with_keys.groupBy(KEY).agg(F.min(ORDER).alias(ORDER)).select(ORDER)
    return with_keys.join(firsts, ORDER, "left_semi").orderBy(ORDER).drop(KEY, ORDER)
