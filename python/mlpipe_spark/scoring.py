"""What prediction and evaluation share on Spark: the model version from the models directory
(broadcast to executors as its files' contents), the input read with the model's raw column types,
and the input's lineage id (already-processed data skips the upstream pipeline)."""
from mlpipe_spark import engine, models
from mlpipe_spark.reading import STREAM_INFER_BYTES, Input, lineage_text


class ScoringInput:
    def __init__(self, job, path):
        m = job.model
        self.files = models.load_files(job.fs, job.models_dir, m["name"], m["version"])
        self.bundle = self.files.load()
        job.log(f"model {self.bundle.name}@v{self.bundle.version} ({self.bundle.task}), input {path}")
        self.shipped = job.spark.sparkContext.broadcast(self.files)
        self.input = Input(job.spark, job.fs, path, job.data["input_format"],
                           column_types=self.bundle.input_column_types(), infer_bytes=STREAM_INFER_BYTES,
                           na_values=job.data["na_values"])
        lineage = lineage_text(job.fs, path)
        self.lineage_id = engine.lineage_from_json(lineage)[0] if lineage else ""
