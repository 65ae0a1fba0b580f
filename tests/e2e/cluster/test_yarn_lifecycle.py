"""The lifecycle of YARN applications through mlpipe: list/status/monitor/logs against real
applications, kill through the ResourceManager, SIGTERM during `submit --wait`, a failing job, and the
document's custom job scripts. Custom scripts keep these independent of the engine's drivers."""
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from mlpipe_e2e import BIN

SCRIPTS = Path(__file__).parent / "scripts"


SECRET = "s3cr3t-never-printed"


@pytest.fixture(scope="module")
def cfg(cm, tmp_path_factory):
    # A spark.* key that names a secret: it must reach Spark (properties file) but no output of mlpipe.
    return str(cm.write_yarn_config(tmp_path_factory.mktemp("lc") / "job_config.yaml",
                                    spark_config={"spark.mlpipe.test.password": SECRET}))


def wait_until_running(cm, app_id, timeout=240):
    return cm.wait_for(app_id, lambda s: s["state"] in ("RUNNING", "FINISHED", "FAILED", "KILLED"), timeout)


def test_custom_script_runs_with_the_framework_importable(cm, cfg):
    out = "hdfs:///tmp/custom_job_out"
    proc = cm.run("submit", "-t", "custom", "--script", SCRIPTS / "uses_framework.py", "-c", cfg,
                  "--app-args", f"--out {out}", "--wait", "--output", "json", timeout=600)
    assert proc.returncode == 0, proc.stderr
    job = json.loads(proc.stdout)
    assert job["job_type"] == "custom" and job["final_status"] == "SUCCEEDED"
    assert "_SUCCESS" in {e["name"] for e in cm.fs_ls("/tmp/custom_job_out", cfg)}
    logs = cm.run("logs", "-a", job["application_id"], check=True).stdout
    assert "custom job wrote hdfs:///tmp/custom_job_out" in logs
    # The secret went nowhere mlpipe writes or prints: dry run, logs, status, the registry and its files.
    dry = cm.run("submit", "-t", "custom", "--script", SCRIPTS / "uses_framework.py", "-c", cfg, "--dry-run",
                 check=True).stdout
    assert "spark.mlpipe.test.password=******" in dry
    shown = dry + proc.stdout + proc.stderr + logs + cm.run("status", "-a", job["application_id"]).stdout
    assert SECRET not in shown
    for path in cm.home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_list_status_and_monitor_show_the_real_application(cm, cfg):
    jobs = json.loads(cm.run("list", "--output", "json", check=True).stdout)
    assert jobs and jobs[0]["backend"] == "yarn"
    app_id = jobs[0]["application_id"]
    st = cm.status(app_id)
    assert st["state"] == "FINISHED" and st["cluster"]["tracking_url"].endswith(f"/proxy/{app_id}/")
    assert st["cluster"]["yarn_queue"] == "root.default"
    text = cm.run("status", "-a", app_id, check=True).stdout
    for field in ("State:", "Final status:", "Queue:", "tracking_url:", "allocated_mb:", "Elapsed:"):
        assert field in text
    assert cm.run("monitor", "-a", app_id).returncode == 0
    every = json.loads(cm.run("list", "--all", "-c", cfg, "--output", "json", check=True).stdout)
    assert app_id in {a["application_id"] for a in every}


def app_ids(cm, *args):
    return {a["application_id"] for a in json.loads(cm.run("list", *args, "--output", "json", check=True).stdout)}


def test_kill_stops_a_running_application_in_the_resourcemanager(cm, cfg):
    proc = cm.run("submit", "-t", "custom", "--script", SCRIPTS / "sleeper.py", "-c", cfg, "-q", "ml", check=True)
    app_id = proc.stdout.strip().splitlines()[-1]
    assert wait_until_running(cm, app_id)["state"] == "RUNNING"
    # Queue filters, on mlpipe's registry and on the ResourceManager's view of every application.
    assert app_id in app_ids(cm, "-q", "ml") and app_id not in app_ids(cm, "-q", "default")
    assert app_id in app_ids(cm, "--all", "-c", cfg, "-q", "ml", "-s", "RUNNING")
    assert app_id not in app_ids(cm, "--all", "-c", cfg, "-q", "default")
    killed = cm.run("kill", "-a", app_id)
    assert killed.returncode == 0, killed.stderr
    job = cm.status(app_id)
    assert job["state"] == "KILLED"
    assert job["diagnostics"].startswith("killed by request (mlpipe kill)"), job["diagnostics"]
    assert cm.rm_app(app_id)["state"] == "KILLED"
    assert cm.run("monitor", "-a", app_id).returncode == 4
    again = cm.run("kill", "-a", app_id)
    assert again.returncode == 0 and "already ended" in again.stdout


def test_sigterm_during_submit_wait_kills_the_application(cm, cfg):
    proc = subprocess.Popen([BIN, "submit", "-t", "custom", "--script", str(SCRIPTS / "sleeper.py"), "-c", cfg,
                             "--wait"], env=cm.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app_id = None
    deadline = time.time() + 240
    while time.time() < deadline and app_id is None:
        running = json.loads(cm.run("list", "-s", "RUNNING", "--output", "json", check=True).stdout)
        app_id = running[0]["application_id"] if running else None
        time.sleep(1)
    assert app_id, "the sleeper never reached RUNNING"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 4, err
    assert f"killing {app_id}" in err
    assert cm.rm_app(app_id)["state"] == "KILLED"
    diagnostics = cm.status(app_id)["diagnostics"]
    assert diagnostics.startswith(f"killed by request (SIGTERM to mlpipe submit --wait, pid {proc.pid})"), diagnostics


def test_a_failing_job_ends_failed_with_its_diagnostics_and_exit_code(cm, cfg):
    proc = cm.run("submit", "-t", "custom", "--script", SCRIPTS / "failing.py", "-c", cfg, "--wait",
                  "--output", "json", timeout=600)
    assert proc.returncode == 1, proc.stderr
    job = json.loads(proc.stdout)
    assert job["state"] in ("FAILED", "FINISHED") and job["final_status"] == "FAILED"
    assert "no_such_column" in job["diagnostics"]
    assert cm.rm_app(job["application_id"])["finalStatus"] == "FAILED"
