"""Outputs never destroy data that is not mlpipe's own, on the dev cluster (HDFS paths, yarn backend).

Self-contained: a small model trained locally and a batch of input are uploaded under their own names.
Each refusal case asserts exit 3, the message, and that nothing on HDFS changed (a listing of the whole
tree with sizes and times) and nothing was recorded; the path rules hold already in --dry-run (offline),
the checks that read HDFS (is the existing output ours) at submit, before spark-submit starts. Then a
real prediction runs twice onto one output: the second replaces only the first's own files."""
import json

import pytest

USER_DIR = "/ml-pipeline/data/output/safety_user_reports"
USER_FILE = "/ml-pipeline/data/output/safety_user_file.csv"
INPUT = "/ml-pipeline/data/input/safety_batch"
OUTPUT = "/ml-pipeline/data/output/safety_daily"


@pytest.fixture(scope="module")
def site(cm, tmp_path_factory):
    """The local model and data on HDFS, a user's directory and file beside the outputs."""
    work = tmp_path_factory.mktemp("safety")
    cm.seed_raw()
    local = cm.write_config(work / "local.yaml",
                            model_config={"model_name": "safety_model", "hyperparameters": {"n_estimators": 10},
                                          "cv_folds": 0})
    for job in ("data_processing", "training"):
        cm.run("submit", "-t", job, "-c", local, "--wait", check=True)
    cfg = cm.write_yarn_config(work / "yarn.yaml", model_config={"model_name": "safety_model"},
                               data_config={"prediction_input_path": INPUT, "predictions_output_path": OUTPUT})
    cm.run("fs", "init", "-c", cfg, check=True)
    cm.run("fs", "put", cm.warehouse / "models" / "safety_model", "/ml-pipeline/models/safety_model", "-c", cfg,
           check=True)
    cm.run("fs", "put", cm.warehouse / "data" / "validation" / "churn", INPUT, "-c", cfg, check=True)
    (work / "q3.txt").write_text("a user's quarterly report\n")
    cm.run("fs", "mkdir", USER_DIR, "-c", cfg, check=True)
    cm.run("fs", "put", work / "q3.txt", USER_DIR + "/q3.txt", "-c", cfg, check=True)
    cm.run("fs", "put", work / "q3.txt", USER_FILE, "-c", cfg, check=True)
    return cm, str(cfg)


def hdfs_tree(cm, cfg):
    listing = json.loads(cm.run("fs", "ls", "-R", "-a", "/ml-pipeline", "-c", cfg, "--output", "json",
                                check=True).stdout)
    return {e["path"]: (e["type"], e["length"], e["modification_ms"]) for e in listing}


def jobs(cm):
    return json.loads(cm.run("list", "--output", "json", check=True).stdout)


# (case, output, data_processing training_data_path or None, refused in --dry-run already, message)
REFUSALS = [
    ("the tree's root", "/ml-pipeline", None, True, "is the mlpipe tree's root"),
    ("the input itself, trailing slashes", INPUT + "///", None, True,
     "is the same path as data_config.prediction_input_path"),
    ("a directory holding the input", "/ml-pipeline/data/input", None, True,
     "contains data_config.prediction_input_path"),
    ("'..' segments", "/ml-pipeline/data/output/x/../..", None, True, "data_config.predictions_output_path"),
    ("a relative path to the data dir", "data", None, True, "is the tree's data directory"),
    ("inside the models area", "models/safety_model/preds", None, True, "is inside the tree's models area"),
    ("the filesystem root", "hdfs:///", None, True, "the filesystem root"),
    ("a user's directory, not ours", USER_DIR, None, False, "is not mlpipe's output"),
    ("a user's file", USER_FILE, None, False, "is an existing file"),
    ("data_processing onto the data dir", None, "/ml-pipeline/data", True, "is the tree's data directory"),
]


@pytest.mark.parametrize("case,output,dp_out,offline,fragment", REFUSALS, ids=[c[0] for c in REFUSALS])
def test_outputs_on_hdfs_are_refused_before_spark_submit(site, case, output, dp_out, offline, fragment):
    cm, cfg = site
    before_tree, before_jobs = hdfs_tree(cm, cfg), jobs(cm)
    if dp_out:
        args = ["-t", "data_processing", "--conf", f"data_config.training_data_path={dp_out}"]
    else:
        args = ["-t", "prediction", "--app-args", f"--output-path {output}"]
    dry = cm.run("submit", *args, "-c", cfg, "--dry-run")
    if offline:
        assert dry.returncode == 3, f"{case}: {dry.returncode}\n{dry.stderr}"
        assert fragment in dry.stderr, dry.stderr
    else:
        assert dry.returncode == 0, dry.stderr  # the dry run does not read HDFS
    proc = cm.run("submit", *args, "-c", cfg, "--wait")
    assert proc.returncode == 3, f"{case}: {proc.returncode}\n{proc.stderr}"
    assert fragment in proc.stderr, proc.stderr
    assert hdfs_tree(cm, cfg) == before_tree, case
    assert jobs(cm) == before_jobs, case


def test_the_daily_prediction_replaces_only_its_own_output_on_hdfs(site):
    cm, cfg = site
    markers = []
    for _ in range(2):
        proc = cm.run("submit", "-t", "prediction", "-c", cfg, "--wait", "--output", "json", timeout=900)
        assert proc.returncode == 0, proc.stderr
        app = json.loads(proc.stdout)["application_id"]
        marker = json.loads(cm.run("fs", "cat", OUTPUT + "/_mlpipe_output.json", "-c", cfg, check=True).stdout)
        assert marker["role"] == "data_config.predictions_output_path" and marker["job_type"] == "prediction"
        assert marker["app_id"] != "" and marker["files"]
        markers.append((app, marker))
        listing = {e["path"].rsplit("/", 1)[-1] for e in json.loads(
            cm.run("fs", "ls", OUTPUT, "-c", cfg, "--output", "json", check=True).stdout)}
        assert listing == set(marker["files"]) | {"_SUCCESS", "_mlpipe_output.json"}
    assert markers[0][1]["app_id"] != markers[1][1]["app_id"]
    # Nothing staged or set aside is left beside it, and the user's data is as it was.
    beside = json.loads(cm.run("fs", "ls", "-a", "/ml-pipeline/data/output", "-c", cfg, "--output", "json",
                               check=True).stdout)
    assert [e["path"] for e in beside if e["path"].rsplit("/", 1)[-1].startswith(".")] == []
    assert cm.run("fs", "cat", USER_DIR + "/q3.txt", "-c", cfg, check=True).stdout == "a user's quarterly report\n"


def hidden_beside(cm, cfg):
    listing = json.loads(cm.run("fs", "ls", "-a", "/ml-pipeline/data/output", "-c", cfg, "--output", "json",
                                check=True).stdout)
    return [e["path"] for e in listing if e["path"].rsplit("/", 1)[-1].startswith(".")]


def test_a_driver_killed_before_publishing_leaves_the_output_as_it_was(site):
    """The driver dies (SIGKILL through the documented seam, MLPIPE_TEST_DIE_AT) with its output staged:
    YARN reports it FAILED, nothing was published, and the record says FAILED."""
    cm, cfg = site
    before = cm.run("fs", "cat", OUTPUT + "/_mlpipe_output.json", "-c", cfg, check=True).stdout
    proc = cm.run("submit", "-t", "prediction", "-c", cfg, "--wait", "--output", "json", timeout=900,
                  env={"MLPIPE_TEST_DIE_AT": "marked@job"})
    job = json.loads(proc.stdout)
    assert proc.returncode != 0 and job["final_status"] == "FAILED", (proc.returncode, job)
    assert cm.rm_app(job["application_id"])["finalStatus"] == "FAILED"
    assert cm.run("fs", "cat", OUTPUT + "/_mlpipe_output.json", "-c", cfg, check=True).stdout == before
    assert hidden_beside(cm, cfg) == []


def test_a_driver_killed_after_publishing_is_settled_finished_from_what_it_published(site):
    """The driver dies right after renaming its output into place, before _SUCCESS and before removing the
    output it replaced: YARN reports FAILED, yet the output is published, so the job FINISHED. mlpipe
    completes the driver's commit (_SUCCESS, the replaced output removed) and records FINISHED with a
    diagnostic saying so: publish and terminal state are one decision on YARN too."""
    cm, cfg = site
    proc = cm.run("submit", "-t", "prediction", "-c", cfg, "--wait", "--output", "json", timeout=900,
                  env={"MLPIPE_TEST_DIE_AT": "published@job"})
    job = json.loads(proc.stdout)
    app = job["application_id"]
    assert cm.rm_app(app)["finalStatus"] == "FAILED"
    assert proc.returncode == 0 and job["state"] == "FINISHED" and job["final_status"] == "SUCCEEDED", \
        (proc.returncode, job, proc.stderr)
    assert "after its driver had published its outputs" in job["diagnostics"], job["diagnostics"]
    assert job["outputs"]["settled"] is True
    assert job["outputs"]["data_config.predictions_output_path"].endswith(OUTPUT)
    marker = json.loads(cm.run("fs", "cat", OUTPUT + "/_mlpipe_output.json", "-c", cfg, check=True).stdout)
    assert marker["app_id"] == app
    listing = {e["path"].rsplit("/", 1)[-1] for e in json.loads(
        cm.run("fs", "ls", OUTPUT, "-c", cfg, "--output", "json", check=True).stdout)}
    assert listing == set(marker["files"]) | {"_SUCCESS", "_mlpipe_output.json"}
    assert hidden_beside(cm, cfg) == []
    assert cm.status(app)["state"] == "FINISHED"  # and it stays so
