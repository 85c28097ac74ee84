#!/usr/bin/env bash
# Findings list benchmark (issue 5): the API over real HTTP (in-process Kestrel) and the same SQL straight on
# PostgreSQL, each under the same closed-loop load, on a freshly seeded tenant. Prints figures; asserts nothing.
#
#   scripts/benchmark-api.sh [--clients 32] [--seconds 30] [--devices 2000] [--per-device 25]
#                            [--scenario default|severity|all] [--with-proposed-indexes]
#
# PostgreSQL is the integration tests' throw-away cluster (installed with apt when missing), or the server named by
# PATCHHOUND_TEST_POSTGRES. Results and how to read them: docs/benchmarks-api.md.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

# shellcheck disable=SC2119 # no extra packages: PostgreSQL (and Redis) only
ensure_packages
dotnet build tests/PatchHound.ApiBenchmarks -c Release >&2
# The in-process API host's content root (WebApplicationFactory finds it by itself only from a test project).
export ASPNETCORE_TEST_CONTENTROOT_PATCHHOUND_API="$repo_root/src/PatchHound.Api"
exec dotnet tests/PatchHound.ApiBenchmarks/bin/Release/net10.0/PatchHound.ApiBenchmarks.dll "$@"
