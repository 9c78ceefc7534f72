#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for tests, the way CI has to: Debian's packages, a data
# directory under /tmp owned by the `postgres` system user (root may not run the server), listening
# on 127.0.0.1 only, trust authentication. Idempotent: a second run finds the cluster running and
# only prints the connection string. The last line of stdout is the connection string.
#
#   EVENTMODEL_PG_PORT   port (default 54329)
#   EVENTMODEL_PG_DIR    data directory (default /tmp/eventmodel-pg-<port>)
#   EVENTMODEL_PG_DB     database to create (default eventmodel)
#   EVENTMODEL_PG_INSTALL=0  skip the apt-get step (default: install when no server binary is found)
#
# Stop it with:  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)/pg_ctl" -D "$EVENTMODEL_PG_DIR" stop -m fast
set -euo pipefail

port="${EVENTMODEL_PG_PORT:-54329}"
datadir="${EVENTMODEL_PG_DIR:-/tmp/eventmodel-pg-${port}}"
database="${EVENTMODEL_PG_DB:-eventmodel}"

log() { echo "start-postgres: $*" >&2; }

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bindir="$(find_bindir)"
if [[ -z "$bindir" || ! -x "$bindir/postgres" ]]; then
  if [[ "${EVENTMODEL_PG_INSTALL:-1}" == "0" ]]; then
    log "no PostgreSQL server found under /usr/lib/postgresql and EVENTMODEL_PG_INSTALL=0"; exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The package's own cluster (main, port 5432) is not started in containers (policy-rc.d) and not used.
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir="$(find_bindir)"
fi

# The server refuses to run as root: run every server-side command as `postgres` when we are root.
if [[ "$(id -u)" == "0" ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

url="postgresql://postgres@127.0.0.1:${port}/${database}"

if as_pg "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
  log "already running in $datadir"
else
  if [[ ! -f "$datadir/PG_VERSION" ]]; then
    mkdir -p "$datadir"
    [[ "$(id -u)" == "0" ]] && chown postgres: "$datadir"
    chmod 700 "$datadir"
    as_pg "$bindir/initdb" -D "$datadir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$datadir.initdb.log" 2>&1 \
      || { cat "$datadir.initdb.log" >&2; exit 1; }
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    log "port ${port} is taken by another program; set EVENTMODEL_PG_PORT"; exit 1
  fi
  # Sockets in the data directory: /var/run/postgresql may not exist or be writable.
  as_pg "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${datadir} -c max_connections=200" start >&2 \
    || { tail -n 30 "$datadir/server.log" >&2; exit 1; }
fi

psql_pg() { as_pg "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
if [[ "$(psql_pg -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${database}'")" != "1" ]]; then
  psql_pg -d postgres -c "CREATE DATABASE \"${database}\"" >&2
fi

echo "$url"
