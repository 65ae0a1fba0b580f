"""data_config.na_values: pandas' missing-value tokens are missing in CSV input, not categories or text."""
import json

import pyarrow as pa
import pyarrow.csv as pacsv

from mlpipe_e2e import DATA


def churn_with_tokens(path):
    """wa_churn with "None" in a text column and "null" / "NA" in a number column, on a few rows."""
    table = pacsv.read_csv(DATA / "wa_churn.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=False))
    internet = table["internet_service"].to_pylist()
    charges = [str(v) for v in table["monthly_charges"].to_pylist()]
    for row in (3, 30, 300):
        internet[row] = "None"
        charges[row] = "null" if row == 3 else "NA"
    table = table.set_column(table.schema.get_field_index("internet_service"), "internet_service", pa.array(internet))
    table = table.set_column(table.schema.get_field_index("monthly_charges"), "monthly_charges", pa.array(charges))
    pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(quoting_style="none"))
    return path


def train(mlpipe, tmp_path, data, name, **data_config):
    cfg = mlpipe.write_config(
        tmp_path / f"{name}.yaml",
        model_config={"model_name": name, "cv_folds": 0, "hyperparameters": {"n_estimators": 10}},
        data_config={"training_data_path": str(data), "target_column": "churn",
                     "feature_pipeline": [{"encode": {"method": "onehot", "columns": ["internet_service"]}}],
                     **data_config})
    proc = mlpipe.run("submit", "-t", "training", "-c", cfg, "--wait", "-o", "json")
    assert proc.returncode == 0, proc.stderr
    meta = json.loads((mlpipe.warehouse / "models" / name / "v1" / "metadata.json").read_text())
    return json.loads(proc.stdout), meta


def test_pandas_tokens_are_missing_and_a_custom_list_replaces_them(mlpipe, tmp_path):
    data = churn_with_tokens(tmp_path / "churn.csv")
    result, meta = train(mlpipe, tmp_path, data, "default_tokens")
    assert not any("None" in c for c in meta["feature_columns"]), meta["feature_columns"]
    assert "monthly_charges" in meta["feature_columns"]
    assert "read as text" not in (result["diagnostics"] or ""), result  # the number column stays numeric

    # With only "NA" missing, "None" becomes a category and "null" turns monthly_charges into text.
    result, meta = train(mlpipe, tmp_path, data, "own_tokens", na_values=["NA"])
    assert any("None" in c for c in meta["feature_columns"]), meta["feature_columns"]
    assert "monthly_charges" not in meta["feature_columns"]
    assert "column 'monthly_charges' of" in result["diagnostics"], result
    assert "the first 'null' in data row 4" in result["diagnostics"], result
