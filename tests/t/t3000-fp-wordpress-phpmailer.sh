#!/bin/sh
# t3000: no false positive on the real release trees of WordPress and
# PHPMailer (Debian packages, extracted by tests/fp/corpus.sh and cached
# in $SS_FP_CACHE). They ship complete SMTP clients (fsockopen, every SMTP
# verb, mail(), sendmail pipes, base64): a signature or indicator keyed on
# one word would fire here. Full scan: signatures and heuristics.
. "$(dirname "$0")/test-lib.sh"

CACHE="${SS_FP_CACHE:-/var/cache/spamsweep-tests}"

if ! "$SS_SRCDIR/tests/fp/corpus.sh" "$CACHE" wordpress libphp-phpmailer >"$TRASH/corpus.err" 2>&1; then
	sed 's/^/# /' "$TRASH/corpus.err"
	test_skip 'WordPress tree: nothing found' 'cannot fetch the Debian packages'
	test_skip 'PHPMailer tree: nothing found' 'cannot fetch the Debian packages'
	test_skip 'the SMTP and PHPMailer classes themselves are clean' 'cannot fetch the Debian packages'
	test_done
	exit
fi
WP="$CACHE/wordpress"
PM="$CACHE/libphp-phpmailer"

test_expect_success 'WordPress tree: nothing found, exit 0' '
	expect_exit 0 ss_scan -i "$WP" >out &&
	! grep FOUND out &&
	grep "^Scanned files: " out >n &&
	test "$(sed "s/[^0-9]//g" n)" -gt 500
'

test_expect_success 'PHPMailer tree: nothing found, exit 0' '
	expect_exit 0 ss_scan -i "$PM" >out &&
	! grep FOUND out &&
	grep "^Scanned files: " out >n &&
	test "$(sed "s/[^0-9]//g" n)" -gt 10
'

test_expect_success 'the SMTP and PHPMailer classes themselves are clean' '
	smtp=$(find "$WP" -path "*/wp-includes/PHPMailer/SMTP.php" | head -n 1) &&
	pmwp=$(find "$WP" -path "*/wp-includes/PHPMailer/PHPMailer.php" | head -n 1) &&
	smtp2=$(find "$PM" -name SMTP.php | head -n 1) &&
	pm2=$(find "$PM" -name PHPMailer.php | head -n 1) &&
	test -n "$smtp" && test -n "$pmwp" && test -n "$smtp2" && test -n "$pm2" &&
	expect_exit 0 ss_scan "$smtp" "$pmwp" "$smtp2" "$pm2" >out &&
	! grep FOUND out &&
	test "$(grep -c ": OK\$" out)" -eq 4
'

test_done
