"""prediction on Spark: the model version (name + model_version, `latest` by default) broadcast to
the executors; each batch of input (batch_size rows) goes through the engine's pipelines and model
(mapInArrow); output Parquet with the local job's columns (id columns or row_number, prediction,
probability_<class>), published by commit.publish (write mode, ownership rule). prediction_timeout cancels the Spark jobs (driver.Deadline). Same outputs
as engine/jobs/prediction.cc; without id columns the rows are numbered and written in input order."""
import sys

from mlpipe_spark import commit, models
from mlpipe_spark.driver import main
from mlpipe_spark.reading import GID, spark_schema
from mlpipe_spark.scoring import ScoringInput


def run(job):
    d = job.data
    job.spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(job.job["batch_size"]))
    scoring = ScoringInput(job, d["prediction_input_path"])
    ids, lineage_id, shipped = d["id_columns"], scoring.lineage_id, scoring.shipped
    output_schema = scoring.bundle.predict(scoring.input.empty_batch(), lineage_id, ids, 0).schema
    batches = job.spark.sparkContext.accumulator(0)

    if ids:
        source = scoring.input.data()
    else:  # row_number counts input rows in order, as locally
        source, _ = scoring.input.ordered()

    def predict(parts):
        bundle = models.bundle_on_executor(shipped)
        for b in parts:
            first_row = b.column(GID)[0].as_py() if GID in b.schema.names and b.num_rows else 0
            data = b.drop_columns([GID]) if GID in b.schema.names else b
            batches.add(1)
            yield bundle.predict(data, lineage_id, ids, first_row)
    predictions = source.mapInArrow(predict, spark_schema(output_schema))

    counted = {}

    def write(staging):
        predictions.write.option("compression", job.job["output_compression"]).parquet(staging)
        counted["rows"] = rows = job.spark.read.parquet(staging).count()
        if rows == 0:
            raise ValueError(f"prediction input '{d['prediction_input_path']}' has no rows")
    out_dir = commit.publish(job, commit.outputs(job)[0], write)
    rows = counted["rows"]
    return {"model": f"{scoring.bundle.name}@v{scoring.bundle.version}",
            "predictions": out_dir,
            "rows": rows,
            "batches": batches.value}


if __name__ == "__main__":
    sys.exit(main("prediction", run))
