#!/bin/sh
# t3000: no false positive on the real release trees of WordPress and
# PHPMailer (Debian packages, extracted by tests/fp/corpus.sh and cached
# in $SS_FP_CACHE). They ship complete SMTP clients (fsockopen, every SMTP
# verb, mail(), sendmail pipes, base64): a signature or indicator keyed on
# one word would fire here. Full scan, signatures and heuristics, once per
# tree (tests/t/lib-fp.sh): no finding, scores well below the threshold,
# and the trees really were scanned (hundreds of files).
. "$(dirname "$0")/test-lib.sh"

PKGS="wordpress libphp-phpmailer"
FP_RUNS=package # each tree's own summary, for the counts below
. "$SS_SRCDIR/tests/t/lib-fp.sh"
WP="$CACHE/wordpress"
PM="$CACHE/libphp-phpmailer"

test_expect_success CORPUS 'the WordPress scan saw the whole tree' '
	jq -e "select(.type == \"summary\") | .scanned > 500" fp/wordpress.jsonl
'

test_expect_success CORPUS 'the PHPMailer scan saw the whole tree' '
	jq -e "select(.type == \"summary\") | .scanned > 10" fp/libphp-phpmailer.jsonl
'

test_expect_success CORPUS 'the SMTP and PHPMailer classes themselves are clean' '
	smtp=$(find "$WP" -path "*/wp-includes/PHPMailer/SMTP.php" | head -n 1) &&
	pmwp=$(find "$WP" -path "*/wp-includes/PHPMailer/PHPMailer.php" | head -n 1) &&
	smtp2=$(find "$PM" -name SMTP.php | head -n 1) &&
	pm2=$(find "$PM" -name PHPMailer.php | head -n 1) &&
	test -n "$smtp" && test -n "$pmwp" && test -n "$smtp2" && test -n "$pm2" &&
	expect_exit 0 ss_scan "$smtp" "$pmwp" "$smtp2" "$pm2" >out &&
	test_grep ! FOUND out &&
	test "$(grep -c ": OK\$" out)" -eq 4
'

test_done
