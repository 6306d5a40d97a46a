#!/usr/bin/env bash
# Starts and stops the eight onegate processes of one profile in the background, with logs and
# pid files under .data/<profile>/. Used by scripts/start and scripts/stop.
#   scripts/services.sh start [--profile dev|test|bench|fuzz] [--config debug|release]
#   scripts/services.sh stop  [--profile dev|test|bench|fuzz]
# ONEGATE_BIN_DIR runs the executables of another build directory (e.g. a release build made with
# --scratch-path beside the debug one) instead of this checkout's `swift build -c <config>` output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ACTION="${1:?usage: services.sh start|stop [--profile P] [--config C]}"
shift
PROFILE="${ONEGATE_PROFILE:-dev}"
CONFIG="${ONEGATE_BUILD_CONFIG:-debug}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

SERVICES=(identity catalog intake processing documents reporting integration gateway)
RUN_DIR="$ROOT/.data/$PROFILE/run"
LOG_DIR="$ROOT/.data/$PROFILE/logs"
case "$PROFILE" in
  dev) HTTP_PORT="${ONEGATE_HTTP_PORT:-8080}" ;;
  test) HTTP_PORT="${ONEGATE_HTTP_PORT:-18080}" ;;
  bench) HTTP_PORT="${ONEGATE_HTTP_PORT:-28080}" ;;  # scripts/bench
  fuzz) HTTP_PORT="${ONEGATE_HTTP_PORT:-38080}" ;;   # scripts/fuzz
  *) echo "unknown profile $PROFILE" >&2; exit 2 ;;
esac

log() { echo "services[$PROFILE]: $*" >&2; }

stop_all() {
  local pids=()
  for service in "${SERVICES[@]}"; do
    local pidfile="$RUN_DIR/$service.pid"
    [[ -f "$pidfile" ]] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$pidfile"
  done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]:-}"; do
      [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [[ $alive -eq 0 ]] && break
    sleep 0.1
  done
  for pid in "${pids[@]:-}"; do
    [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  done
  log "stopped"
}

start_all() {
  eval "$("$ROOT/deploy/infra.sh" env --profile "$PROFILE")"
  local bin
  bin="${ONEGATE_BIN_DIR:-$(swift build -c "$CONFIG" --show-bin-path --package-path "$ROOT")}"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  stop_all 2>/dev/null
  for service in "${SERVICES[@]}"; do
    ONEGATE_HTTP_PORT="$HTTP_PORT" nohup "$bin/$service" </dev/null >>"$LOG_DIR/$service.log" 2>&1 &
    echo $! >"$RUN_DIR/$service.pid"
  done
  local url="http://127.0.0.1:$HTTP_PORT"
  for _ in $(seq 1 300); do
    if curl -fsS "$url/ready" >/dev/null 2>&1; then
      log "ready: $url (logs in $LOG_DIR)"
      echo "$url"
      return 0
    fi
    sleep 0.2
  done
  log "not ready after 60 s; see $LOG_DIR"
  curl -sS "$url/ready" >&2 || true
  return 1
}

case "$ACTION" in
  start) start_all ;;
  stop) stop_all ;;
  *) echo "usage: services.sh start|stop" >&2; exit 2 ;;
esac
