#!/usr/bin/env bash
# Generates, once per installation, the credentials of one profile in .data/<profile>/secrets.env
# (mode 600): the database and broker passwords of every role and user, and intake's
# ONEGATE_LOOKUP_TOKEN_KEY. deploy/infra.sh provisions PostgreSQL and RabbitMQ with them, and
# `deploy/infra.sh env` exports them, so the services and operator commands find them.
# An existing file is kept (delete it, then run `deploy/infra.sh up`, to rotate everything);
# the gateway's scrape credential ONEGATE_METRICS_TOKEN is added to a file made before it existed.
# Profile test keeps the well-known development values: its tests log in with them.
#   scripts/secrets.sh [--profile dev|bench|…]   prints the file's path
# The same file is a docker-compose `.env` (see deploy/README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE="${ONEGATE_PROFILE:-dev}"
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --output) OUT="$2"; shift 2 ;;  # another file, e.g. a docker-compose .env
    *) echo "usage: scripts/secrets.sh [--profile P] [--output FILE]" >&2; exit 2 ;;
  esac
done
if [[ "$PROFILE" == "test" && -z "$OUT" ]]; then
  echo "secrets: profile test uses the well-known development credentials; nothing to generate" >&2
  exit 2
fi
FILE="${OUT:-$ROOT/.data/$PROFILE/secrets.env}"

random() { head -c "${1:-24}" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='; }
upper() { echo "$1" | tr '[:lower:]-' '[:upper:]_'; }

if [[ ! -s "$FILE" ]]; then
  mkdir -p "$(dirname "$FILE")"
  tmp="$(umask 077 && mktemp "$FILE.XXXXXX")"
  {
    echo "# onegate credentials (profile $PROFILE), generated $(date -u +%FT%TZ) by scripts/secrets.sh. Keep private."
    echo "ONEGATE_LOOKUP_TOKEN_KEY=$(random 32)"
    echo "ONEGATE_PAYMENT_SECRET=$(random 32)"
    echo "ONEGATE_POSTGRES_PASSWORD=$(random)"
    for role in identity catalog intake processing documents reporting integration scratch; do
      echo "ONEGATE_$(upper "$role")_DB_PASSWORD=$(random)"
    done
    for user in admin gateway identity catalog intake processing documents reporting integration; do
      echo "ONEGATE_$(upper "$user")_AMQP_PASSWORD=$(random)"
    done
  } >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$FILE"
  echo "secrets: generated $FILE" >&2
fi
# The gateway's scrape credential for /metrics (also into files made before it existed).
if ! grep -q '^ONEGATE_METRICS_TOKEN=' "$FILE"; then
  echo "ONEGATE_METRICS_TOKEN=$(random 32)" >>"$FILE"
fi
# The data key that seals stored secrets (docs/operations.md), also into files made before it
# existed. Deleting this file loses it, and what it sealed no longer opens: rotate it as
# docs/operations.md says (ONEGATE_DATA_KEY_PREVIOUS), and back it up apart from the database.
if ! grep -q '^ONEGATE_DATA_KEY=' "$FILE"; then
  echo "ONEGATE_DATA_KEY=$(head -c 32 /dev/urandom | base64 -w0)" >>"$FILE"
fi
# The audit trails' HMAC key (identity, documents, integration), also into files made before it existed.
if ! grep -q '^ONEGATE_AUDIT_KEY=' "$FILE"; then
  echo "ONEGATE_AUDIT_KEY=$(random 32)" >>"$FILE"
fi
echo "$FILE"
