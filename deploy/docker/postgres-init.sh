#!/bin/bash
# onegate database, roles and schemas for the official postgres image.
# Mounted as /docker-entrypoint-initdb.d/10-onegate.sh (runs once, on an empty
# volume) together with deploy/postgres-init.sql as /onegate/postgres-init.sql:
# the same SQL that deploy/infra.sh runs. Passwords: ONEGATE_<ROLE>_DB_PASSWORD,
# default onegate-<role>.
# The entrypoint sources this file when it is not executable; the subshell
# keeps our shell options out of the entrypoint's.
(
    set -euo pipefail
    sql=${ONEGATE_INIT_SQL:-/onegate/postgres-init.sql}
    args=()
    for role in identity catalog intake processing documents reporting integration scratch; do
        var="ONEGATE_${role^^}_DB_PASSWORD"
        args+=(-v "pw_${role}=${!var:-onegate-$role}")
    done
    psql -X -q -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
        "${args[@]}" -f "$sql"
)
