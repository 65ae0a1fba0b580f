#!/usr/bin/env bash
# The test suite: setup, build, then everything registered with CTest (unit tests with GoogleTest,
# end-to-end tests through the real binary with pytest).
# Usage: scripts/test.sh [default | asan]
#   default: the style checks (scripts/lint.sh: clang-format on every C++ file, the layer check of
#            the link dependencies, then clang-tidy on
#            every source at the lowest CPU priority while the tests run), the whole suite (unit,
#            local, Spark-local and dev-cluster end to end), then a short fuzzing run of every fuzz
#            target (scripts/fuzz.sh, 45 s each). Any failure fails the command.
#   asan:    the unit tests and the local end-to-end tests under AddressSanitizer + UBSan
#            (build-asan/); a separate target, not part of CI (the server tiers use its time).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-default}"
bash "$ROOT/scripts/build.sh" "$PRESET"
cd "$ROOT"
case "$PRESET" in
  default)
    bash scripts/lint.sh format
    bash scripts/lint.sh layers
    # clang-tidy parses every source again (~20 CPU-minutes on this machine): niced, it uses the
    # CPU the end-to-end tiers leave while they wait on their servers.
    nice -n 19 bash scripts/lint.sh tidy >build/lint-tidy.log 2>&1 &
    tidy_pid=$!
    tidy_started=$(date +%s)
    ctest_rc=0
    ctest --preset default -j2 --timeout 1800 || ctest_rc=$?
    tests_done=$(date +%s)
    tidy_rc=0
    wait "$tidy_pid" || tidy_rc=$?
    cat build/lint-tidy.log
    echo "lint: clang-tidy ran $((tests_done - tidy_started)) s beside the tests and" \
      "$(($(date +%s) - tests_done)) s after them"
    ((ctest_rc == 0)) || exit "$ctest_rc"
    ((tidy_rc == 0)) || exit "$tidy_rc"
    bash scripts/fuzz.sh 45
    ;;
  asan)
    ctest --preset asan -j2 --timeout 1800 -L unit
    ctest --preset asan --timeout 1800 -R '^e2e$'
    ;;
  *) echo "usage: scripts/test.sh [default | asan]" >&2; exit 2 ;;
esac
