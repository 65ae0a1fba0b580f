"""training on Spark: the training data in local reading order -> labels, hold-out and CV folds
assigned as the local job assigns them -> per fit, data_config.feature_pipeline fitted on that
fit's training rows when data_processing has not applied it, and the model-input encoding fitted
from per-partition statistics -> distributed XGBoost (mlpipe_spark.training) -> models/<name>/v<N>/
in the local layout (model.ubj, pipeline.json, metadata.json, cv_folds.json; `latest` moved
forward) and metrics/<name>/v<N>/training.json. Same outputs as engine/jobs/training.cc.

Processed data trains every CV fold and the final model in one barrier stage; raw data with a
pipeline needs one pipeline fit and one barrier stage per fit (cv_folds + 1)."""
import json
import os
import sys

import numpy as np
import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import functions as F

from mlpipe_spark import engine, models, pipeline, training
from mlpipe_spark.driver import main
from mlpipe_spark.hadoop import join
from mlpipe_spark.reading import GID, Input, lineage_text, number_columns_read_as_text, resolve_files
from mlpipe_spark.training import FOLD


def checksum(job, path, input_format):
    """DataChecksum of the training data, computed on a local copy of its data files."""
    local = job.fs.local_temp_dir()
    files, _ = resolve_files(job.fs, path, input_format)
    for i, f in enumerate(files):
        job.fs.download(f, os.path.join(local, f"{i:08d}-{f.rsplit('/', 1)[-1]}"))
    if not job.fs.is_dir(path):
        return engine.data_checksum(os.path.join(local, os.listdir(local)[0]))
    return engine.data_checksum(local)


class Fit:
    """One fit's model input: the feature pipeline it fitted (None when the data came processed),
    the model-input encoding, the encoded feature columns and the rows (with FOLD) to train on."""

    def __init__(self, feature_pipeline, model_input, rows, rows_per_fold, train_rows, target):
        self.feature_pipeline = feature_pipeline
        self.model_input = model_input
        self.rows = rows
        self.rows_per_fold = rows_per_fold
        self.train_rows = train_rows
        prepared = model_input.schema_after(model_input.pipeline.num_steps)
        self.features = [c for c in prepared.names if c != target]


def fit_model_input(job, train, columns, path):
    """The model-input encoding of data_config's features, fitted on `train` (columns of Arrow
    schema `columns`): (fitted DistributedPipeline, feature and target columns)."""
    target = job.data["target_column"]
    features = engine.feature_columns(job.config, columns, path)
    selected = pa.schema([columns.field(c) for c in features + [target]])
    steps = engine.model_input_steps(job.config, selected, features)
    return pipeline.fit(train.select(*selected.names), steps, target, job.data["id_columns"], selected), selected.names


def processed_fit(job, rows, columns, path, assignment, cv_folds):
    """Data processed by data_processing (or no feature_pipeline): one encoding fitted on every
    row, as the local job does, and every CV fold trained in one distributed training."""
    model_input, names = fit_model_input(job, rows, columns, path)
    a = np.frombuffer(assignment, dtype=np.int32)
    return Fit(None, model_input, rows.select(*names, FOLD), [int(np.count_nonzero(a == f)) for f in range(cv_folds)],
               int(np.count_nonzero(a >= 0)), job.data["target_column"])


def raw_fit(job, rows, columns, path, train_where, test_where):
    """Raw data: data_config.feature_pipeline fitted on the rows where `train_where` holds only,
    applied to them and to the rows where `test_where` holds (scored, FOLD -1), then the model-input
    encoding fitted on the transformed training rows. As TrainingData::Fit does locally."""
    d = job.data
    train_raw, test_raw = rows.where(train_where).drop(FOLD), rows.where(test_where).drop(FOLD)
    steps = [json.dumps(s) for s in d["feature_pipeline"]]
    fitted = pipeline.fit(train_raw, steps, d["target_column"], d["id_columns"], columns)
    train = fitted.transform(train_raw).persist(StorageLevel.MEMORY_AND_DISK)
    train_rows = train.count()
    if train_rows == 0:
        train.unpersist()
        raise ValueError(engine.pipeline_kept_no_training_rows(train_raw.count(), path))
    model_input, names = fit_model_input(job, train, fitted.schema_after(fitted.pipeline.num_steps), path)
    scored = fitted.transform(test_raw).select(*names).withColumn(FOLD, F.lit(-1))
    both = train.select(*names).withColumn(FOLD, F.lit(0)).unionByName(scored)
    return Fit(fitted, model_input, both, [], train_rows, d["target_column"]), train


def train_raw(job, rows, columns, path, task, classes, cv_folds):
    """Every fit on raw data: one per CV fold (its pipeline fitted on the other folds), then the
    final one (fitted on every non-hold-out row). Returns (final Fit, model, per-fold partial
    metrics, hold-out partials)."""
    fold = F.col(FOLD)
    fits = [((fold >= 0) & (fold != f), fold == f) for f in range(cv_folds)] + [(fold >= 0, fold < 0)]
    scored_parts = []
    for train_where, test_where in fits:
        fit, persisted = raw_fit(job, rows, columns, path, train_where, test_where)
        try:
            model, _, scored = training.train(job, fit.rows, fit.model_input.pipeline, fit.features, task, classes,
                                              [], fit.train_rows)
        finally:
            persisted.unpersist()
        scored_parts.append(scored)
    return fit, model, scored_parts[:-1], scored_parts[-1]


def run(job):
    d, m = job.data, job.model
    path, target = d["training_data_path"], d["target_column"]
    data = Input(job.spark, job.fs, path, d["input_format"], na_values=d["na_values"])
    job.log(f"reading training data from {path}")
    upstream = lineage_text(job.fs, path)
    fits_pipeline = not upstream and bool(d["feature_pipeline"])
    note = engine.feature_pipeline_note(engine.lineage_from_json(upstream)[0] if upstream else "",
                                        len(d["feature_pipeline"]) if fits_pipeline else 0)
    job.log(f"feature pipeline: {note}")
    if fits_pipeline:
        engine.check_target_column(job.config, data.schema, path)
        columns = data.schema
    else:
        features = engine.feature_columns(job.config, data.schema, path)
        columns = pa.schema([data.schema.field(c) for c in features + [target]])
    ordered, rows = data.ordered()
    ordered = ordered.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for warning in number_columns_read_as_text(ordered, f"'{path}'"):
            job.warn(warning)
        labels = ordered.select(target).toArrow().column(0).combine_chunks()
        task, classes, y = engine.encode_labels(job.config, labels)
        assignment, warning, coverage = engine.fold_plan(job.config, task, classes, y)
        job.warn(warning)
        cv_folds = m["cv_folds"] if m["cv_folds"] >= 2 else 0
        tagged = training.with_folds(ordered.select(*columns.names, GID), assignment)
        if fits_pipeline:
            fit, model, fold_parts, holdout_parts = train_raw(job, tagged, columns, path, task, classes, cv_folds)
        else:
            fit = processed_fit(job, tagged, columns, path, assignment, cv_folds)
            model, fold_parts, holdout_parts = training.train(job, fit.rows, fit.model_input.pipeline, fit.features,
                                                              task, classes, fit.rows_per_fold, fit.train_rows)
    finally:
        ordered.unpersist()
    fold_metrics = [engine.merge_metrics(parts)[1] for parts in fold_parts]
    cv = json.loads(engine.cv_report(fold_metrics)) if fold_metrics else None
    if cv is not None:
        cv["covers"] = coverage
        job.log(f"cross-validation ({coverage}): {json.dumps(cv['mean'])}")
    holdout_rows, holdout = engine.merge_metrics(holdout_parts)
    if fits_pipeline:  # the rows the feature pipeline kept, as the local job counts them
        rows = fit.train_rows + holdout_rows
    job.log(f"{rows} rows, {len(fit.features)} features, task {task}; xgboost parameters: "
            f"{engine.params_json(job.config, task, classes, len(fit.features))}")
    metrics = json.loads(engine.training_metrics(json.dumps(cv), holdout if holdout_rows else "null", task, classes))
    if fits_pipeline:
        upstream = engine.lineage_to_json(job.run_id, fit.feature_pipeline.pipeline, columns)
    input_columns = engine.lineage_from_json(upstream)[2].names if upstream else features
    outcome = {"task": task, "classes": classes, "input_columns": input_columns, "feature_columns": fit.features,
               "metrics": metrics, "rows": rows, "data_checksum": checksum(job, path, d["input_format"])}
    local_dir = os.path.join(job.fs.local_temp_dir(), "model")
    engine.write_model_files(local_dir, model, job.config, job.run_id, json.dumps(outcome), fit.model_input.pipeline,
                             upstream, assignment)
    version, model_dir = models.publish(job.fs, job.models_dir, m["name"], local_dir, job.run_id)
    metrics_file = join(job.metrics_dir, m["name"], f"v{version}", "training.json")
    job.fs.write_text(metrics_file, json.dumps(metrics, indent=2))
    job.log(f"published {m['name']}@v{version}")
    result = json.loads(engine.training_job_result(m["name"], version, model_dir, metrics_file, json.dumps(metrics)))
    result["feature_pipeline"] = note
    return result


if __name__ == "__main__":
    sys.exit(main("training", run))
