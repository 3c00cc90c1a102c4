#!/usr/bin/env bash
# The whole test suite: typecheck and lint, every test on PGlite, then every test again on a throwaway
# PostgreSQL 15 cluster (scripts/with-postgres.sh). Each mode first builds the migrated, seeded database
# once (test/support/template.ts); every test file starts from a copy of it. Usage: npm test [-- --pglite-only]
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(find src test -name '*.test.ts' -o -name '*.test.tsx' | sort)

echo "== typecheck and lint"
npx tsc -p tsconfig.json
npx biome check src test bench scripts

echo "== tests on PGlite (embedded)"
dump=$(mktemp /tmp/cybernorms-template.XXXXXX)
trap 'rm -f "$dump"' EXIT
node --import tsx test/support/template.ts "$dump"
TEST_PGLITE_TEMPLATE="$dump" node --import tsx --test --test-timeout=600000 --test-reporter=spec "${files[@]}"

if [[ "${1:-}" == "--pglite-only" ]]; then exit 0; fi

echo "== tests on PostgreSQL 15"
scripts/with-postgres.sh bash -c '
  set -euo pipefail
  node --import tsx test/support/template.ts cn_template
  TEST_TEMPLATE_DB=cn_template node --import tsx --test --test-timeout=600000 --test-reporter=spec "$@"
' _ "${files[@]}"
