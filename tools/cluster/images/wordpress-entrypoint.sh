#!/bin/sh
# WordPress (Debian's package) behind Apache with PHP, its database from WORDPRESS_DB_HOST,
# _NAME, _USER and _PASSWORD (Debian's wp-config.php reads /etc/wordpress/config-default.php).
set -eu
cat > /etc/wordpress/config-default.php <<'PHP'
<?php
define('DB_NAME', getenv('WORDPRESS_DB_NAME') ?: 'wordpress');
define('DB_USER', getenv('WORDPRESS_DB_USER') ?: 'wordpress');
define('DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD') ?: '');
define('DB_HOST', getenv('WORDPRESS_DB_HOST') ?: 'localhost');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
PHP
# Debian's envvars reads variables that may be unset
set +u
export APACHE_CONFDIR=/etc/apache2
. /etc/apache2/envvars
set -u
mkdir -p "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR" "$APACHE_LOG_DIR"
exec apache2 -DFOREGROUND
