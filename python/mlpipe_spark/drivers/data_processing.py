"""data_processing on Spark: raw input -> the local job's train/validation split -> the feature
pipeline fitted on the training rows from per-partition statistics -> both parts transformed by the
engine -> Parquet (the job's output_compression), each with the lineage file, both staged, then published
together (commit.stage / Staged.publish); the fitted pipeline also goes to
artifacts/feature_pipelines/<model>/<run id>.json. Same outputs as engine/jobs/data_processing.cc."""
import json
import sys

from pyspark import StorageLevel

from mlpipe_spark import commit, engine, pipeline
from mlpipe_spark.driver import main
from mlpipe_spark.hadoop import join
from mlpipe_spark.reading import GID, LINEAGE_FILE, VALIDATION, Input, number_columns_read_as_text


def stage_dataset(job, df, target, lineage_json):
    """Stages `df` (partitions in order) as Parquet parts plus the lineage file for output `target`
    (commit.outputs); returns (commit.Staged, rows)."""
    counted = {}

    def write(staging):
        df.write.option("compression", job.job["output_compression"]).parquet(staging)
        job.fs.write_text(join(staging, LINEAGE_FILE), lineage_json)
        counted["rows"] = job.spark.read.parquet(staging).count()
    return commit.stage(job, target, write), counted["rows"]


def run(job):
    d = job.data
    for target in commit.outputs(job):  # both judged before either is computed or written
        commit.plan(job.fs, target)
    raw = Input(job.spark, job.fs, d["raw_data_path"], d["input_format"], na_values=d["na_values"])
    job.log(f"reading raw data from {d['raw_data_path']} ({raw.format.format}, {len(raw.files)} file(s))")
    split = job.summary["split"]
    if d["target_column"]:
        engine.check_target_column(job.config, raw.schema, d["raw_data_path"])
    stratify = engine.stratify_column(job.config, raw.schema) or None

    def check_classes(class_rows):
        engine.check_stratified_classes(job.config, raw.schema, stratify, class_rows, d["raw_data_path"])
    tagged, rows_in = raw.ordered(split_key=stratify, split=(split["test_size"], split["seed"]),
                                  check_classes=check_classes if stratify else None)
    tagged = tagged.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for warning in number_columns_read_as_text(tagged.drop(VALIDATION), f"'{d['raw_data_path']}'"):
            job.warn(warning)
        train_raw = tagged.where(~tagged[VALIDATION]).drop(GID, VALIDATION)
        valid_raw = tagged.where(tagged[VALIDATION]).drop(GID, VALIDATION)
        steps = [json.dumps(s) for s in d["feature_pipeline"]]
        fitted = pipeline.fit(train_raw, steps, d["target_column"], d["id_columns"], raw.schema)
        job.log(f"fitted {len(steps)} pipeline steps on {rows_in} input rows")
        lineage = engine.lineage_to_json(job.run_id, fitted.pipeline, raw.schema)
        train_target, valid_target = commit.outputs(job)
        staged_training, rows_training = stage_dataset(job, fitted.transform(train_raw), train_target, lineage)
        try:
            staged_validation, rows_validation = stage_dataset(job, fitted.transform(valid_raw), valid_target,
                                                               lineage)
        except BaseException:
            staged_training.discard()
            raise
        for part, rows, raw_rows in (("training", rows_training, train_raw), ("validation", rows_validation, valid_raw)):
            if rows == 0:  # count the input only then: it costs a pass
                job.warn(engine.pipeline_kept_no_rows_warning(part, raw_rows.count(), 0))
    finally:
        tagged.unpersist()
    artifact = join(job.artifacts_dir, "feature_pipelines", job.model["name"], f"{job.run_id}.json")
    job.fs.write_text(artifact, lineage)
    try:
        training = staged_training.publish()  # from here the job's outputs become visible
    except BaseException:
        staged_validation.discard()
        raise
    validation = staged_validation.publish()
    return {"training_data": training,
            "validation_data": validation,
            "feature_pipeline": artifact,
            "rows_in": rows_in,
            "rows_training": rows_training,
            "rows_validation": rows_validation,
            "columns_out": len(fitted.schema_after(fitted.pipeline.num_steps))}


if __name__ == "__main__":
    sys.exit(main("data_processing", run))
