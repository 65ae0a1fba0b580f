"""Bad input gets a clear message, the documented exit code, and leaves no partial output."""
import json
import re

EXIT_JOB_FAILED, EXIT_USAGE, EXIT_CONFIG, EXIT_NOT_FOUND = 1, 2, 3, 5


def test_malformed_yaml_names_file_line_col(mlpipe, tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("spark_config:\n  num_executors: 2\n  executor_cores: [1, 2\n")
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg)
    assert proc.returncode == EXIT_CONFIG
    assert re.search(re.escape(str(cfg)) + r":\d+:\d+: YAML syntax error", proc.stderr), proc.stderr
    assert mlpipe.run("validate", "-c", cfg).returncode == EXIT_CONFIG


def test_unknown_key_suggests_the_right_one(mlpipe, tmp_path):
    cfg = mlpipe.write_config(tmp_path / "c.yaml", spark_config={"num_executor": 3})
    proc = mlpipe.run("validate", "-c", cfg)
    assert proc.returncode == EXIT_CONFIG
    assert "num_executor" in proc.stderr and "did you mean 'num_executors'" in proc.stderr
    assert str(cfg) in proc.stderr


def test_resource_limit_names_both_values(mlpipe, tmp_path):
    cfg = mlpipe.write_config(tmp_path / "c.yaml", resource_limits={"max_executor_memory": "32g"})
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "--executor-memory", "64g", "--dry-run")
    assert proc.returncode == EXIT_CONFIG
    assert "64g" in proc.stderr and "32g" in proc.stderr
    cfg2 = mlpipe.write_config(tmp_path / "d.yaml", resource_limits={"max_total_cores": 10})
    static = ("--conf", "spark.dynamicAllocation.enabled=false")
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg2, "--num-executors", "6", "--executor-cores", "2", *static)
    assert proc.returncode == EXIT_CONFIG and "= 6 x 2 = 12" in proc.stderr and "10" in proc.stderr
    # The example config has dynamic allocation on: its maxExecutors bounds the cores, not --num-executors.
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg2, "--num-executors", "6", "--executor-cores", "2")
    assert proc.returncode == EXIT_CONFIG
    assert "spark_config.spark.dynamicAllocation.maxExecutors x spark_config.executor_cores = 50 x 2 = 100" in proc.stderr
    # A raw property cannot get round the limit the named flag is held to.
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "--conf", "spark.executor.memory=64g", "--dry-run")
    assert proc.returncode == EXIT_CONFIG
    assert "<command line>: spark_config.spark.executor.memory 64g exceeds resource_limits.max_executor_memory 32g" \
        in proc.stderr
    assert json.loads(mlpipe.run("list", "--output", "json").stdout or "[]") == []


def test_missing_input_file_is_not_found_and_records_nothing(mlpipe, tmp_path):
    cfg = mlpipe.write_config(tmp_path / "c.yaml", data_config={"raw_data_path": "data/raw/nope.csv"})
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--wait")
    assert proc.returncode == EXIT_NOT_FOUND
    assert "nope.csv" in proc.stderr and "data_config.raw_data_path" in proc.stderr
    assert json.loads(mlpipe.run("list", "--output", "json").stdout) == []


def test_unknown_model_is_not_found(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml", model_config={"model_name": "no_such_model"},
                              data_config={"prediction_input_path": "data/raw/wa_churn.csv"})
    proc = mlpipe.run("submit", "-t", "prediction", "-c", cfg, "--wait")
    assert proc.returncode == EXIT_NOT_FOUND
    assert "no_such_model" in proc.stderr


def train_direct(mlpipe, tmp_path):
    """Trains churn_model straight from the raw CSV (no data_processing), returns the config."""
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml",
                              model_config={"hyperparameters": {"n_estimators": 10, "max_depth": 4}, "cv_folds": 0},
                              data_config={"training_data_path": "data/raw/wa_churn.csv", "feature_pipeline": []})
    assert mlpipe.run("submit", "-t", "training", "-c", cfg, "--wait").returncode == 0
    return cfg


def test_csv_missing_feature_column_is_refused_at_submit_with_names_and_no_output(mlpipe, tmp_path):
    cfg = train_direct(mlpipe, tmp_path)
    lines = (mlpipe.warehouse / "data" / "raw" / "wa_churn.csv").read_text().splitlines()
    header = lines[0].split(",")
    drop = {header.index('"tenure"'), header.index('"contract"')}
    bad = tmp_path / "missing_cols.csv"
    bad.write_text("\n".join(",".join(c for i, c in enumerate(l.split(",")) if i not in drop) for l in lines[:200]))
    out = mlpipe.warehouse / "data" / "output" / "bad"
    jobs_before = len(json.loads(mlpipe.run("list", "--output", "json", check=True).stdout))
    proc = mlpipe.run("submit", "-t", "prediction", "-c", cfg, "--wait",
                      "--app-args", f"--input-path {bad} --output-path {out}")
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert f"input '{bad}' (data_config.prediction_input_path) does not fit model churn_model@v1" in proc.stderr
    assert "lacks 2 column(s)" in proc.stderr and "tenure" in proc.stderr and "contract" in proc.stderr
    assert len(json.loads(mlpipe.run("list", "--output", "json", check=True).stdout)) == jobs_before
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no staging left


def test_corrupt_parquet_fails_cleanly(mlpipe, tmp_path):
    cfg = train_direct(mlpipe, tmp_path)
    bad = tmp_path / "corrupt.parquet"
    bad.write_bytes(b"PAR1" + b"\x00garbage" * 100)
    out = mlpipe.warehouse / "data" / "output" / "corrupt"
    proc = mlpipe.run("submit", "-t", "prediction", "-c", cfg, "--wait", "--output", "json",
                      "--app-args", f"--input-path {bad} --output-path {out}")
    assert proc.returncode == EXIT_JOB_FAILED
    diag = json.loads(proc.stdout)["diagnostics"]
    assert "corrupt.parquet" in diag and "Parquet" in diag, diag
    assert not out.exists()


def test_bad_app_args_is_usage_error(mlpipe, tmp_path):
    cfg = mlpipe.write_config(tmp_path / "c.yaml")
    proc = mlpipe.run("submit", "prediction", "-c", cfg, "--app-args", "--inptu-path x")
    assert proc.returncode == EXIT_USAGE and "did you mean '--input-path'" in proc.stderr
    assert mlpipe.run("submit", "-t", "trainning", "-c", cfg).returncode == EXIT_USAGE


def test_secrets_are_never_printed(mlpipe, tmp_path):
    secret = "s3cr3t-Keystore-Pa55"
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml", security_config={
        "enable_ssl": True, "keystore_path": "/etc/ssl/keystore.jks",
        "keystore_password": "${env:KS_PASS}", "truststore_password": secret + "-inline"},
        spark_config={"spark.ssl.keyStorePassword": secret + "-spark"})
    env = {"KS_PASS": secret}
    outputs = []
    for args in (["config", "show", "-c", cfg], ["validate", "-c", cfg],
                 ["submit", "-t", "data_processing", "-c", cfg, "--dry-run"]):
        proc = mlpipe.run(*args, env=env)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout + proc.stderr)
    shown = outputs[0]
    assert "******" in shown
    assert all(secret not in o for o in outputs)
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--wait", "--verbose", env=env)
    assert proc.returncode == 0, proc.stderr
    app_id = proc.stdout.strip().splitlines()[-1]
    everything = proc.stdout + proc.stderr + mlpipe.run("logs", "-a", app_id).stdout
    everything += (mlpipe.warehouse / "configs" / f"{app_id}.yaml").read_text()
    everything += (mlpipe.home / "registry.db").read_bytes().decode("latin-1")
    assert secret not in everything


def test_cluster_only_flags_on_the_local_backend_print_one_note(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml")
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--num-executors", "20", "--executor-memory", "16g",
                      "-q", "ml", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("mlpipe: note:")]
    assert notes == ["mlpipe: note: --queue, --num-executors, --executor-memory apply to the yarn backend only; "
                     "the local backend runs the job on this machine"], proc.stderr
    plain = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--dry-run")
    assert "mlpipe: note:" not in plain.stderr


def test_a_pipeline_steps_runtime_error_names_the_users_file_not_the_run_snapshot(mlpipe, tmp_path):
    """The job runs from a snapshot (warehouse/configs/<id>.yaml), but where a step was written is the
    user's file: the snapshot carries each step's `written_at`."""
    mlpipe.seed_raw()
    cfg = tmp_path / "job_config.yaml"
    mlpipe.write_config(cfg)
    text = cfg.read_text()
    assert text.count("- total_charges") >= 1
    lines = text.splitlines()
    impute = next(i for i, l in enumerate(lines) if l.strip() == "- impute:")
    lines = lines[:impute + 1] + [l.replace("- total_charges", "- total_charge") if impute < i < impute + 6 else l
                                  for i, l in enumerate(lines)][impute + 1:]
    cfg.write_text("\n".join(lines) + "\n")
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--wait", "--output", "json")
    assert proc.returncode == EXIT_JOB_FAILED, proc.stderr
    diag = json.loads(proc.stdout)["diagnostics"]
    assert f"impute at {cfg}:{impute + 1}:" in diag, diag
    assert "total_charge" in diag and "configs/application_" not in diag, diag
