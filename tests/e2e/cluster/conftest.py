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
    """mlpipe against the dev cluster as a user runs it: `devcluster.sh env` exported, and the config
    overlaid with examples/job_config_devcluster.yaml (the yarn backend on loopback)."""

    def __init__(self, home, cluster):
        super().__init__(home)
        self.cluster = cluster
        self.env.update(cluster)

    def write_yarn_config(self, path, **sections):
        import yaml
        base = yaml.safe_load(self.write_config(path).read_text())
        deep_merge(base, yaml.safe_load((REPO / "examples" / "job_config_devcluster.yaml").read_text()))
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
