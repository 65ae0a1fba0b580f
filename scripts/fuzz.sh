#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan, build-fuzz/) and runs each for a
# while, starting from the committed seeds in fuzz/corpus/<name>/ plus what earlier runs found
# (build-fuzz/corpus/<name>/). A crash, hang (> 10 s per input), leak or violated property stops the
# run and leaves the input in build-fuzz/artifacts/; replay it with `build-fuzz/fuzz/<target> <file>`.
# Usage: scripts/fuzz.sh [seconds-per-target [target...]]   (default: 45 s, every target)
#   The short run is part of scripts/test.sh; a long run is e.g. `scripts/fuzz.sh 600`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-45}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(config_fuzzer expression_fuzzer csv_fuzzer parquet_fuzzer)
cd "$ROOT"
bash scripts/setup.sh >/dev/null
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null

OUT="$ROOT/build-fuzz"
mkdir -p "$OUT/artifacts" "$OUT/logs"
status=0
for target in "${TARGETS[@]}"; do
  name="${target%_fuzzer}"
  seeds="$ROOT/fuzz/corpus/$name"
  found="$OUT/corpus/$name"
  mkdir -p "$found"
  dict=()
  [ -f "$ROOT/fuzz/$name.dict" ] && dict=("-dict=$ROOT/fuzz/$name.dict")
  log="$OUT/logs/$target.log"
  TIMEFORMAT='%R %U %S'  # wall, user and system seconds of the fuzzer, written by `time`
  if { time "$OUT/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$target-" "${dict[@]}" \
      "$found" "$seeds" >"$log" 2>&1; } 2>"$log.time"; then
    read -r wall user sys <"$log.time"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    printf '[fuzz] %-18s ok  %5.0fs wall %5.0fs CPU  %9s inputs  corpus %s\n' "$target" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "${execs:-?}" "$(find "$found" -type f | wc -l)"
  else
    status=1
    printf '[fuzz] %-18s FAILED; log %s, input:\n' "$target" "$log"
    grep -E 'Test unit written to|^SUMMARY|property violated|ERROR: libFuzzer' "$log" | head -5
  fi
done
exit "$status"
