#!/usr/bin/env bash
# Sets up (scripts/setup.sh), configures and builds mlpipe.
# Usage: scripts/build.sh [preset [target...]]   preset: default (build/) | asan (build-asan/); no
# target = everything, including the test binaries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-default}"
shift || true
cd "$ROOT"
bash scripts/setup.sh
cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET" ${1:+--target "$@"}
