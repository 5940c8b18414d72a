#!/bin/sh
# PostgreSQL as upstream's image runs it: on first start PGDATA is initialised with the
# superuser "postgres" and POSTGRES_PASSWORD (and POSTGRES_DB created); it then listens on
# every address with password authentication.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
mkdir -p "$PGDATA" /run/postgresql
# the volume's root may belong to root: postgres must be able to reach PGDATA inside it
case "$PGDATA" in /var/lib/postgresql/*) chown postgres:postgres "$(dirname "$PGDATA")" ;; esac
chown -R postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" --auth-host=scram-sha-256 --auth-local=trust >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ -n "${POSTGRES_DB:-}" ] && [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\";" | runuser -u postgres -- "$BIN/postgres" --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "PostgreSQL initialised in $PGDATA"
fi
exec runuser -u postgres -- "$BIN/postgres" -D "$PGDATA" "$@"
