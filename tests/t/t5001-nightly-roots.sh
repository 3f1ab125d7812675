#!/bin/sh
# t5001: docroot discovery over fake /etc trees (--root-prefix): Apache
# (Debian and RHEL layouts, Include/IncludeOptional, ServerRoot), nginx
# (include), cPanel, Plesk, DirectAdmin, the temp directories; nested,
# duplicate and missing roots; and a nightly run over what was found.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

P="$TRASH/sys"

roots() {
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --root-prefix "$P" "$@"
}

# has PATH WHY-PATTERN: roots printed PATH (under $P) for that reason
has() {
	grep -q "^$P$1	$2" out || { echo "missing: $1 ($2)"; cat out; exit 1; }
}
hasnt() {
	! grep -q "^$P$1	" out || { echo "unexpected: $1"; cat out; exit 1; }
}

test_expect_success 'Apache, Debian layout: sites-enabled through IncludeOptional' '
	mkdir -p "$P/etc/apache2/sites-enabled" "$P/etc/apache2/conf-enabled" \
		"$P/var/www/html" "$P/var/www/site-a/public" "$P/srv/b b" \
		"$P/var/www/cont" &&
	cat >"$P/etc/apache2/apache2.conf" <<-EOT &&
	# Debian: no ServerRoot line, compiled-in /etc/apache2
	IncludeOptional conf-enabled/*.conf
	IncludeOptional sites-enabled/*.conf
	IncludeOptional nothing-here/*.conf
	EOT
	cat >"$P/etc/apache2/sites-enabled/000-default.conf" <<-EOT &&
	<VirtualHost *:80>
	    DocumentRoot /var/www/html
	</VirtualHost>
	EOT
	cat >"$P/etc/apache2/sites-enabled/a.conf" <<-EOT &&
	<VirtualHost *:443>
	  ServerName a.example
	  documentroot "/var/www/site-a/public/"
	  DocumentRoot "/srv/b b"
	  DocumentRoot \\
	     /var/www/cont
	  DocumentRoot \${APACHE_ROOT}/x
	  DocumentRoot /var/www/missing
	</VirtualHost>
	EOT
	echo "Include /etc/apache2/sites-enabled/a.conf" \
		>"$P/etc/apache2/conf-enabled/loop.conf" &&
	roots >out &&
	has /var/www/html "apache DocumentRoot (/etc/apache2/sites-enabled/000-default.conf:2)" &&
	has /var/www/site-a/public "apache DocumentRoot" &&
	has "/srv/b b" "apache DocumentRoot" &&
	has /var/www/cont "apache DocumentRoot (/etc/apache2/sites-enabled/a.conf:5)" &&
	hasnt /var/www/missing &&
	test $(grep -c "^$P/var/www/html	" out) = 1
'

test_expect_success 'Apache: Define and ${NAME} in DocumentRoot and Include' '
	mkdir -p "$P/etc/apache2/vhosts.d" "$P/srv/defined/site" &&
	cat >"$P/etc/apache2/conf-enabled/defs.conf" <<-EOT &&
	Define WEBROOT /srv/defined
	Define VHOSTS /etc/apache2/vhosts.d
	Include \${VHOSTS}/*.conf
	EOT
	echo "DocumentRoot \"\${WEBROOT}/site\"" >"$P/etc/apache2/vhosts.d/d.conf" &&
	roots >out &&
	has /srv/defined/site "apache DocumentRoot (/etc/apache2/vhosts.d/d.conf:1)"
'

test_expect_success 'Apache: ${NAME} from Debian envvars' '
	mkdir -p "$P/srv/from-env" &&
	printf "unset HOME\nexport APACHE_RUN_USER=www-data\nexport SITE_ROOT=/srv/from-env\n" \
		>"$P/etc/apache2/envvars" &&
	echo "DocumentRoot \${SITE_ROOT}" >"$P/etc/apache2/vhosts.d/e.conf" &&
	roots >out &&
	has /srv/from-env "apache DocumentRoot (/etc/apache2/vhosts.d/e.conf:1)"
'

test_expect_success 'missing roots are listed as left out with -v' '
	roots -v >out &&
	grep "^# $P/var/www/missing	.*left out: does not exist" out
'

test_expect_success 'Apache, RHEL layout: ServerRoot and conf.d' '
	mkdir -p "$P/etc/httpd/conf" "$P/etc/httpd/conf.d" "$P/var/www/rh" &&
	cat >"$P/etc/httpd/conf/httpd.conf" <<-EOT &&
	ServerRoot "/etc/httpd"
	Include conf.d/*.conf
	EOT
	echo "DocumentRoot /var/www/rh" >"$P/etc/httpd/conf.d/rh.conf" &&
	roots >out &&
	has /var/www/rh "apache DocumentRoot (/etc/httpd/conf.d/rh.conf:1)"
'

test_expect_success 'nginx: root in included server blocks' '
	mkdir -p "$P/etc/nginx/sites-enabled" "$P/etc/nginx/conf.d" \
		"$P/srv/n1" "$P/srv/n2" &&
	cat >"$P/etc/nginx/nginx.conf" <<-EOT &&
	http {
	    include /etc/nginx/conf.d/*.conf;
	    include sites-enabled/*;   # relative to /etc/nginx
	}
	EOT
	cat >"$P/etc/nginx/sites-enabled/n1" <<-EOT &&
	server { listen 80; server_name n1.example;
	    root /srv/n1;
	    location /x { root \$document_root/x; }
	}
	EOT
	printf "server {\n  root \"/srv/n2\" ;\n}\n" >"$P/etc/nginx/conf.d/n2.conf" &&
	roots >out &&
	has /srv/n1 "nginx root (/etc/nginx/sites-enabled/n1:2)" &&
	has /srv/n2 "nginx root (/etc/nginx/conf.d/n2.conf:2)"
'

test_expect_success 'cPanel: userdatadomains and public_html under /home*' '
	mkdir -p "$P/home/cp1/public_html/addon.example" \
		"$P/home/cp1/addon2" "$P/home2/cp2/public_html" &&
	cat >"$P/etc/userdatadomains" <<-EOT &&
	cp1.example: cp1==root==main==cp1.example==/home/cp1/public_html==192.0.2.1:80==192.0.2.1:443==0==
	addon.example: cp1==root==addon==cp1.example==/home/cp1/public_html/addon.example==192.0.2.1:80==
	addon2.example: cp1==root==addon==cp1.example==/home/cp1/addon2==192.0.2.1:80==
	EOT
	roots -v >out &&
	has /home/cp1/public_html "cPanel" &&
	has /home/cp1/addon2 "cPanel /etc/userdatadomains:3" &&
	has /home2/cp2/public_html "cPanel /home\*/\*/public_html" &&
	grep "^# $P/home/cp1/public_html/addon.example	.*left out: inside $P/home/cp1/public_html" out
'

test_expect_success 'Plesk: httpdocs and subdomains' '
	mkdir -p "$P/var/www/vhosts/p1.example/httpdocs" \
		"$P/var/www/vhosts/p1.example/subdomains/shop/httpdocs" \
		"$P/var/www/vhosts/p2.example/httpdocs" \
		"$P/var/www/vhosts/system/p1.example/conf" &&
	roots >out &&
	has /var/www/vhosts/p1.example/httpdocs "Plesk /var/www/vhosts/\*/httpdocs" &&
	has /var/www/vhosts/p2.example/httpdocs "Plesk" &&
	has /var/www/vhosts/p1.example/subdomains/shop/httpdocs "Plesk /var/www/vhosts/\*/subdomains/\*/httpdocs"
'

test_expect_success 'DirectAdmin: domains/*/public_html' '
	mkdir -p "$P/home/da1/domains/d1.example/public_html" \
		"$P/home/da1/domains/d2.example/public_html" &&
	roots >out &&
	has /home/da1/domains/d1.example/public_html "DirectAdmin" &&
	has /home/da1/domains/d2.example/public_html "DirectAdmin"
'

test_expect_success 'temp directories, unless ScanTempDirs no' '
	mkdir -p "$P/tmp" "$P/var/tmp" "$P/dev/shm" &&
	roots >out &&
	has /tmp "temporary directory" &&
	has /var/tmp "temporary directory" &&
	has /dev/shm "temporary directory" &&
	roots --scan-temp-dirs no >out &&
	hasnt /tmp && hasnt /dev/shm
'

test_expect_success 'a root inside a discovered root is scanned once' '
	echo "DocumentRoot /var/www/html/sub" \
		>"$P/etc/apache2/sites-enabled/sub.conf" &&
	mkdir -p "$P/var/www/html/sub" &&
	roots >out &&
	hasnt /var/www/html/sub
'

test_expect_success 'configured ScanRoots turn discovery off' '
	mkdir -p only &&
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --root-prefix "$P" \
		--scan-root "$TRASH/only" >out &&
	test $(wc -l <out) = 1
'

test_expect_success 'DiscoverRoots no and no ScanRoot: nothing to scan' '
	expect_exit 2 roots --discover-roots no 2>err &&
	grep "nothing to scan" err
'

test_expect_success 'nightly scans every discovered root' '
	make_site "$P/var/www/vhosts/p2.example/httpdocs" &&
	make_site "$P/srv/n1" &&
	echo "<?php /* SPAMSWEEP_TEST_MARKER */ ?>" >"$P/dev/shm/x.php" &&
	expect_exit 1 nightly --root-prefix "$P" >out &&
	grep "^$P/var/www/vhosts/p2.example/httpdocs/inc/bad.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND" out &&
	grep "^$P/srv/n1/inc/bad.php: " out &&
	grep "^$P/dev/shm/x.php: " out &&
	test "$(summary_field infected)" = 3
'

test_done
