"""The benchmark suite at smoke size (2,000 synthetic rows and wa_churn, one run, Spark MLlib with 5 rounds
on the synthetic data only), so the harness cannot rot; run by the test suite. Every benchmark must
produce figures, the peers must agree with mlpipe where they have to, and the report must be written."""
import json
import os
import subprocess
import sys

from conftest import BIN, REPO

TOOLS = ("mlpipe", "xgboost", "sklearn")


def run_smoke(out):
    env = dict(os.environ, MLPIPE_BIN=BIN)
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--smoke", "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads((out / "results.json").read_text())


def median(entry, key):
    return entry["summary"][key]["median"]


def test_benchmark_smoke(tmp_path):
    r = run_smoke(tmp_path)

    auc = {(e["dataset"], e["workload"], e["tool"]): median(e, "roc_auc") for e in r["training"]}
    assert set(auc) == {(d, w, t) for d in ("synthetic", "wa_churn") for w in ("rf", "gbm") for t in TOOLS} | {
        ("synthetic", "gbm", "spark")}
    for d in ("synthetic", "wa_churn"):
        for w in ("rf", "gbm"):
            # Same data, same hold-out, same XGBoost parameters and column order: the same model.
            assert abs(auc[(d, w, "mlpipe")] - auc[(d, w, "xgboost")]) < 1e-6, (d, w)
            assert auc[(d, w, "mlpipe")] > 0.7 and auc[(d, w, "sklearn")] > 0.7, (d, w)
    assert auc[("synthetic", "gbm", "spark")] > 0.6  # 5 rounds only
    assert all(median(e, "peak_rss_mb") > 0 and median(e, "e2e_s") > 0 for e in r["training"])

    prediction = {e["tool"]: e for e in r["prediction"]}
    assert set(prediction) == {"mlpipe", "xgboost", "spark"}
    for e in prediction.values():
        assert median(e, "rows") == 2000 and median(e, "rows_per_s") > 0 and median(e, "peak_rss_mb") > 0
    assert sorted(e["batch_size"] for e in r["prediction_memory"]) == [500, 10_000]

    processing = {(e["dataset"], e["tool"]): e for e in r["data_processing"]}
    assert set(processing) == {("synthetic", t) for t in ("mlpipe", "pandas", "spark")} | {
        ("wa_churn", t) for t in ("mlpipe", "pandas")}
    synthetic = [processing[("synthetic", t)] for t in ("mlpipe", "pandas", "spark")]
    # The synthetic data has no duplicates, so the filter alone decides the row count: equal everywhere.
    assert len({median(e, "rows_out") for e in synthetic}) == 1
    assert 1900 < median(synthetic[0], "rows_out") < 2000
    assert len({median(e, "columns_out") for e in synthetic}) == 1
    churn = [processing[("wa_churn", t)] for t in ("mlpipe", "pandas")]
    # Dedupe runs per split part, and the two splits differ, so a few duplicates may fall either way.
    assert abs(median(churn[0], "rows_out") - median(churn[1], "rows_out")) <= 20
    assert median(churn[0], "columns_out") == median(churn[1], "columns_out")

    assert [c["command"] for c in r["cli"]] == ["mlpipe submit --dry-run", "mlpipe list",
                                                "Python submit script (stand-in)"]
    assert all(c["median_ms"] > 0 for c in r["cli"])

    doc = (tmp_path / "BENCHMARKS.md").read_text()
    assert f"{os.cpu_count()} cores" in doc
    targets = doc.split("## Targets", 1)[1].split("\n## ", 1)[0]
    assert sum(targets.count(f"| {s} |") for s in ("met", "**unmet**", "not measured")) == 6
    for name in ("training", "prediction", "data_processing"):
        svg = tmp_path / "bench" / f"{name}.svg"
        assert svg.read_text().lstrip().startswith("<?xml") and f"(bench/{name}.svg)" in doc
