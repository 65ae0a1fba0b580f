"""The public API for custom job scripts (`mlpipe submit -t custom --script my_job.py`): the
SparkSession, the shipped job config, files on HDFS, and the engine applied to DataFrames.

    from mlpipe_spark import custom

    spark = custom.spark()
    config = custom.job_config()                        # job_config.yaml shipped with the job
    df = custom.read(config["data"]["raw_data_path"])   # engine-typed columns
    model = custom.load_model(models_dir, config["model"]["name"])
    custom.predict(df, model).write.parquet(out)
"""
import json

from mlpipe_spark import engine, models
from mlpipe_spark.driver import session
from mlpipe_spark.hadoop import HadoopFS
from mlpipe_spark.reading import Input, spark_schema

__all__ = ["engine", "spark", "job_config", "filesystem", "read", "load_model", "predict"]


def spark(app_name="mlpipe-custom"):
    """The job's SparkSession, set up as the mlpipe drivers set theirs up."""
    return session(app_name)


def job_config(path="job_config.yaml", job_type="training"):
    """The validated job config as a dict (model, data paths, feature_pipeline steps, split, job)."""
    return json.loads(engine.JobConfig.load(path, job_type).summary())


def filesystem():
    """HDFS (or any Hadoop filesystem) through the session's JVM: exists, list, read_text, write_text, ..."""
    return HadoopFS(spark())


def read(uri, input_format="auto"):
    """A CSV or Parquet input (file or directory of parts) as the engine reads it."""
    return Input(spark(), filesystem(), uri, input_format).data()


def load_model(models_dir, name, version="latest"):
    """A published model version (models/<name>/v<N>), ready to broadcast."""
    return models.load_files(filesystem(), models_dir, name, version)


def predict(df, model, id_columns=(), lineage_id=""):
    """`df` scored by `model` with the prediction job's output columns (row_number counts rows
    per partition when there are no id columns)."""
    session_ = spark()
    shipped = session_.sparkContext.broadcast(model)
    ids = list(id_columns)
    schema = model.load().predict(Input.empty_of(df), lineage_id, ids, 0).schema

    def score(batches):
        bundle = models.bundle_on_executor(shipped)
        for b in batches:
            yield bundle.predict(b, lineage_id, ids, 0)
    return df.mapInArrow(score, spark_schema(schema))
