"""`mlpipe validate` checks the data its jobs would read (the input's header or footer, its first rows, the
target column alone for the split), with errors at the user's file:line:col, and refuses what the job
would refuse; `--no-data` skips it."""
import json

from mlpipe_e2e import DATA

EXIT_JOB_FAILED, EXIT_CONFIG = 1, 3


def line_of(cfg, needle):
    """1-based line number of the first line of `cfg` containing `needle`."""
    return next(i + 1 for i, l in enumerate(cfg.read_text().splitlines()) if needle in l)


def validate(mlpipe, cfg, *extra):
    return mlpipe.run("validate", "-c", cfg, *extra)


def test_a_valid_config_reports_what_it_read_of_the_data(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml")
    proc = validate(mlpipe, cfg)
    assert proc.returncode == 0, proc.stderr
    assert "data checked: data_config.raw_data_path" in proc.stdout, proc.stdout
    assert "20 columns" in proc.stdout
    assert "feature_pipeline (6 steps) fits its first 1000 rows" in proc.stdout
    assert "stratified split on 'churn': 7043 rows, 2 classes, the smallest 1869 rows" in proc.stdout
    assert "data not checked: data_config.training_data_path" in proc.stdout  # not processed yet
    doc = json.loads(validate(mlpipe, cfg, "--output", "json").stdout)
    assert doc["valid"] and any("stratified split" in c for c in doc["data_checked"]), doc


def test_a_target_column_typo_is_refused_by_validate_and_by_the_job(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml", data_config={"target_column": "churned"})
    proc = validate(mlpipe, cfg)
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    where = f"{cfg}:{line_of(cfg, 'target_column: churned')}:"
    assert f"{where}" in proc.stderr and "target column 'churned' (data_config.target_column) is not in" in proc.stderr
    assert "did you mean 'churn'" in proc.stderr, proc.stderr
    assert validate(mlpipe, cfg, "--no-data").returncode == 0
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--wait", "--output", "json")
    assert proc.returncode == EXIT_JOB_FAILED, proc.stderr
    diag = json.loads(proc.stdout)["diagnostics"]
    assert "target column 'churned' (data_config.target_column) is not in" in diag and "configs/" not in diag, diag
    assert not (mlpipe.warehouse / "data" / "training" / "churn").exists()


def test_a_feature_pipeline_column_typo_is_refused_at_the_users_step(mlpipe, tmp_path):
    mlpipe.seed_raw()
    cfg = mlpipe.write_config(tmp_path / "c.yaml")
    text = cfg.read_text()
    cfg.write_text(text.replace("- total_charges\n", "- total_charge\n", 1))
    proc = validate(mlpipe, cfg, "-t", "data_processing")
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert f"impute at {cfg}:{line_of(cfg, '- impute:')}:" in proc.stderr, proc.stderr
    assert "total_charge" in proc.stderr and "fitted on the first 1000 rows" in proc.stderr


def test_a_class_with_a_single_row_is_refused_for_a_stratified_split(mlpipe, tmp_path):
    raw = tmp_path / "raw.csv"
    lines = (DATA / "wa_churn.csv").read_text().splitlines()
    lines[7] = '"Maybe"' + lines[7][lines[7].index(","):]
    raw.write_text("\n".join(lines) + "\n")
    cfg = mlpipe.write_config(tmp_path / "c.yaml", data_config={"raw_data_path": str(raw)})
    proc = validate(mlpipe, cfg)
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert "class(es) 'Maybe' of target 'churn' have a single row" in proc.stderr, proc.stderr
    assert "split.stratify: false" in proc.stderr
    proc = mlpipe.run("submit", "-t", "data_processing", "-c", cfg, "--wait", "--output", "json")
    assert proc.returncode == EXIT_JOB_FAILED, proc.stderr
    assert "class(es) 'Maybe'" in json.loads(proc.stdout)["diagnostics"]
    unstratified = mlpipe.write_config(tmp_path / "u.yaml", data_config={"raw_data_path": str(raw),
                                                                         "split": {"stratify": False}})
    assert validate(mlpipe, unstratified).returncode == 0


def test_prediction_input_lacking_the_models_columns_is_refused(mlpipe, tmp_path):
    mlpipe.seed_raw()
    quick = {"model_config": {"cv_folds": 0, "hyperparameters": {"n_estimators": 10}}}
    cfg = mlpipe.write_config(tmp_path / "c.yaml", **quick)
    for job in ("data_processing", "training"):
        assert mlpipe.run("submit", "-t", job, "-c", cfg, "--wait").returncode == 0
    bad = tmp_path / "batch.csv"
    rows = (DATA / "wa_churn.csv").read_text().splitlines()[:50]
    header = rows[0].split(",")
    keep = [i for i, name in enumerate(header) if name not in ('"tenure"', '"contract"')]
    bad.write_text("\n".join(",".join(r.split(",")[i] for i in keep) for r in rows) + "\n")
    pcfg = mlpipe.write_config(tmp_path / "p.yaml", data_config={"prediction_input_path": str(bad)}, **quick)
    proc = validate(mlpipe, pcfg, "-t", "prediction")
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert "does not fit model churn_model@v1" in proc.stderr and "tenure" in proc.stderr, proc.stderr
    ok = validate(mlpipe, cfg, "-t", "evaluation")
    assert ok.returncode == 0, ok.stderr
    assert "fits model churn_model@v1" in ok.stdout, ok.stdout
