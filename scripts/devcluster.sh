#!/usr/bin/env bash
# Single-machine dev cluster for mlpipe's Spark-on-YARN path: real HDFS + YARN in one JVM on loopback
# (launcher: tools/devcluster). Usage: bash scripts/devcluster.sh install|up|down|status|env
#   install  resolve the Maven jars into .deps/devcluster/lib and compile the launcher into
#            .deps/devcluster/classes (each step skipped when its stamp matches its inputs)
#   up       start the cluster (fresh state) and wait for READY; no-op when already up
#   down     stop it by PID: SIGTERM, wait, then SIGKILL
#   status   "up" + endpoints (exit 0), or "down"/"starting" (exit 3)
#   env      export lines for: eval "$(bash scripts/devcluster.sh env)" (Hadoop client config, plus
#            SPARK_HOME/SPARK_CONF_DIR for the venv's PySpark: spark-defaults.conf written at `up` so that
#            containers use the local PySpark jars, the venv's Python and Java 17)
# Environment: DEVCLUSTER_BASE (default <repo>/.devcluster), DEVCLUSTER_JAVA_HOME (default: the Debian
# Java 17), DEVCLUSTER_XMX (default 1g), DEVCLUSTER_START_TIMEOUT (s, default 180), DEVCLUSTER_FIX_HOSTS=1
# (allow adding "127.0.0.1 <hostname>" to /etc/hosts when the hostname does not resolve). Ports and
# NodeManager size are read by the launcher itself: DEVCLUSTER_NN_PORT, DEVCLUSTER_NN_HTTP_PORT,
# DEVCLUSTER_RM_PORT, DEVCLUSTER_RM_SCHEDULER_PORT, DEVCLUSTER_RM_TRACKER_PORT, DEVCLUSTER_RM_ADMIN_PORT,
# DEVCLUSTER_RM_WEB_PORT, DEVCLUSTER_NM_MEMORY_MB, DEVCLUSTER_NM_VCORES, DEVCLUSTER_DEBUG_DELAY_SEC.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/tools/devcluster"
DEPS="$ROOT/.deps/devcluster"
BASE="${DEVCLUSTER_BASE:-$ROOT/.devcluster}"
PID_FILE="$BASE/devcluster.pid"
READY_FILE="$BASE/READY"
LOG_FILE="$BASE/devcluster.log"
MAIN_CLASS="mlpipe.devcluster.DevCluster"
LAUNCHER_SOURCES=("$SRC"/src/main/java/mlpipe/devcluster/*.java)
JAVA17="${DEVCLUSTER_JAVA_HOME:-$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -n1)}"

log() { printf '[devcluster] %s\n' "$*"; }
die() { printf '[devcluster] error: %s\n' "$*" >&2; exit 1; }

require_java17() {
  [ -x "$JAVA17/bin/java" ] && [ -x "$JAVA17/bin/javac" ] ||
    die "no Java 17 JDK at '$JAVA17'; run scripts/setup.sh (openjdk-17-jdk-headless) or set DEVCLUSTER_JAVA_HOME"
}

# Idempotent step: runs "$@" only when the hash of its inputs differs from the stamp file.
stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

resolve_jars() {
  command -v mvn >/dev/null || die "mvn not found; run scripts/setup.sh (apt package maven)"
  log "resolving Hadoop minicluster jars into $DEPS/lib"
  rm -rf "$DEPS/lib"
  # Maven 3.8 prints colour resets even in batch mode; strip them.
  JAVA_HOME="$JAVA17" mvn -B -q -f "$SRC/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$DEPS/lib" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' ||
    die "Maven could not resolve the jars of $SRC/pom.xml; check that Maven Central is reachable"
}

compile_launcher() {
  log "compiling the launcher"
  rm -rf "$DEPS/classes"
  # -XDignore.symbol.file: no "internal proprietary API" warning for sun.misc.Signal (stop on SIGTERM).
  "$JAVA17/bin/javac" -nowarn -XDignore.symbol.file -d "$DEPS/classes" -cp "$DEPS/lib/*" "${LAUNCHER_SOURCES[@]}"
}

cmd_install() {
  require_java17
  mkdir -p "$DEPS"
  local jars_stamp classes_stamp
  jars_stamp="$(stamp_of "$SRC/pom.xml")"
  classes_stamp="$(stamp_of "$SRC/pom.xml" "${LAUNCHER_SOURCES[@]}")"
  if [ "$(cat "$DEPS/lib.stamp" 2>/dev/null)" != "$jars_stamp" ]; then
    rm -f "$DEPS/lib.stamp" "$DEPS/classes.stamp"
    resolve_jars
    echo "$jars_stamp" > "$DEPS/lib.stamp"
  fi
  if [ "$(cat "$DEPS/classes.stamp" 2>/dev/null)" != "$classes_stamp" ]; then
    compile_launcher
    echo "$classes_stamp" > "$DEPS/classes.stamp"
  fi
  log "installed in $DEPS ($(ls "$DEPS/lib" | wc -l) jars)"
}

# PID of the running cluster JVM, or nothing. Checks the command line so a reused PID is never trusted.
running_pid() {
  [ -f "$PID_FILE" ] || return 0
  local pid; pid="$(cat "$PID_FILE")"
  if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
    echo "$pid"
  fi
}

ready_value() { sed -n "s/^$1=//p" "$READY_FILE"; }

ensure_hostname_resolves() {
  local host; host="$(hostname)"
  getent hosts "$host" >/dev/null && return
  if [ "${DEVCLUSTER_FIX_HOSTS:-0}" = 1 ] && [ -w /etc/hosts ]; then
    log "hostname '$host' does not resolve; adding '127.0.0.1 $host' to /etc/hosts"
    echo "127.0.0.1 $host" >> /etc/hosts
  else
    die "hostname '$host' does not resolve (the NodeManager needs it); add '127.0.0.1 $host' to /etc/hosts, or rerun with DEVCLUSTER_FIX_HOSTS=1 as root"
  fi
}

cmd_up() {
  local pid; pid="$(running_pid)"
  if [ -n "$pid" ] && [ -f "$READY_FILE" ]; then
    log "already up (pid $pid)"
    cmd_status
    return
  fi
  [ -z "$pid" ] || die "a cluster JVM (pid $pid) is running but not READY; wait, or run: bash scripts/devcluster.sh down"
  [ -f "$DEPS/classes.stamp" ] || die "launcher not installed; run: bash scripts/devcluster.sh install"
  require_java17
  ensure_hostname_resolves
  rm -rf "$BASE/hdfs" "$BASE/yarn" "$BASE/conf" "$READY_FILE"
  mkdir -p "$BASE"
  echo '*' > "$BASE/.gitignore"
  export JAVA_HOME="$JAVA17"   # the NodeManager passes it on to containers ({{JAVA_HOME}}/bin/java)
  local start=$SECONDS
  (cd "$BASE" && exec nohup "$JAVA17/bin/java" -Xms128m -Xmx"${DEVCLUSTER_XMX:-1g}" -XX:+UseSerialGC \
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens=java.base/java.util.zip=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/sun.security.util=ALL-UNNAMED --add-opens=java.base/sun.security.x509=ALL-UNNAMED \
    -Djava.net.preferIPv4Stack=true -Dlog4j.configuration="file:$SRC/log4j.properties" \
    -Dhadoop.log.dir="$BASE/logs" -Dyarn.log.dir="$BASE/logs" -Ddevcluster.base="$BASE" \
    -cp "$DEPS/classes:$DEPS/lib/*" "$MAIN_CLASS" > "$LOG_FILE" 2>&1 < /dev/null) &
  pid=$!
  echo "$pid" > "$PID_FILE"
  local timeout="${DEVCLUSTER_START_TIMEOUT:-180}"
  while [ ! -f "$READY_FILE" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      die "the cluster JVM exited during start-up ($(grep -m1 -o 'start-up failed: .*' "$LOG_FILE" ||
        echo 'no reason logged')); full log: $LOG_FILE"
    fi
    if (( SECONDS - start >= timeout )); then
      tail -n 40 "$LOG_FILE" >&2
      cmd_down >&2
      die "not READY after ${timeout}s; full log: $LOG_FILE"
    fi
    sleep 1
  done
  write_spark_conf
  log "up in $((SECONDS - start))s (pid $pid)"
  cmd_status
}

SPARK_CONF="$BASE/spark-conf"
pyspark_dir() { "$ROOT/.venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'; }

# Spark settings that only make sense on this single machine: every container runs here, so the
# venv's PySpark jars and Python are used in place (nothing is uploaded per submission).
write_spark_conf() {
  local PYSPARK_DIR; PYSPARK_DIR="$(pyspark_dir)"
  mkdir -p "$SPARK_CONF"
  cat > "$SPARK_CONF/spark-defaults.conf" <<CONF
spark.yarn.jars                      local:$PYSPARK_DIR/jars/*
spark.pyspark.python                 $ROOT/.venv/bin/python
spark.pyspark.driver.python          $ROOT/.venv/bin/python
spark.yarn.appMasterEnv.JAVA_HOME    $JAVA17
spark.executorEnv.JAVA_HOME          $JAVA17
spark.yarn.maxAppAttempts            1
spark.ui.enabled                     false
CONF
}

cmd_down() {
  local pid; pid="$(running_pid)"
  if [ -z "$pid" ]; then
    log "not running"
    rm -f "$PID_FILE" "$READY_FILE"
    return
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored SIGTERM for 60s; sending SIGKILL"
    kill -KILL "$pid"
  fi
  rm -f "$PID_FILE" "$READY_FILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid; pid="$(running_pid)"
  if [ -z "$pid" ]; then
    echo "down"
    exit 3
  fi
  if [ ! -f "$READY_FILE" ]; then
    echo "starting (pid $pid)"
    exit 3
  fi
  echo "up (pid $pid)"
  sed 's/^/  /' "$READY_FILE"
}

cmd_env() {
  [ -n "$(running_pid)" ] && [ -f "$READY_FILE" ] || {
    echo "devcluster is down; run: bash scripts/devcluster.sh up" >&2
    exit 3
  }
  local PYSPARK_DIR py4j; PYSPARK_DIR="$(pyspark_dir)"
  py4j="$(ls "$PYSPARK_DIR"/python/lib/py4j-*-src.zip)"
  printf 'export %s=%q\n' \
    HADOOP_CONF_DIR "$(ready_value hadoop_conf_dir)" \
    JAVA_HOME "$JAVA17" \
    SPARK_HOME "$PYSPARK_DIR" \
    SPARK_CONF_DIR "$SPARK_CONF" \
    PYSPARK_ARCHIVES_PATH "local:$PYSPARK_DIR/python/lib/pyspark.zip,local:$py4j" \
    DEVCLUSTER_FS "$(ready_value fs_default_fs)" \
    DEVCLUSTER_WEBHDFS "$(ready_value webhdfs)" \
    DEVCLUSTER_RM_WEB "$(ready_value rm_web)"
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: bash scripts/devcluster.sh install|up|down|status|env" >&2; exit 2 ;;
esac
