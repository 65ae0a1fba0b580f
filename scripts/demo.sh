#!/usr/bin/env bash
# Sets up, builds, and runs the whole workflow on the embedded default (no cluster): data processing,
# random-forest training with 5-fold CV, batch prediction and evaluation on the IBM telco churn data,
# using examples/job_config.yaml. Prints where the model, metrics and report went.
# Jobs land in $MLPIPE_HOME (default ~/.mlpipe); afterwards try `build/bin/mlpipe list`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/build.sh" default mlpipe >/dev/null
MLPIPE="$ROOT/build/bin/mlpipe"
CONFIG="$ROOT/examples/job_config.yaml"

"$MLPIPE" fs put -f "$ROOT/data/churn/wa_churn.csv" /ml-pipeline/data/raw/wa_churn.csv -c "$CONFIG"

run() {  # run <job type> [extra args...]: submit, wait, print the application id
  echo "==> mlpipe submit -t $*" >&2
  "$MLPIPE" submit -t "$@" -c "$CONFIG" --wait | tail -n 1
}
run data_processing >/dev/null
train_id="$(run training)"
run prediction --app-args "--input-path /ml-pipeline/data/raw/wa_churn.csv --output-path /ml-pipeline/data/output/$(date +%Y%m%d)" >/dev/null
eval_id="$(run evaluation)"

echo
echo "Demo finished. Jobs:"
"$MLPIPE" list --limit 4
echo
"$MLPIPE" status -a "$train_id" | grep -E "^(model|model_dir|metrics_file|cv_mean_roc_auc|holdout_roc_auc):" || true
"$MLPIPE" status -a "$eval_id" | grep -E "^(metrics_file|report):" || true
