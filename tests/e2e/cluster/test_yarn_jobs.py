"""The four job types on the dev cluster through `mlpipe submit --backend yarn --wait`, their outputs on
HDFS, the same model used across backends, and the metrics equal to the local run's. Tests run in file
order and share one cluster tree (/ml-pipeline); each Spark application runs alone (2 cores)."""
import json
import sys
import time

import pyarrow.parquet as pq
import pytest

from mlpipe_e2e import DATA

TIMES = {}  # job -> wall seconds, printed at the end for the closing note / docs


SECTIONS = {"model_config": {"cv_folds": 3},
            "data_config": {"raw_data_path": "data/raw/wa_churn.csv",
                            "training_data_path": "data/training/churn",
                            "validation_data_path": "data/validation/churn",
                            "prediction_input_path": "data/validation/churn",
                            "predictions_output_path": "data/output/churn_predictions"}}


@pytest.fixture(scope="module")
def cfg(cm, tmp_path_factory):
    return str(cm.write_yarn_config(tmp_path_factory.mktemp("cfg") / "job_config.yaml", **SECTIONS))


@pytest.fixture(scope="module")
def local_cfg(cm, tmp_path_factory):
    """The same jobs on the local backend, in this home's warehouse."""
    return str(cm.write_config(tmp_path_factory.mktemp("local") / "job_config.yaml", **SECTIONS))


@pytest.fixture(scope="module", autouse=True)
def report_wall_times():
    yield
    print(f"\n[devcluster] job wall times (s): {json.dumps(TIMES)}", file=sys.stderr)


def submit(cm, cfg, job_type, *extra, timeout=900, env_seam=None):
    t0 = time.time()
    proc = cm.run("submit", "-t", job_type, "-c", cfg, "--wait", "--output", "json", *extra, timeout=timeout,
                  env={"MLPIPE_TEST_DIE_AT": env_seam} if env_seam else None)
    TIMES.setdefault(job_type, []).append(round(time.time() - t0, 1))
    return proc


def names(listing):
    return {e["name"] for e in listing}


def test_fs_init_creates_the_tree_and_put_uploads_the_raw_data(cm, cfg):
    cm.run("fs", "init", "-c", cfg, check=True)
    top = names(cm.fs_ls("/ml-pipeline", cfg))
    assert {"data", "models", "artifacts", "configs", "logs", "checkpoints", "metrics"} <= top
    assert {"training", "validation", "input", "output"} <= names(cm.fs_ls("/ml-pipeline/data", cfg))
    cm.run("fs", "mkdir", "/ml-pipeline/data/raw", "-c", cfg, check=True)
    cm.run("fs", "put", DATA / "wa_churn.csv", "/ml-pipeline/data/raw/wa_churn.csv", "-c", cfg, check=True)
    assert "wa_churn.csv" in names(cm.fs_ls("/ml-pipeline/data/raw", cfg))


def test_data_processing_writes_the_split_datasets_to_hdfs(cm, cfg):
    proc = submit(cm, cfg, "data_processing")
    assert proc.returncode == 0, proc.stderr
    job = json.loads(proc.stdout)
    assert job["state"] == "FINISHED" and job["final_status"] == "SUCCEEDED"
    assert job["application_id"].startswith("application_")
    assert cm.rm_app(job["application_id"])["finalStatus"] == "SUCCEEDED"
    for area in ("training", "validation"):
        files = names(cm.fs_ls(f"/ml-pipeline/data/{area}/churn", cfg))
        assert "_SUCCESS" in files
        assert any(f.endswith(".parquet") for f in files), files


def test_training_saves_a_model_version_in_the_local_layout(cm, cfg):
    proc = submit(cm, cfg, "training")
    assert proc.returncode == 0, proc.stderr
    job = json.loads(proc.stdout)
    assert job["final_status"] == "SUCCEEDED"
    versions = names(cm.fs_ls("/ml-pipeline/models/churn_model", cfg))
    assert "v1" in versions and "latest" in versions
    files = names(cm.fs_ls("/ml-pipeline/models/churn_model/v1", cfg))
    assert {"model.ubj", "pipeline.json", "metadata.json", "cv_folds.json"} <= files
    meta = json.loads(cm.run("fs", "cat", "/ml-pipeline/models/churn_model/v1/metadata.json", "-c", cfg,
                             check=True).stdout)
    folds = json.loads(cm.run("fs", "cat", "/ml-pipeline/models/churn_model/v1/cv_folds.json", "-c", cfg,
                              check=True).stdout)
    assert max(folds) == 2 and -1 in folds  # 3 CV folds plus the hold-out rows
    assert meta["metrics"]["holdout"]["roc_auc"] > 0.8
    # `models` on the yarn backend lists the repository on HDFS, not the local warehouse's.
    listed = json.loads(cm.run("models", "-c", cfg, "-o", "json", check=True).stdout)
    assert {"name": "churn_model", "latest": "v1", "versions": [1]} in listed, listed
    assert not (cm.warehouse / "models" / "churn_model").exists()


def outputs_of(proc):
    assert proc.returncode == 0, proc.stderr
    job = json.loads(proc.stdout)
    assert job["final_status"] == "SUCCEEDED", job
    return job["outputs"]


def test_evaluation_on_the_cluster_equals_the_local_run(cm, cfg, local_cfg):
    cluster_eval = outputs_of(submit(cm, cfg, "evaluation"))
    # The local run: the cluster's processed data, trained and evaluated by the local backend.
    for area in ("training", "validation"):
        cm.run("fs", "get", f"/ml-pipeline/data/{area}/churn", cm.warehouse / "data" / area / "churn",
               "-c", cfg, check=True)
    local_train = outputs_of(cm.run("submit", "-t", "training", "-c", local_cfg, "--wait", "--output", "json"))
    local_eval = outputs_of(cm.run("submit", "-t", "evaluation", "-c", local_cfg, "--wait", "--output", "json"))
    assert abs(cluster_eval["roc_auc"] - local_eval["roc_auc"]) <= 0.005, (cluster_eval, local_eval)
    assert local_train["model"] == "churn_model@v1"
    assert cluster_eval["roc_auc"] > 0.8


def test_a_cluster_model_predicts_locally_and_a_local_model_on_the_cluster(cm, cfg, local_cfg, tmp_path):
    # Cluster model (HDFS churn_model v1) on the cluster.
    on_cluster = outputs_of(submit(cm, cfg, "prediction"))
    assert on_cluster["model"] == "churn_model@v1"
    cm.run("fs", "get", "/ml-pipeline/data/output/churn_predictions", tmp_path / "cluster_pred", "-c", cfg,
           check=True)
    cluster_pred = pq.read_table(tmp_path / "cluster_pred").to_pandas()
    # The same cluster model, downloaded, predicts the same rows locally with the same probabilities.
    cm.run("fs", "get", "/ml-pipeline/models/churn_model", cm.warehouse / "models" / "from_cluster", "-c", cfg,
           check=True)
    outputs_of(cm.run("submit", "-t", "prediction", "-c", local_cfg, "--wait", "--output", "json",
                      "--app-args", "--model-name from_cluster --output-path data/output/local_pred"))
    local_pred = pq.read_table(cm.warehouse / "data" / "output" / "local_pred").to_pandas()
    assert len(local_pred) == len(cluster_pred) > 1000
    prob = [c for c in cluster_pred.columns if c.startswith("probability")][-1]
    key = "customer_id" if "customer_id" in cluster_pred.columns else cluster_pred.columns[0]
    merged = cluster_pred.merge(local_pred, on=key, suffixes=("_cluster", "_local"))
    assert len(merged) == len(local_pred)
    assert (merged[f"{prob}_cluster"] - merged[f"{prob}_local"]).abs().max() < 1e-6
    # The local model (trained in the previous test), uploaded, predicts on the cluster.
    cm.run("fs", "put", cm.warehouse / "models" / "churn_model", "/ml-pipeline/models/from_local", "-c", cfg,
           check=True)
    from_local = outputs_of(submit(cm, cfg, "prediction", "--app-args",
                                   "--model-name from_local --output-path data/output/from_local_pred"))
    assert from_local["model"] == "from_local@v1"
    assert "_SUCCESS" in names(cm.fs_ls("/ml-pipeline/data/output/from_local_pred", cfg))


def test_a_failing_training_job_reports_the_drivers_error(cm, cfg):
    proc = submit(cm, cfg, "training", "--conf", "data_config.target_column=no_such_column")
    assert proc.returncode == 1, proc.stderr
    job = json.loads(proc.stdout)
    assert job["final_status"] == "FAILED"
    assert "mlpipe training: error:" in job["diagnostics"] and "no_such_column" in job["diagnostics"], job
    # No partial model version was published.
    assert "v2" not in names(cm.fs_ls("/ml-pipeline/models/churn_model", cfg))


def test_a_training_driver_killed_after_publishing_its_version_is_settled_finished(cm, cfg):
    """The driver dies (MLPIPE_TEST_DIE_AT) right after its model version moved in, before `latest` and
    the metrics file: YARN reports FAILED, the version is published, so the job FINISHED; mlpipe moves
    `latest` and writes the metrics file the driver did not."""
    model_dir = "/ml-pipeline/models/churn_model"
    before = {e["name"] for e in cm.fs_ls(model_dir, cfg)}
    proc = submit(cm, cfg, "training", "--conf", "model_config.cv_folds=0", env_seam="published@job")
    job = json.loads(proc.stdout)
    assert cm.rm_app(job["application_id"])["finalStatus"] == "FAILED"
    assert proc.returncode == 0 and job["state"] == "FINISHED", (proc.returncode, job, proc.stderr)
    assert "after its driver had published its outputs" in job["diagnostics"], job["diagnostics"]
    version = job["outputs"]["model_version"]
    assert f"v{version}" not in before and job["outputs"]["settled"] is True
    assert cm.run("fs", "cat", f"{model_dir}/latest", "-c", cfg, check=True).stdout.strip() == f"v{version}"
    meta = json.loads(cm.run("fs", "cat", f"{model_dir}/v{version}/metadata.json", "-c", cfg, check=True).stdout)
    metrics = json.loads(cm.run("fs", "cat", f"/ml-pipeline/metrics/churn_model/v{version}/training.json", "-c",
                                cfg, check=True).stdout)
    assert metrics == meta["metrics"]
    assert not [n for n in names(cm.fs_ls(model_dir, cfg)) if n.startswith(".")]


def test_a_drivers_warnings_are_the_diagnostics_of_its_success(cm, tmp_path):
    data = dict(SECTIONS["data_config"], training_data_path="data/training/empty",
                validation_data_path="data/validation/empty", feature_pipeline=[{"filter": "tenure < 0"}])
    cfg = cm.write_yarn_config(tmp_path / "empty.yaml", model_config=SECTIONS["model_config"], data_config=data)
    proc = submit(cm, str(cfg), "data_processing")
    assert proc.returncode == 0, proc.stderr
    job = json.loads(proc.stdout)
    assert job["state"] == "FINISHED" and job["final_status"] == "SUCCEEDED", job
    lines = job["diagnostics"].splitlines()
    assert len(lines) == 2 and all(line.startswith("warning: data_config.feature_pipeline kept 0 of the")
                                   for line in lines), job["diagnostics"]
    assert job["outputs"]["rows_training"] == 0
