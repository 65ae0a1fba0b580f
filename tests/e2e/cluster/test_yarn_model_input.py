"""Prediction and evaluation on the cluster refuse at submit (exit 3, nothing recorded, spark-submit never
started) data processed by a fit their model cannot take, read from the input's _mlpipe_pipeline.json and
the model's pipeline.json and metadata.json on HDFS, as the local backend does. (Data processed by the
model's own fit passes: test_yarn_output_safety predicts on it.)"""
import json

OTHER_FIT = "/ml-pipeline/data/input/lineage_other_fit"


def test_data_processed_by_another_fit_is_refused_at_submit(cm, tmp_path):
    raw = cm.seed_raw()
    quick = {"model_config": {"model_name": "lineage_model", "hyperparameters": {"n_estimators": 10}, "cv_folds": 0}}
    local = cm.write_config(tmp_path / "local.yaml", **quick)
    for job in ("data_processing", "training"):
        cm.run("submit", "-t", job, "-c", local, "--wait", check=True)
    subset = tmp_path / "subset.csv"
    subset.write_text("".join(raw.read_text().splitlines(keepends=True)[:3001]))
    other = cm.write_config(tmp_path / "other.yaml", data_config={
        "raw_data_path": str(subset), "training_data_path": "data/training/other_fit",
        "validation_data_path": "data/validation/other_fit"}, **quick)
    cm.run("submit", "-t", "data_processing", "-c", other, "--wait", check=True)
    other_id = json.loads((cm.warehouse / "data/validation/other_fit/_mlpipe_pipeline.json").read_text())["pipeline_id"]
    own_id = json.loads((cm.warehouse / "data/validation/churn/_mlpipe_pipeline.json").read_text())["pipeline_id"]
    assert other_id != own_id

    cfg = cm.write_yarn_config(tmp_path / "yarn.yaml", model_config={"model_name": "lineage_model"},
                               data_config={"prediction_input_path": OTHER_FIT,
                                            "evaluation_data_path": OTHER_FIT,
                                            "predictions_output_path": "/ml-pipeline/data/output/lineage_preds"})
    cm.run("fs", "init", "-c", cfg, check=True)
    cm.run("fs", "put", "-f", cm.warehouse / "models" / "lineage_model", "/ml-pipeline/models/lineage_model",
           "-c", cfg, check=True)
    cm.run("fs", "put", "-f", cm.warehouse / "data" / "validation" / "other_fit", OTHER_FIT, "-c", cfg, check=True)
    jobs_before = json.loads(cm.run("list", "--output", "json", check=True).stdout)
    for job in ("prediction", "evaluation"):
        proc = cm.run("submit", "-t", job, "-c", cfg)
        assert proc.returncode == 3, proc.stderr
        assert f"({'data_config.prediction_input_path' if job == 'prediction' else 'data_config.evaluation_data_path'})" \
            in proc.stderr, proc.stderr
        assert "does not fit model lineage_model@v1" in proc.stderr
        assert f"processed by feature pipeline {other_id} but model lineage_model@v1" in proc.stderr
        assert f"trained on data processed by pipeline {own_id}" in proc.stderr
    assert json.loads(cm.run("list", "--output", "json", check=True).stdout) == jobs_before
    assert not [e for e in cm.fs_ls("/ml-pipeline/data/output", str(cfg)) if e["name"] == "lineage_preds"]
    proc = cm.run("validate", "-c", cfg, "-t", "evaluation")  # validate applies the same check
    assert proc.returncode == 3 and "does not fit model lineage_model@v1" in proc.stderr, proc.stderr


def test_validate_reads_the_head_of_raw_csv_on_hdfs(cm, tmp_path):
    """data_processing's input on HDFS: its first 256 KiB are checked by the jobs' rules (target column,
    feature_pipeline); the split, which needs the whole target column, is left to the job and says so."""
    raw = cm.seed_raw()
    cfg = cm.write_yarn_config(tmp_path / "yarn.yaml",
                               data_config={"raw_data_path": "/ml-pipeline/data/raw/validate_raw.csv"})
    cm.run("fs", "init", "-c", cfg, check=True)
    cm.run("fs", "put", "-f", raw, "/ml-pipeline/data/raw/validate_raw.csv", "-c", cfg, check=True)
    ok = cm.run("validate", "-c", cfg, "-t", "data_processing")
    assert ok.returncode == 0, ok.stderr
    assert "data checked: data_config.raw_data_path 'hdfs://" in ok.stdout, ok.stdout
    assert "feature_pipeline (6 steps) fits its first 1000 rows" in ok.stdout
    assert "data not checked: data_config.raw_data_path: the split" in ok.stdout
    typo = cm.write_yarn_config(tmp_path / "typo.yaml", data_config={
        "raw_data_path": "/ml-pipeline/data/raw/validate_raw.csv", "target_column": "churned"})
    proc = cm.run("validate", "-c", typo, "-t", "data_processing")
    assert proc.returncode == 3, proc.stderr
    assert "target column 'churned' (data_config.target_column) is not in 'hdfs://" in proc.stderr, proc.stderr
    assert "did you mean 'churn'" in proc.stderr
