#!/usr/bin/env bash
# Configures and builds mlpipe (Release with debug info) into build/. Usage: scripts/build.sh [preset]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-default}"
cd "$ROOT"
bash scripts/setup.sh
cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET"
