#!/bin/sh
# t5004: what a nightly run leaves: a dated JSON report (scan --json's
# schema) and latest.json, findings on standard output only when there are
# any, --quiet, per-file errors kept out of cron mail, the progress line.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

make_site "$TRASH/www"
mkdir -p "$TRASH/clean" && echo '<?php echo 1; ?>' >"$TRASH/clean/a.php"

test_expect_success 'nothing found: nothing on stdout or stderr, exit 0' '
	expect_exit 0 nightly --scan-root "$TRASH/clean" >out 2>err &&
	test ! -s out && test ! -s err
'

test_expect_success 'a dated report and latest.json pointing at it' '
	ls "$TRASH/reports" | grep -E "^spamsweep-[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.json$" &&
	test -L "$TRASH/reports/latest.json" &&
	report_has ".schema == \"spamsweep-report\" and .command == \"nightly\" and
		.summary.files_seen == 1 and .results == [] and
		(.roots[0].path | endswith(\"/clean\"))"
'

test_expect_success 'findings: on stdout with the summary, exit 1' '
	expect_exit 1 nightly --scan-root "$TRASH/www" >out 2>err &&
	grep "^$TRASH/www/inc/bad.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND\$" out &&
	grep "SCAN SUMMARY" out &&
	! grep ": OK\$" out &&
	report_has "(.results | length) == 1 and .results[0].verdict == \"infected\" and
		(.results[0].path | endswith(\"/www/inc/bad.php\")) and
		.results[0].name == \"SpamSweep.Test.Marker.UNOFFICIAL\" and
		(.results[0].sha256 | length) == 64 and .summary.infected == 1"
'

test_expect_success 'each run keeps its own report' '
	expect_exit 1 nightly --scan-root "$TRASH/www" >/dev/null &&
	test $(ls "$TRASH/reports" | grep -c "^spamsweep-") -ge 3
'

test_expect_success '--quiet: nothing on stdout even with findings' '
	expect_exit 1 nightly --quiet --scan-root "$TRASH/www" >out &&
	test ! -s out
'

test_expect_success 'per-file errors go to the report, not to cron' '
	echo "<?php ?>" >"$TRASH/www/locked.php" && chmod 000 "$TRASH/www/locked.php" &&
	if [ "$(id -u)" = 0 ]; then rm -f "$TRASH/www/locked.php"; fi &&
	expect_exit 1 nightly --scan-root "$TRASH/www" --scan-root "$TRASH/nope" >out 2>err &&
	test ! -s err &&
	report_has ".summary.errors >= 1 and any(.results[]; .verdict == \"error\")"
'

test_expect_success 'the syslog line (echoed on stderr with --verbose)' '
	expect_exit 1 nightly --scan-root "$TRASH/www" --syslog yes --verbose \
		>out 2>err &&
	grep -E "^spamsweep\[[0-9]+\]: nightly: found=1 suspicious=0 quarantined=0 errors=0 files=5 scanned=[0-9]+ cached=[0-9]+ duration=[0-9.]+s mode=(full|incremental) complete=yes report=$TRASH/reports/spamsweep-[0-9TZ-]+\.json exit=1\$" err
'

test_expect_success 'ReportKeep removes reports older than N days' '
	touch -d "2020-01-01" "$TRASH/reports/spamsweep-20200101T000000Z.json" &&
	expect_exit 1 nightly --scan-root "$TRASH/www" --report-keep 10 >/dev/null &&
	! test -e "$TRASH/reports/spamsweep-20200101T000000Z.json"
'

test_expect_success 'no progress line when stderr is not a terminal' '
	expect_exit 0 "$SPAMSWEEP" nightly --config "$TRASH/empty.conf" \
		--sigs "$NSIGS" --no-system-db --cache-file "$TRASH/c.db" \
		--report-dir "$TRASH/r2" --lock-file "$TRASH/lock" --syslog no \
		--scan-root "$TRASH/clean" 2>err &&
	test ! -s err
'

test_expect_success SCRIPT 'a progress line on a terminal' '
	script -qec "\"$SPAMSWEEP\" nightly --config \"$TRASH/empty.conf\" --sigs \"$NSIGS\" --no-system-db --cache no --report-dir \"$TRASH/r3\" --lock-file \"$TRASH/lock\" --syslog no --scan-root \"$TRASH/www\" --threads 1; sleep 0" /dev/null >tty.out 2>&1 &&
	{ grep -a "files, .*/s" tty.out || { cat -v tty.out; false; }; }
'

test_done
