#!/usr/bin/env bash
# Real servers for the `servers` vitest project (test/servers.global-setup.ts), on loopback only.
#
#   bash scripts/test-servers.sh install   install the Debian packages if a binary is missing (root)
#   bash scripts/test-servers.sh up        start mosquitto, VictoriaMetrics and InfluxDB 1.x; no-op if up
#   bash scripts/test-servers.sh down      stop them and remove their data
#   bash scripts/test-servers.sh status    print which are up (exit 0 if all are, 3 otherwise)
#
# Servers listen on 127.0.0.1 and non-default ports, with their data in a fresh `mktemp -d` folder.
# `up` writes .test-servers/env (KEY=value lines: URLs, pids, the data folder, CHROMIUM_PATH).
# Environment: TEST_SERVERS_TIMEOUT (seconds to wait for each server, default 30).
set -euo pipefail

# mosquitto lives in /usr/sbin, which is not on a normal user's PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.test-servers"
STATE_FILE="$STATE_DIR/env"
LOCK_FILE="$STATE_DIR/lock"
HOST=127.0.0.1
MQTT_PORT=18831
VM_PORT=18428
INFLUXDB1_PORT=18086
INFLUXDB1_RPC_PORT=18088
TIMEOUT="${TEST_SERVERS_TIMEOUT:-30}"
# glpk-utils gives native glpsol, the reference the glpk.js MILP results are compared with; a CJK font lets
# chromium draw the viewer's Simplified Chinese.
PACKAGES=(mosquitto victoria-metrics influxdb chromium glpk-utils fonts-wqy-microhei)
# Every data folder of this checkout is named after MARKER, so leftovers of an earlier run (whose state file
# was lost) can be told apart from other checkouts' servers and from anything else on the machine.
MARKER="shopfloor-twin-servers.$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"

log() { printf 'test-servers: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

# --- install -------------------------------------------------------------------------------------------

chromium_path() {
  local name
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

missing_binaries() {
  local bin
  for bin in mosquitto victoria-metrics influxd glpsol; do
    command -v "$bin" >/dev/null 2>&1 || printf '%s\n' "$bin"
  done
  chromium_path >/dev/null || printf 'chromium\n'
  [[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || printf 'fonts-wqy-microhei\n'
}

cmd_install() {
  local missing
  missing="$(missing_binaries)"
  if [[ -z "$missing" ]]; then
    log "all binaries present (mosquitto, victoria-metrics, influxd, glpsol, chromium)"
    return 0
  fi
  log "missing: $(printf '%s' "$missing" | tr '\n' ' ')"
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "install them as root (Debian 12):"
    log "  apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]}"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${PACKAGES[@]}" </dev/null
  missing="$(missing_binaries)"
  [[ -z "$missing" ]] || die "still missing after apt-get install: $(printf '%s' "$missing" | tr '\n' ' ')"
}

# --- helpers -------------------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# HTTP status code of GET http://$HOST:$1$2, using bash only (no curl needed).
http_status() {
  (
    exec 3<>"/dev/tcp/$HOST/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$2" "$HOST" "$1" >&3
    IFS=' ' read -r -t 5 _proto code _rest <&3 || exit 1
    printf '%s\n' "$code"
  ) 2>/dev/null
}

# True if $1 is a live process whose command line mentions $2 (guards against recycled pids).
# Bash built-ins only, so scanning all of /proc forks nothing per process.
pid_matches() {
  local pid="$1" needle="$2" args=()
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  mapfile -d '' args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  [[ "${args[*]}" == *"$needle"* ]]
}

# Pids of this checkout's server processes, whatever state file there is (or is not).
marker_pids() {
  local dir pid
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [[ "$pid" != "$$" && "$pid" != "$BASHPID" ]] || continue
    if pid_matches "$pid" "/$MARKER."; then
      case "$(readlink "$dir/exe" 2>/dev/null)" in
        */mosquitto | */victoria-metrics | */influxd) printf '%s\n' "$pid" ;;
      esac
    fi
  done
}

stop_pids() {
  local pid waited=0 alive
  (($# > 0)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  while :; do
    alive=()
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    ((${#alive[@]} > 0)) || return 0
    if ((waited >= 100)); then
      log "killing ${alive[*]} (did not stop within 10 s)"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

read_state() {
  TEST_SERVERS_DIR="" MQTT_PID="" VM_PID="" INFLUXDB1_PID=""
  [[ -f "$STATE_FILE" ]] || return 1
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      TEST_SERVERS_DIR | MQTT_PID | VM_PID | INFLUXDB1_PID) printf -v "$key" '%s' "$value" ;;
    esac
  done <"$STATE_FILE"
  [[ -n "$TEST_SERVERS_DIR" ]]
}

all_alive() {
  read_state || return 1
  pid_matches "$MQTT_PID" "$TEST_SERVERS_DIR" &&
    pid_matches "$VM_PID" "$TEST_SERVERS_DIR" &&
    pid_matches "$INFLUXDB1_PID" "$TEST_SERVERS_DIR"
}

lock() {
  mkdir -p "$STATE_DIR"
  # The servers are started with fd 9 closed, so they do not inherit (and keep) the lock.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK_FILE"
    flock -w 300 9 || die "another test-servers.sh holds $LOCK_FILE"
  fi
}

# --- down ----------------------------------------------------------------------------------------------

# Stops what the state file names, plus any leftover of this checkout, and removes the data folders.
do_down() {
  local pids=() pid dir
  if read_state; then
    for pid in "$MQTT_PID" "$VM_PID" "$INFLUXDB1_PID"; do
      pid_matches "$pid" "$TEST_SERVERS_DIR" && pids+=("$pid")
    done
  fi
  for pid in $(marker_pids); do
    [[ " ${pids[*]} " == *" $pid "* ]] || pids+=("$pid")
  done
  if ((${#pids[@]} > 0)); then
    log "stopping pids ${pids[*]}"
    stop_pids "${pids[@]}"
  fi
  for dir in "${TEST_SERVERS_DIR:-}" "${TMPDIR:-/tmp}/$MARKER".*; do
    [[ -n "$dir" && -d "$dir" && "$(basename "$dir")" == "$MARKER".* ]] && rm -rf -- "$dir"
  done
  rm -f -- "$STATE_FILE"
}

cmd_down() {
  lock
  do_down
  log "down"
}

# --- up ------------------------------------------------------------------------------------------------

DATA_DIR=""
STARTED_PIDS=()

fail_up() {
  log "$1"
  local name
  for name in mosquitto victoria-metrics influxdb; do
    if [[ -s "$DATA_DIR/$name.log" ]]; then
      log "--- last lines of $name.log ---"
      tail -n 25 "$DATA_DIR/$name.log" >&2
    fi
  done
  stop_pids "${STARTED_PIDS[@]}"
  rm -rf -- "$DATA_DIR"
  rm -f -- "$STATE_FILE"
  exit 1
}

# True if process $1 exists and is not a zombie (a child that died stays one until reaped; kill -0 says yes).
running() {
  local stat=""
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# wait_for NAME PID CHECK...: polls CHECK until it succeeds, the process dies, or TIMEOUT seconds pass.
wait_for() {
  local name="$1" pid="$2" deadline=$((SECONDS + TIMEOUT))
  shift 2
  until "$@"; do
    running "$pid" || fail_up "$name exited during start-up"
    ((SECONDS < deadline)) || fail_up "$name did not answer within ${TIMEOUT} s"
    sleep 0.2
  done
}

vm_healthy() { [[ "$(http_status "$VM_PORT" /health)" == 200 ]]; }
influxdb_healthy() { [[ "$(http_status "$INFLUXDB1_PORT" /ping)" == 204 ]]; }

cmd_up() {
  # Installs as root with apt-get; otherwise prints what to install and exits 1.
  [[ -z "$(missing_binaries)" ]] || cmd_install
  lock
  if all_alive; then
    log "already up ($STATE_FILE)"
    return 0
  fi
  do_down

  local port
  for port in "$MQTT_PORT" "$VM_PORT" "$INFLUXDB1_PORT" "$INFLUXDB1_RPC_PORT"; do
    port_open "$port" && die "port $HOST:$port is in use by another program (not this checkout's test servers)"
  done

  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/$MARKER.XXXXXX")"
  chmod 755 "$DATA_DIR"
  trap 'fail_up "interrupted"' INT TERM

  # mosquitto: run as root it drops to user `mosquitto` unless told otherwise, and then cannot write here.
  mkdir -p "$DATA_DIR/mosquitto"
  cat >"$DATA_DIR/mosquitto.conf" <<EOF
listener $MQTT_PORT $HOST
allow_anonymous true
persistence true
persistence_location $DATA_DIR/mosquitto/
# The default queue (1,000) silently drops QoS 1 messages for a subscriber that falls behind.
max_queued_messages 100000
max_inflight_messages 100
log_dest stdout
log_type error
log_type warning
log_type notice
user $(id -un)
EOF
  mosquitto -c "$DATA_DIR/mosquitto.conf" >"$DATA_DIR/mosquitto.log" 2>&1 </dev/null 9>&- &
  MQTT_PID=$!
  STARTED_PIDS+=("$MQTT_PID")

  victoria-metrics \
    -storageDataPath="$DATA_DIR/victoria-metrics" \
    -httpListenAddr="$HOST:$VM_PORT" \
    -retentionPeriod=100y \
    -loggerLevel=WARN \
    >"$DATA_DIR/victoria-metrics.log" 2>&1 </dev/null 9>&- &
  VM_PID=$!
  STARTED_PIDS+=("$VM_PID")

  # InfluxDB 1.x. Debian's build spells the usage-report switch `reporting-enabled` (upstream:
  # `reporting-disabled`); unknown keys are ignored, so both are given.
  cat >"$DATA_DIR/influxdb.toml" <<EOF
reporting-enabled = false
reporting-disabled = true
bind-address = "$HOST:$INFLUXDB1_RPC_PORT"

[meta]
  dir = "$DATA_DIR/influxdb/meta"
  logging-enabled = false

[data]
  dir = "$DATA_DIR/influxdb/data"
  wal-dir = "$DATA_DIR/influxdb/wal"
  wal-fsync-delay = "0s"
  query-log-enabled = false
  trace-logging-enabled = false

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[http]
  enabled = true
  bind-address = "$HOST:$INFLUXDB1_PORT"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false

[ifql]
  enabled = false

[logging]
  level = "warn"
  suppress-logo = true

[continuous_queries]
  log-enabled = false
EOF
  influxd -config "$DATA_DIR/influxdb.toml" >"$DATA_DIR/influxdb.log" 2>&1 </dev/null 9>&- &
  INFLUXDB1_PID=$!
  STARTED_PIDS+=("$INFLUXDB1_PID")

  wait_for mosquitto "$MQTT_PID" port_open "$MQTT_PORT"
  wait_for victoria-metrics "$VM_PID" vm_healthy
  wait_for influxdb "$INFLUXDB1_PID" influxdb_healthy

  local chromium
  chromium="$(chromium_path)" || fail_up "chromium not found"
  cat >"$STATE_FILE.tmp" <<EOF
TEST_SERVERS_DIR=$DATA_DIR
MQTT_URL=mqtt://$HOST:$MQTT_PORT
MQTT_PID=$MQTT_PID
VM_URL=http://$HOST:$VM_PORT
VM_PID=$VM_PID
INFLUXDB1_URL=http://$HOST:$INFLUXDB1_PORT
INFLUXDB1_PID=$INFLUXDB1_PID
CHROMIUM_PATH=$chromium
EOF
  mv -f -- "$STATE_FILE.tmp" "$STATE_FILE"
  trap - INT TERM
  log "up: mosquitto :$MQTT_PORT, victoria-metrics :$VM_PORT, influxdb :$INFLUXDB1_PORT (data in $DATA_DIR)"
}

# --- status --------------------------------------------------------------------------------------------

cmd_status() {
  local up=0 name pid url ok
  if ! read_state; then
    log "down (no $STATE_FILE)"
    exit 3
  fi
  while IFS='|' read -r name pid url ok; do
    if pid_matches "$pid" "$TEST_SERVERS_DIR" && $ok; then
      printf '%-17s up    pid %-8s %s\n' "$name" "$pid" "$url"
      up=$((up + 1))
    else
      printf '%-17s down\n' "$name"
    fi
  done <<EOF
mosquitto|$MQTT_PID|mqtt://$HOST:$MQTT_PORT|port_open $MQTT_PORT
victoria-metrics|$VM_PID|http://$HOST:$VM_PORT|vm_healthy
influxdb|$INFLUXDB1_PID|http://$HOST:$INFLUXDB1_PORT|influxdb_healthy
EOF
  printf '%-17s %s\n' chromium "$(chromium_path || echo missing)"
  ((up == 3)) || exit 3
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *)
    printf 'usage: %s install|up|down|status\n' "$0" >&2
    exit 2
    ;;
esac
