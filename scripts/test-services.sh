#!/usr/bin/env bash
# Services the test suite runs against: a real PostgreSQL server and Debian's Chromium
# (for the dashboard's browser tests). Prints `export NAME=value` lines for the caller
# to eval, so `make test` (and therefore .ci/run) needs nothing set up by hand:
#
#   eval "$(scripts/test-services.sh)"
#
# Packages come from Debian's registry only (apt-get), installed when missing and when
# we are root. The PostgreSQL cluster is a throwaway one under $EVENTWIRE_PG_DIR, owned
# by the `postgres` system user, listening on a Unix socket and 127.0.0.1:$PGPORT only.
set -euo pipefail

PGPORT="${EVENTWIRE_PG_PORT:-54329}"
PGDIR="${EVENTWIRE_PG_DIR:-/tmp/eventwire-test-pg}"
log() { echo "test-services: $*" >&2; }

missing=()
pgbin=""
for v in 17 16 15 14 13; do
  if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then pgbin="/usr/lib/postgresql/$v/bin"; break; fi
done
[ -n "$pgbin" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "${missing[@]}" >&2; then
      apt-get update -q >&2 && apt-get install -y -q "${missing[@]}" >&2 || log "could not install ${missing[*]}"
    fi
  else
    log "missing ${missing[*]} and cannot install them (not root or no apt-get)"
  fi
  for v in 17 16 15 14 13; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then pgbin="/usr/lib/postgresql/$v/bin"; break; fi
  done
fi

if [ -x /usr/bin/chromium ]; then
  echo "export EVENTWIRE_CHROMIUM=/usr/bin/chromium"
fi

if [ -z "$pgbin" ]; then
  log "no PostgreSQL server binaries; PostgreSQL tests will fail with a clear message"
  exit 0
fi

# PostgreSQL refuses to run as root: run the throwaway cluster as `postgres` when root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDIR" && chown postgres: "$PGDIR"
fi
if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
  as_pg "$pgbin/initdb" -D "$PGDIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
fi
if ! as_pg "$pgbin/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  as_pg "$pgbin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
echo "export EVENTWIRE_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
