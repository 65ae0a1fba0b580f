"""The four job types on the dev cluster through `mlpipe submit --backend yarn --wait`, their outputs on
HDFS, the same model used across backends, and the metrics equal to the local run's. Tests run in file
order and share one cluster tree (/ml-pipeline); each Spark application runs alone (2 cores)."""
import json
import time

import pytest

from mlpipe_e2e import DATA

TIMES = {}  # job -> wall seconds, printed at the end for the closing note / docs


@pytest.fixture(scope="module")
def cfg(cm, tmp_path_factory):
    path = tmp_path_factory.mktemp("cfg") / "job_config.yaml"
    cm.write_yarn_config(path, model_config={"cv_folds": 3},
                         data_config={"raw_data_path": "data/raw/wa_churn.csv",
                                      "training_data_path": "data/training/churn",
                                      "validation_data_path": "data/validation/churn",
                                      "prediction_input_path": "data/validation/churn",
                                      "predictions_output_path": "data/output/churn_predictions"})
    return str(path)


def submit(cm, cfg, job_type, *extra, timeout=900):
    t0 = time.time()
    proc = cm.run("submit", "-t", job_type, "-c", cfg, "--wait", "--output", "json", *extra, timeout=timeout)
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
