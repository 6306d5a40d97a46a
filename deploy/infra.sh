#!/usr/bin/env bash
# onegate local infrastructure: a private PostgreSQL cluster and a private
# RabbitMQ node per profile, under <repo>/.data/<profile>/, bound to 127.0.0.1.
# Runs as root on Debian 12 without systemd. See deploy/README.md.
#
#   deploy/infra.sh {up|down|status|env|broker-stop|broker-start|db-stop|db-start
#                    |ctl ARGS...|psql ARGS...|definitions} [--profile dev|test|bench|fuzz]
#   (db-stop stops in fast mode; PG_STOP_MODE=immediate simulates a crash, recovered at db-start)
set -euo pipefail

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
DEPLOY_DIR=$(dirname "$SCRIPT_PATH")
REPO_ROOT=$(dirname "$DEPLOY_DIR")

SERVICES=(gateway identity catalog intake processing documents reporting integration)
DB_ROLES=(identity catalog intake processing documents reporting integration scratch)
ADMIN_USER=onegate-admin
VHOST=onegate
DB_NAME=onegate
PACKAGES=(postgresql rabbitmq-server librabbitmq-dev libargon2-dev libpq-dev libssl-dev pkg-config curl
          libcairo2-dev libpango1.0-dev libqrencode-dev poppler-utils zbar-tools fonts-dejavu-core libcurl4-openssl-dev)
PERMISSIONS_TSV="$DEPLOY_DIR/rabbitmq-permissions.tsv"
PG_INIT_SQL="$DEPLOY_DIR/postgres-init.sql"
RMQ_LIB_BIN=/usr/lib/rabbitmq/bin
READY_TIMEOUT=${ONEGATE_INFRA_TIMEOUT:-60}

usage() {
    cat >&2 <<EOF
usage: $0 COMMAND [--profile dev|test|bench|fuzz]   (default: \$ONEGATE_PROFILE or dev)
  up            install missing packages, start PostgreSQL and RabbitMQ, create db/roles/users
  down          stop both (fine when not running)
  status        print what runs (exit 0 when both run, 3 otherwise)
  env           print export lines for this profile
  broker-stop   stop the RabbitMQ node and wait until its AMQP port is closed
  broker-start  start the RabbitMQ node and wait until it is ready
  db-stop       stop PostgreSQL (fast mode)
  db-start      start PostgreSQL and wait until it accepts connections
  ctl ARGS...   rabbitmqctl against this profile's node (e.g. ctl list_queues -p onegate)
  psql ARGS...  psql as superuser postgres on database onegate via the unix socket
  definitions   print RabbitMQ definitions JSON (vhost, users, permissions) from the tsv
EOF
}

# ---------------------------------------------------------------- arguments
COMMAND=${1:-}
[ -n "$COMMAND" ] || { usage; exit 2; }
shift
PROFILE=${ONEGATE_PROFILE:-dev}
PASSTHROUGH=()
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) [ $# -ge 2 ] || { usage; exit 2; }; PROFILE=$2; shift 2 ;;
        --profile=*) PROFILE=${1#--profile=}; shift ;;
        --) shift; PASSTHROUGH+=("$@"); break ;;
        *) PASSTHROUGH+=("$1"); shift ;;
    esac
done

case "$PROFILE" in
    dev)  PG_PORT=54320; AMQP_PORT=56720; DIST_PORT=56721 ;;
    test) PG_PORT=54330; AMQP_PORT=56730; DIST_PORT=56731 ;;
    bench) PG_PORT=54340; AMQP_PORT=56740; DIST_PORT=56741 ;;   # scripts/bench
    fuzz) PG_PORT=54350; AMQP_PORT=56750; DIST_PORT=56751 ;;    # scripts/fuzz
    *) echo "infra: unknown profile '$PROFILE' (dev|test|bench|fuzz)" >&2; exit 2 ;;
esac

DATA_DIR="$REPO_ROOT/.data/$PROFILE"
# This installation's credentials (scripts/secrets.sh), for what the caller's environment does not
# set; without the file, the development values.
SECRETS_FILE="$DATA_DIR/secrets.env"
if [ -f "$SECRETS_FILE" ]; then
    while IFS='=' read -r key value; do
        case "$key" in ''|\#*) continue ;; esac
        [ -n "${!key:-}" ] || export "$key=$value"
    done <"$SECRETS_FILE"
fi
PG_DATA="$DATA_DIR/pg"
PG_SOCKET_DIR="$DATA_DIR/pg-socket"
RMQ_DIR="$DATA_DIR/rabbitmq"
LOG_DIR="$DATA_DIR/logs"
INFRA_LOG="$LOG_DIR/infra.log"
PG_LOG="$LOG_DIR/postgres.log"
NODE="onegate-$PROFILE@localhost"
RMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
RMQ_STAMP="$RMQ_DIR/mnesia/onegate-definitions.sha256"

log() { echo "infra[$PROFILE]: $*" >&2; }
die() { echo "infra[$PROFILE]: error: $*" >&2; exit 1; }

# ------------------------------------------------------------------ helpers
require_root() { [ "$(id -u)" -eq 0 ] || die "'$COMMAND' must run as root"; }

# password NAME KIND -> env ONEGATE_<NAME>_<KIND>_PASSWORD or onegate-<name>
password() {
    local name=$1 kind=$2 var
    var="ONEGATE_$(echo "$name" | tr '[:lower:]-' '[:upper:]_')_${kind}_PASSWORD"
    printf '%s' "${!var:-onegate-$name}"
}

# since START_MICROS -> "1.23s"
since() {
    local now=${EPOCHREALTIME//[!0-9]/}
    local us=$((now - $1))
    printf '%d.%02ds' $((us / 1000000)) $(((us % 1000000) / 10000))
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# wait_until SECONDS COMMAND... (polls every 0.2 s)
wait_until() {
    local limit=$1; shift
    local deadline=$((SECONDS + limit))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

# Run a command that leaves a daemon behind: stdin from /dev/null, output to
# the infra log, and every other inherited descriptor closed (our lock, a
# caller's pipe...), so the daemon never holds a caller's pipe open.
run_detached() {
    (
        local fd
        for fd in /proc/"$BASHPID"/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ]; then { eval "exec $fd>&-"; } 2>/dev/null || true; fi
        done
        cd /
        "$@" </dev/null >>"$INFRA_LOG" 2>&1
    )
}

port_owner() { command -v ss >/dev/null && ss -Hltnp "sport = :$1" 2>/dev/null | head -1 || true; }

pg_bin() {
    if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return; fi
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$d" ] && echo "$d"
}
PG_BIN=$(pg_bin || true)

as_pg() { (cd / && runuser -u postgres -- "$@"); }

# Every ancestor of $1 must be traversable by user $2 (walk from / down).
ensure_traversable() {
    local target=$1 user=$2 path="" part
    local IFS=/
    for part in $target; do
        [ -n "$part" ] || continue
        path="$path/$part"
        [ -d "$path" ] || break
        if ! runuser -u "$user" -- test -x "$path" 2>/dev/null; then
            log "chmod o+x $path (so $user can reach its data)"
            chmod o+x "$path"
        fi
    done
}

lock_profile() {
    mkdir -p "$DATA_DIR" "$LOG_DIR"
    exec 9>"$DATA_DIR/.infra.lock"
    if ! flock -w 300 9; then die "another infra.sh holds $DATA_DIR/.infra.lock"; fi
}

# ---------------------------------------------------------------- packages
install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    log "installing ${missing[*]} (apt-get)"
    # Keep apt from starting Debian's default postgresql/rabbitmq services:
    # we run private instances. policy-rc.d is honoured by invoke-rc.d and
    # deb-systemd-invoke; leave an existing one alone.
    local policy_created=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# temporary, deploy/infra.sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        policy_created=1
    fi
    local rc=0
    {
        apt-get update &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    } </dev/null >>"$INFRA_LOG" 2>&1 9>&- || rc=$?
    [ "$policy_created" -eq 0 ] || rm -f /usr/sbin/policy-rc.d
    [ "$rc" -eq 0 ] || { tail -n 30 "$INFRA_LOG" >&2; die "apt-get failed (see $INFRA_LOG)"; }
    PG_BIN=$(pg_bin || true)
}

check_binaries() {
    [ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL binaries not found (run: $0 up)"
    [ -x "$RMQ_LIB_BIN/rabbitmq-server" ] || die "rabbitmq-server not installed (run: $0 up)"
}

# --------------------------------------------------------------- PostgreSQL
pg_pid() { # what `pg_ctl status` checks, without needing to be user postgres
    local pid
    [ -s "$PG_DATA/postmaster.pid" ] || return 1
    pid=$(head -1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')
    [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || return 1
    # A stale pid file may name another cluster's postmaster: its working
    # directory is its data directory (readable by root).
    local cwd
    if cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) && [ "$cwd" != "$(readlink -f "$PG_DATA")" ]; then
        return 1
    fi
    echo "$pid"
}

pg_running() { pg_pid >/dev/null; }

pg_write_conf() {
    local conf="$PG_DATA/onegate.conf" tmp
    tmp=$(mktemp)
    cat >"$tmp" <<EOF
# Written by deploy/infra.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
unix_socket_permissions = 0770
# sized for a 2-core / 24 GiB box running every process
max_connections = 300
shared_buffers = 256MB
effective_cache_size = 4GB
work_mem = 8MB
maintenance_work_mem = 256MB
wal_buffers = 16MB
max_wal_size = 4GB
min_wal_size = 512MB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
random_page_cost = 1.1
effective_io_concurrency = 200
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
# durability: nothing accepted may be lost
fsync = on
synchronous_commit = on
full_page_writes = on
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_lock_waits = on
EOF
    if ! cmp -s "$tmp" "$conf"; then
        install -o postgres -g postgres -m 600 "$tmp" "$conf"
        if pg_running; then log "PostgreSQL settings changed: run '$0 db-stop && $0 db-start' to apply"; fi
    fi
    rm -f "$tmp"
}

pg_init_cluster() {
    mkdir -p "$PG_DATA" "$PG_SOCKET_DIR" "$LOG_DIR"
    ensure_traversable "$LOG_DIR" postgres
    chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR"
    chmod 700 "$PG_DATA"
    chmod 750 "$PG_SOCKET_DIR"   # local auth is trust: root and postgres only
    touch "$PG_LOG"
    chown postgres:postgres "$PG_LOG"
    if [ ! -s "$PG_DATA/PG_VERSION" ]; then
        log "initdb $PG_DATA"
        find "$PG_DATA" -mindepth 1 -delete   # a half-done earlier initdb
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 </dev/null >>"$INFRA_LOG" 2>&1 9>&- ||
            { tail -n 20 "$INFRA_LOG" >&2; die "initdb failed (see $INFRA_LOG)"; }
        echo "include_if_exists 'onegate.conf'" >>"$PG_DATA/postgresql.conf"
    fi
    pg_write_conf
}

pg_start() {
    if pg_running; then log "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return 0; fi
    if port_open "$PG_PORT"; then
        die "port $PG_PORT is taken by another process: $(port_owner "$PG_PORT")"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    run_detached runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" \
        -w -t "$READY_TIMEOUT" start ||
        { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start (see $PG_LOG)"; }
}

pg_stop() {
    if ! pg_running; then log "PostgreSQL not running"; return 0; fi
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${PG_STOP_MODE:-fast}" -w -t "$READY_TIMEOUT" stop \
        </dev/null >>"$INFRA_LOG" 2>&1 9>&- || die "pg_ctl stop failed (see $INFRA_LOG)"
}

pg_psql() { # superuser over the unix socket
    "$PG_BIN/psql" -X -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"
}

pg_provision() {
    log "PostgreSQL: database $DB_NAME, roles and schemas (${DB_ROLES[*]})"
    local r pw
    {
        for r in "${DB_ROLES[@]}"; do
            pw=$(password "$r" DB)
            pw=${pw//\\/\\\\}
            pw=${pw//\'/\'\'}
            printf "\\\\set pw_%s '%s'\n" "$r" "$pw"
        done
        printf "\\\\i '%s'\n" "$PG_INIT_SQL"
    } | pg_psql -q -v ON_ERROR_STOP=1 -d postgres >>"$INFRA_LOG" 2>&1 ||
        { tail -n 20 "$INFRA_LOG" >&2; die "database provisioning failed (see $INFRA_LOG)"; }
}

# ----------------------------------------------------------------- RabbitMQ
rmq_home() { getent passwd rabbitmq | cut -d: -f6; }

rmq_env() {
    local home
    home=$(rmq_home)
    RMQ_ENV=(
        "HOME=${home:-/var/lib/rabbitmq}"
        "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
        "LANG=C.UTF-8" "LC_ALL=C.UTF-8"
        "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf"
        "RABBITMQ_NODENAME=$NODE"
        "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
        "RABBITMQ_NODE_PORT=$AMQP_PORT"
        "RABBITMQ_DIST_PORT=$DIST_PORT"
        "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"
        "RABBITMQ_LOG_BASE=$RMQ_DIR/log"
        "RABBITMQ_PID_FILE=$RMQ_PID_FILE"
        "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins"
        "RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf"
        "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config"
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
        "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
        "ERL_EPMD_ADDRESS=127.0.0.1"
        "ERL_CRASH_DUMP=$RMQ_DIR/log/erl_crash.dump"
    )
}

# Debian's /usr/sbin/rabbitmq* wrappers switch root to the rabbitmq user
# (su rabbitmq) with HOME=/var/lib/rabbitmq. We do the same explicitly, so the
# Erlang cookie is the system one and plain `rabbitmqctl -n onegate-dev@localhost`
# works for root too.
as_rmq() {
    rmq_env
    (cd "$RMQ_DIR" && runuser -u rabbitmq -- env -i "${RMQ_ENV[@]}" "$@")
}

rmqctl() { as_rmq "$RMQ_LIB_BIN/rabbitmqctl" -n "$NODE" "$@"; }

rmq_pid() {
    local pid
    [ -s "$RMQ_PID_FILE" ] || return 1
    pid=$(tr -dc '0-9' <"$RMQ_PID_FILE")
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
    # Guard against a recycled pid: the node name is in its environment
    # (readable by root), else at least it must be a BEAM.
    if [ -r "/proc/$pid/environ" ]; then
        grep -qzxF -- "RABBITMQ_NODENAME=$NODE" "/proc/$pid/environ" || return 1
    else
        grep -q beam "/proc/$pid/comm" 2>/dev/null || return 1
    fi
    echo "$pid"
}

rmq_running() { rmq_pid >/dev/null; }

json_str() { # JSON string literal
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

# rabbit_password_hashing_sha256: base64(salt(4) ++ sha256(salt(4) ++ password))
rmq_password_hash() {
    local salt hash
    salt=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    # shellcheck disable=SC2059,SC2001 # the format is only \xHH escapes
    hash=$({ printf "$(sed 's/../\\x&/g' <<<"$salt")"; printf '%s' "$1"; } | sha256sum | cut -c1-64)
    # shellcheck disable=SC2059,SC2001
    printf "$(sed 's/../\\x&/g' <<<"$salt$hash")" | base64 -w0
}

definitions_json() {
    [ -r "$PERMISSIONS_TSV" ] || die "missing $PERMISSIONS_TSV"
    local users=() perms=() user conf write read
    users+=("{\"name\": $(json_str "$ADMIN_USER"), \"password_hash\": \"$(rmq_password_hash "$(password admin AMQP)")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [\"administrator\"], \"limits\": {}}")
    perms+=("{\"user\": $(json_str "$ADMIN_USER"), \"vhost\": \"$VHOST\", \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}")
    while IFS=$'\t' read -r user conf write read; do
        [ -n "$user" ] && [ "${user:0:1}" != "#" ] || continue
        users+=("{\"name\": $(json_str "$user"), \"password_hash\": \"$(rmq_password_hash "$(password "$user" AMQP)")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [], \"limits\": {}}")
        perms+=("{\"user\": $(json_str "$user"), \"vhost\": \"$VHOST\", \"configure\": $(json_str "$conf"), \"write\": $(json_str "$write"), \"read\": $(json_str "$read")}")
    done <"$PERMISSIONS_TSV"
    printf '{\n  "vhosts": [\n    {"name": %s}\n  ],\n  "users": [\n' "$(json_str "$VHOST")"
    json_items "${users[@]}"
    printf '  ],\n  "permissions": [\n'
    json_items "${perms[@]}"
    printf '  ]\n}\n'
}

json_items() { # one item per line, comma-separated, indented
    local n=$# i=0 item
    for item in "$@"; do
        i=$((i + 1))
        if [ "$i" -lt "$n" ]; then printf '    %s,\n' "$item"; else printf '    %s\n' "$item"; fi
    done
}

# Fingerprint of what the definitions say (tsv + passwords), not of the JSON
# (the JSON has random salts).
definitions_fingerprint() {
    {
        echo "v1 $VHOST $ADMIN_USER $(password admin AMQP)"
        cat "$PERMISSIONS_TSV"
        local s
        for s in "${SERVICES[@]}"; do printf '%s %s\n' "$s" "$(password "$s" AMQP)"; done
    } | sha256sum | cut -c1-64
}

rmq_prepare() {
    ensure_traversable "$DATA_DIR" rabbitmq
    local home
    home=$(rmq_home)
    if [ -n "$home" ] && [ -d "$home" ] && [ ! -s "$home/.erlang.cookie" ]; then
        # Create it ourselves: two profiles starting at once would race on it.
        log "creating Erlang cookie $home/.erlang.cookie"
        (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F' >"$home/.erlang.cookie")
        chown rabbitmq:rabbitmq "$home/.erlang.cookie"
        chmod 400 "$home/.erlang.cookie"
    fi
    mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
    if [ "$(stat -c %U "$RMQ_DIR")" != rabbitmq ] || [ "$(stat -c %U "$RMQ_DIR/mnesia")" != rabbitmq ]; then
        chown -R rabbitmq:rabbitmq "$RMQ_DIR"
    fi
    chmod 750 "$RMQ_DIR"
    : >"$RMQ_DIR/rabbitmq-env.conf"   # keeps /etc/rabbitmq/rabbitmq-env.conf out
    echo '[].' >"$RMQ_DIR/enabled_plugins"
    cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by deploy/infra.sh on every start; edit the script, not this file.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
loopback_users = none
heartbeat = 30
load_definitions = $RMQ_DIR/definitions.json
log.console = false
log.file.level = ${ONEGATE_RABBITMQ_LOG_LEVEL:-info}
disk_free_limit.absolute = 200MB
vm_memory_high_watermark.relative = 0.4
channel_max = 2047
EOF
    if [ ! -s "$RMQ_DIR/definitions.json" ] || [ "$(cat "$RMQ_STAMP" 2>/dev/null)" != "$(definitions_fingerprint)" ]; then
        definitions_json >"$RMQ_DIR/definitions.json.tmp"
        mv "$RMQ_DIR/definitions.json.tmp" "$RMQ_DIR/definitions.json"
    fi
    chown rabbitmq:rabbitmq "$RMQ_DIR/rabbitmq-env.conf" "$RMQ_DIR/enabled_plugins" \
        "$RMQ_DIR/rabbitmq.conf" "$RMQ_DIR/definitions.json"
    chmod 600 "$RMQ_DIR/definitions.json"
}

rmq_wait_ready() {
    local deadline=$((SECONDS + READY_TIMEOUT)) pid_deadline=$((SECONDS + 30))
    until port_open "$AMQP_PORT"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 20 "$RMQ_DIR/log/$NODE.log" >&2 2>/dev/null || true
            die "RabbitMQ not accepting on 127.0.0.1:$AMQP_PORT after ${READY_TIMEOUT}s (logs: $RMQ_DIR/log)"
        fi
        if [ -s "$RMQ_PID_FILE" ] && ! rmq_running; then
            tail -n 30 "$RMQ_DIR/log/$NODE.log" >&2 2>/dev/null || true
            die "RabbitMQ node exited during start (logs: $RMQ_DIR/log, $INFRA_LOG)"
        fi
        if [ ! -s "$RMQ_PID_FILE" ] && [ "$SECONDS" -ge "$pid_deadline" ]; then
            tail -n 20 "$INFRA_LOG" >&2 || true
            die "RabbitMQ node wrote no pid file in 30s: it probably failed to boot (logs: $RMQ_DIR/log, $INFRA_LOG)"
        fi
        sleep 0.2
    done
    rmqctl -q await_startup --timeout "$READY_TIMEOUT" </dev/null >>"$INFRA_LOG" 2>&1 9>&- ||
        die "RabbitMQ await_startup failed (see $INFRA_LOG)"
}

rmq_start() {
    if rmq_running; then
        if port_open "$AMQP_PORT"; then log "RabbitMQ $NODE already running on 127.0.0.1:$AMQP_PORT"; return 0; fi
        log "RabbitMQ $NODE is starting; waiting"
        rmq_wait_ready
        return 0
    fi
    if port_open "$AMQP_PORT"; then
        die "port $AMQP_PORT is taken by another process: $(port_owner "$AMQP_PORT")"
    fi
    rm -f "$RMQ_PID_FILE"
    log "starting RabbitMQ $NODE on 127.0.0.1:$AMQP_PORT"
    run_detached as_rmq "$RMQ_LIB_BIN/rabbitmq-server" -detached ||
        die "rabbitmq-server failed to launch (see $INFRA_LOG)"
    rmq_wait_ready
    log "RabbitMQ ready"
}

rmq_provision() {
    local fp
    fp=$(definitions_fingerprint)
    if [ "$(cat "$RMQ_STAMP" 2>/dev/null)" = "$fp" ]; then return 0; fi
    log "RabbitMQ: vhost $VHOST, users $ADMIN_USER ${SERVICES[*]}, permissions from $(basename "$PERMISSIONS_TSV")"
    rmqctl -q import_definitions "$RMQ_DIR/definitions.json" </dev/null >>"$INFRA_LOG" 2>&1 9>&- ||
        die "import_definitions failed (see $INFRA_LOG)"
    local users
    users=$(rmqctl -q list_users --no-table-headers </dev/null 2>>"$INFRA_LOG") ||
        die "list_users failed (see $INFRA_LOG)"
    if cut -f1 <<<"$users" | grep -qx guest; then
        rmqctl -q delete_user guest </dev/null >>"$INFRA_LOG" 2>&1 9>&- || die "could not delete user guest"
    fi
    echo "$fp" >"$RMQ_STAMP"
}

rmq_stop() {
    local pid
    if ! pid=$(rmq_pid); then
        log "RabbitMQ $NODE not running"
        rm -f "$RMQ_PID_FILE"
        return 0
    fi
    log "stopping RabbitMQ $NODE (pid $pid)"
    # `rabbitmqctl shutdown` asks the node over Erlang distribution. SIGTERM is
    # a second or so faster, but a node launched by a process that blocks
    # SIGTERM (test runners, some supervisors) inherits the blocked mask and
    # never sees it. Escalate to SIGTERM, then SIGKILL, if the CLI fails.
    rmqctl -q shutdown --timeout 30 </dev/null >>"$INFRA_LOG" 2>&1 9>&- || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until 30 bash -c "! kill -0 $pid 2>/dev/null"; then
        log "RabbitMQ did not stop in 30s; killing"
        kill -KILL "$pid" 2>/dev/null || true
        wait_until 10 bash -c "! kill -0 $pid 2>/dev/null" || die "cannot stop pid $pid"
    fi
    wait_until 30 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$AMQP_PORT) 2>/dev/null" ||
        die "port $AMQP_PORT still open after stopping RabbitMQ"
    rm -f "$RMQ_PID_FILE"
}

# ----------------------------------------------------------------- commands
cmd_up() {
    require_root
    lock_profile
    local t0=${EPOCHREALTIME//[!0-9]/}
    install_packages
    check_binaries
    pg_init_cluster
    pg_start
    pg_provision
    rmq_prepare
    rmq_start
    rmq_provision
    log "up in $(since "$t0"): PostgreSQL 127.0.0.1:$PG_PORT, AMQP 127.0.0.1:$AMQP_PORT vhost $VHOST"
}

cmd_down() {
    require_root
    [ -d "$DATA_DIR" ] || { log "nothing to stop ($DATA_DIR absent)"; return 0; }
    lock_profile
    rmq_stop
    pg_stop
}

cmd_status() {
    local rc=0 pid
    echo "profile $PROFILE, data $DATA_DIR"
    if pid=$(pg_pid); then
        echo "postgresql: running (pid $pid) on 127.0.0.1:$PG_PORT, socket $PG_SOCKET_DIR"
    elif [ "$(id -u)" -ne 0 ] && port_open "$PG_PORT"; then
        echo "postgresql: something listens on 127.0.0.1:$PG_PORT (run as root for details)"
    else
        echo "postgresql: stopped (port $PG_PORT)"; rc=3
    fi
    if pid=$(rmq_pid); then
        if port_open "$AMQP_PORT"; then
            echo "rabbitmq: running (pid $pid) node $NODE, AMQP 127.0.0.1:$AMQP_PORT, dist $DIST_PORT"
        else
            echo "rabbitmq: starting or stopping (pid $pid) node $NODE, AMQP port $AMQP_PORT closed"; rc=3
        fi
    elif [ "$(id -u)" -ne 0 ] && port_open "$AMQP_PORT"; then
        echo "rabbitmq: something listens on 127.0.0.1:$AMQP_PORT (run as root for details)"
    else
        echo "rabbitmq: stopped (node $NODE, port $AMQP_PORT)"; rc=3
    fi
    return "$rc"
}

cmd_env() {
    printf 'export %s=%q\n' \
        ONEGATE_PROFILE "$PROFILE" \
        ONEGATE_DB_HOST 127.0.0.1 \
        ONEGATE_DB_PORT "$PG_PORT" \
        ONEGATE_DB_NAME "$DB_NAME" \
        ONEGATE_AMQP_HOST 127.0.0.1 \
        ONEGATE_AMQP_PORT "$AMQP_PORT" \
        ONEGATE_AMQP_VHOST "$VHOST" \
        ONEGATE_INFRA "$SCRIPT_PATH" \
        ONEGATE_PG_SOCKET_DIR "$PG_SOCKET_DIR" \
        ONEGATE_RABBITMQ_NODE "$NODE"
    if [ -f "$SECRETS_FILE" ]; then printf 'set -a; . %q; set +a\n' "$SECRETS_FILE"; fi
}

cmd_broker_stop() { require_root; lock_profile; rmq_stop; }

cmd_broker_start() {
    require_root
    lock_profile
    check_binaries
    rmq_prepare
    rmq_start
    rmq_provision
}

cmd_db_stop() { require_root; lock_profile; pg_stop; }

cmd_db_start() {
    require_root
    lock_profile
    check_binaries
    pg_init_cluster
    pg_start
    pg_provision
}

case "$COMMAND" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    broker-stop) cmd_broker_stop ;;
    broker-start) cmd_broker_start ;;
    db-stop) cmd_db_stop ;;
    db-start) cmd_db_start ;;
    ctl) require_root; check_binaries; rmqctl "${PASSTHROUGH[@]}" ;;
    psql) check_binaries; pg_psql -d "$DB_NAME" "${PASSTHROUGH[@]}" ;;
    definitions) definitions_json ;;
    -h|--help|help) usage ;;
    *) usage; exit 2 ;;
esac
