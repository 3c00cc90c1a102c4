#!/usr/bin/env bash
# The whole test suite: typecheck and lint, every test on PGlite, then every test again on a throwaway
# PostgreSQL 15 cluster (scripts/with-postgres.sh). Usage: npm test [-- --pglite-only]
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(find src test -name '*.test.ts' -o -name '*.test.tsx' | sort)

echo "== typecheck and lint"
npx tsc -p tsconfig.json
npx biome check src test bench scripts

echo "== tests on PGlite (embedded)"
node --import tsx --test --test-timeout=180000 --test-reporter=spec "${files[@]}"

if [[ "${1:-}" == "--pglite-only" ]]; then exit 0; fi

echo "== tests on PostgreSQL 15"
scripts/with-postgres.sh node --import tsx --test --test-timeout=180000 --test-reporter=spec "${files[@]}"
