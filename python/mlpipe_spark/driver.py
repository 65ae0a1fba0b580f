"""What every driver script shares: the command line the yarn backend builds, the SparkSession, the
job config, the result file, and failing cleanly (exit code 1, one clear message, no partial output).

    <driver>.py --config job_config.yaml --run-id <tag> --models-dir <uri> --metrics-dir <uri>
                --artifacts-dir <uri> [--result <uri>]
"""
import argparse
import json
import re
import sys
import threading
import time
import traceback

from pyspark.sql import SparkSession

from mlpipe_spark import engine
from mlpipe_spark.hadoop import HadoopFS, join


class JobRun:
    """One driver run: arguments, Spark, the Hadoop filesystem and the loaded config."""

    def __init__(self, job_type, args, spark):
        self.job_type = job_type
        self.args = args
        self.run_id = args.run_id
        self.app_id = spark.sparkContext.applicationId  # YARN's id on a cluster, recorded in output markers
        self.spark = spark
        self.fs = HadoopFS(spark)
        self.config = engine.JobConfig.load(args.config, job_type)
        self.summary = json.loads(self.config.summary())
        self.models_dir = args.models_dir
        self.metrics_dir = args.metrics_dir
        self.artifacts_dir = args.artifacts_dir
        self.warnings = []
        self.deadline_unix_seconds = 0.0  # set by Deadline: when the job's timeout passes (0: never)
        self._read_latest_versions()

    def _read_latest_versions(self):
        """Data paths the job reads that name a new_version output read its `latest` version."""
        written = {o["path"] for o in json.loads(self.config.outputs())}
        for key in ("raw_data_path", "training_data_path", "validation_data_path", "evaluation_data_path",
                    "prediction_input_path"):
            path = self.data[key]
            if path and path not in written and self.fs.exists(join(path, engine.VERSIONS_MARKER_FILE)):
                self.data[key] = join(path, self.fs.read_text(join(path, engine.LATEST_FILE)).strip())

    @property
    def data(self):
        return self.summary["data"]

    @property
    def model(self):
        return self.summary["model"]

    @property
    def job(self):
        return self.summary["job"]

    def log(self, message):
        print(f"mlpipe {self.job_type}: {message}", file=sys.stderr, flush=True)

    def warn(self, message):
        """Something the job got past but the user should fix (engine/jobs/job_warnings.h): logged, and
        listed under "warnings" in the result, which mlpipe records as the job's diagnostics."""
        if message:
            self.log(f"warning: {message}")
            self.warnings.append(message)


_EXPECTED = (engine.EngineError, ValueError, FileNotFoundError, OSError)
# The message of an error raised in a Python worker, inside Spark's exception text.
_WORKER_ERROR = re.compile(r"^(?:mlpipe_spark\._engine\.)?(EngineError|ValueError|FileNotFoundError|OSError): (.*)$",
                           re.MULTILINE)


def error_message(e):
    """The message of `e`; for a failed Spark task, the engine's message from the worker."""
    text = str(e) or type(e).__name__
    if isinstance(e, _EXPECTED):
        return text
    found = _WORKER_ERROR.findall(text)
    if found:
        return found[-1][1]
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("at ")]
    return " ".join(lines[:4])[:2000]


def parse_args(job_type, argv=None):
    p = argparse.ArgumentParser(prog=f"{job_type}.py", description=f"mlpipe {job_type} job on Spark")
    p.add_argument("--config", required=True, help="job_config.yaml (shipped with --files)")
    p.add_argument("--run-id", required=True, help="the application tag; names run-scoped outputs")
    p.add_argument("--models-dir", required=True, help="URI of the models directory")
    p.add_argument("--metrics-dir", required=True, help="URI of the metrics directory")
    p.add_argument("--artifacts-dir", required=True, help="URI of the artifacts directory")
    p.add_argument("--result", help="URI to write the result JSON to")
    return p.parse_args(argv)


def session(app_name):
    spark = SparkSession.builder.appName(app_name).getOrCreate()
    # Batches reach the engine as utf8/binary, the types the local reader gives.
    spark.conf.set("spark.sql.execution.arrow.useLargeVarTypes", "false")
    spark.sparkContext.setLogLevel("WARN")
    return spark


class Deadline:
    """The job type's timeout (prediction_timeout, or timeout): when it passes, every Spark job is
    cancelled, and the error the run then raises becomes one naming the key. Nothing is published:
    the drivers publish only after their Spark work is done."""

    def __init__(self, job):
        self.key = job.job["timeout_key"]
        self.seconds = job.job["timeout_seconds"]
        self.passed = threading.Event()
        self.timer = None
        if self.seconds:
            job.deadline_unix_seconds = time.time() + self.seconds

            def expire():
                self.passed.set()
                job.log(f"{self.key} {engine.format_duration(self.seconds)} passed; cancelling the Spark jobs")
                job.spark.sparkContext.cancelAllJobs()
            self.timer = threading.Timer(self.seconds, expire)
            self.timer.daemon = True
            self.timer.start()

    def error(self):
        return TimeoutError(f"{self.key} {engine.format_duration(self.seconds)} exceeded; nothing was published")

    def cancel(self):
        if self.timer:
            self.timer.cancel()


def main(job_type, run, argv=None):
    """Runs `run(job) -> result dict` as the `job_type` driver; returns the process exit code."""
    args = parse_args(job_type, argv)
    spark = session(f"mlpipe-{job_type}-{args.run_id}")
    job = None
    deadline = None
    started = time.monotonic()
    try:
        job = JobRun(job_type, args, spark)
        deadline = Deadline(job)
        try:
            result = run(job)
        except Exception as e:
            if deadline.passed.is_set():
                raise deadline.error() from e
            raise
        finally:
            deadline.cancel()
        job.log(f"finished in {time.monotonic() - started:.1f} s")
        if job.warnings:
            result["warnings"] = job.warnings
        text = json.dumps(result, indent=2, sort_keys=True)
        if args.result:
            job.fs.write_text(args.result, text + "\n")
        print(text, flush=True)
        return 0
    except Exception as e:  # the driver's edge: one clear message, then a failing exit code
        print(f"mlpipe {job_type}: error: {error_message(e)}", file=sys.stderr, flush=True)
        if not isinstance(e, _EXPECTED):
            traceback.print_exc()
        return 1
    finally:
        if job is not None:
            job.fs.cleanup()
        spark.stop()
