"""Job lifecycle on the local backend: kill, a worker killed with SIGKILL, SIGTERM during --wait."""
import os
import signal
import subprocess
import time

LONG_TRAINING = {
    "model_config": {
        "algorithm": "gradient_boosting",
        "hyperparameters": {"n_estimators": 200000, "learning_rate": 0.0001, "max_depth": 6},
        "cv_folds": 0,
    },
    "data_config": {"training_data_path": "data/raw/wa_churn.csv", "feature_pipeline": []},
}


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it is gone for our purposes.
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ")[-1][0] != "Z"


def start_long_job(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "long.yaml", **LONG_TRAINING)
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "-n", "long-job", check=True)
    app_id = proc.stdout.strip().splitlines()[-1]
    st = mlpipe.wait_for(app_id, lambda s: s["state"] == "RUNNING" and s["progress"] > 0.1)
    return app_id, st


def test_submit_returns_at_once_and_kill_stops_the_process_group(mlpipe, tmp_path):
    app_id, st = start_long_job(mlpipe, tmp_path)
    pid = st["worker_pid"]
    assert pid > 0 and pid_alive(pid)
    kill = mlpipe.run("kill", "-a", app_id)
    assert kill.returncode == 0 and "killed application" in kill.stdout
    st = mlpipe.status(app_id)
    assert st["state"] == "KILLED" and st["final_status"] == "KILLED"
    assert st["diagnostics"] == "killed by request (mlpipe kill)"
    deadline = time.time() + 15
    while pid_alive(pid) and time.time() < deadline:
        time.sleep(0.1)
    assert not pid_alive(pid)
    assert not (mlpipe.warehouse / "models" / "long-job").exists()
    assert not list((mlpipe.warehouse / "models").glob("churn_model/v*"))  # nothing published
    again = mlpipe.run("kill", "-a", app_id)
    assert again.returncode == 0 and "already finished with state KILLED" in again.stdout
    assert mlpipe.run("monitor", "-a", app_id).returncode == 4


def test_worker_killed_with_sigkill_is_reported_failed(mlpipe, tmp_path):
    app_id, st = start_long_job(mlpipe, tmp_path)
    os.kill(st["worker_pid"], signal.SIGKILL)
    st = mlpipe.wait_for(app_id, lambda s: s["state"] in ("FAILED", "KILLED", "FINISHED"), timeout=30)
    assert st["state"] == "FAILED" and st["final_status"] == "FAILED"
    assert "SIGKILL" in st["diagnostics"], st["diagnostics"]
    assert mlpipe.run("monitor", "-a", app_id).returncode == 1


def test_sigterm_during_wait_kills_the_job(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "long.yaml", **LONG_TRAINING)
    cli = subprocess.Popen([os.environ.get("MLPIPE_BIN", "build/bin/mlpipe"), "submit", "-t", "training", "-c",
                            str(cfg), "--wait"], env=mlpipe.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    deadline = time.time() + 60
    app_id = None
    while time.time() < deadline and app_id is None:
        listed = mlpipe.run("list", "--output", "json", check=True).stdout
        if "application_" in listed and '"RUNNING"' in listed:
            app_id = listed.split('"application_id": "')[1].split('"')[0]
        time.sleep(0.2)
    assert app_id, "job never reached RUNNING"
    cli.send_signal(signal.SIGTERM)
    out, err = cli.communicate(timeout=60)
    assert cli.returncode == 4, err
    st = mlpipe.status(app_id)
    assert st["state"] == "KILLED"
    # Who stopped it: the signal and the waiting process, not `mlpipe kill`.
    assert st["diagnostics"] == f"killed by request (SIGTERM to mlpipe submit --wait, pid {cli.pid})", st


def test_training_honours_its_timeout_and_publishes_nothing(mlpipe, tmp_path):
    """job_specific_config.training.timeout stops a training that runs too long, as prediction_timeout
    does for prediction: FAILED, exit 1, the key named, no model version."""
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "t.yaml", job_specific_config={"training": {"timeout": "2s"}},
                              **LONG_TRAINING)
    started = time.monotonic()
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "--wait", timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert time.monotonic() - started < 60
    app_id = [w for w in proc.stdout.split() if w.startswith("application_")][0]
    st = mlpipe.status(app_id)
    assert st["state"] == "FAILED" and "timeout 2s" in st["diagnostics"], st["diagnostics"]
    assert not list((mlpipe.warehouse / "models").glob("churn_model/v*"))
