"""Helpers shared by the end-to-end tests: run the real `mlpipe` binary in a private MLPIPE_HOME."""
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("MLPIPE_BIN", str(REPO / "build" / "bin" / "mlpipe"))
DATA = REPO / "data" / "churn"
TERMINAL = {"FINISHED", "FAILED", "KILLED"}


class Mlpipe:
    """Runs mlpipe with a fixed MLPIPE_HOME and warehouse; one per test."""

    def __init__(self, home: Path):
        self.home = home
        self.warehouse = home / "warehouse"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MLPIPE_")}
        self.env["MLPIPE_HOME"] = str(home)

    def run(self, *args, timeout=300, env=None, check=False):
        full_env = dict(self.env, **(env or {}))
        proc = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                              env=full_env, stdin=subprocess.DEVNULL)
        if check and proc.returncode != 0:
            raise AssertionError(f"mlpipe {args} -> {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def status(self, app_id):
        return json.loads(self.run("status", "-a", app_id, "--output", "json", check=True).stdout)

    def wait_for(self, app_id, predicate, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            st = self.status(app_id)
            if predicate(st):
                return st
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting on {app_id}: {self.status(app_id)}")

    def write_config(self, path: Path, **sections):
        """The example config with `sections` deep-merged over it, warehouse pointed at this home."""
        base = yaml.safe_load((REPO / "examples" / "job_config.yaml").read_text())
        base.pop("extends", None)
        deep_merge(base, {"environment_config": {"backend": "local", "warehouse_root": str(self.warehouse)}})
        deep_merge(base, sections)
        path.write_text(yaml.safe_dump(base, sort_keys=False))
        return path

    def seed_raw(self, name="wa_churn.csv"):
        dest = self.warehouse / "data" / "raw" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / name, dest)
        return dest


def deep_merge(base, over):
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base
