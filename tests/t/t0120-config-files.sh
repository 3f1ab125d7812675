#!/bin/sh
# t0120: the configuration files that can make other files run as PHP
# (.htaccess, .user.ini, php.ini) are scanned without --all-files, known by
# their exact name: counted as scanned, "config" in JSON, through the
# signatures and the rules but not the deobfuscator, unless their content
# is a script (PHP written into an .htaccess is deobfuscated as PHP).
. "$SS_SRCDIR/tests/t/test-lib.sh"

make_test_sigs "$TRASH/sigs"
cp -R "$SIGS/yara" "$TRASH/sigs/yara"
scan() {
	ss_scan --sigs "$TRASH/sigs" "$@"
}

T="$TRASH/tree"
mkdir -p "$T/site/images" "$T/site/app" "$T/site/lib" "$T/names" "$T/php"
printf '<?php echo "hello";\n' >"$T/site/index.php"
printf 'AddType application/x-httpd-php .jpg .png\n' >"$T/site/images/.htaccess"
printf 'auto_prepend_file = /var/tmp/.x/cache.php\n' >"$T/site/app/.user.ini"
printf 'auto_append_file = "/home/u/www/wp-content/uploads/logo.gif"\n' \
	>"$T/site/app/php.ini"
# clean ones: scanned, OK
printf 'RewriteEngine On\nRewriteRule . /index.php [L]\n' >"$T/site/.htaccess"
printf "; Wordfence WAF\nauto_prepend_file = '/home/u/www/wordfence-waf.php'\n" \
	>"$T/site/.user.ini"
# only the exact names count: Apache and PHP read nothing else
for n in .htaccess .HTACCESS htaccess.txt .htaccess.bak PHP.INI user.ini; do
	printf 'AddType application/x-httpd-php .jpg\n' >"$T/names/$n"
done
# an .htaccess holding PHP is PHP: its payload is decoded (the marker is
# visible only in the decoded layer)
payload=$(printf "echo '%s';" "$MARKER" | base64 | tr -d '\n')
printf '# <?php eval(base64_decode("%s")); ?>\nAddType application/x-httpd-php .htaccess\n' \
	"$payload" >"$T/php/.htaccess"
printf '; %s\n' "$MARKER" >"$T/php/.user.ini"
printf 'just an image\n' >"$T/site/images/logo.png"

test_expect_success 'default scan: the hiding config files are found' '
	expect_exit 1 scan --no-summary "$T/site" >out 2>err &&
	cat out err &&
	test_grep -xF "$T/site/images/.htaccess: SpamSweep.Heuristic.Obfuscation FOUND" out &&
	test_grep -xF "$T/site/app/.user.ini: SpamSweep.Heuristic.Obfuscation FOUND" out &&
	test_grep -xF "$T/site/app/php.ini: SpamSweep.Heuristic.Obfuscation FOUND" out
'

test_expect_success 'default scan: clean config files are scanned and OK' '
	expect_exit 1 scan --no-summary "$T/site" >out &&
	test_grep -xF "$T/site/.htaccess: OK" out &&
	test_grep -xF "$T/site/.user.ini: OK" out &&
	test_grep ! "logo.png" out
'

test_expect_success 'the summary counts them as scanned, not as "not scripts"' '
	expect_exit 1 scan "$T/site" >out &&
	test_grep -x "Files seen: 7" out &&
	test_grep -x "Scanned files: 6" out &&
	test_grep -x "Not scripts: 1" out &&
	test_grep -x "Suspicious files: 3" out
'

test_expect_success 'JSON: lang "config", the rule as evidence' '
	expect_exit 1 scan --json "$TRASH/r.json" "$T/site" >/dev/null &&
	jq -e ".results[] | select(.path == \"$T/site/app/.user.ini\") |
		.lang == \"config\" and .verdict == \"suspicious\" and
		.score == 10 and
		([.evidence[].name] == [\"hide_ini_auto_prepend\"])" "$TRASH/r.json" &&
	jq -e ".results[] | select(.path == \"$T/site/images/.htaccess\") |
		.lang == \"config\" and
		([.evidence[].name] == [\"hide_htaccess_php_images\"])" "$TRASH/r.json"
'

test_expect_success 'a config file named on the command line is scanned' '
	expect_exit 1 scan --no-summary "$T/site/images/.htaccess" >out &&
	test_grep -xF "$T/site/images/.htaccess: SpamSweep.Heuristic.Obfuscation FOUND" out
'

test_expect_success 'signatures run on config files too (no heuristics)' '
	printf "# %s\n" "$MARKER" >"$T/site/lib/.htaccess" &&
	expect_exit 1 scan --no-heuristics --no-summary "$T/site/lib" >out &&
	test_grep -xF "$T/site/lib/.htaccess: Test.Marker.UNOFFICIAL FOUND" out &&
	rm "$T/site/lib/.htaccess"
'

test_expect_success 'only the exact names: other spellings are not scanned' '
	expect_exit 1 scan -i "$T/names" >out &&
	test_grep -xF "$T/names/.htaccess: SpamSweep.Heuristic.Obfuscation FOUND" out &&
	test_grep -x "Files seen: 6" out &&
	test_grep -x "Scanned files: 1" out &&
	test_grep -x "Not scripts: 5" out
'

test_expect_success 'an .htaccess holding PHP is PHP: its layers are decoded' '
	expect_exit 1 scan --json "$TRASH/p.json" --no-summary "$T/php" >out &&
	test_grep -xF "$T/php/.htaccess: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -xF "$T/php/.user.ini: Test.Marker.UNOFFICIAL FOUND" out &&
	jq -e ".results[] | select(.path == \"$T/php/.user.ini\") |
		.lang == \"config\"" "$TRASH/p.json" &&
	jq -e ".results[] | select(.path == \"$T/php/.htaccess\") |
		.lang == \"php\" and
		([.evidence[] | select(.name == \"Test.Marker.UNOFFICIAL\") | .layer] | max >= 1)" \
		"$TRASH/p.json"
'

# The H5 fixtures and look-alikes of t2000 (which scans with --all-files),
# by a default scan: every configuration file of EXPECT gets its verdict.
test_expect_success 'default scan of the fixtures: H5 config files found, look-alikes OK' '
	HEUR="$FIXTURES/heur" &&
	expect_exit 1 scan --no-summary "$HEUR" >out 2>err &&
	grep -v "^#" "$HEUR/EXPECT" | cut -f1,2 >expect &&
	n=0 &&
	while IFS="	" read -r path verdict; do
		case ${path##*/} in .htaccess | .user.ini | php.ini) ;; *) continue ;; esac
		n=$((n + 1))
		if [ "$verdict" = clean ]; then
			grep -qxF "$HEUR/$path: OK" out || { echo "# not OK: $path"; exit 1; }
		else
			grep -F "$HEUR/$path: " out | grep -q " FOUND$" ||
				{ echo "# not found: $path"; exit 1; }
		fi
	done <expect &&
	test "$n" -ge 12
'

test_expect_success '--all-files: the same findings, every file scanned' '
	expect_exit 1 scan -i --no-summary "$T/site" >default &&
	expect_exit 1 scan --all-files -i --no-summary "$T/site" >all &&
	sort default >default.s && sort all >all.s && diff default.s all.s &&
	test "$(wc -l <default.s)" -eq 3 &&
	expect_exit 1 scan --all-files "$T/site" >out &&
	test_grep -x "Scanned files: 7" out &&
	test_grep -x "Not scripts: 0" out
'

test_expect_success '--all-files: config files keep lang "config"' '
	expect_exit 1 scan --all-files --jsonl --no-summary "$T/site" >out.jsonl &&
	jq -se "[.[] | select(.path == \"$T/site/app/php.ini\")] |
		length == 1 and .[0].lang == \"config\"" out.jsonl
'

test_done
