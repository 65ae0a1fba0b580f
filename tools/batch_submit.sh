#!/usr/bin/env bash
# Drop-in replacement for the old batch_submit.sh: same subcommands and flags, run by mlpipe.
#   ./batch_submit.sh submit -t training -n "churn-model-v1" [-c job_config.yaml] [-q queue] ...
#   ./batch_submit.sh list | status -a ID | monitor -a ID | logs -a ID | kill -a ID
# Finds mlpipe in $MLPIPE_BIN, then on PATH, then in this repo's build/. Exit codes are mlpipe's.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: batch_submit.sh <command> [options]
commands:
  submit -t TYPE [-n NAME] [-c CONFIG] [-q QUEUE] [--num-executors N] [--executor-cores N]
         [--executor-memory 16g] [--driver-memory 8g] [--conf k=v] [--app-args "..."] [--dry-run] [--verbose] [--wait]
  list                 list ML pipeline jobs
  status  -a APP_ID    show a job's status
  monitor -a APP_ID    follow a job until it ends
  logs    -a APP_ID    print a job's logs
  kill    -a APP_ID    kill a job
USAGE
}

find_mlpipe() {
  if [ -n "${MLPIPE_BIN:-}" ]; then echo "$MLPIPE_BIN"; return; fi
  if command -v mlpipe >/dev/null 2>&1; then command -v mlpipe; return; fi
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  echo "$here/../build/bin/mlpipe"
}

[ $# -ge 1 ] || { usage >&2; exit 2; }
cmd="$1"
case "$cmd" in
  submit|list|status|monitor|logs|kill) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "batch_submit.sh: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
esac
exec "$(find_mlpipe)" "$@"
