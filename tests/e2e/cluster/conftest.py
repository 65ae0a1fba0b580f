"""The dev cluster (scripts/devcluster.sh: real HDFS + YARN from Maven Central jars) for the yarn-backend
end-to-end tests. One cluster per session; started here unless one is already up (then left running)."""
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DEVCLUSTER = REPO / "scripts" / "devcluster.sh"
sys.path.insert(0, str(REPO / "tests" / "e2e"))
from mlpipe_e2e import BIN, DATA, Mlpipe, deep_merge  # noqa: E402,F401  (the shared e2e helpers)


def _sh(*args, check=True, timeout=600):
    return subprocess.run(["bash", str(DEVCLUSTER), *args], capture_output=True, text=True, timeout=timeout,
                          check=check)


def _parse_env(text):
    env = {}
    for line in text.splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export "):].partition("=")
            env[key] = subprocess.run(["bash", "-c", f"printf %s {value}"], capture_output=True,
                                      text=True).stdout
    return env


@pytest.fixture(scope="session")
def devcluster():
    started_here = _sh("status", check=False).returncode != 0
    if started_here:
        t0 = time.time()
        up = _sh("up", check=False)
        assert up.returncode == 0, f"dev cluster did not start:\n{up.stdout}\n{up.stderr}"
        print(f"\n[devcluster] started in {time.time() - t0:.1f}s", file=sys.stderr)
    env = _parse_env(_sh("env").stdout)
    yield env
    if started_here:
        _sh("down", check=False)


class ClusterMlpipe(Mlpipe):
    """mlpipe against the dev cluster: yarn backend, HADOOP_CONF_DIR, PySpark's spark-submit."""

    def __init__(self, home, cluster):
        super().__init__(home)
        import pyspark
        self.cluster = cluster
        self.pyspark_dir = Path(pyspark.__file__).parent
        py4j = next((self.pyspark_dir / "python" / "lib").glob("py4j-*-src.zip"))
        self.env.update({
            "HADOOP_CONF_DIR": cluster["HADOOP_CONF_DIR"],
            "JAVA_HOME": cluster["JAVA_HOME"],
            "SPARK_HOME": str(self.pyspark_dir),
            "PYSPARK_ARCHIVES_PATH": f"local:{self.pyspark_dir}/python/lib/pyspark.zip,local:{py4j}",
            "SPARK_LOCAL_IP": "127.0.0.1",
        })

    def yarn_sections(self):
        java = self.cluster["JAVA_HOME"]
        return {
            "environment_config": {
                "backend": "yarn",
                "namenode_url": self.cluster["DEVCLUSTER_FS"],
                "webhdfs_url": self.cluster["DEVCLUSTER_WEBHDFS"].split("/webhdfs")[0],
                "resourcemanager_url": self.cluster["DEVCLUSTER_RM_WEB"],
                "python_path": sys.executable,
                "hdfs_owner": os.environ.get("USER") or "root",
                "hdfs_group": "supergroup",
            },
            "spark_config": {
                "num_executors": 1, "executor_cores": 1, "executor_memory": "768m", "driver_memory": "768m",
                "spark.dynamicAllocation.enabled": False,
                "spark.yarn.jars": f"local:{self.pyspark_dir}/jars/*",
                "spark.yarn.am.memory": "512m",
                "spark.yarn.maxAppAttempts": 1,
                "spark.yarn.appMasterEnv.JAVA_HOME": java,
                "spark.executorEnv.JAVA_HOME": java,
                "spark.ui.enabled": False,
                "spark.scheduler.minRegisteredResourcesRatio": 1.0,
                "spark.sql.shuffle.partitions": 4,
            },
        }

    def write_yarn_config(self, path, **sections):
        cfg = self.write_config(path)
        import yaml
        base = yaml.safe_load(cfg.read_text())
        deep_merge(base, self.yarn_sections())
        deep_merge(base, sections)
        path.write_text(yaml.safe_dump(base, sort_keys=False))
        return path

    def rm_app(self, app_id):
        url = f"{self.cluster['DEVCLUSTER_RM_WEB']}/ws/v1/cluster/apps/{app_id}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.load(r)["app"]

    def fs_ls(self, path, config):
        out = self.run("fs", "ls", path, "-c", config, "--output", "json", check=True).stdout
        return [dict(e, name=e["path"].rsplit("/", 1)[-1]) for e in json.loads(out)]


@pytest.fixture(scope="module")
def cm(devcluster, tmp_path_factory):
    return ClusterMlpipe(tmp_path_factory.mktemp("cluster") / "home", devcluster)
