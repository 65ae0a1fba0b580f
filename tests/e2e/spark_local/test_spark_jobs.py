"""The four job types on Spark (local[2], file:// paths) against the local engine on the same churn
data: same outputs, same layouts, models usable across both sides. Runs in order: each test builds
on the outputs of the ones before it (module-scoped workspace)."""
import json
import math
import os
import re
import shutil
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq

import pytest

from spark_side import in_process_spark, spark_env, workspace  # noqa: F401  (fixtures)

LOCAL_ONLY_KEYS = {"peak_rss_mb"}  # the local worker adds its memory use to every result


def read_dataset(path):
    files = sorted(p for p in path.iterdir() if p.suffix == ".parquet" and not p.name.startswith(("_", ".")))
    return pa.concat_tables([pq.read_table(f) for f in files])


def assert_tables_match(spark, local):
    """Same columns, types and rows in the same order; floats within rounding of merged moments."""
    assert spark.schema.equals(local.schema, check_metadata=False), f"{spark.schema}\n---\n{local.schema}"
    assert spark.num_rows == local.num_rows
    for name in local.column_names:
        a, b = spark[name].to_pylist(), local[name].to_pylist()
        if pa.types.is_floating(local.schema.field(name).type):
            for x, y in zip(a, b):
                assert (x is None) == (y is None) and (x is None or math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)), name
        else:
            assert a == b, name


def assert_json_close(a, b, where="$"):
    """Equal JSON, numbers within rounding of merged moments; "where" (a step's place in its config
    file) is not compared."""
    if isinstance(b, dict):
        assert isinstance(a, dict) and set(a) == set(b), where
        for k in set(b) - {"where"}:
            assert_json_close(a[k], b[k], f"{where}.{k}")
    elif isinstance(b, list):
        assert isinstance(a, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_json_close(x, y, f"{where}[{i}]")
    elif isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b, (where, a, b)


def assert_same_keys(spark_result, local_result):
    assert set(spark_result) == set(local_result) - LOCAL_ONLY_KEYS


def test_data_processing_equals_local(workspace):
    local = workspace.local_run("data_processing")
    proc, result = workspace.submit("data_processing")
    assert_same_keys(result, local)
    for key in ("rows_in", "rows_training", "rows_validation", "columns_out"):
        assert result[key] == local[key], key
    assert result["rows_in"] == 7043
    for part in ("training", "validation"):
        spark_dir = workspace.spark / "data" / part / "churn"
        local_dir = workspace.local / "data" / part / "churn"
        assert (spark_dir / "_SUCCESS").exists() and (spark_dir / "_mlpipe_pipeline.json").exists()
        assert_tables_match(read_dataset(spark_dir), read_dataset(local_dir))
        spark_lineage = json.loads((spark_dir / "_mlpipe_pipeline.json").read_text())
        local_lineage = json.loads((local_dir / "_mlpipe_pipeline.json").read_text())
        assert spark_lineage["input_schema"] == local_lineage["input_schema"]
        assert spark_lineage["pipeline"]["output_columns"] == local_lineage["pipeline"]["output_columns"]
        assert spark_lineage["produced_by"] == "spark_run"
    artifact = workspace.spark / "artifacts" / "feature_pipelines" / "churn_model" / "spark_run.json"
    assert result["feature_pipeline"] == artifact.as_uri()
    assert json.loads(artifact.read_text())["produced_by"] == "spark_run"
    leftovers = [p.name for p in (workspace.spark / "data" / "training").iterdir() if p.name.startswith(".churn")]
    assert leftovers == []

    # Both outputs are staged before either is published: a driver killed while staging the second one
    # leaves both as they were (nothing of the killed run is visible).
    markers = {part: workspace.spark / "data" / part / "churn" / "_mlpipe_output.json" for part in ("training", "validation")}
    before = {part: m.read_text() for part, m in markers.items()}
    proc, _ = workspace.submit("data_processing", run_id="killed_dp", check=False, env={"MLPIPE_TEST_DIE_AT": "staged:2"})
    assert proc.returncode != 0
    assert {part: m.read_text() for part, m in markers.items()} == before


def test_training_publishes_local_layout_with_local_auc(workspace):
    local = workspace.local_run("training")
    proc, result = workspace.submit("training")
    assert_same_keys(result, local)
    model_dir = workspace.spark / "models" / "churn_model" / "v1"
    assert result["model"] == "churn_model@v1" and result["model_dir"] == model_dir.as_uri()
    assert {p.name for p in model_dir.iterdir()} >= {"model.ubj", "pipeline.json", "metadata.json", "cv_folds.json"}
    assert (workspace.spark / "models" / "churn_model" / "latest").read_text().strip() == "v1"
    local_dir = workspace.warehouse / "models" / "churn_model" / "v1"
    # The same rows are held out and given the same folds as locally.
    assert json.loads((model_dir / "cv_folds.json").read_text()) == json.loads((local_dir / "cv_folds.json").read_text())
    meta = json.loads((model_dir / "metadata.json").read_text())
    local_meta = json.loads((local_dir / "metadata.json").read_text())
    assert set(meta) == set(local_meta)
    for key in ("task", "classes", "feature_columns", "input_columns", "algorithm", "xgboost", "cv_folds",
                "positive_class"):
        assert meta[key] == local_meta[key], key
    assert meta["metrics"]["positive_class"] == local_meta["metrics"]["positive_class"] == "Yes"
    assert meta["metrics"]["holdout"]["rows"] == local_meta["metrics"]["holdout"]["rows"] == 1125
    assert abs(result["holdout_roc_auc"] - local["holdout_roc_auc"]) < 0.005, (result, local)
    assert abs(result["cv_mean_roc_auc"] - local["cv_mean_roc_auc"]) < 0.005, (result, local)
    assert result["cv_covers"] == local["cv_covers"], (result, local)
    training_json = workspace.spark / "metrics" / "churn_model" / "v1" / "training.json"
    assert json.loads(training_json.read_text()) == meta["metrics"]


def test_prediction_matches_local_run_of_the_spark_model(workspace):
    proc, result = workspace.submit("prediction")
    assert result["rows"] == 7043 and result["model"] == "churn_model@v1"
    spark_out = read_dataset(workspace.spark / "predictions")
    assert spark_out.column_names == ["row_number", "prediction", "probability_No", "probability_Yes"]
    assert spark_out["row_number"].to_pylist() == list(range(7043))
    # The Spark-trained model, copied into the local warehouse, predicts the same locally.
    shutil.copytree(workspace.spark / "models" / "churn_model" / "v1",
                    workspace.warehouse / "models" / "churn_model" / "v2")
    local_config = workspace.write_config(workspace.root / "local-v2.yaml", str(workspace.raw), str(workspace.local),
                                          model_config={"model_version": "v2"})
    local = workspace.local_run("prediction", local_config)
    assert_same_keys(result, local)
    assert_tables_match(spark_out, read_dataset(workspace.local / "predictions"))


def test_local_model_predicts_on_spark(workspace):
    local_config = workspace.write_config(workspace.root / "local-v1.yaml", str(workspace.raw), str(workspace.local),
                                          model_config={"model_version": "v1"})
    workspace.local_run("prediction", local_config)
    spark_config = workspace.write_config(workspace.root / "spark-local-model.yaml", workspace.raw.as_uri(),
                                          (workspace.root / "cross").as_uri(),
                                          model_config={"model_version": "v1"})
    proc, result = workspace.submit("prediction", config=spark_config, run_id="cross_run",
                                    base=workspace.warehouse)
    assert result["model"] == "churn_model@v1"
    assert_tables_match(read_dataset(workspace.root / "cross" / "predictions"),
                        read_dataset(workspace.local / "predictions"))


def test_prediction_publishes_only_over_its_own_output(workspace):
    """The driver's commit (commit.py, through Hadoop's FileSystem) under the local engine's rule: a
    user's directory is refused before any Spark job runs; a driver killed with the old output set
    aside leaves it there, and the next run puts it back, then replaces it."""
    out = workspace.spark / "predictions"  # written by test_prediction_matches_local_run_of_the_spark_model
    first = json.loads((out / "_mlpipe_output.json").read_text())
    assert first["role"] == "data_config.predictions_output_path" and first["job_type"] == "prediction"
    user = workspace.root / "user_reports"
    user.mkdir()
    (user / "q3.txt").write_text("a user's report\n")
    config = workspace.write_config(workspace.root / "spark-user.yaml", workspace.raw.as_uri(), workspace.spark.as_uri(),
                                    data_config={"predictions_output_path": user.as_uri()})
    proc, result = workspace.submit("prediction", config=config, run_id="user_run", check=False)
    errors = [line for line in proc.stdout.splitlines() if line.startswith("mlpipe prediction: error:")]
    assert proc.returncode != 0 and result is None and len(errors) == 1, proc.stdout[-3000:]
    assert "is not mlpipe's output" in errors[0]
    assert [p.name for p in user.iterdir()] == ["q3.txt"] and (user / "q3.txt").read_text() == "a user's report\n"

    proc, _ = workspace.submit("prediction", run_id="killed_run", check=False, env={"MLPIPE_TEST_DIE_AT": "set_aside"})
    assert proc.returncode != 0
    assert not out.exists()
    aside = [p for p in out.parent.iterdir() if p.name.startswith(".predictions.old-killed_run-")]
    assert len(aside) == 1 and json.loads((aside[0] / "_mlpipe_output.json").read_text()) == first

    proc, result = workspace.submit("prediction", run_id="next_run")
    second = json.loads((out / "_mlpipe_output.json").read_text())
    assert second["app_id"] != first["app_id"] and result["rows"] == 7043
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".predictions.old-")]
    own = set(second["files"]) | {"_SUCCESS", "_mlpipe_output.json"}
    assert {p.name for p in out.iterdir()} - own <= {f".{name}.crc" for name in own}  # Hadoop's checksum twins


def test_evaluation_matches_local(workspace):
    proc, result = workspace.submit("evaluation", run_id="eval_run")
    metrics_dir = workspace.spark / "metrics" / "churn_model" / "v1"
    assert result["metrics_file"] == (metrics_dir / "evaluation-eval_run.json").as_uri()
    report = (metrics_dir / "report-eval_run.html").read_text()
    assert "<svg" in report and "churn_model@v1" in report
    spark_metrics = json.loads((metrics_dir / "evaluation-eval_run.json").read_text())
    # The same model and data evaluated locally (the Spark model is local v2; data from Spark's run).
    local_config = workspace.write_config(
        workspace.root / "local-eval.yaml", str(workspace.raw), str(workspace.local),
        model_config={"model_version": "v2"},
        data_config={"evaluation_data_path": str(workspace.spark / "data" / "validation" / "churn")})
    local = workspace.local_run("evaluation", local_config)
    assert_same_keys(result, local)
    local_metrics = json.loads(open(local["metrics_file"]).read())
    assert set(spark_metrics) == set(local_metrics)
    for key, value in local_metrics.items():
        if isinstance(value, float):
            assert math.isclose(spark_metrics[key], value, rel_tol=1e-9), key
        elif key not in ("model", "data"):
            assert spark_metrics[key] == value, key
    assert spark_metrics["rows"] == 1407


def test_failure_exits_nonzero_with_the_engine_message_and_no_output(workspace):
    bad = workspace.write_config(workspace.root / "bad.yaml", workspace.raw.as_uri(), (workspace.root / "bad").as_uri(),
                                 data_config={"target_column": "churned",
                                              "training_data_path": workspace.raw.as_uri()})
    proc, result = workspace.submit("training", config=bad, run_id="bad_run", base=workspace.root / "bad",
                                    check=False)
    assert proc.returncode != 0
    assert result is None
    # spark-submit copies the Python driver's stderr to its own stdout.
    errors = [line for line in proc.stdout.splitlines() if line.startswith("mlpipe training: error:")]
    assert len(errors) == 1, proc.stdout[-5000:]
    assert "target column 'churned'" in errors[0] and "did you mean 'churn'" in errors[0]
    assert not (workspace.root / "bad" / "models" / "churn_model").exists()


def test_data_processing_refuses_a_missing_target_and_a_class_too_small_to_stratify(workspace):
    """The local job's rules (engine CheckTargetColumn, CheckStratifiedClasses), on Spark: no output."""
    lines = workspace.raw.read_text().splitlines()
    lines[7] = '"Maybe"' + lines[7][lines[7].index(","):]
    one_row_class = workspace.root / "one_row_class.csv"
    one_row_class.write_text("\n".join(lines) + "\n")
    for name, raw, data, message in (
            ("typo", workspace.raw, {"target_column": "churned"}, "target column 'churned' (data_config.target_column) is not in"),
            ("maybe", one_row_class, {}, "class(es) 'Maybe' of target 'churn' have a single row")):
        base = workspace.root / f"refused_{name}"
        cfg = workspace.write_config(workspace.root / f"{name}.yaml", raw.as_uri(), base.as_uri(), data_config=data)
        proc, result = workspace.submit("data_processing", config=cfg, run_id=f"{name}_run", base=base, check=False)
        assert proc.returncode != 0 and result is None
        errors = [line for line in proc.stdout.splitlines() if line.startswith("mlpipe data_processing: error:")]
        assert len(errors) == 1 and message in errors[0], proc.stdout[-5000:]
        assert not (base / "data" / "training").exists() or not any((base / "data" / "training").iterdir())


def test_training_on_raw_data_fits_the_pipeline_per_fold_like_local(workspace):
    raw_sections = {"data_config": {"training_data_path": None}, "model_config": {"cv_folds": 3}}
    local_cfg = workspace.write_config(workspace.root / "raw-local.yaml", str(workspace.raw),
                                       str(workspace.root / "raw-local"), **raw_sections)
    spark_cfg = workspace.write_config(workspace.root / "raw.yaml", workspace.raw.as_uri(),
                                       (workspace.root / "raw").as_uri(), **raw_sections)
    for cfg, path in ((local_cfg, str(workspace.raw)), (spark_cfg, workspace.raw.as_uri())):
        cfg.write_text(cfg.read_text().replace("training_data_path: null", f"training_data_path: {path}"))
    local = workspace.local_run("training", config=local_cfg)
    proc, result = workspace.submit("training", config=spark_cfg, run_id="raw_run", base=workspace.root / "raw")
    assert result["feature_pipeline"] == local["feature_pipeline"]
    assert result["feature_pipeline"].startswith("6 steps fitted on the training rows of each fit")
    model_dir = workspace.root / "raw" / "models" / "churn_model" / "v1"
    local_dir = workspace.warehouse / "models" / "churn_model" / local["model"].split("@")[1]
    meta = json.loads((model_dir / "metadata.json").read_text())
    local_meta = json.loads((local_dir / "metadata.json").read_text())
    for key in ("task", "classes", "feature_columns", "input_columns", "cv_folds"):
        assert meta[key] == local_meta[key], key
    assert meta["metrics"]["holdout"]["rows"] == local_meta["metrics"]["holdout"]["rows"]
    assert [f["rows"] for f in meta["metrics"]["cv"]["folds"]] == [f["rows"] for f in local_meta["metrics"]["cv"]["folds"]]
    # The bundle carries the pipeline fitted on the final fit's training rows: same fitted state.
    bundle, local_bundle = (json.loads((d / "pipeline.json").read_text()) for d in (model_dir, local_dir))
    assert_json_close(bundle["upstream"]["pipeline"], local_bundle["upstream"]["pipeline"])
    assert bundle["upstream"]["produced_by"] == "raw_run"
    assert abs(result["holdout_roc_auc"] - local["holdout_roc_auc"]) < 0.005, (result, local)
    assert abs(result["cv_mean_roc_auc"] - local["cv_mean_roc_auc"]) < 0.005, (result, local)
    assert result["cv_covers"] == local["cv_covers"], (result, local)


def test_a_number_column_read_as_text_is_a_warning_naming_the_first_bad_value(workspace):
    lines = workspace.raw.read_text().splitlines(keepends=True)
    for row, value in ((5000, "unknown"), (6500, "?")):  # data rows, in later partitions than the first
        cells = lines[row].split(",")
        cells[18] = value  # monthly_charges
        lines[row] = ",".join(cells)
    bad = workspace.root / "bad_numbers" / "churn.csv"
    bad.parent.mkdir()
    bad.write_text("".join(lines))
    cfg = workspace.write_config(workspace.root / "bad_numbers.yaml", bad.as_uri(),
                                 (workspace.root / "bad_numbers").as_uri(),
                                 data_config={"training_data_path": bad.as_uri(), "feature_pipeline": []},
                                 model_config={"cv_folds": 0})
    proc, result = workspace.submit("training", config=cfg, run_id="bad_numbers", base=workspace.root / "bad_numbers")
    assert result["warnings"] == [
        f"column 'monthly_charges' of '{bad.as_uri()}' is read as text, not numbers, because 2 of its 7043 values are "
        "not a number, the first 'unknown' in data row 5000; fix or blank them (an empty cell or a data_config.na_values "
        "token is a missing value) to keep the column numeric"], result

    # The same file with both tokens in data_config.na_values: the executors parse them as missing, as locally.
    cfg = workspace.write_config(workspace.root / "na_values.yaml", bad.as_uri(), (workspace.root / "na_values").as_uri(),
                                 data_config={"training_data_path": bad.as_uri(), "feature_pipeline": [],
                                              "na_values": ["", "NA", "unknown", "?"]},
                                 model_config={"cv_folds": 0})
    proc, result = workspace.submit("training", config=cfg, run_id="na_values", base=workspace.root / "na_values")
    assert result.get("warnings") in (None, []), result
    meta = json.loads((workspace.root / "na_values" / "models" / "churn_model" / "v1" / "metadata.json").read_text())
    assert "monthly_charges" in meta["feature_columns"]


def test_a_pipeline_keeping_no_rows_is_a_warning_in_the_result(workspace):
    cfg = workspace.write_config(workspace.root / "empty.yaml", workspace.raw.as_uri(),
                                 (workspace.root / "empty").as_uri(),
                                 data_config={"feature_pipeline": [{"filter": "tenure < 0"}]})
    proc, result = workspace.submit("data_processing", config=cfg, run_id="empty_run", base=workspace.root / "empty")
    assert result["rows_training"] == 0 and result["rows_validation"] == 0
    assert len(result["warnings"]) == 2, result
    assert re.match(r"data_config.feature_pipeline kept 0 of the \d+ training rows", result["warnings"][0])
    assert "mlpipe data_processing: warning: data_config.feature_pipeline kept 0" in proc.stdout


def test_environment_archive_carries_every_library(spark_env):
    module = next((spark_env / "python" / "mlpipe_spark").glob("_engine*.so"))
    ldd = subprocess.run(["ldd", str(module)], capture_output=True, text=True, check=True).stdout
    for lib in ("libarrow.so", "libparquet.so", "libxgboost.so", "libyaml-cpp.so", "libfmt.so"):
        line = next(l for l in ldd.splitlines() if lib in l)
        assert str(spark_env) in line, line
    gomp = subprocess.run(["ldd", str(next((spark_env / "lib" / "xgboost" / "lib").glob("libxgboost.so")))],
                          capture_output=True, text=True, check=True).stdout
    gomp_path = next(l for l in gomp.splitlines() if "libgomp" in l).split("=>")[1].split("(")[0].strip()
    assert os.path.realpath(gomp_path).startswith(str(spark_env / "lib" / "xgboost_cpu.libs"))
    assert (spark_env / "python" / "mlpipe_spark" / "drivers" / "training.py").exists()


def test_publish_never_overwrites_and_moves_latest_forward(in_process_spark, workspace):
    from mlpipe_spark import models
    from mlpipe_spark.hadoop import HadoopFS
    fs = HadoopFS(in_process_spark)
    models_dir = (workspace.root / "publish" / "models").as_uri()
    source = workspace.spark / "models" / "churn_model" / "v1"
    assert models.publish(fs, models_dir, "m", str(source), "run_a")[0] == 1
    assert models.publish(fs, models_dir, "m", str(source), "run_b")[0] == 2
    model_dir = workspace.root / "publish" / "models" / "m"
    assert sorted(p.name for p in model_dir.iterdir() if not p.name.startswith(".")) == ["latest", "v1", "v2"]
    assert (model_dir / "latest").read_text() == "v2\n"
    (model_dir / "latest").write_text("v9\n")  # a newer version published concurrently elsewhere
    assert models.publish(fs, models_dir, "m", str(source), "run_c")[0] == 3
    assert (model_dir / "latest").read_text() == "v9\n"
    assert models.resolve(fs, models_dir, "m", "") == 3  # latest names no published version: the newest
    assert models.resolve(fs, models_dir, "m", "v1") == 1
    with pytest.raises(Exception, match="has no version v7; available versions: v1, v2, v3"):
        models.resolve(fs, models_dir, "m", "7")
    assert not [p for p in model_dir.iterdir() if p.name.startswith(".staging")]
    # A version directory created by a concurrent publisher after this one listed the versions:
    # the rename refuses it rather than moving the staging directory inside.
    taken, moving = model_dir / "v4", workspace.root / "publish" / "moving"
    taken.mkdir()
    moving.mkdir()
    (moving / "model.ubj").write_text("x")
    assert fs.rename(moving.as_uri(), taken.as_uri()) is False
    assert list(taken.iterdir()) == [] and (moving / "model.ubj").exists()


def test_input_files_follow_the_engine_rule_and_errors_carry_the_status_code(in_process_spark, workspace):
    from mlpipe_spark import EngineError
    from mlpipe_spark.hadoop import HadoopFS
    from mlpipe_spark.reading import resolve_files
    fs = HadoopFS(in_process_spark)
    parts = workspace.root / "parts"
    parts.mkdir()
    for name in ("part-1.csv", "part-0.csv", "_SUCCESS", ".part-0.csv.crc"):
        (parts / name).write_text("a\n1\n")
    (parts / "sub").mkdir()
    files, fmt = resolve_files(fs, parts.as_uri(), "auto")
    assert fmt == "csv"
    assert [f.rsplit("/", 1)[1] for f in files] == ["part-0.csv", "part-1.csv"]
    (parts / "part-2.parquet").write_text("x")
    with pytest.raises(EngineError, match="mixes CSV and Parquet files") as mixed:
        resolve_files(fs, parts.as_uri(), "auto")
    assert mixed.value.code == "data_error"
    with pytest.raises(EngineError) as unknown:
        resolve_files(fs, parts.as_uri(), "orc")
    assert unknown.value.code == "invalid_argument"


def test_custom_job_api_reads_and_predicts(in_process_spark, workspace):
    from mlpipe_spark import custom
    config = custom.job_config(str(workspace.spark_config), "prediction")
    assert config["model"]["name"] == "churn_model"
    df = custom.read(workspace.raw.as_uri())
    assert df.count() == 7043
    model = custom.load_model((workspace.spark / "models").as_uri(), "churn_model")
    scored = custom.predict(df, model).toArrow()
    assert scored.column_names == ["row_number", "prediction", "probability_No", "probability_Yes"]
    expected = read_dataset(workspace.spark / "predictions")
    assert sorted(scored["probability_Yes"].to_pylist()) == sorted(expected["probability_Yes"].to_pylist())


def test_training_timeout_cancels_the_spark_jobs_and_publishes_nothing(workspace):
    """job_specific_config.training.timeout holds on Spark too (driver.Deadline): the Spark jobs are
    cancelled, the driver exits 1 naming the key, and no model version appears."""
    base = workspace.root / "slow"
    slow = workspace.write_config(workspace.root / "slow.yaml", workspace.raw.as_uri(), base.as_uri(),
                                  job_specific_config={"training": {"timeout": "3s"}},
                                  model_config={"algorithm": "gradient_boosting", "cv_folds": 0,
                                                "hyperparameters": {"n_estimators": 200000, "learning_rate": 0.0001}},
                                  data_config={"training_data_path": workspace.raw.as_uri(), "feature_pipeline": []})
    proc, result = workspace.submit("training", config=slow, run_id="slow_run", base=base, check=False)
    assert proc.returncode != 0 and result is None
    errors = [line for line in proc.stdout.splitlines() if line.startswith("mlpipe training: error:")]
    assert errors == ["mlpipe training: error: timeout 3s exceeded; nothing was published"], proc.stdout[-5000:]
    assert not list((base / "models").glob("churn_model/v*"))
