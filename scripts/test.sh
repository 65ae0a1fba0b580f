#!/usr/bin/env bash
# The test suite: setup, build, then everything registered with CTest (unit tests with GoogleTest,
# end-to-end tests through the real binary with pytest).
# Usage: scripts/test.sh [default | asan]
#   default: the whole suite (unit, local, Spark-local and dev-cluster end to end), then a short
#            fuzzing run of every fuzz target (scripts/fuzz.sh, 45 s each).
#   asan:    the unit tests and the local end-to-end tests under AddressSanitizer + UBSan
#            (build-asan/); a separate target, not part of CI (the server tiers use its time).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-default}"
bash "$ROOT/scripts/build.sh" "$PRESET"
cd "$ROOT"
case "$PRESET" in
  default)
    ctest --preset default -j2 --timeout 1800
    bash scripts/fuzz.sh 45
    ;;
  asan)
    ctest --preset asan -j2 --timeout 1800 -L unit
    ctest --preset asan --timeout 1800 -R '^e2e$'
    ;;
  *) echo "usage: scripts/test.sh [default | asan]" >&2; exit 2 ;;
esac
