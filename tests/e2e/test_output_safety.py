"""Outputs never destroy data that is not mlpipe's own (local backend, the real binary).

Each refusal case gives flags, the exit code and a fragment of the message, and asserts that nothing
changed: a digest of the warehouse, the input files and a decoy user directory is taken before and
after. Then the daily pattern and the write modes, and a seeded kill -9 test of the commit."""
import hashlib
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from mlpipe_e2e import Mlpipe


def tree_digest(*roots):
    """{relative path: content hash or link target} of every file, link and directory under roots."""
    found = {}
    for root in roots:
        root = Path(root)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            for name in dirnames + filenames:
                p = Path(dirpath) / name
                key = f"{root.name}/{p.relative_to(root)}"
                if p.is_symlink():
                    found[key] = "link:" + os.readlink(p)
                elif p.is_file():
                    found[key] = hashlib.sha256(p.read_bytes()).hexdigest()
                else:
                    found[key] = "dir"
    return found


@pytest.fixture(scope="module")
def trained_home(tmp_path_factory):
    """A home with processed data and a small trained model, built once and copied per test."""
    base = tmp_path_factory.mktemp("template")
    m = Mlpipe(base / "home")
    m.seed_raw()
    cfg = m.write_config(base / "job_config.yaml", model_config={"hyperparameters": {"n_estimators": 10}, "cv_folds": 0})
    for job in ("data_processing", "training"):
        proc = m.run("submit", "-t", job, "-c", cfg, "--wait")
        assert proc.returncode == 0, proc.stderr
    return base / "home"


class Site:
    """A copy of the trained home plus a decoy user directory holding an input and unrelated files."""

    def __init__(self, tmp_path, template):
        shutil.copytree(template, tmp_path / "home", symlinks=True)
        self.m = Mlpipe(tmp_path / "home")
        self.wh = self.m.warehouse
        self.cfg = self.m.write_config(tmp_path / "job_config.yaml",
                                       model_config={"hyperparameters": {"n_estimators": 10}, "cv_folds": 0})
        self.user = tmp_path / "user"
        raw = (self.wh / "data" / "raw" / "wa_churn.csv").read_text().splitlines()
        self.user.mkdir()
        (self.user / "customers.csv").write_text("\n".join(raw[:200]) + "\n")
        (self.user / "notes.txt").write_text("a user's notes\n")
        (self.user / "reports").mkdir()
        (self.user / "reports" / "q3.txt").write_text("quarterly report\n")
        day = self.wh / "data" / "output" / "20261201"
        day.mkdir(parents=True)
        (day / "predictions.csv").write_text("an earlier day's predictions\n")
        self.input = self.wh / "data" / "input" / "batch.csv"
        shutil.copy(self.user / "customers.csv", self.input)

    def digest(self):
        return tree_digest(self.wh, self.user)

    def jobs(self):
        return json.loads(self.m.run("list", "--output", "json", check=True).stdout)

    def run(self, *args, env=None):
        return self.m.run(*args, env=env)

    def predict(self, output, *extra, command=("submit",), env=None, input_path=None):
        args = f"--input-path {input_path or self.input} --output-path {output}"
        return self.run(*command, "-t", "prediction", "-c", self.cfg, "--app-args", args, *extra, env=env)


@pytest.fixture
def site(tmp_path, trained_home):
    return Site(tmp_path, trained_home)


# (case, prediction output or None, extra flags, whether `validate` sees it offline, message fragment)
REFUSALS = [
    ("empty $DAY in the Airflow pattern", "/ml-pipeline/data/output/", [], False, "is not mlpipe's output"),
    ("the warehouse root", "/ml-pipeline", [], True, "is the warehouse root"),
    ("a user directory holding the input", "{user}", ["input:{user}/customers.csv"], True,
     "contains data_config.prediction_input_path"),
    ("the input file itself", "{input}", [], True, "is the same path as data_config.prediction_input_path"),
    ("'..' climbing to the root", "/ml-pipeline/data/output/x/../../..", [], True, "is the warehouse root"),
    ("trailing slashes onto the input dir", "/ml-pipeline/data/input///", [], True,
     "contains data_config.prediction_input_path"),
    ("a relative path to the data dir", "data", [], True, "is the warehouse's data directory"),
    ("inside the models area", "/ml-pipeline/models/churn_model/preds", [], True,
     "is inside the warehouse's models area"),
    ("a symlink into the inputs", "{user}/link-to-inputs", ["link:{user}/link-to-inputs->{wh}/data/input"], True,
     "contains data_config.prediction_input_path"),
    ("a symlink to the warehouse", "{user}/link-to-wh", ["link:{user}/link-to-wh->{wh}"], True,
     "is the warehouse root"),
    ("a user's directory, not ours", "{user}/reports", [], False, "is not mlpipe's output"),
    ("a user's file", "{user}/notes.txt", [], False, "is an existing file"),
    ("MLPIPE_HOME", "{home}", [], True, "MLPIPE_HOME"),
    ("inside MLPIPE_HOME's own files", "{home}/logs", [], True, "is inside MLPIPE_HOME"),
]


def expand(text, site):
    return text.format(user=site.user, input=site.input, wh=site.wh, home=site.m.home)


@pytest.mark.parametrize("case,output,extras,offline,fragment", REFUSALS, ids=[c[0] for c in REFUSALS])
def test_prediction_output_refused_before_anything_runs(site, case, output, extras, offline, fragment):
    input_path = None
    for extra in extras:
        kind, _, value = expand(extra, site).partition(":")
        if kind == "input":
            input_path = value
        else:
            link, target = value.split("->")
            os.symlink(target, link)
    output = expand(output, site)
    before, jobs_before = site.digest(), site.jobs()
    commands = [("submit", "--dry-run"), ("submit",)] + ([("validate",)] if offline else [])
    for command in commands:
        if command == ("validate",):
            proc = site.run("validate", "-t", "prediction", "-c", site.cfg, "--conf",
                            f"data_config.predictions_output_path={output}",
                            "--conf", f"data_config.prediction_input_path={input_path or site.input}")
        else:
            proc = site.predict(output, *command[1:], input_path=input_path)
        assert proc.returncode == 3, f"{case} {command}: {proc.returncode}\n{proc.stderr}"
        assert fragment in proc.stderr, proc.stderr
        assert "data_config.predictions_output_path" in proc.stderr
    assert site.digest() == before, case
    assert site.jobs() == jobs_before  # nothing was recorded either


def test_data_processing_onto_the_data_dir_is_refused(site):
    before = site.digest()
    for command in (["validate", "-t", "data_processing"], ["submit", "-t", "data_processing", "--dry-run"],
                    ["submit", "-t", "data_processing"]):
        proc = site.run(*command, "-c", site.cfg, "--conf", "data_config.training_data_path=/ml-pipeline/data")
        assert proc.returncode == 3, proc.stderr
        assert "(data_config.training_data_path) is the warehouse's data directory" in proc.stderr
    assert site.digest() == before


def submit_wait(site, *args, env=None):
    proc = site.run("submit", "-c", site.cfg, "--wait", *args, env=env)
    return proc, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def marker(path):
    return json.loads((Path(path) / "_mlpipe_output.json").read_text())


def test_daily_pattern_reruns_replace_only_their_own_output(site):
    out = site.wh / "data" / "output" / "daily"
    before = {k: v for k, v in site.digest().items() if "/daily" not in k and not k.startswith("warehouse/logs")
              and not k.startswith("warehouse/configs")}
    apps = []
    for _ in range(2):  # the same config and path every day, or an Airflow retry
        proc, app = submit_wait(site, "-t", "prediction", "--app-args",
                                f"--input-path {site.input} --output-path {out}")
        assert proc.returncode == 0, proc.stderr
        apps.append(app)
        assert marker(out)["app_id"] == app and marker(out)["role"] == "data_config.predictions_output_path"
        assert sorted(p.name for p in out.iterdir()) == ["_SUCCESS", "_mlpipe_output.json", "part-00000.parquet"]
    after = {k: v for k, v in site.digest().items() if "/daily" not in k and not k.startswith("warehouse/logs")
             and not k.startswith("warehouse/configs")}
    assert after == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
    # A file the user drops into the output makes it no longer provably ours.
    (out / "my-notes.txt").write_text("mine\n")
    proc, _ = submit_wait(site, "-t", "prediction", "--app-args", f"--input-path {site.input} --output-path {out}")
    assert proc.returncode == 3 and "'my-notes.txt'" in proc.stderr
    assert (out / "my-notes.txt").read_text() == "mine\n"


def test_write_modes_error_and_new_version(site):
    out = site.wh / "data" / "output" / "versioned"
    args = ["-t", "prediction", "--app-args", f"--input-path {site.input} --output-path {out}"]
    for n in (1, 2):
        proc, _ = submit_wait(site, *args, "--conf", "data_config.write_mode.predictions_output_path=new_version")
        assert proc.returncode == 0, proc.stderr
        assert (out / "latest").read_text().strip() == f"v{n}"
    assert sorted(p.name for p in out.iterdir()) == ["_mlpipe_versions.json", "latest", "v1", "v2"]
    proc, _ = submit_wait(site, *args, "--conf", "data_config.write_mode=error")
    assert proc.returncode == 3 and "write mode is 'error'" in proc.stderr
    # A replace_own output is not a version container: new_version refuses it rather than mix them.
    proc, _ = submit_wait(site, "-t", "data_processing", "--conf", "data_config.write_mode=new_version")
    assert proc.returncode == 3 and "is not a versioned mlpipe output" in proc.stderr
    # Training reads the latest version of a new_version data_processing output.
    paths = ["--conf", "data_config.training_data_path=/ml-pipeline/data/training/churn_versions",
             "--conf", "data_config.validation_data_path=/ml-pipeline/data/validation/churn_versions"]
    for job in ("data_processing", "training"):
        proc, app = submit_wait(site, "-t", job, "--conf", "data_config.write_mode=new_version", *paths)
        assert proc.returncode == 0, proc.stderr
    assert (site.wh / "data" / "training" / "churn_versions" / "latest").read_text().strip() == "v1"
    assert site.m.status(app)["outputs"]["model"] == "churn_model@v2"


KILL_STEPS = ["staged", "marked", "set_aside", "published", "succeeded"]


def test_kill_minus_9_during_commit_leaves_old_or_new_and_no_staging(site):
    """24 seeded kills at the commit's steps (MLPIPE_TEST_DIE_AT), on prediction and data_processing, half of
    them on the fallback for filesystems without an atomic exchange (old output renamed aside first). A kill
    after the first output was swapped in ends FINISHED with every output published (the supervisor rolls
    forward); a kill before ends FAILED with none."""
    rng = random.Random(20261206)
    pred_out = site.wh / "data" / "output" / "killed"
    proc, last_pred = submit_wait(site, "-t", "prediction", "--app-args",
                                  f"--input-path {site.input} --output-path {pred_out}")
    assert proc.returncode == 0, proc.stderr
    dp_outs = [site.wh / "data" / "training" / "churn", site.wh / "data" / "validation" / "churn"]
    last_dp = [marker(d)["app_id"] for d in dp_outs]
    for i in range(24):
        fallback = rng.random() < 0.5
        step = rng.choice(KILL_STEPS if fallback else [s for s in KILL_STEPS if s != "set_aside"])
        env = {"MLPIPE_TEST_DISABLE": "exchange"} if fallback else {}
        if rng.random() < 0.5:
            proc, app = submit_wait(site, "-t", "prediction", "--app-args",
                                    f"--input-path {site.input} --output-path {pred_out}",
                                    env=dict(env, MLPIPE_TEST_DIE_AT=step))
            outs, expected_old = [pred_out], [last_pred]
        else:
            nth = rng.choice([1, 2])
            proc, app = submit_wait(site, "-t", "data_processing", env=dict(env, MLPIPE_TEST_DIE_AT=f"{step}:{nth}"))
            outs, expected_old = dp_outs, last_dp
        st = site.m.status(app)
        assert "signal 9" in st["diagnostics"], (i, step, st)
        # Publishing and FINISHED are one decision: all of the job's outputs and FINISHED, or none and FAILED.
        published = [marker(out)["app_id"] == app for out in outs]
        assert all(published) or not any(published), (i, step, published)
        if any(published):
            assert (proc.returncode, st["state"]) == (0, "FINISHED"), (i, step, proc.stderr)
        else:
            assert (proc.returncode, st["state"]) == (1, "FAILED"), (i, step, proc.stderr)
        for k, out in enumerate(outs):
            m = marker(out)  # never neither: a complete output with its marker is under the final name
            assert m["app_id"] in (expected_old[k], app), (i, step, out)
            assert all((out / f).exists() for f in m["files"]), (i, step, out)
            leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".") or ".kept-" in p.name]
            assert leftovers == [], (i, step, leftovers)
            expected_old[k] = m["app_id"]
        if outs == [pred_out]:
            last_pred = expected_old[0]
        else:
            last_dp = expected_old
