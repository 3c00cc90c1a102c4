#!/usr/bin/env bash
# The whole test suite: typecheck and lint, every test on PGlite, then every test that uses the database
# under test again on a throwaway PostgreSQL 15 cluster (scripts/with-postgres.sh). Each mode first builds the migrated, seeded database
# once (test/support/template.ts); every test file starts from a copy of it, so files can run side by side:
# TEST_CONCURRENCY of them at a time (default 2: most of a file's time is spent waiting on a database
# server, Chromium or a child process, not on this process). Usage: npm test [-- --pglite-only]
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t all < <(find src test -name '*.test.ts' -o -name '*.test.tsx' | sort)
# The slowest files first, so that two at a time the run does not end waiting on one long file; the rest in
# name order. (Longest-first keeps the tail short: the access matrix, the fuzz, Chromium and the fault tests.)
slow='access.test|fuzz.test|browser-|faults-|process.test|outage.test|instances.test|live-events.test|operations.test'
mapfile -t files < <(printf '%s\n' "${all[@]}" | grep -E "$slow"; printf '%s\n' "${all[@]}" | grep -vE "$slow")
# Files that never open the database under test (pure functions, the boundary check, tests that start their
# own PostgreSQL cluster) give the same answer in both modes: the PostgreSQL pass leaves them out.
uses_db='support/(app|db|browser-app|process|auth|client|http)|testApp|seededDb|TEST_TEMPLATE|TEST_PGLITE'
mapfile -t pg_files < <(for f in "${files[@]}"; do grep -qE "$uses_db" "$f" && echo "$f"; done)

echo "== typecheck and lint"
npx tsc -p tsconfig.json
npx biome check src test bench scripts

concurrency=${TEST_CONCURRENCY:-2}

echo "== tests on PGlite (embedded)"
# The template is a data directory each file copies beside it; on tmpfs where there is one.
run=$(mktemp -d "$( [[ -d /dev/shm ]] && echo /dev/shm || echo /tmp )/cybernorms-test.XXXXXX")
trap 'rm -rf "$run"' EXIT
template="$run/template"
mkdir "$template"
node --import tsx test/support/template.ts "$template"
TEST_PGLITE_TEMPLATE="$template" node --import tsx --test --test-concurrency="$concurrency" --test-timeout=1200000 \
  --test-reporter=spec "${files[@]}"

if [[ "${1:-}" == "--pglite-only" ]]; then exit 0; fi

echo "== tests on PostgreSQL 15"
TEST_CONCURRENCY=$concurrency scripts/with-postgres.sh bash -c '
  set -euo pipefail
  node --import tsx test/support/template.ts cn_template
  TEST_TEMPLATE_DB=cn_template node --import tsx --test --test-concurrency="$TEST_CONCURRENCY" --test-timeout=1200000 \
    --test-reporter=spec "$@"
' _ "${pg_files[@]}"
