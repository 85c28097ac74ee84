#!/usr/bin/env bash
# PatchHound demo in one command: backing services, a migrated database with a demo tenant, the job worker in the
# background (log in .local/worker.log) and the API on http://127.0.0.1:5080 in the foreground. Ctrl-C stops the
# API and the worker; scripts/local-services.sh stop stops the services. Operators sign in with
# POST /auth/dev/sign-in {"email":"operator@patchhound.local"} and open http://127.0.0.1:5080/admin/jobs.
#
# PATCHHOUND_DB (schema-owner connection string) and PATCHHOUND_REDIS (host:port) point the demo at existing
# servers; whichever is unset is started locally by scripts/local-services.sh. The API connects as the
# application login patchhound_app_login, whose password is generated once into .local/app-db-password.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib/common.sh"
cd "$repo_root"

readonly api_url="http://127.0.0.1:5080"
readonly simulator_url="http://127.0.0.1:5090"
readonly app_login="patchhound_app_login"
readonly configuration="Release"

start_backing_services() {
  local services=()
  [ -n "${PATCHHOUND_DB:-}" ] || services+=(postgres)
  [ -n "${PATCHHOUND_REDIS:-}" ] || services+=(redis)
  [ "${#services[@]}" -gt 0 ] || return 0
  scripts/local-services.sh start "${services[@]}"
  PATCHHOUND_DB="${PATCHHOUND_DB:-$(scripts/local-services.sh connection-string postgres)}"
  PATCHHOUND_REDIS="${PATCHHOUND_REDIS:-$(scripts/local-services.sh connection-string redis)}"
}

# The owner connection string with the application login in place of the owner's.
app_connection_string() {
  local password="$1" part kept=() parts
  IFS=';' read -ra parts <<<"$PATCHHOUND_DB"
  for part in "${parts[@]}"; do
    case "${part,,}" in
      "" | username=* | "user id="* | userid=* | user=* | password=* | pwd=*) ;;
      *) kept+=("$part") ;;
    esac
  done
  (IFS=';' && printf '%s;Username=%s;Password=%s\n' "${kept[*]}" "$app_login" "$password")
}

configure_hosts() {
  local app_password
  app_password="$(secret_file "$local_dir/app-db-password")"
  export ConnectionStrings__PatchHoundMigrations="$PATCHHOUND_DB"
  export ConnectionStrings__PatchHound
  ConnectionStrings__PatchHound="$(app_connection_string "$app_password")"
  export ConnectionStrings__Redis="$PATCHHOUND_REDIS"
  export Database__AppLogin="$app_login"
  export Database__AppPassword="$app_password"
  # The demo's built-in sign-in for the seeded users; the hosts refuse it in Production.
  export ASPNETCORE_ENVIRONMENT=Demo DOTNET_ENVIRONMENT=Demo
  export Authentication__DevSignInEnabled=true
  # Credentials set through the API go to the encrypted store in PostgreSQL; its key is generated once.
  export SecretStore__Provider=Database SecretStore__ActiveKeyId=demo
  local key_file="$local_dir/secret-store-key"
  [ -s "$key_file" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$key_file")
  export SecretStore__Keys__demo
  SecretStore__Keys__demo="$(cat "$key_file")"
  # The API's Data Protection key ring is sealed in Redis with a key of its own, as in production.
  export DataProtection__ActiveKeyId=demo
  local ring_key_file="$local_dir/data-protection-key"
  [ -s "$ring_key_file" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$ring_key_file")
  export DataProtection__Keys__demo
  DataProtection__Keys__demo="$(cat "$ring_key_file")"
}

build() {
  dotnet build src/PatchHound.Api -c "$configuration"
  dotnet build src/PatchHound.Worker -c "$configuration"
  dotnet build src/PatchHound.DefenderSimulator -c "$configuration"
}

start_simulator() {
  log "Defender simulator on $simulator_url (log: $local_dir/simulator.log)"
  dotnet run --project src/PatchHound.DefenderSimulator -c "$configuration" --no-build --no-launch-profile -- \
    --urls "$simulator_url" >"$local_dir/simulator.log" 2>&1 &
}

seed_demo() {
  dotnet run --project src/PatchHound.Api -c "$configuration" --no-build --no-launch-profile -- seed-demo
}

# Enrichment offline: the feeds' snapshot shipped with the simulator (the CISA KEV catalog, and NVD- and EPSS-shaped
# files for the simulator's CVEs), applied once as the worker starts, before its first ingestion.
readonly offline_feeds="$repo_root/src/PatchHound.DefenderSimulator/Data/Resources"

start_worker() {
  log "PatchHound worker started (log: $local_dir/worker.log)"
  # The demo source's credential reference local://demo-simulator resolves to Secrets:demo-simulator (a name
  # with a hyphen, so it goes through env rather than export).
  env 'Secrets__demo-simulator={"tenantId":"demo","clientId":"patchhound-demo","clientSecret":"simulator-secret"}' \
    Enrichment__RunAtStartup=true \
    Enrichment__KevFeedUrl="$offline_feeds/known_exploited_vulnerabilities.json" \
    Enrichment__NvdFeedUrl="$offline_feeds/nvd-cves.json" \
    Enrichment__EpssFeedUrl="$offline_feeds/epss-scores.csv" \
    Management__Port=9465 \
    dotnet run --project src/PatchHound.Worker -c "$configuration" --no-build --no-launch-profile -- \
    --urls "http://127.0.0.1:5081" >"$local_dir/worker.log" 2>&1 &
}

# Foreground: Ctrl-C goes straight to it.
run_api() {
  log "PatchHound web UI on $api_url/ — sign in as analyst@demo.patchhound.local, admin@demo.patchhound.local," \
    "auditor@demo.patchhound.local or operator@patchhound.local (demo sign-in: e-mail only)"
  log "Prometheus metrics: http://127.0.0.1:9464/metrics (API), http://127.0.0.1:9465/metrics (worker)"
  if [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
    log "Traces, metrics and logs of both hosts go over OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT (${OTEL_EXPORTER_OTLP_PROTOCOL:-grpc})"
  else
    log "No OTLP export (set OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://127.0.0.1:4317, to send telemetry to a collector)"
  fi
  log "PatchHound API on $api_url/api (Ctrl-C to stop)"
  Management__Port=9464 dotnet run --project src/PatchHound.Api -c "$configuration" --no-build --no-launch-profile -- --urls "$api_url"
}

# Processes started in the background (the worker and simulator, later) end with the demo.
stop_background_processes() {
  local pids
  mapfile -t pids < <(jobs -pr)
  [ "${#pids[@]}" -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
}

main() {
  trap stop_background_processes EXIT
  start_backing_services
  configure_hosts
  build
  seed_demo
  start_simulator
  start_worker
  run_api
}

main "$@"
