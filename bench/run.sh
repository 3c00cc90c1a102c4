#!/usr/bin/env bash
# All benchmarks in one run, printed as Markdown for docs/benchmarks.md: npm run bench
set -euo pipefail
cd "$(dirname "$0")/.."
echo "# Run on $(date -u +%Y-%m-%d) — $(nproc) cores, Node $(node --version)"
echo; echo "## Norm page throughput"; echo
npx tsx bench/throughput.ts
echo; echo "## Search latency (200 queries, ms)"; echo
echo "| database | documents | queries | p50 | p95 | max | mean matches |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
npx tsx bench/search.ts
scripts/with-postgres.sh npx tsx bench/search.ts
echo; echo "## Page weight"; echo
npx tsx bench/page-weight.ts
echo; echo "## Cold start and memory"; echo
npx tsx bench/cold-start.ts
npx tsx bench/memory.ts
scripts/with-postgres.sh npx tsx bench/memory.ts
echo; echo "## Password hashing (argon2id)"; echo
npx tsx bench/argon2.ts
echo; echo "## Points-of-contact directory"; echo
npx tsx bench/directory.ts
scripts/with-postgres.sh npx tsx bench/directory.ts
echo; echo "## Communications between States"; echo
scripts/with-postgres.sh npx tsx bench/communications.ts
echo; echo "## National reports, map and comparison"; echo
npx tsx bench/reports.ts
scripts/with-postgres.sh npx tsx bench/reports.ts
echo; echo "## The incident record at scale"; echo
npx tsx bench/incidents.ts
scripts/with-postgres.sh npx tsx bench/incidents.ts
echo; echo "## PDF text in six languages (platform/pdf.ts against pdfkit's text())"; echo
npx tsx bench/pdf.ts
echo; echo "## Discussion, lessons and editing"; echo
npx tsx bench/learning.ts
scripts/with-postgres.sh npx tsx bench/learning.ts
echo; echo "## Access that follows roles"; echo
npx tsx bench/access.ts
scripts/with-postgres.sh npx tsx bench/access.ts
echo; echo "## TAXII 2.1"; echo
npx tsx bench/taxii.ts
scripts/with-postgres.sh npx tsx bench/taxii.ts
echo; echo "## Test setup"; echo
npx tsx bench/test-setup.ts
scripts/with-postgres.sh npx tsx bench/test-setup.ts
