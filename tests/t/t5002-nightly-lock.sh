#!/bin/sh
# t5002: one nightly run at a time: a second run exits at once with its
# own exit status (3) and a clear message; a stale lock file from a killed
# run does not block the next one.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

make_site "$TRASH/www"
echo '<?php echo 1; ?>' >"$TRASH/clean.php"

test_expect_success 'a second run exits 3 while the lock is held' '
	{ flock "$TRASH/lock" sh -c "echo \$\$ >\"$TRASH/lock\"; : >\"$TRASH/held\"; exec sleep 30" & } &&
	holder=$! &&
	test_when_finished "kill \$(cat \"$TRASH/lock\") $holder 2>/dev/null; wait $holder; true" &&
	n=0 && while ! test -e "$TRASH/held" && test $n -lt 100; do
		sleep 0.1 && n=$((n + 1)) || return 1
	done &&
	test -e "$TRASH/held" &&
	expect_exit 3 nightly --scan-root "$TRASH/www" >out 2>err &&
	grep "another nightly run (pid [0-9]*) holds $TRASH/lock; exiting" err &&
	test ! -s out &&
	test ! -e "$TRASH/reports/latest.json"
'

test_expect_success 'the run goes ahead once the holder is gone' '
	expect_exit 1 nightly --scan-root "$TRASH/www" >out &&
	grep "bad.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success 'a stale lock file from a killed run does not block' '
	echo 999999 >"$TRASH/lock" &&
	expect_exit 0 nightly --scan-root "$TRASH/clean.php"
'

test_expect_success 'a run killed with SIGKILL leaves no lock behind' '
	mkdir -p big && i=0 && while [ $i -lt 2000 ]; do
		echo "<?php echo $i; ?>" >big/f$i.php && i=$((i + 1)) || return 1
	done &&
	{ "$SPAMSWEEP" nightly --config "$TRASH/empty.conf" \
		--sigs "$NSIGS" --no-system-db --lock-file "$TRASH/lock" \
		--cache-file "$TRASH/state/cache.db" --syslog no \
		--report-dir "$TRASH/reports" --full --threads 1 \
		--scan-root "$TRASH/big" >/dev/null 2>&1 & } &&
	pid=$! &&
	n=0 && while ! grep -qx "$pid" "$TRASH/lock" && test $n -lt 200; do
		sleep 0.01 && n=$((n + 1)) || return 1
	done &&
	kill -9 $pid &&
	{ wait $pid; test $? = 137; } &&
	test_grep -x "$pid" "$TRASH/lock" &&
	expect_exit 0 nightly --scan-root "$TRASH/clean.php"
'

test_expect_success 'a finished run leaves the lock file empty' '
	expect_exit 0 nightly --scan-root "$TRASH/clean.php" &&
	test ! -s "$TRASH/lock"
'

test_done
