#!/bin/sh
# Tomcat in the foreground, logging to the container's output (Debian's layout: the
# installation in /usr/share/tomcat10, the instance in /var/lib/tomcat10).
set -eu
export CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE=/var/lib/tomcat10 CATALINA_TMPDIR=/tmp
mkdir -p /var/lib/tomcat10/logs /var/cache/tomcat10 /var/lib/tomcat10/work
exec "$CATALINA_HOME/bin/catalina.sh" run
