"""Every read command survives any byte in any record: invalid UTF-8, control characters, NUL bytes
and a 1 MB diagnostic round-trip through list, status, monitor, logs and kill, as JSON and as text."""
import json
import sqlite3
import subprocess

from mlpipe_e2e import BIN

FFFD = "\ufffd"
BAD = b"bad\xff\xfe byte \xc3( nul\x00 esc\x1b[31m del\x7f cr\r end"


def run_bytes(mlpipe, *args):
    """Runs mlpipe and returns (rc, stdout, stderr), each output decoded strictly as UTF-8."""
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, timeout=120, env=mlpipe.env,
                          stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def failed_job_from_a_csv_with_bad_bytes(mlpipe, tmp_path):
    """A training job on a CSV whose header holds bad bytes, asking for a column it lacks: its
    diagnostic quotes the header, so the bad bytes reach the registry the way users' data does."""
    csv = tmp_path / "bad_header.csv"
    csv.write_bytes(b"id,\xff\xfename\x01,label\n1,a,0\n2,b,1\n3,c,0\n4,d,1\n")
    cfg = mlpipe.write_config(tmp_path / "c.yaml",
                              model_config={"cv_folds": 0},
                              data_config={"target_column": "no_such_column", "training_data_path": str(csv),
                                           "feature_pipeline": []})
    rc, out, err = run_bytes(mlpipe, "submit", "-t", "training", "-c", cfg, "-n", "bad-bytes", "--wait",
                             "--output", "json")
    assert rc == 1, err
    return json.loads(out)["application_id"]


def stored_text_is_valid_utf8(mlpipe, app_id):
    db = sqlite3.connect(mlpipe.home / "registry.db")
    db.text_factory = bytes
    name, diag, message = db.execute(
        "SELECT name, diagnostics, progress_message FROM jobs WHERE app_id = ?", (app_id,)).fetchone()
    db.close()
    for value in (name, diag, message):
        value.decode("utf-8")
        assert b"\x00" not in value and b"\x1b" not in value
    return diag.decode("utf-8")


def corrupt_record(mlpipe, app_id, log_path):
    """Writes bad bytes straight into the record, as another tool or an older mlpipe might have."""
    db = sqlite3.connect(mlpipe.home / "registry.db")
    huge = BAD * (1024 * 1024 // len(BAD) + 1)
    db.execute("UPDATE jobs SET name = CAST(? AS TEXT), diagnostics = CAST(? AS TEXT), "
               "progress_message = CAST(? AS TEXT), outputs_json = CAST(? AS TEXT) WHERE app_id = ?",
               (BAD, huge, BAD, b'{"path": "/tmp/\xff\xfe"}', app_id))
    db.commit()
    db.close()
    with open(log_path, "ab") as f:
        f.write(BAD + b"\n")


def test_bad_bytes_recorded_from_user_data_are_sanitized(mlpipe, tmp_path):
    app_id = failed_job_from_a_csv_with_bad_bytes(mlpipe, tmp_path)
    diag = stored_text_is_valid_utf8(mlpipe, app_id)
    assert "no_such_column" in diag and FFFD in diag, diag
    log = open(mlpipe.status(app_id)["log_path"], "rb").read()
    assert b"no_such_column" in log
    log.decode("utf-8")  # the job log holds no invalid UTF-8 either
    assert b"\x01" not in log


def test_every_read_command_survives_any_byte(mlpipe, tmp_path):
    app_id = failed_job_from_a_csv_with_bad_bytes(mlpipe, tmp_path)
    st = mlpipe.status(app_id)
    corrupt_record(mlpipe, app_id, st["log_path"])

    failures = []
    for args in (["list"], ["status", "-a", app_id], ["monitor", "-a", app_id], ["logs", "-a", app_id],
                 ["kill", "-a", app_id]):
        for fmt in ("json", "text"):
            try:
                rc, out, err = run_bytes(mlpipe, *args, "--output", fmt)
            except UnicodeDecodeError as e:
                failures.append(f"{args} {fmt}: output is not UTF-8: {e}")
                continue
            # status/monitor/kill of a FAILED job: monitor exits with the job's outcome (1).
            expected = 1 if args[0] == "monitor" else 0
            if rc != expected:
                failures.append(f"{args} {fmt}: exit {rc}: {err[-300:]}")
                continue
            if "\x00" in out or "\x1b" in out:
                failures.append(f"{args} {fmt}: a raw control character was printed")
            if fmt == "json":
                doc = json.loads(out)
                record = doc[0] if isinstance(doc, list) else doc
                if args[0] == "logs":
                    assert FFFD in record["log"]
                else:
                    assert FFFD in record["name"] and len(record["diagnostics"]) >= 1024 * 1024
                    assert FFFD in record["outputs"]["path"]
            elif args[0] != "kill":  # kill's text names the application and its state only
                assert FFFD in out, f"{args} {fmt}"
    assert not failures, "\n".join(failures)
