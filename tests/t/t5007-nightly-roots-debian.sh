#!/bin/sh
# t5007: docroot discovery over the configuration files Debian really
# ships (packages apache2 and nginx-common, extracted by tests/fp/corpus.sh
# into $SS_FP_CACHE), set up the way the packages' maintainer scripts and
# an admin do it: the apache2 postinst's modules, confs and default site
# enabled with the package's own a2enmod/a2enconf/a2ensite (relative
# symlinks), nginx's default site linked as its postinst links it (an
# absolute symlink), name-based vhosts added and enabled, one of each left
# disabled. What it proves: a fresh config on a machine with Apache
# vhosts finds every DocumentRoot without being told.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

CACHE="${SS_FP_CACHE:-/var/cache/spamsweep-tests}"
P="$TRASH/sys"

test_lazy_prereq DEBIAN_CONFIGS '
	"$SS_SRCDIR/tests/fp/corpus.sh" "$CACHE" apache2 nginx-common &&
	test -f "$CACHE/apache2/etc/apache2/apache2.conf" &&
	test -f "$CACHE/nginx-common/etc/nginx/nginx.conf"
' 'cannot fetch the Debian packages apache2 and nginx-common'

roots() {
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --root-prefix "$P" \
		--scan-temp-dirs no "$@"
}

# has LINE: roots printed exactly this line (the path under $P)
has() {
	grep -qxF "$1" out || { echo "missing: $1"; cat out; exit 1; }
}

# a2 TOOL ARGS...: the package's own a2enmod/a2enconf/a2ensite (perl; the
# tool is chosen by the name it is called by) on the copy under $P, with
# its state in $TRASH; like the real one it makes relative symlinks.
a2() {
	tool=$1
	shift
	APACHE_CONFDIR="$P/etc/apache2" APACHE_STATE_DIRECTORY="$TRASH/a2state" \
		perl "$CACHE/apache2/usr/sbin/$tool" -q "$@"
}

# The roots that must be scanned, and those that must not.
ENABLED="/var/www/html
/var/www/shop.example/htdocs
/srv/web/blog.example
/home/secure/www
/srv/app.example/public
/srv/app-static
/var/www/api.example"
DISABLED="/var/www/old.example
/srv/staging.example"

test_expect_success DEBIAN_CONFIGS 'setup: Debian apache2 and nginx-common, enabled as installed, plus vhosts' '
	mkdir -p "$P/etc" &&
	cp -a "$CACHE/apache2/etc/apache2" "$CACHE/nginx-common/etc/nginx" "$P/etc/" &&
	A="$P/etc/apache2" &&
	# the apache2 postinst on a fresh install
	a2 a2enmod -m mpm_event &&
	for m in authz_host auth_basic access_compat authn_file authz_user \
		alias dir autoindex env mime negotiation setenvif filter \
		deflate status reqtimeout; do
		a2 a2enmod -m "$m" || exit 1
	done &&
	for c in charset localized-error-pages other-vhosts-access-log \
		security serve-cgi-bin; do
		a2 a2enconf -m "$c" || exit 1
	done &&
	a2 a2ensite -m 000-default &&
	test "$(readlink "$A/sites-enabled/000-default.conf")" = ../sites-available/000-default.conf &&
	test -L "$A/mods-enabled/dir.load" && test -L "$A/conf-enabled/security.conf" &&
	# the admin: mod_ssl, a variable in envvars, three vhosts, one old one
	a2 a2enmod ssl &&
	echo "export WEBROOT=/srv/web" >>"$A/envvars" &&
	cat >"$A/sites-available/shop.example.conf" <<-\EOT &&
	<VirtualHost *:80>
		ServerName shop.example
		ServerAlias www.shop.example
		DocumentRoot "/var/www/shop.example/htdocs/"
		<Directory "/var/www/shop.example/htdocs">
			AllowOverride All
		</Directory>
		ErrorLog ${APACHE_LOG_DIR}/shop.example-error.log
		CustomLog ${APACHE_LOG_DIR}/shop.example-access.log combined
	</VirtualHost>
	EOT
	cat >"$A/sites-available/blog.example.conf" <<-\EOT &&
	<VirtualHost *:80>
		ServerName blog.example
		DocumentRoot ${WEBROOT}/blog.example
		ErrorLog ${APACHE_LOG_DIR}/blog.example-error.log
	</VirtualHost>
	EOT
	cat >"$A/sites-available/secure.example.conf" <<-\EOT &&
	Define SECURE_HOME /home/secure
	<VirtualHost *:80>
		ServerName secure.example
		Redirect permanent / https://secure.example/
	</VirtualHost>
	<IfModule mod_ssl.c>
		<VirtualHost *:443>
			ServerName secure.example
			DocumentRoot ${SECURE_HOME}/www
			SSLEngine on
			SSLCertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem
			SSLCertificateKeyFile /etc/ssl/private/ssl-cert-snakeoil.key
		</VirtualHost>
	</IfModule>
	EOT
	cat >"$A/sites-available/old.example.conf" <<-\EOT &&
	<VirtualHost *:80>
		ServerName old.example
		DocumentRoot /var/www/old.example
	</VirtualHost>
	EOT
	a2 a2ensite shop.example blog.example secure.example &&
	test "$(readlink "$A/sites-enabled/blog.example.conf")" = ../sites-available/blog.example.conf &&
	test ! -e "$A/sites-enabled/old.example.conf" &&
	test ! -e "$A/sites-enabled/default-ssl.conf" &&
	# the nginx-common postinst: ln -s /etc/nginx/sites-available/default ...
	N="$P/etc/nginx" &&
	ln -s /etc/nginx/sites-available/default "$N/sites-enabled/default" &&
	cat >"$N/sites-available/app.example" <<-\EOT &&
	server {
		listen 80;
		server_name app.example www.app.example;
		root /srv/app.example/public;
		index index.php index.html;
		location /static/ {
			root /srv/app-static;
			expires 30d;
		}
		location ~ \.php$ {
			include snippets/fastcgi-php.conf;
			fastcgi_pass unix:/run/php/php8.2-fpm.sock;
		}
	}
	EOT
	cat >"$N/sites-available/api.example" <<-\EOT &&
	server {
		listen 443 ssl;
		listen [::]:443 ssl;
		server_name api.example;
		include snippets/snakeoil.conf;
		root "/var/www/api.example";
		location / { try_files $uri $uri/ =404; }
	}
	EOT
	cat >"$N/sites-available/staging.example" <<-\EOT &&
	server {
		listen 80;
		server_name staging.example;
		root /srv/staging.example;
	}
	EOT
	# the way the Debian wiki and most admins enable a site: absolute
	ln -s /etc/nginx/sites-available/app.example "$N/sites-enabled/" &&
	ln -s ../sites-available/api.example "$N/sites-enabled/api.example" &&
	for d in $ENABLED $DISABLED; do
		mkdir -p "$P$d" || exit 1
	done
'

test_expect_success DEBIAN_CONFIGS 'Apache: the default site and every enabled vhost' '
	# the line as shipped, whatever the package version
	l=$(grep -n "^[[:space:]]*DocumentRoot /var/www/html\$" \
		"$P/etc/apache2/sites-available/000-default.conf" | cut -d: -f1) &&
	roots -v >out &&
	has "$P/var/www/html	apache DocumentRoot (/etc/apache2/sites-enabled/000-default.conf:$l)" &&
	has "$P/var/www/shop.example/htdocs	apache DocumentRoot (/etc/apache2/sites-enabled/shop.example.conf:4)" &&
	has "$P/srv/web/blog.example	apache DocumentRoot (/etc/apache2/sites-enabled/blog.example.conf:3)" &&
	has "$P/home/secure/www	apache DocumentRoot (/etc/apache2/sites-enabled/secure.example.conf:9)"
'

test_expect_success DEBIAN_CONFIGS 'nginx: the default site, enabled vhosts, a root in a location' '
	l=$(grep -n "^[[:space:]]*root /var/www/html;\$" \
		"$P/etc/nginx/sites-available/default" | cut -d: -f1) &&
	roots -v >out &&
	has "# $P/var/www/html	nginx root (/etc/nginx/sites-enabled/default:$l); left out: same as $P/var/www/html" &&
	has "$P/srv/app.example/public	nginx root (/etc/nginx/sites-enabled/app.example:4)" &&
	has "$P/srv/app-static	nginx root (/etc/nginx/sites-enabled/app.example:7)" &&
	has "$P/var/www/api.example	nginx root (/etc/nginx/sites-enabled/api.example:6)"
'

test_expect_success DEBIAN_CONFIGS 'disabled sites are not found, even with -v' '
	roots -v >out &&
	! grep "old.example" out &&
	! grep "staging.example" out &&
	! grep "default-ssl" out
'

test_expect_success DEBIAN_CONFIGS 'each enabled root is listed once, and nothing else' '
	roots >out &&
	cut -f1 out | sort >got &&
	for d in $ENABLED; do echo "$P$d"; done | sort >want &&
	diff want got
'

test_expect_success DEBIAN_CONFIGS 'nightly scans every discovered root, and only those' '
	for d in $ENABLED $DISABLED; do
		echo "<?php echo 1; ?>" >"$P$d/index.php" &&
		echo "<?php /* SPAMSWEEP_TEST_MARKER */ ?>" >"$P$d/x.php" || exit 1
	done &&
	expect_exit 1 nightly --root-prefix "$P" --scan-temp-dirs no >out &&
	for d in $ENABLED; do
		grep "^$P$d/x.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND\$" out || exit 1
	done &&
	! grep "old.example\|staging.example" out &&
	test "$(summary_field infected)" = 7
'

test_expect_success DEBIAN_CONFIGS 'an absolute link is followed under the prefix, never out of it' '
	# what the kernel would reach from the link is outside $P; under $P
	# the target does not exist: nothing must be read
	mkdir -p "$TRASH/outside" "$P/srv/outside" &&
	echo "server { root /srv/outside; }" >"$TRASH/outside/site" &&
	ln -s "$TRASH/outside/site" "$P/etc/nginx/sites-enabled/outside" &&
	roots -v >out &&
	rm "$P/etc/nginx/sites-enabled/outside" &&
	! grep "/srv/outside" out &&
	# and the same link with its target under $P is read
	mkdir -p "$P$TRASH/outside" &&
	cp "$TRASH/outside/site" "$P$TRASH/outside/site" &&
	ln -s "$TRASH/outside/site" "$P/etc/nginx/sites-enabled/outside" &&
	roots -v >out &&
	rm "$P/etc/nginx/sites-enabled/outside" &&
	has "$P/srv/outside	nginx root (/etc/nginx/sites-enabled/outside:1)"
'

test_done
