"""model_config.positive_class: a good/bad table scored for "bad", through training, evaluation and the report."""
import json

import pyarrow.csv as pacsv
import pyarrow.compute as pc

from mlpipe_e2e import DATA


def credit_table(path):
    """wa_churn with its target renamed good (No) / bad (Yes): by text order the default rule calls "good" positive."""
    table = pacsv.read_csv(DATA / "wa_churn.csv")
    risk = pc.if_else(pc.equal(table["churn"], "Yes"), "bad", "good")
    table = table.drop(["churn"]).append_column("risk", risk)
    pacsv.write_csv(table, path)
    return path


def run(mlpipe, cfg, job_type):
    proc = mlpipe.run("submit", "-t", job_type, "-c", cfg, "--wait", "-o", "json")
    return proc, (json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None)


def config(mlpipe, tmp_path, name, data, **model):
    return mlpipe.write_config(
        tmp_path / f"{name}.yaml",
        model_config={"model_name": name, "cv_folds": 0, "hyperparameters": {"n_estimators": 20}, **model},
        data_config={"training_data_path": str(data), "evaluation_data_path": str(data), "target_column": "risk",
                     "feature_pipeline": [{"encode": {"method": "onehot",
                                                      "columns": ["contract", "internet_service",
                                                                  "payment_method"]}}]})


def test_positive_class_decides_what_the_metrics_are_about(mlpipe, tmp_path):
    data = credit_table(tmp_path / "credit.csv")
    by_rule = config(mlpipe, tmp_path, "by_rule", data)
    chosen = config(mlpipe, tmp_path, "chosen", data, positive_class="bad")

    proc, trained = run(mlpipe, by_rule, "training")
    assert proc.returncode == 0, proc.stderr
    assert trained["outputs"]["positive_class"] == "good"
    proc, trained = run(mlpipe, chosen, "training")
    assert proc.returncode == 0, proc.stderr
    assert trained["outputs"]["positive_class"] == "bad"
    meta = json.loads((mlpipe.warehouse / "models" / "chosen" / "v1" / "metadata.json").read_text())
    assert meta["classes"] == ["good", "bad"] and meta["positive_class"] == "bad"
    assert meta["metrics"]["positive_class"] == "bad"

    _, rule_eval = run(mlpipe, by_rule, "evaluation")
    proc, chosen_eval = run(mlpipe, chosen, "evaluation")
    assert proc.returncode == 0, proc.stderr
    assert chosen_eval["outputs"]["positive_class"] == "bad"
    metrics = json.loads(open(chosen_eval["outputs"]["metrics_file"]).read())
    rule_metrics = json.loads(open(rule_eval["outputs"]["metrics_file"]).read())
    assert metrics["positive_class"] == "bad" and rule_metrics["positive_class"] == "good"
    # The same rows and nearly the same model, but recall of the rare "bad" class is far below that of "good".
    assert metrics["recall"] < rule_metrics["recall"] - 0.2, (metrics, rule_metrics)
    assert "(positive class: bad)" in open(chosen_eval["outputs"]["report"]).read()


def test_a_positive_class_that_is_not_a_label_fails_the_training_with_a_did_you_mean(mlpipe, tmp_path):
    data = credit_table(tmp_path / "credit.csv")
    proc, result = run(mlpipe, config(mlpipe, tmp_path, "typo", data, positive_class="Bad"), "training")
    assert proc.returncode != 0
    message = proc.stderr + json.dumps(result or {})
    assert "model_config.positive_class 'Bad' is not a value of target column 'risk'" in message, message
    assert "did you mean 'bad'?" in message
    assert not (mlpipe.warehouse / "models" / "typo").exists()
