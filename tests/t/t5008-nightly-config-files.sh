#!/bin/sh
# t5008: nightly runs scan the configuration files too (.htaccess,
# .user.ini, php.ini): a hiding .htaccess is reported every run, clean
# ones are cached like scripts, and a cache written before they were
# scanned (schema 2, where they were "not a script") is not trusted.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

cp -R "$SIGS/yara" "$NSIGS/yara"
W="$TRASH/www"
mkdir -p "$W/shop/images" "$W/blog"
echo '<?php echo "shop"; ?>' >"$W/shop/index.php"
printf '<FilesMatch "\\.(gif|jpe?g)$">\nSetHandler application/x-httpd-php\n</FilesMatch>\n' \
	>"$W/shop/images/.htaccess"
echo '<?php echo "blog"; ?>' >"$W/blog/index.php"
printf 'RewriteEngine On\nRewriteRule . /index.php [L]\n' >"$W/blog/.htaccess"
printf "auto_prepend_file = '/home/blog/public_html/wordfence-waf.php'\n" \
	>"$W/blog/.user.ini"
run() {
	nightly --scan-root "$W" "$@" >"$TRASH/out" 2>"$TRASH/err"
}
found_line="$W/shop/images/.htaccess: SpamSweep.Heuristic.Obfuscation FOUND"

test_expect_success 'a nightly run reports the hiding .htaccess' '
	expect_exit 1 run &&
	cat "$TRASH/out" "$TRASH/err" &&
	test_grep -xF "$found_line" "$TRASH/out" &&
	test "$(summary_field suspicious)" = 1 &&
	test "$(summary_field scanned)" = 5 &&
	test "$(summary_field not_scripts)" = 0 &&
	report_has "(.results | length) == 1 and .results[0].lang == \"config\" and
		.results[0].evidence[0].name == \"hide_htaccess_php_images\""
'

# the finding is read again (scanned 1) and its verdict comes from the
# cache (4 unchanged files + 1 known content = 5 hits)
test_expect_success 'the next run reports it again; clean ones come from the cache' '
	expect_exit 1 run &&
	test_grep -xF "$found_line" "$TRASH/out" &&
	test "$(summary_field analyzed)" = 0 &&
	test "$(summary_field scanned)" = 1 &&
	test "$(summary_field cache_hits)" = 5
'

# Forge what an older spamsweep left: schema 2, the .htaccess known by its
# identity as clean and not a script (lang 0, verdict 0, no hash).
test_expect_success 'a cache from before config files were scanned is not trusted' '
	db="$TRASH/state/cache.db" &&
	ino=$(stat -c %i "$W/shop/images/.htaccess") &&
	head=$(sqlite3 "$db" "SELECT hex(substr(stat, 1, 24)) FROM files WHERE ino = $ino") &&
	test ${#head} = 48 &&
	sqlite3 "$db" "UPDATE files SET stat = x'"'"'${head}0000'"'"', sha256 = NULL WHERE ino = $ino;
		UPDATE meta SET value = '"'"'2'"'"' WHERE key = '"'"'schema'"'"';" &&
	expect_exit 1 run &&
	test_grep -xF "$found_line" "$TRASH/out" &&
	test "$(summary_field cache_hits)" = 0
'

test_done
