"""The four job types chained on real churn data through the real binary, then the read commands."""
import json
from pathlib import Path

import pyarrow.parquet as pq


def submit_wait(mlpipe, cfg, job_type, *extra):
    proc = mlpipe.run("submit", "-t", job_type, "-c", cfg, "--wait", *extra)
    assert proc.returncode == 0, proc.stderr
    app_id = proc.stdout.strip().splitlines()[-1]
    assert app_id.startswith("application_"), proc.stdout
    return app_id


def test_process_train_predict_evaluate(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "job_config.yaml")
    wh = mlpipe.warehouse

    dp = submit_wait(mlpipe, cfg, "data_processing")
    produced = mlpipe.status(dp)["outputs"]
    for part in ("training_data", "validation_data"):
        d = Path(produced[part])
        assert d.is_relative_to(wh / "data")
        assert (d / "_SUCCESS").exists() and (d / "_mlpipe_pipeline.json").exists()
    train = pq.read_table(produced["training_data"])
    valid = pq.read_table(produced["validation_data"])
    assert 6500 < train.num_rows + valid.num_rows <= 7043
    assert abs(valid.num_rows / (train.num_rows + valid.num_rows) - 0.2) < 0.02
    assert "charges_per_month" in train.column_names  # the derive step ran
    assert train.column("total_charges").null_count == 0  # the impute step ran

    tr = submit_wait(mlpipe, cfg, "training")
    model_dir = wh / "models" / "churn_model" / "v1"
    assert {"model.ubj", "metadata.json", "pipeline.json"} <= {p.name for p in model_dir.iterdir()}
    assert (wh / "models" / "churn_model" / "latest").read_text().strip() == "v1"
    meta = json.loads((model_dir / "metadata.json").read_text())
    assert meta["task"] == "binary" and meta["classes"] == ["No", "Yes"]
    assert meta["training_data"]["checksum"].startswith("fnv1a64:")
    assert len(meta["metrics"]["cv"]["folds"]) == 5
    assert 0.80 < meta["metrics"]["cv"]["mean"]["roc_auc"] < 0.95
    status = mlpipe.status(tr)
    assert status["state"] == "FINISHED" and status["final_status"] == "SUCCEEDED"
    assert status["outputs"]["model"] == "churn_model@v1"

    # Raw rows (no target) in data/input: the model applies the data_processing pipeline itself.
    raw = (wh / "data" / "raw" / "wa_churn.csv").read_text().splitlines()
    header = raw[0].split(",")
    keep = [i for i, h in enumerate(header) if h.strip('"') != "churn"]
    inp = wh / "data" / "input" / "new_customers.csv"
    inp.parent.mkdir(parents=True, exist_ok=True)
    inp.write_text("\n".join(",".join(r.split(",")[i] for i in keep) for r in raw) + "\n")
    out = wh / "data" / "output" / "run1"
    pr = submit_wait(mlpipe, cfg, "prediction", "--app-args", f"--input-path {inp} --output-path {out}")
    preds = pq.read_table(out)
    assert (out / "_SUCCESS").exists()
    assert preds.num_rows == 7043
    assert preds.column_names == ["row_number", "prediction", "probability_No", "probability_Yes"]
    p = preds.to_pandas()
    assert ((p.probability_No + p.probability_Yes - 1).abs() < 1e-6).all()
    assert set(p.prediction) <= {"No", "Yes"}
    assert mlpipe.status(pr)["outputs"]["rows"] == 7043

    ev = submit_wait(mlpipe, cfg, "evaluation")
    outputs = mlpipe.status(ev)["outputs"]
    metrics = json.loads(open(outputs["metrics_file"]).read())
    for key in ("accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "confusion_matrix"):
        assert key in metrics, key
    assert 0.80 < metrics["roc_auc"] < 0.95
    html = open(outputs["report"]).read()
    assert html.count("<svg") >= 4 and "http://" not in html and "https://" not in html

    # A second training run is v2; v1 is untouched and still selectable.
    v1_model = (model_dir / "model.ubj").read_bytes()
    submit_wait(mlpipe, cfg, "training")
    assert (wh / "models" / "churn_model" / "latest").read_text().strip() == "v2"
    assert (model_dir / "model.ubj").read_bytes() == v1_model
    models = json.loads(mlpipe.run("models", "-c", cfg, "-o", "json", check=True).stdout)
    assert models == [{"name": "churn_model", "latest": "v2", "versions": [1, 2]}]
    out_v1 = wh / "data" / "output" / "v1"
    pr1 = submit_wait(mlpipe, cfg, "prediction", "--app-args",
                      f"--input-path {inp} --output-path {out_v1} --model-version 1")
    assert mlpipe.status(pr1)["outputs"]["model"] == "churn_model@v1"

    # Read commands over the jobs just run.
    listed = json.loads(mlpipe.run("list", "--output", "json", check=True).stdout)
    assert {j["application_id"] for j in listed} >= {dp, tr, pr, ev}
    assert all(j["state"] == "FINISHED" for j in listed)
    table = mlpipe.run("list", check=True).stdout
    assert "APPLICATION_ID" in table and tr in table
    assert mlpipe.run("list", "--state", "FAILED", "--output", "json", check=True).stdout.strip() == "[]"
    text = mlpipe.run("status", "-a", tr, check=True).stdout
    assert "FINISHED" in text and "SUCCEEDED" in text
    logs = mlpipe.run("logs", "-a", tr, check=True).stdout
    assert "cross-validation" in logs and tr in logs
    mon = mlpipe.run("monitor", "-a", tr, "--output", "json")
    assert mon.returncode == 0 and json.loads(mon.stdout)["final_status"] == "SUCCEEDED"
    assert (mlpipe.home / "mlpipe_job_submission.log").read_text().count("application_") >= 6


def test_training_on_raw_data_applies_the_configured_pipeline(mlpipe, tmp_path):
    """No data_processing first: training fits the example's feature_pipeline itself (on each fit's training
    rows), says so, stores it with the model, and prediction on raw rows applies it."""
    raw = mlpipe.seed_raw()
    out = tmp_path / "predictions"
    cfg = mlpipe.write_config(tmp_path / "job_config.yaml",
                              data_config={"training_data_path": str(raw), "prediction_input_path": str(raw),
                                           "predictions_output_path": str(out)},
                              model_config={"cv_folds": 3, "hyperparameters": {"n_estimators": 20}})
    status = mlpipe.status(submit_wait(mlpipe, cfg, "training"))
    assert status["outputs"]["feature_pipeline"].startswith("6 steps fitted on the training rows of each fit")
    assert 0.80 < status["outputs"]["cv_mean_roc_auc"] < 0.95
    # The example holds out 20% (test_size 0.2): the output says CV ran on the rest, and how to include every row.
    assert status["outputs"]["cv_covers"].startswith("3 folds over the "), status["outputs"]
    assert "set test_size: 0 to cross-validate every row" in status["outputs"]["cv_covers"]
    meta = json.loads((mlpipe.warehouse / "models" / "churn_model" / "v1" / "metadata.json").read_text())
    assert meta["metrics"]["cv"]["covers"] == status["outputs"]["cv_covers"]
    assert "charges_per_month" in meta["feature_columns"]  # the derive step ran
    pipelines = json.loads((mlpipe.warehouse / "models" / "churn_model" / "v1" / "pipeline.json").read_text())
    assert pipelines["upstream"]["produced_by"] == status["application_id"]
    assert pipelines["upstream"]["pipeline_id"].startswith("fnv1a64:")

    submit_wait(mlpipe, cfg, "prediction")
    assert pq.read_table(out).num_rows == 7043


def test_the_daily_sequence_run_again_keeps_the_earlier_model_working(mlpipe, tmp_path):
    """The seed's daily DAG: data_processing -> training -> prediction -> evaluation, then data_processing
    again (an Airflow retry, the next day) on the same input and on new input, with prediction and
    evaluation by the model trained on day one. Data processed by the same config from the same input
    has the same pipeline identity; data processed by a different fit is refused at submit (exit 3), naming
both pipelines, and nothing is recorded."""
    raw = mlpipe.seed_raw()
    quick = {"model_config": {"cv_folds": 0, "hyperparameters": {"n_estimators": 20}}}
    cfg = mlpipe.write_config(tmp_path / "job_config.yaml", **quick)
    wh = mlpipe.warehouse
    lineage = wh / "data" / "validation" / "churn" / "_mlpipe_pipeline.json"

    def predict(day):
        out = wh / "data" / "output" / day
        submit_wait(mlpipe, cfg, "prediction", "--app-args", f"--input-path {raw} --output-path {out}")
        return pq.read_table(out).num_rows

    submit_wait(mlpipe, cfg, "data_processing")
    day_one_pipeline = json.loads(lineage.read_text())["pipeline_id"]
    submit_wait(mlpipe, cfg, "training")
    assert predict("day1") == 7043
    day_one = mlpipe.status(submit_wait(mlpipe, cfg, "evaluation"))["outputs"]

    submit_wait(mlpipe, cfg, "data_processing")  # the same config on the same input
    assert json.loads(lineage.read_text())["pipeline_id"] == day_one_pipeline
    assert predict("day2") == 7043
    day_two = mlpipe.status(submit_wait(mlpipe, cfg, "evaluation"))["outputs"]
    assert day_two["roc_auc"] == day_one["roc_auc"] and day_two["model"] == "churn_model@v1"

    new_raw = raw.with_name("wa_churn_new.csv")  # new input: another fit of the same pipeline
    new_raw.write_text("".join(raw.read_text().splitlines(keepends=True)[:5001]))
    new_cfg = mlpipe.write_config(tmp_path / "new.yaml", data_config={"raw_data_path": str(new_raw)}, **quick)
    submit_wait(mlpipe, new_cfg, "data_processing")
    new_pipeline = json.loads(lineage.read_text())["pipeline_id"]
    assert new_pipeline != day_one_pipeline
    assert predict("day3") == 7043  # raw input: the model applies its own pipeline
    jobs_before = len(json.loads(mlpipe.run("list", "--output", "json", check=True).stdout))
    processed = wh / "data" / "validation" / "churn"
    for refused in (["-t", "evaluation", "-c", new_cfg, "--wait"],
                    ["-t", "prediction", "-c", new_cfg, "--wait",
                     "--app-args", f"--input-path {processed} --output-path {wh / 'data' / 'output' / 'day3b'}"]):
        proc = mlpipe.run("submit", *refused)  # the input's lineage is readable: refused at submit
        assert proc.returncode == 3, proc.stderr
        assert "data_config." in proc.stderr and "does not fit model churn_model@v1" in proc.stderr, proc.stderr
        assert f"processed by feature pipeline {new_pipeline} but model churn_model@v1" in proc.stderr
        assert f"trained on data processed by pipeline {day_one_pipeline}" in proc.stderr
        assert "or retrain the model on this data" in proc.stderr
    assert len(json.loads(mlpipe.run("list", "--output", "json", check=True).stdout)) == jobs_before
    assert not (wh / "data" / "output" / "day3b").exists()
