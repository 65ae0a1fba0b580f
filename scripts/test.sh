#!/usr/bin/env bash
# The whole test suite: setup, build, unit tests (GoogleTest) and end-to-end tests through the real
# binary (pytest), all registered with CTest. Usage: scripts/test.sh [preset]   (default | asan)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-default}"
bash "$ROOT/scripts/build.sh" "$PRESET"
cd "$ROOT"
ctest --preset "$PRESET" -j2 --timeout 1800
