"""Helpers and fixtures for the Spark-side tests: the drivers run with PySpark's spark-submit --master local[2]
on file:// paths, from the environment archive the build makes (as executors would unpack it), next
to the local `mlpipe` binary on the same churn data. Environment (set by ctest): MLPIPE_BIN,
MLPIPE_SPARK_ENV_ARCHIVE, MLPIPE_SPARK_DRIVERS, MLPIPE_VENV."""
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import DATA, REPO, Mlpipe, deep_merge

VENV = Path(os.environ.get("MLPIPE_VENV", REPO / ".venv"))
ARCHIVE = Path(os.environ.get("MLPIPE_SPARK_ENV_ARCHIVE", REPO / "build" / "share" / "mlpipe" / "mlpipe-spark-env.tar.gz"))
DRIVERS = Path(os.environ.get("MLPIPE_SPARK_DRIVERS", REPO / "build" / "share" / "mlpipe" / "spark" / "drivers"))
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "1g",
    "spark.sql.adaptive.enabled": "true",
}


@pytest.fixture(scope="session")
def spark_env(tmp_path_factory):
    """The environment archive unpacked as YARN unpacks --archives <archive>#mlpipe_env."""
    root = tmp_path_factory.mktemp("executor") / "mlpipe_env"
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(root, filter="tar")
    return root


class Workspace:
    """One raw churn file; a Spark side (file:// URIs) and a local side (a private MLPIPE_HOME)."""

    def __init__(self, root, spark_env):
        self.root = root
        self.spark_env = spark_env
        self.raw = root / "raw" / "wa_churn.csv"
        self.raw.parent.mkdir(parents=True)
        self.raw.write_bytes((DATA / "wa_churn.csv").read_bytes())
        self.spark = root / "spark"
        self.local = root / "local"
        self.mlpipe = Mlpipe(root / "home")
        self.local_config = self.write_config(root / "local.yaml", str(self.raw), str(self.local))
        self.spark_config = self.write_config(root / "spark.yaml", self.raw.as_uri(), self.spark.as_uri())

    def write_config(self, path, raw, base, **sections):
        config = yaml.safe_load((REPO / "examples" / "job_config.yaml").read_text())
        deep_merge(config, {
            "environment_config": {"backend": "local", "warehouse_root": str(self.root / "home" / "warehouse")},
            "data_config": {"raw_data_path": raw,
                            "training_data_path": f"{base}/data/training/churn",
                            "validation_data_path": f"{base}/data/validation/churn",
                            "prediction_input_path": raw,
                            "predictions_output_path": f"{base}/predictions"},
        })
        deep_merge(config, sections)
        path.write_text(yaml.safe_dump(config, sort_keys=False))
        return path

    @property
    def warehouse(self):
        return self.root / "home" / "warehouse"

    def dirs(self, base):
        return {"models": base / "models", "metrics": base / "metrics", "artifacts": base / "artifacts"}

    def submit(self, job_type, config=None, run_id="spark_run", base=None, check=True, env=None):
        """Runs the `job_type` driver with spark-submit (`env` added to its environment); returns
        (process, result JSON or None)."""
        base = base or self.spark
        dirs = self.dirs(base)
        result = self.root / f"result-{job_type}-{run_id}.json"
        cmd = [str(VENV / "bin" / "spark-submit"), "--master", "local[2]"]
        for key, value in SPARK_CONF.items():
            cmd += ["--conf", f"{key}={value}"]
        cmd += [str(DRIVERS / f"{job_type}.py"), "--config", str(config or self.spark_config), "--run-id", run_id,
                "--models-dir", dirs["models"].as_uri(), "--metrics-dir", dirs["metrics"].as_uri(),
                "--artifacts-dir", dirs["artifacts"].as_uri(), "--result", result.as_uri()]
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("MLPIPE_", "SPARK_", "PYSPARK_"))}
        full_env.update(PYTHONPATH=str(self.spark_env / "python"), PYSPARK_PYTHON=str(VENV / "bin" / "python"),
                        **(env or {}))
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=self.root, env=full_env,
                              stdin=subprocess.DEVNULL)
        if check and proc.returncode != 0:
            errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
            raise AssertionError(f"{job_type} driver exited {proc.returncode}: {errors}\n{proc.stderr[-6000:]}")
        import json
        return proc, (json.loads(result.read_text()) if result.exists() else None)

    def local_run(self, job_type, config=None):
        import json
        out = self.mlpipe.run("submit", "-t", job_type, "-c", config or self.local_config, "--wait", "-o", "json",
                              check=True, timeout=600)
        return json.loads(out.stdout)["outputs"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, spark_env):
    return Workspace(tmp_path_factory.mktemp("spark_local"), spark_env)


@pytest.fixture(scope="module")
def in_process_spark(spark_env):
    """A SparkSession in the test process (local[1]), with mlpipe_spark importable from the archive."""
    import sys
    os.environ["PYTHONPATH"] = str(spark_env / "python")
    os.environ["PYSPARK_PYTHON"] = str(VENV / "bin" / "python")
    sys.path.insert(0, str(spark_env / "python"))
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false") \
                                .config("spark.sql.shuffle.partitions", "2").getOrCreate()
    yield spark
    spark.stop()
