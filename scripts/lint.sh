#!/usr/bin/env bash
# Style checks of the project's own C++ (src/, python/engine_module/, fuzz/, tests/unit/), part of
# scripts/test.sh:
#   format: clang-format (.clang-format) must leave every file unchanged; `scripts/lint.sh fix`
#           reformats them in place.
#   tidy:   clang-tidy (.clang-tidy: its checks, every finding an error) on the engine's, CLI's and
#           bindings' sources, using build/compile_commands.json (scripts/build.sh writes it).
#   layers: the link dependencies of src/CMakeLists.txt match the real includes
#           (scripts/check_layers.py): nothing includes a module it does not link, nothing links a
#           module it does not include.
# Usage: scripts/lint.sh [all | format | tidy | layers | fix] [files...]   (default: all, every
# file)
# Exit status: 0 clean, 1 findings (listed), 2 usage or a missing tool.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE="${1:-all}"
shift || true

need() {
  command -v "$1" >/dev/null || { echo "lint: $1 is not installed; run scripts/setup.sh" >&2; exit 2; }
}

cxx_files() {
  if (($#)); then printf '%s\n' "$@"; return; fi
  git ls-files 'src/*.cc' 'src/*.h' 'python/engine_module/*.cc' 'python/engine_module/*.h' \
    'fuzz/*.cc' 'fuzz/*.h' 'tests/unit/*.cc' 'tests/unit/*.h'
}

# Sources clang-tidy reads (headers are checked through them): the default build's own .cc files
# other than unit tests, which GoogleTest's macros make slow to analyse and noisy.
tidy_sources() {
  if (($#)); then printf '%s\n' "$@" | grep '\.cc$' || true; return; fi
  git ls-files 'src/*.cc' 'python/engine_module/*.cc' | grep -v '_test\.cc$'
}

check_format() {
  need clang-format
  local bad=()
  while IFS= read -r f; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
  done < <(cxx_files "$@")
  if ((${#bad[@]})); then
    echo "lint: ${#bad[@]} file(s) not formatted by .clang-format; run scripts/lint.sh fix:" >&2
    printf '  %s\n' "${bad[@]}" >&2
    return 1
  fi
  echo "lint: format clean"
}

check_tidy() {
  need clang-tidy
  if [ ! -f build/compile_commands.json ]; then
    echo "lint: build/compile_commands.json is missing; run scripts/build.sh first" >&2
    exit 2
  fi
  local log start
  log="$(mktemp)"
  start=$(date +%s)
  # -P2: one clang-tidy per core; --quiet keeps the suppressed-warnings summary out.
  if ! tidy_sources "$@" | xargs -r -P2 -n4 clang-tidy -p build --quiet >"$log" 2>&1; then
    grep -E 'warning:|error:' -A3 "$log" >&2 || cat "$log" >&2
    echo "lint: clang-tidy findings above (checks in .clang-tidy)" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "lint: tidy clean ($(($(date +%s) - start)) s)"
}

case "$MODE" in
  all) check_format "$@"; python3 scripts/check_layers.py; check_tidy "$@" ;;
  format) check_format "$@" ;;
  layers) python3 scripts/check_layers.py ;;
  tidy) check_tidy "$@" ;;
  fix) need clang-format; cxx_files "$@" | xargs clang-format -i ;;
  *) echo "usage: scripts/lint.sh [all | format | tidy | fix] [files...]" >&2; exit 2 ;;
esac
