#!/usr/bin/env bash
# The whole test suite: every test on PGlite, then every test again on a throwaway PostgreSQL 15 cluster
# that this script creates (as the postgres user when run as root: initdb refuses root) and removes.
# Usage: npm test [-- --pglite-only]
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(find src test -name '*.test.ts' -o -name '*.test.tsx' | sort)
run_suite() { node --import tsx --test --test-reporter=spec "${files[@]}"; }

echo "== typecheck and lint"
npx tsc -p tsconfig.json
npx biome check src test bench scripts

echo "== tests on PGlite (embedded)"
run_suite

if [[ "${1:-}" == "--pglite-only" ]]; then exit 0; fi

echo "== tests on PostgreSQL 15"
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
run_suite
