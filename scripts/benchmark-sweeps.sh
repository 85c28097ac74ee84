#!/usr/bin/env bash
# The sweeps benchmark of issue 13 (docs/benchmarks.md): many idle tenants, each recurring sweep timed as its job runs
# it (due-tenant query and fan-out), and the per-tenant path it replaced timed in the same run. Prints a Markdown
# table on stdout (progress on stderr). Uses a throw-away PostgreSQL cluster or the server in PATCHHOUND_TEST_POSTGRES.
#
#   scripts/benchmark-sweeps.sh                      10,000 idle tenants (about 3 minutes on 2 cores)
#   scripts/benchmark-sweeps.sh --quick              1,000 idle tenants
#   scripts/benchmark-sweeps.sh --sweep-tenants N    N idle tenants
set -euo pipefail

exec "$(dirname "${BASH_SOURCE[0]}")/benchmark-ingestion.sh" --scenarios sweeps "$@"
