#!/bin/sh
# MariaDB as upstream's image runs it: on first start the data directory is initialised, root
# gets MARIADB_ROOT_PASSWORD (from anywhere), MARIADB_DATABASE and MARIADB_USER/PASSWORD are
# created; then it listens on every address.
set -eu
DATADIR=/var/lib/mysql
esc() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g"; }
mkdir -p "$DATADIR" /run/mysqld
chown -R mysql:mysql "$DATADIR" /run/mysqld
if [ ! -d "$DATADIR/mysql" ]; then
  : "${MARIADB_ROOT_PASSWORD:?MARIADB_ROOT_PASSWORD is required}"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal --skip-test-db >/dev/null
  mariadbd --user=mysql --datadir="$DATADIR" --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 60); do mariadb-admin --socket=/run/mysqld/init.sock -uroot ping >/dev/null 2>&1 && break; sleep 1; done
  root=$(esc "$MARIADB_ROOT_PASSWORD")
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$root';"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '$root';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MARIADB_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"; fi
    if [ -n "${MARIADB_USER:-}" ]; then
      echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$(esc "${MARIADB_PASSWORD:-}")';"
      if [ -n "${MARIADB_DATABASE:-}" ]; then echo "GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';"; fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --socket=/run/mysqld/init.sock -uroot
  mariadb-admin --socket=/run/mysqld/init.sock -uroot -p"$MARIADB_ROOT_PASSWORD" shutdown
  wait "$pid" || true
  echo "MariaDB initialised in $DATADIR"
fi
exec mariadbd --user=mysql --datadir="$DATADIR" --bind-address=0.0.0.0 --port=3306 "$@"
