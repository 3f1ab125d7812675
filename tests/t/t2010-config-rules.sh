#!/bin/sh
# t2010: the two H5 rules for configuration files, line by line:
# hide_htaccess_php_images (images run as PHP or CGI) and
# hide_ini_auto_prepend (auto_prepend_file / auto_append_file loading a
# payload from a hiding place), against the legitimate lines that look
# like them (cPanel, CloudLinux, Wordfence, WordPress, old sites). Each
# case is a file of its own; the rules alone are tested here (--all-files:
# t0120 tests that these files are scanned without it).
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/heur-lib.sh"

# RULE (or - for silent) <TAB> FILE NAME <TAB> content (printf %b escapes)
cat >"$TRASH/cases" <<'EOF'
hide_htaccess_php_images	.htaccess	AddType application/x-httpd-php .jpg
hide_htaccess_php_images	.htaccess	AddType application/x-httpd-php jpg
hide_htaccess_php_images	.htaccess	AddType application/x-httpd-lsphp .JPG
hide_htaccess_php_images	.htaccess	AddHandler application/x-httpd-php5 .php .gif
hide_htaccess_php_images	.htaccess	AddHandler application/x-httpd-ea-php74 .ico
hide_htaccess_php_images	.htaccess	AddHandler application/x-httpd-alt-php74___lsphp .png
hide_htaccess_php_images	.htaccess	AddHandler php7-script .png
hide_htaccess_php_images	.htaccess	AddHandler cgi-script .jpg
hide_htaccess_php_images	.htaccess	<Files *.jpg>\nForceType application/x-httpd-php\n</Files>
hide_htaccess_php_images	.htaccess	<FilesMatch "\\.jpe?g$">\n<IfModule mod_mime.c>\n  SetHandler application/x-httpd-php\n</IfModule>\n</FilesMatch>
hide_htaccess_php_images	.htaccess	<FilesMatch "\\.(jpg|png)$">\nSetHandler "proxy:fcgi://127.0.0.1:9000"\n</FilesMatch>
-	.htaccess	AddType application/x-httpd-php .html .htm
-	.htaccess	AddType image/webp .webp
-	.htaccess	AddType image/png .png
-	.htaccess	AddHandler application/x-httpd-php74 .php
-	.htaccess	AddHandler application/x-httpd-ea-php74 .php .php7 .phtml
-	.htaccess	AddType application/x-httpd-php-source .phps
-	.htaccess	AddHandler application/x-httpd-php .php\nAddType image/png .png
-	.htaccess	<FilesMatch "\\.(jpg|png)$">\nHeader set Cache-Control "max-age=86400"\n</FilesMatch>\n<FilesMatch "\\.php$">\nSetHandler application/x-httpd-php\n</FilesMatch>
-	.htaccess	<Files "favicon.php">\nSetHandler application/x-httpd-php\n</Files>
-	.htaccess	<FilesMatch "\\.(jpg|png)$">\nSetHandler default-handler\n</FilesMatch>
-	.htaccess	php_value upload_max_filesize 64M\nphp_flag display_errors off
hide_ini_auto_prepend	.user.ini	auto_prepend_file=/home/u/public_html/x.jpg
hide_ini_auto_prepend	.user.ini	auto_prepend_file = /home/u/www/images/logo.PNG ; a logo
hide_ini_auto_prepend	.user.ini	auto_prepend_file = "/home/u/public_html/wp-content/uploads/a.php"
hide_ini_auto_prepend	.user.ini	auto_prepend_file = '/home/u/.cache/a.php'
hide_ini_auto_prepend	.user.ini	auto_prepend_file = .x.php
hide_ini_auto_prepend	php.ini	auto_append_file=/tmp/a.php
hide_ini_auto_prepend	php.ini	auto_append_file=/var/tmp/a
hide_ini_auto_prepend	.user.ini	auto_prepend_file = "php://input"
hide_ini_auto_prepend	.user.ini	auto_prepend_file = data:text/plain;base64,PD9waHA=
hide_ini_auto_prepend	.htaccess	php_value auto_prepend_file /dev/shm/a.php
hide_ini_auto_prepend	.htaccess	php_admin_value auto_prepend_file "/var/lib/php/sessions/sess_abc"
hide_ini_auto_prepend	.htaccess	SetEnv PHP_VALUE "auto_prepend_file=/tmp/x"
hide_ini_auto_prepend	drop.php	<?php file_put_contents('.user.ini', "auto_prepend_file=/var/tmp/.s.png");
-	.user.ini	auto_prepend_file = '/home/u/public_html/wordfence-waf.php'
-	.htaccess	php_value auto_prepend_file '/home/u/public_html/wordfence-waf.php'
-	php.ini	auto_prepend_file =\nauto_append_file =
-	php.ini	;auto_prepend_file = /tmp/x.php
-	.htaccess	# php_value auto_prepend_file /tmp/x.jpg
-	.user.ini	auto_prepend_file = ./prepend.php
-	.user.ini	auto_prepend_file = ../lib/prepend.php
-	.user.ini	auto_prepend_file = /home/u/www/tmp/prepend.php
-	php.ini	upload_tmp_dir = /tmp\nsession.save_path = "/tmp"
-	config.php	<?php ini_set('auto_prepend_file', '/tmp/x.jpg');
EOF

n=0
while IFS='	' read -r rule name content; do
	n=$((n + 1))
	mkdir -p "$TRASH/cases.d/$n"
	printf '%b\n' "$content" >"$TRASH/cases.d/$n/$name"
done <"$TRASH/cases"

# one scan of every case; each test below reads its file's result
hs_scan --all-files --no-summary --jsonl --threshold 1 "$TRASH/cases.d" \
	>"$TRASH/out.jsonl" 2>"$TRASH/err"
echo $? >"$TRASH/scan.rc"

test_expect_success 'one scan of all the cases: findings, no error' '
	test_grep -x 1 scan.rc &&
	! test -s err &&
	jq -se "[.[] | select(.type == \"summary\")] | length == 1" out.jsonl >/dev/null
'

n=0
while IFS='	' read -r rule name content; do
	n=$((n + 1))
	f="$TRASH/cases.d/$n/$name"
	shown=$(printf '%s' "$content" | sed 's/\\n/ | /g; s/\\\\/\\/g')
	if [ "$rule" = - ]; then
		title="silent: $shown"
		check="test \"\$(jq -s --arg p '$f' '[.[] | select(.path == \$p) | .evidence[] | select(.name | test(\"^hide_(htaccess|ini)_\"))] | length' out.jsonl)\" = 0"
	else
		title="$rule: $shown"
		check="jq -se --arg p '$f' --arg r '$rule' '[.[] | select(.path == \$p) | .evidence[] | select(.name == \$r)] | length > 0' out.jsonl >/dev/null"
	fi
	test_expect_success "$title" "{ $check || { cat err; grep -F '$f' out.jsonl; false; }; }"
done <"$TRASH/cases"

test_done
