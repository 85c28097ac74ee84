#!/usr/bin/env bash
# Connections held per process (issue 13, docs/connections.md). Starts a throw-away PostgreSQL 15 with
# max_connections = 100, migrates it, starts N worker and M API processes (real hosts) and counts their connections in
# pg_stat_activity by Application Name (each process has its own): idle, then with every API under concurrent readiness
# load. Then the same with the design before issue 13 (Hangfire long polling, a LISTEN per waiting worker thread, and
# Npgsql's default pool of 100 with 300 s idle lifetime) for the ratio. Prints Markdown on stdout, progress on stderr.
#
#   scripts/benchmark-connections.sh                      10 workers, 4 APIs (about 6 minutes on 2 cores)
#   scripts/benchmark-connections.sh --workers 3 --apis 2
#   scripts/benchmark-connections.sh --only-current       skip the "before" configuration
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

workers=10
apis=4
before=1
while [ "$#" -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --apis) apis="$2"; shift 2 ;;
    --only-current) before=0; shift ;;
    *) log "unknown option $1"; exit 2 ;;
  esac
done

bindir="$(pg_bindir)"
[ -n "$bindir" ] || apt_install postgresql
bindir="$(pg_bindir)"

if [ -z "${PATCHHOUND_NO_BUILD:-}" ]; then
  log "building the hosts (PATCHHOUND_NO_BUILD=1 skips this)"
  dotnet build src/PatchHound.Api/PatchHound.Api.csproj --nologo -v quiet >&2
  dotnet build src/PatchHound.Worker/PatchHound.Worker.csproj --nologo -v quiet >&2
fi
api_dll="$repo_root/src/PatchHound.Api/bin/Debug/net10.0/PatchHound.Api.dll"
worker_dll="$repo_root/src/PatchHound.Worker/bin/Debug/net10.0/PatchHound.Worker.dll"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work="$(mktemp -d /tmp/patchhound-connections.XXXXXX)"
chmod 755 "$work"
pids=()
stop_hosts() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_hosts
  as_postgres "$bindir/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_port="$(free_port)"
chown postgres "$work" 2>/dev/null || true
as_postgres "$bindir/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
as_postgres "$bindir/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
psql_admin() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "${2:-postgres}" -XAtq -c "$1"; }
psql_admin "CREATE ROLE patchhound_owner LOGIN CREATEROLE PASSWORD 'owner'"
psql_admin "CREATE DATABASE patchhound OWNER patchhound_owner"

base="Host=127.0.0.1;Port=$pg_port;Database=patchhound"
app_cs="$base;Username=patchhound_login;Password=login"
log "migrating"
DOTNET_ENVIRONMENT=Testing ConnectionStrings__PatchHoundMigrations="$base;Username=patchhound_owner;Password=owner" \
  ConnectionStrings__PatchHound="$app_cs" Database__AppLogin=patchhound_login Database__AppPassword=login \
  dotnet "$api_dll" migrate >&2

# start_host NAME DLL [KEY=VALUE...]: a host on a free port with its own Application Name.
start_host() {
  local name="$1" dll="$2" port
  shift 2
  port="$(free_port)"
  env DOTNET_ENVIRONMENT=Testing ASPNETCORE_ENVIRONMENT=Testing ConnectionStrings__PatchHound="$app_cs" \
    Database__ApplicationName="$name" Authentication__DevSignInEnabled=true "$@" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=("$!")
  echo "$port" >"$work/$name.port"
}

wait_live() {
  local name deadline=$((SECONDS + 180))
  for name in "$@"; do
    until curl -fsS "http://127.0.0.1:$(cat "$work/$name.port")/health/live" >/dev/null 2>&1; do
      if [ "$SECONDS" -gt "$deadline" ]; then log "$name did not start; its log:"; tail -n 30 "$work/$name.log" >&2; exit 1; fi
      sleep 1
    done
  done
}

# Per role: the most any one process held (its pool plus its :listen connection) over the samples, and the total.
sample() {
  local label="$1" samples="$2" i
  : >"$work/samples"
  for ((i = 0; i < samples; i++)); do
    psql_admin "SELECT coalesce(nullif(split_part(application_name, ':', 1), ''), '(other)'), count(*) FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1" | sed "s/^/$i|/" >>"$work/samples"
    sleep 2
  done
  awk -F'|' -v label="$label" '
    { role = $2; sub(/-[0-9]+$/, "", role); key = $1 SUBSEP role; total[key] += $3; if ($3 > most[role]) most[role] = $3;
      all[$1] += $3; roles[role] = 1 }
    END {
      for (k in total) { split(k, p, SUBSEP); if (total[k] > sum[p[2]]) sum[p[2]] = total[k] }
      for (s in all) if (all[s] > grand) grand = all[s]
      for (r in roles) printf "| %s | %s | %d | %d |\n", label, r, most[r], sum[r]
      printf "| %s | **all** | | **%d** of 100 |\n", label, grand
    }' "$work/samples"
}

load_pids=()
load_apis() {
  local seconds="$1" i j port
  for ((i = 1; i <= apis; i++)); do
    port="$(cat "$work/api-$i.port")"
    for ((j = 0; j < 16; j++)); do
      (end=$((SECONDS + seconds)); while [ "$SECONDS" -lt "$end" ]; do curl -s -o /dev/null "http://127.0.0.1:$port/health/ready"; done) &
      load_pids+=("$!")
    done
  done
}

measure() {
  local label="$1"
  shift
  local i names=()
  log "$label: starting $workers workers and $apis APIs"
  for ((i = 1; i <= workers; i++)); do start_host "worker-$i" "$worker_dll" "$@"; names+=("worker-$i"); done
  for ((i = 1; i <= apis; i++)); do start_host "api-$i" "$api_dll" "$@"; names+=("api-$i"); done
  wait_live "${names[@]}"
  log "$label: idle for 45 s (idle connections are pruned after their lifetime)"
  sleep 45
  sample "$label, idle" 5
  log "$label: APIs under load (16 concurrent readiness probes each)"
  load_apis 15
  sleep 3
  sample "$label, APIs busy" 5
  wait "${load_pids[@]}"
  load_pids=()
  if grep -l "53300\|too many clients\|remaining connection slots" "$work"/*.log >/dev/null 2>&1; then
    echo "| $label | refused connections | | $(grep -l "53300\|too many clients\|remaining connection slots" "$work"/*.log | wc -l) processes logged 53300 |"
  fi
  stop_hosts
}

echo "| configuration | role | most held by one process | total for the role |"
echo "|---|---|---|---|"
measure "current"
if [ "$before" -eq 1 ]; then
  measure "before (long polling, default pool)" Jobs__EnableLongPolling=true \
    Database__Pools__worker__MaxPoolSize=100 Database__Pools__api__MaxPoolSize=100 \
    Database__Pools__worker__ConnectionIdleLifetime=00:05:00 Database__Pools__api__ConnectionIdleLifetime=00:05:00
fi
