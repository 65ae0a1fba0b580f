"""The job registry is never silently lost or misread: a deleted, replaced or damaged registry.db is
reported (exit 7, naming the file and what to do); a fresh home is fine; a read-only registry still
serves the read commands."""
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from mlpipe_e2e import BIN, Mlpipe
from test_lifecycle import start_long_job

EXIT_STORAGE = 7


def finished_job(mlpipe, tmp_path):
    """A quick job that FAILED (no such target column): a record with a log, in seconds."""
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml", data_config={
        "target_column": "no_such_column", "training_data_path": "data/raw/wa_churn.csv", "feature_pipeline": []})
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "-n", "quick", "--wait")
    assert proc.returncode == 1, proc.stderr
    return mlpipe.run("list", "-o", "json", check=True).stdout.split('"application_id": "')[1].split('"')[0]


def expect_storage_error(proc, *parts):
    assert proc.returncode == EXIT_STORAGE, f"exit {proc.returncode}: {proc.stderr}"
    for part in parts:
        assert part in proc.stderr, proc.stderr


def test_a_fresh_home_is_not_an_error(mlpipe):
    proc = mlpipe.run("list", "-o", "json")
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr


def test_registry_deleted_under_a_running_job_is_reported(mlpipe, tmp_path):
    app_id, st = start_long_job(mlpipe, tmp_path)
    db = mlpipe.home / "registry.db"
    try:
        db.unlink()
        for args in (["list"], ["status", "-a", app_id]):
            expect_storage_error(mlpipe.run(*args), str(db), "deleted or moved", "registry.db.id")
        assert not db.exists(), "a new, empty registry was started in its place"
    finally:
        worker = st["worker_pid"]
        supervisor = int(Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[1])
        os.killpg(worker, signal.SIGKILL)
        os.killpg(supervisor, signal.SIGKILL)


def test_registry_replaced_is_reported(mlpipe, tmp_path):
    finished_job(mlpipe, tmp_path)
    other = Mlpipe(tmp_path / "other")
    assert other.run("list").returncode == 0
    shutil.copy(other.home / "registry.db", mlpipe.home / "registry.db")
    expect_storage_error(mlpipe.run("list"), "registry.db", "was replaced", "registry.db.id")


@pytest.mark.parametrize("sql, expected", [
    ("DROP TABLE jobs", "table 'jobs' is missing"),
    ("UPDATE schema_version SET version = 99", "schema version 99"),
    ("UPDATE jobs SET state = 'PAUSED'", "state 'PAUSED'"),
])
def test_damaged_registry_is_a_clear_exit_7(mlpipe, tmp_path, sql, expected):
    app_id = finished_job(mlpipe, tmp_path)
    db = sqlite3.connect(mlpipe.home / "registry.db")
    db.execute(sql)
    db.commit()
    db.close()
    for args in (["list"], ["status", "-a", app_id]):
        expect_storage_error(mlpipe.run(*args), str(mlpipe.home / "registry.db"), expected)


def as_other_user():
    """preexec_fn: when the tests run as root, become nobody (root may write any file)."""
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)


def test_a_read_only_registry_still_serves_read_commands(tmp_path):
    # A home readable by everyone, writable only by its owner.
    home = Path(tempfile.mkdtemp(prefix="mlpipe-ro-"))
    try:
        owner = Mlpipe(home)
        app_id = finished_job(owner, home)  # its config too must be readable by the other user
        for path in [home, *home.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        if os.getuid() != 0:
            home.chmod(0o555)
            (home / "registry.db").chmod(0o444)

        def run(*args):
            return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120, env=owner.env,
                                  stdin=subprocess.DEVNULL, preexec_fn=as_other_user)

        for args in (["list"], ["list", "-o", "json"], ["status", "-a", app_id], ["logs", "-a", app_id],
                     ["models", "-c", str(home / "c.yaml")]):
            proc = run(*args)
            assert proc.returncode == 0, f"{args}: exit {proc.returncode}: {proc.stderr}"
        assert app_id in run("list").stdout
        assert "no_such_column" in run("logs", "-a", app_id).stdout
        assert "already finished" in run("kill", "-a", app_id).stdout  # true, and nothing to write
        expect_storage_error(run("submit", "-t", "training", "-c", str(home / "c.yaml")), "read-only")
    finally:
        home.chmod(0o755)
        shutil.rmtree(home)
