#!/usr/bin/env bash
# Local PostgreSQL and Redis for development and the demo, kept in .local/ (git-ignored).
#
#   scripts/local-services.sh start|stop|status [postgres|redis]   (both when no service is named)
#   scripts/local-services.sh connection-string postgres|redis     prints it (owner login for postgres)
#
# Ports: PATCHHOUND_PG_PORT (default 55432), PATCHHOUND_REDIS_PORT (default 56379); loopback only.
# PostgreSQL: cluster in .local/pg, log .local/postgres.log, superuser `postgres` with the password in
# .local/postgres-password, database `patchhound`. Redis: .local/redis, pid .local/redis.pid, log .local/redis.log.
# `start` is idempotent; as root it installs postgresql / redis-server with apt when they are missing.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

pg_port="${PATCHHOUND_PG_PORT:-55432}"
redis_port="${PATCHHOUND_REDIS_PORT:-56379}"
pg_data="$local_dir/pg"
pg_log="$local_dir/postgres.log"
pg_password_file="$local_dir/postgres-password"
pg_database="patchhound"
redis_dir="$local_dir/redis"
redis_pid_file="$local_dir/redis.pid"
redis_log="$local_dir/redis.log"

pg_ctl() {
  as_postgres "$(pg_bindir)/pg_ctl" "$@"
}

postgres_running() {
  [ -f "$pg_data/PG_VERSION" ] && pg_ctl status -D "$pg_data" >/dev/null 2>&1
}

redis_pid() {
  local pid
  pid="$(cat "$redis_pid_file" 2>/dev/null || true)"
  # The pid must still be a redis-server: after a reboot the number may belong to something else.
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "redis-server" ]; then
    printf '%s\n' "$pid"
  fi
}

postgres_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=%s\n' \
    "$pg_port" "$(secret_file "$pg_password_file")" "$pg_database"
}

redis_connection_string() {
  printf '127.0.0.1:%s\n' "$redis_port"
}

init_postgres() {
  log "postgres: creating cluster in $pg_data"
  mkdir -p "$pg_data"
  chmod 700 "$pg_data"
  # initdb wants an empty directory, so the superuser password goes in a file beside it, for initdb only.
  local password_copy="$local_dir/.initdb-password"
  (umask 077 && secret_file "$pg_password_file" >"$password_copy")
  if is_root; then
    chown -R postgres:postgres "$pg_data" "$password_copy"
    if ! runuser -u postgres -- test -w "$pg_data"; then
      rm -rf "$pg_data" "$password_copy"
      log "postgres: the postgres user cannot reach $pg_data (a parent directory is not world-searchable)."
      log "Move the repository, or point PATCHHOUND_DB at an existing server."
      return 1
    fi
  fi
  # Passwords over TCP, so the application login's password is really checked; no Unix socket at all.
  if ! as_postgres "$(pg_bindir)/initdb" -D "$pg_data" -U postgres -E UTF8 --locale=C \
    --auth-host=scram-sha-256 --auth-local=peer --pwfile="$password_copy" >/dev/null; then
    rm -rf "$pg_data" "$password_copy"
    return 1
  fi
  rm -f "$password_copy"
  cat >>"$pg_data/postgresql.conf" <<CONF

# scripts/local-services.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
CONF
}

create_database() {
  local exists
  exists="$(PGPASSWORD="$(secret_file "$pg_password_file")" "$(pg_bindir)/psql" -h 127.0.0.1 -p "$pg_port" \
    -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$pg_database'")"
  if [ "$exists" != "1" ]; then
    PGPASSWORD="$(secret_file "$pg_password_file")" "$(pg_bindir)/psql" -h 127.0.0.1 -p "$pg_port" \
      -U postgres -d postgres -qc "CREATE DATABASE $pg_database"
    log "postgres: created database $pg_database"
  fi
}

start_postgres() {
  if postgres_running; then
    log "postgres: already running (port $pg_port)"
    return
  fi
  [ -f "$pg_data/PG_VERSION" ] || init_postgres
  touch "$pg_log"
  if is_root; then
    chown postgres:postgres "$pg_log"
  fi
  pg_ctl start -w -t 60 -D "$pg_data" -l "$pg_log" -o "-p $pg_port" >/dev/null || {
    log "postgres: failed to start; last lines of $pg_log:"
    tail -n 20 "$pg_log" >&2
    return 1
  }
  log "postgres: started on port $pg_port (log $pg_log)"
  create_database
}

start_redis() {
  if [ -n "$(redis_pid)" ]; then
    log "redis: already running (port $redis_port, pid $(redis_pid))"
    return
  fi
  mkdir -p "$redis_dir"
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes \
    --pidfile "$redis_pid_file" --logfile "$redis_log" --dir "$redis_dir" --save "" --appendonly no
  local attempt
  for attempt in $(seq 50); do
    [ -z "$(redis_pid)" ] || break
    [ "$attempt" -lt 50 ] || {
      log "redis: failed to start; last lines of $redis_log:"
      tail -n 20 "$redis_log" >&2
      return 1
    }
    sleep 0.1
  done
  log "redis: started on port $redis_port (pid $(redis_pid), log $redis_log)"
}

stop_postgres() {
  if postgres_running; then
    pg_ctl stop -m fast -w -D "$pg_data" >/dev/null
    log "postgres: stopped"
  else
    log "postgres: not running"
  fi
}

stop_redis() {
  local pid attempt
  pid="$(redis_pid)"
  if [ -z "$pid" ]; then
    log "redis: not running"
    return
  fi
  kill "$pid"
  for attempt in $(seq 100); do
    [ -d "/proc/$pid" ] || break
    [ "$attempt" -lt 100 ] || kill -9 "$pid"
    sleep 0.1
  done
  rm -f "$redis_pid_file"
  log "redis: stopped"
}

status_postgres() {
  if postgres_running; then
    echo "postgres: running  port $pg_port  ConnectionStrings__PatchHoundMigrations=\"$(postgres_connection_string)\""
  else
    echo "postgres: stopped"
    return 3
  fi
}

status_redis() {
  if [ -n "$(redis_pid)" ]; then
    echo "redis:    running  port $redis_port  ConnectionStrings__Redis=\"$(redis_connection_string)\""
  else
    echo "redis:    stopped"
    return 3
  fi
}

main() {
  local command="${1:-}" services=("${@:2}") service status=0
  [ "${#services[@]}" -gt 0 ] || services=(postgres redis)
  for service in "${services[@]}"; do
    case "$service" in
      postgres | redis) ;;
      *) log "unknown service '$service' (postgres|redis)"; return 2 ;;
    esac
  done

  case "$command" in
    start)
      # shellcheck disable=SC2119 # no extra packages here
      ensure_packages
      mkdir -p "$local_dir"
      for service in "${services[@]}"; do "start_$service"; done
      for service in "${services[@]}"; do "status_$service"; done
      ;;
    stop)
      for service in "${services[@]}"; do "stop_$service"; done
      ;;
    status)
      for service in "${services[@]}"; do "status_$service" || status=$?; done
      return "$status"
      ;;
    connection-string)
      [ "${#services[@]}" -eq 1 ] || { log "usage: $0 connection-string postgres|redis"; return 2; }
      "${services[0]}_connection_string"
      ;;
    *)
      log "usage: $0 start|stop|status [postgres|redis]  |  $0 connection-string postgres|redis"
      return 2
      ;;
  esac
}

main "$@"
