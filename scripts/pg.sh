#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and local development.
#
#   scripts/pg.sh start   create (if needed) and start the cluster, print its URL
#   scripts/pg.sh stop    stop the cluster and delete its directory
#   scripts/pg.sh status  exit 0 when running
#   scripts/pg.sh reap    stop and delete clusters under .tmp/ whose owner process is gone
#
# Environment: MIMAMORI_PG_DIR (default .tmp/pg), MIMAMORI_PG_PORT (default 54329),
# MIMAMORI_PG_OWNER (a pid; `reap` removes the cluster once that process has exited).
# Uses Debian's PostgreSQL 15 binaries. initdb refuses to run as root, so the cluster
# belongs to the `postgres` user. Listens on 127.0.0.1 only, trust auth: never for real data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${MIMAMORI_PG_BIN:-/usr/lib/postgresql/15/bin}"
dir="${MIMAMORI_PG_DIR:-$root/.tmp/pg}"
port="${MIMAMORI_PG_PORT:-54329}"
url="postgres://postgres@127.0.0.1:${port}/postgres"

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

require_binaries() {
  if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "PostgreSQL 15 is not installed (no $bin/initdb)." >&2
    echo "Install it with: apt-get update && apt-get install -y postgresql" >&2
    exit 3
  fi
}

is_running() {
  [ -f "$dir/data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
  require_binaries
  if is_running; then
    echo "$url"
    return
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$dir"
    # The postgres user must be able to reach the directory.
    chmod o+x "$root/.tmp" 2>/dev/null || true
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  fi
  if [ -n "${MIMAMORI_PG_OWNER:-}" ]; then
    echo "$MIMAMORI_PG_OWNER" >"$dir/owner.pid"
  fi
  # Durability is pointless for a throwaway test cluster; speed is not.
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "$url"
}

stop() {
  if [ -f "$dir/data/PG_VERSION" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

reap() {
  local d owner
  for d in "$root"/.tmp/pg-*; do
    [ -d "$d" ] || continue
    owner="$(cat "$d/owner.pid" 2>/dev/null || true)"
    if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
      continue
    fi
    MIMAMORI_PG_DIR="$d" "$0" stop
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_running ;;
  reap) reap ;;
  *)
    echo "usage: scripts/pg.sh start|stop|status|reap" >&2
    exit 2
    ;;
esac
