#!/usr/bin/env bash
# The ingestion benchmark (docs/benchmarks.md): builds tests/PatchHound.Benchmarks in Release and runs it. It starts a
# throw-away PostgreSQL cluster (or uses the server in PATCHHOUND_TEST_POSTGRES, an admin connection string), the
# Defender simulator and worker processes, ingests, and prints Markdown tables on stdout (progress on stderr).
#
#   scripts/benchmark-ingestion.sh            the full sizes (about 10 minutes on 2 cores)
#   scripts/benchmark-ingestion.sh --quick    small sizes, a smoke test (about 2 minutes)
#   scripts/benchmark-ingestion.sh --help     every option (sizes, page size, scenarios, extra worker settings)
#   scripts/benchmark-ingestion.sh --scenarios files --devices 100000   via-files worker peak RSS, small vs large
#
# Exits 0 when every run succeeded without duplicated runs or batches; missed time targets are reported, not failed.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

if [ -z "${PATCHHOUND_TEST_POSTGRES:-}" ] && [ -z "$(pg_bindir)" ]; then
  apt_install postgresql
fi

dotnet build tests/PatchHound.Benchmarks/PatchHound.Benchmarks.csproj -c Release --nologo -v quiet >&2
# The in-process API host's content root (WebApplicationFactory finds it by itself only from a test project).
export ASPNETCORE_TEST_CONTENTROOT_PATCHHOUND_API="$repo_root/src/PatchHound.Api"
exec dotnet tests/PatchHound.Benchmarks/bin/Release/net10.0/PatchHound.Benchmarks.dll "$@"
