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
