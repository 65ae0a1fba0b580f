"""evaluation on Spark: the model version broadcast to the executors; each partition's labelled rows
scored by the engine into mergeable partial metrics (mapInArrow); the driver merges them and the
engine computes the metrics and renders the report from the merged data, with the local job's
definitions. Writes metrics/<name>/v<N>/evaluation-<run id>.json and report-<run id>.html, as
engine/jobs/evaluation.cc does."""
import json
import sys

import pyarrow as pa

from mlpipe_spark import engine, models
from mlpipe_spark.driver import main
from mlpipe_spark.scoring import ScoringInput
from mlpipe_spark.test_seam import die_if_test_seam


def run(job):
    path = job.data["evaluation_data_path"]
    job.spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(job.job["batch_size"]))
    scoring = ScoringInput(job, path)
    lineage_id, shipped = scoring.lineage_id, scoring.shipped

    def evaluate(parts):
        bundle = models.bundle_on_executor(shipped)
        partials = [bundle.evaluate(b, lineage_id) for b in parts]
        if partials:
            yield pa.RecordBatch.from_pydict({"partial": [engine.merge_metric_partials(partials)]})
    partials = [bytes(r["partial"]) for r in scoring.input.data().mapInArrow(evaluate, "partial binary").collect()]
    metrics, report, metrics_file, report_file, result = scoring.bundle.finish_evaluation(
        partials, path, job.metrics_dir, job.run_id)
    job.fs.write_text(report_file, report)
    die_if_test_seam("staged")
    job.fs.write_text(metrics_file, metrics)  # the evaluation's one published file
    die_if_test_seam("published")
    return json.loads(result)


if __name__ == "__main__":
    sys.exit(main("evaluation", run))
