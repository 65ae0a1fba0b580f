"""training on Spark: the training data in local reading order -> the model-input encoding fitted
from per-partition statistics -> labels, hold-out and CV folds assigned as the local job assigns
them -> distributed XGBoost (mlpipe_spark.training) -> models/<name>/v<N>/ in the local layout
(model.ubj, pipeline.json, metadata.json, cv_folds.json; `latest` moved forward) and
metrics/<name>/v<N>/training.json. Same outputs as engine/jobs/training.cc."""
import json
import os
import sys

import pyarrow as pa
from pyspark import StorageLevel

from mlpipe_spark import engine, models, pipeline, training
from mlpipe_spark.driver import main
from mlpipe_spark.hadoop import join
from mlpipe_spark.reading import GID, LINEAGE_FILE, Input, lineage_text, resolve_files


def checksum(job, path, input_format):
    """DataChecksum of the training data, computed on a local copy of its data files."""
    local = job.fs.local_temp_dir()
    files, _ = resolve_files(job.fs, path, input_format)
    for i, f in enumerate(files):
        job.fs.download(f, os.path.join(local, f"{i:08d}-{f.rsplit('/', 1)[-1]}"))
    if not job.fs.is_dir(path):
        return engine.data_checksum(os.path.join(local, os.listdir(local)[0]))
    return engine.data_checksum(local)


def run(job):
    d, m = job.data, job.model
    path, target = d["training_data_path"], d["target_column"]
    data = Input(job.spark, job.fs, path, d["input_format"])
    job.log(f"reading training data from {path}")
    upstream = lineage_text(job.fs, path)
    features = engine.feature_columns(job.config, data.schema, path)
    if not upstream and d["feature_pipeline"]:
        # The embedded engine fits the pipeline on each fit's training rows; on Spark that is not
        # built yet, and training without it would silently ignore the configured steps.
        raise ValueError(f"'{path}' has no data_processing lineage ({LINEAGE_FILE}), so data_config.feature_pipeline "
                         f"has not been applied to it, and training on Spark does not fit it yet: run data_processing "
                         f"first and train on its training_data_path, or set data_config.feature_pipeline: [] to "
                         f"train on the columns as they are")
    selected = pa.schema([data.schema.field(c) for c in features + [target]])
    ordered, rows = data.ordered()
    ordered = ordered.select(*selected.names, GID).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        steps = engine.model_input_steps(job.config, selected, features)
        model_input = pipeline.fit(ordered.drop(GID), steps, target, d["id_columns"], selected)
        prepared = model_input.schema_after(model_input.pipeline.num_steps)
        feature_columns = [c for c in prepared.names if c != target]
        labels = ordered.select(target).toArrow().column(0).combine_chunks()
        task, classes, y = engine.encode_labels(job.config, labels)
        job.log(f"{rows} rows, {len(feature_columns)} features, task {task}; xgboost parameters: "
                f"{engine.params_json(job.config, task, classes, len(feature_columns))}")
        assignment = engine.fold_assignment(job.config, task, y)
        job.warn(engine.cv_folds_warning(job.config, task, classes, y, assignment))
        model, fold_parts, holdout_parts = training.train(job, ordered, model_input.pipeline, feature_columns, task,
                                                          classes, assignment)
    finally:
        ordered.unpersist()
    fold_metrics = [engine.merge_metrics(parts)[1] for parts in fold_parts]
    cv = json.loads(engine.cv_report(fold_metrics)) if fold_metrics else None
    holdout_rows, holdout = engine.merge_metrics(holdout_parts)
    metrics = {"cv": cv, "holdout": json.loads(holdout) if holdout_rows else None}
    input_columns = engine.lineage_from_json(upstream)[2].names if upstream else features
    outcome = {"task": task, "classes": classes, "input_columns": input_columns, "feature_columns": feature_columns,
               "metrics": metrics, "rows": rows, "data_checksum": checksum(job, path, d["input_format"])}
    local_dir = os.path.join(job.fs.local_temp_dir(), "model")
    engine.write_model_files(local_dir, model, job.config, job.run_id, json.dumps(outcome), model_input.pipeline,
                             upstream, assignment)
    version, model_dir = models.publish(job.fs, job.models_dir, m["name"], local_dir, job.run_id)
    metrics_file = join(job.metrics_dir, m["name"], f"v{version}", "training.json")
    job.fs.write_text(metrics_file, json.dumps(metrics, indent=2))
    job.log(f"published {m['name']}@v{version}")
    result = json.loads(engine.training_job_result(m["name"], version, model_dir, metrics_file, json.dumps(metrics)))
    result["feature_pipeline"] = engine.feature_pipeline_note(engine.lineage_from_json(upstream)[0] if upstream else "", 0)
    return result


if __name__ == "__main__":
    sys.exit(main("training", run))
