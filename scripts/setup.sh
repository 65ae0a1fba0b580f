#!/usr/bin/env bash
# One-time (idempotent) setup for building and testing mlpipe on Debian 12:
#   1. apt packages the C++ build links against (skipped when all are present);
#   2. a project venv (.venv) with the pinned pyarrow and xgboost wheels, plus test tooling;
#   3. XGBoost's C API header from the sdist of the same version as the wheel (.deps/).
# Re-running is quick: every step checks before it acts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/versions.sh"

APT_PACKAGES=(build-essential cmake ninja-build pkg-config python3-venv ccache
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libsqlite3-dev libfmt-dev
  libcurl4-openssl-dev libtinyxml2-dev libgtest-dev libgmock-dev hyperfine clang clang-format clang-tidy
  openjdk-17-jdk-headless maven)

log() { printf '[setup] %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv at $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "$PYARROW_VERSION" "$XGBOOST_VERSION" "$PYSPARK_VERSION" \
    "$NANOBIND_VERSION" <<'PY' 2>/dev/null
import sys, importlib.metadata as md
want = {"pyarrow": sys.argv[1], "xgboost-cpu": sys.argv[2], "pyspark": sys.argv[3],
        "nanobind": sys.argv[4]}
for name, ver in want.items():
    assert md.version(name) == ver, name
for name in ("scikit-learn", "pandas", "pytest", "pyyaml", "matplotlib"):
    md.version(name)
PY
then
  log "installing Python wheels into the venv"
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "pyarrow==$PYARROW_VERSION" "xgboost-cpu==$XGBOOST_VERSION" \
    "pyspark==$PYSPARK_VERSION" "nanobind==$NANOBIND_VERSION" scikit-learn pandas pytest pyyaml \
    matplotlib
else
  log "venv wheels present"
fi

HDR="$ROOT/.deps/xgboost-$XGBOOST_VERSION/include/xgboost/c_api.h"
if [ ! -f "$HDR" ]; then
  log "fetching XGBoost $XGBOOST_VERSION C API header from its sdist"
  tmp="$(mktemp -d)"
  if ! "$VENV/bin/python" "$ROOT/scripts/fetch_sdist.py" xgboost "$XGBOOST_VERSION" "$tmp" >/dev/null; then
    log "pip-internal fetch failed; falling back to pip download (builds the sdist, ~5 min)"
    "$VENV/bin/pip" download -q --disable-pip-version-check --no-binary xgboost --no-deps \
      -d "$tmp" "xgboost==$XGBOOST_VERSION"
  fi
  mkdir -p "$(dirname "$HDR")"
  tar xzf "$tmp/xgboost-$XGBOOST_VERSION.tar.gz" -C "$tmp" \
    "xgboost-$XGBOOST_VERSION/cpp_src/include/xgboost/c_api.h"
  cp "$tmp/xgboost-$XGBOOST_VERSION/cpp_src/include/xgboost/c_api.h" "$HDR"
  rm -rf "$tmp"
else
  log "XGBoost header present"
fi
bash "$ROOT/scripts/devcluster.sh" install
log "done"
