"""The benchmark harness at smoke size (2000 rows, one run), so it cannot rot; run by the test suite."""
import json
import os
import subprocess
import sys

from conftest import BIN, REPO


def test_benchmark_smoke(tmp_path):
    env = dict(os.environ, MLPIPE_BIN=BIN)
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--smoke"], capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    rows = {(r["workload"], r["tool"]): r["auc"] for r in json.loads(proc.stdout.strip().splitlines()[-1])}
    assert set(rows) == {(w, t) for w in ("rf", "gbm") for t in ("mlpipe", "xgboost", "sklearn")}
    for workload in ("rf", "gbm"):
        # Same data, same hold-out, same XGBoost parameters: mlpipe must score what XGBoost scores.
        assert abs(rows[(workload, "mlpipe")] - rows[(workload, "xgboost")]) < 1e-3
        assert rows[(workload, "mlpipe")] > 0.7
