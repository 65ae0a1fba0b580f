"""Existing DAGs keep working: batch_submit.sh and the submit_job.py positional form."""
import subprocess
import sys

from conftest import BIN, REPO


def run_tool(mlpipe, *args):
    env = dict(mlpipe.env, MLPIPE_BIN=BIN)
    return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=300, cwd=REPO)


def test_batch_submit_wrapper(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "job_config.yaml")
    tool = str(REPO / "tools" / "batch_submit.sh")
    dry = run_tool(mlpipe, tool, "submit", "-t", "data_processing", "-c", str(cfg), "--dry-run")
    assert dry.returncode == 0 and "plan:" in dry.stdout, dry.stderr
    sub = run_tool(mlpipe, tool, "submit", "-t", "data_processing", "-n", "2026-11-24-dp", "-c", str(cfg),
                   "-q", "ml-queue", "--num-executors", "4", "--executor-memory", "4g")
    assert sub.returncode == 0, sub.stderr
    app_id = sub.stdout.strip().splitlines()[-1]
    assert run_tool(mlpipe, tool, "monitor", "-a", app_id).returncode == 0
    listed = run_tool(mlpipe, tool, "list")
    assert app_id in listed.stdout and "2026-11-24-dp" in listed.stdout
    assert "FINISHED" in run_tool(mlpipe, tool, "status", "-a", app_id).stdout
    assert run_tool(mlpipe, tool, "logs", "-a", app_id).returncode == 0
    assert mlpipe.status(app_id)["queue"] == "ml-queue"
    bad = run_tool(mlpipe, tool, "frobnicate")
    assert bad.returncode == 2 and "usage" in (bad.stdout + bad.stderr).lower()


def test_submit_job_py_positional_form(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "job_config.yaml")
    out = mlpipe.warehouse / "predictions" / "20261124"
    proc = run_tool(mlpipe, sys.executable, str(REPO / "tools" / "submit_job.py"), "prediction", "--config",
                    str(cfg), "--dry-run", "--app-args",
                    f"--input-path /ml-pipeline/data/raw/wa_churn.csv --output-path {out}")
    # No model yet: the dry run resolves the model and says so with exit 5.
    assert proc.returncode == 5 and "churn_model" in proc.stderr
