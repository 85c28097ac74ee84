#!/usr/bin/env bash
# Builds PatchHound and runs every test. The integration tests start their own PostgreSQL and Redis from the OS
# packages (tests/PatchHound.IntegrationTests/Harness); this script installs what is missing with apt (as root or
# through passwordless sudo).
# Ends with a line "N passed, N failed" (", N skipped" when any were) and exits non-zero on any failure, including
# a run in which no test executed.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib/common.sh"
cd "$repo_root"

readonly solution="PatchHound.sln"
readonly results_dir="TestResults"

install_prerequisites() {
  ensure_packages docker-compose:docker-compose caddy:caddy chromium:chromium pgbouncer:pgbouncer
}

build() {
  dotnet restore "$solution"
  dotnet build "$solution" -c Release --no-restore
}

check_formatting() {
  dotnet format "$solution" --verify-no-changes --no-restore
}

run_tests() {
  rm -rf "$results_dir"
  dotnet test "$solution" -c Release --no-build \
    --logger "console;verbosity=normal" --logger trx --results-directory "$results_dir"
}

# Sums one attribute of the <Counters .../> element over every TRX file.
trx_counter() {
  local name="$1"
  { cat "$results_dir"/*.trx 2>/dev/null || true; } |
    { grep -o '<Counters [^>]*>' || true; } |
    { grep -o " $name=\"[0-9]*\"" || true; } |
    tr -dc '0-9\n' |
    awk '{ total += $1 } END { print total + 0 }'
}

# Names each failed test with the first lines of its message, so the end of a long log says what failed.
list_failures() {
  { cat "$results_dir"/*.trx 2>/dev/null || true; } | perl -0777 -ne '
    while (/<UnitTestResult\b([^>]*[^\/])>(.*?)<\/UnitTestResult>/gs) {
      my ($attributes, $body) = ($1, $2);
      next unless $attributes =~ /outcome="(?:Failed|Error|Timeout|Aborted)"/;
      my ($name) = $attributes =~ /testName="([^"]*)"/;
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      $message //= "";
      for ($name, $message) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&#xD;//g; s/&#xA;/\n/g; s/&amp;/&/g; }
      my @lines = grep { /\S/ } split /\n/, $message;
      print "FAILED $name\n", map({ "    $_\n" } @lines[0 .. ($#lines < 4 ? $#lines : 4)]);
    }'
}

# Prints the summary line; fails when nothing ran, which would otherwise pass unnoticed.
summarize() {
  local passed failed skipped summary
  passed="$(trx_counter passed)"
  failed=$(($(trx_counter failed) + $(trx_counter error) + $(trx_counter timeout) + $(trx_counter aborted)))
  # The TRX logger counts skipped tests in total but not in executed (its notExecuted counter stays 0).
  skipped=$(($(trx_counter total) - $(trx_counter executed)))
  summary="$passed passed, $failed failed"
  [ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
  local status=0
  [ "$failed" -eq 0 ] || status=1
  if [ $((passed + failed)) -eq 0 ]; then
    log "no test was executed"
    status=1
  fi
  echo "$summary"
  return "$status"
}

main() {
  install_prerequisites
  build
  check_formatting
  local status=0
  run_tests || status=$?
  echo
  list_failures
  summarize || status=1
  return "$status"
}

main "$@"
