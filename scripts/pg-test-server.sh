#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server on 127.0.0.1 for the warehouse tests and print
# the export line for PRONGSAI_TEST_PG_URL. Needs Debian's postgresql package; prints nothing if absent.
set -euo pipefail
PORT="${PRONGSAI_PG_PORT:-54329}"
DATA="${PRONGSAI_PG_DATA:-/tmp/prongsai-pg}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n "$bindir" ]] || { echo "pg-test-server: PostgreSQL not installed; PostgreSQL tests will skip" >&2; exit 0; }
run() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ ! -f "$DATA/PG_VERSION" ]]; then
  mkdir -p "$DATA"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$DATA"
  run "$bindir/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! run "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  run "$bindir/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off" start >/dev/null
fi
echo "export PRONGSAI_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
