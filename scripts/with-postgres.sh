#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster on a free port, removed afterwards.
# The command sees TEST_DATABASE_URL (the postgres database of that cluster). Run as root, the cluster
# belongs to the postgres user, because initdb refuses root.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
workdir=$(mktemp -d /tmp/cybernorms-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
if [[ $(id -u) -eq 0 ]]; then chown postgres "$workdir"; fi
as_pg "$PGBIN/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
