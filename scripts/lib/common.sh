# shellcheck shell=bash
# Helpers shared by local-services.sh, demo.sh and test.sh. Source it; it defines functions and a few paths only.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2034 # used by the scripts that source this file
local_dir="$repo_root/.local"

log() {
  printf '%s\n' "$*" >&2
}

is_root() {
  [ "$(id -u)" -eq 0 ]
}

# The directory holding initdb and pg_ctl. Debian keeps them off PATH, under /usr/lib/postgresql/<major>/bin.
pg_bindir() {
  local initdb
  if initdb="$(command -v initdb)"; then
    dirname "$(readlink -f "$initdb")"
    return
  fi
  { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null || true; } | sort -V | tail -n 1
}

# PostgreSQL refuses to run as root: as root, run its programs as the postgres user, from a directory it can read.
as_postgres() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Installs the given apt packages, as root or through passwordless sudo. Tries without `apt-get update` first:
# it is slow and usually unnecessary; updates and retries only when the install fails.
apt_install() {
  [ "$#" -gt 0 ] || return 0
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  if ! is_root; then
    if ! sudo -n true 2>/dev/null; then
      log "missing packages: $*; install them (sudo apt-get install $*) and run again."
      return 1
    fi
    apt=(sudo -n "${apt[@]}")
  fi
  log "installing: $*"
  if ! "${apt[@]}" install -y --no-install-recommends "$@"; then
    log "install failed; running apt-get update and retrying"
    "${apt[@]}" update
    "${apt[@]}" install -y --no-install-recommends "$@"
  fi
}

# Installs PostgreSQL and Redis when their programs are missing, plus any extra packages named as
# "command:package" (e.g. docker-compose:docker-compose).
ensure_packages() {
  local missing=() pair
  [ -n "$(pg_bindir)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  apt_install "${missing[@]}"
}

# Prints the secret stored in a file under .local/, creating it (mode 600) on first use.
secret_file() {
  local file="$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$file")
    log "generated $file"
  fi
  chmod 600 "$file"
  cat "$file"
}
