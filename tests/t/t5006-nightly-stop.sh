#!/bin/sh
# t5006: a run stopped early (SIGTERM, MaxRunTime) finishes what it
# queued, writes its report (complete: false) and its cache, exits 2, and
# the next run goes on from there without scanning anything twice.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

mkdir -p "$TRASH/big"
i=0
while [ $i -lt 4000 ]; do
	echo "<?php echo $i; ?>" >"$TRASH/big/f$i.php"
	i=$((i + 1))
done

test_expect_success 'MaxRunTime takes durations' '
	expect_exit 2 nightly --max-run-time soon --scan-root "$TRASH/big" 2>err &&
	grep "MaxRunTime: .soon. is not a duration" err &&
	expect_exit 0 nightly --max-run-time 2h --scan-root "$TRASH/big" --cache no
'

test_expect_success 'SIGTERM: the run stops, saves, and the next goes on' '
	{ "$SPAMSWEEP" nightly --config "$TRASH/empty.conf" \
		--sigs "$NSIGS" --no-system-db --lock-file "$TRASH/lock" \
		--cache-file "$TRASH/state/cache.db" --syslog no \
		--report-dir "$TRASH/reports" --threads 1 \
		--scan-root "$TRASH/big" >out 2>err & } &&
	pid=$! &&
	n=0 && while ! grep -qx "$pid" "$TRASH/lock" && test $n -lt 500; do
		sleep 0.01 && n=$((n + 1)) || return 1
	done &&
	kill -STOP $pid && kill -TERM $pid && kill -CONT $pid &&
	{ wait $pid && rc=0 || rc=$?; } &&
	a1=$(summary_field analyzed) &&
	if [ "$(summary_field complete)" = True ]; then
		echo "# the run ended before the signal; nothing to check"
	else
		test $rc = 2 &&
		grep "stopped early (interrupted by a signal)" err &&
		test "$(summary_field stopped)" = "interrupted by a signal" &&
		test "$a1" -lt 4000 &&
		expect_exit 0 nightly --scan-root "$TRASH/big" &&
		a2=$(summary_field analyzed) &&
		echo "first $a1, then $a2" &&
		test $((a1 + a2)) = 4000 &&
		test "$(summary_field complete)" = True
	fi
'

test_done
