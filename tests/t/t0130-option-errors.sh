#!/bin/sh
# Options that name something that is not there, or ask for too much: a
# -d/--database directory that does not exist, an --exclude pattern (or
# the config file's ExcludePath/ExcludeDir) that glibc's regcomp would
# compile into gigabytes. Each is one line of error and exit 2, before
# anything is scanned.
. "$SS_SRCDIR/tests/t/test-lib.sh"
. "$SS_SRCDIR/tests/t/lib-nightly.sh"

make_test_sigs "$TRASH/sigs"
mkdir -p "$TRASH/tree" && printf '<?php // %s\n' "$MARKER" >"$TRASH/tree/bad.php"
# "a" and twenty "+": about 700 MB and 4 s in regcomp, four times that
# for every two more
HUGE="a++++++++++++++++++++"

test_expect_success 'a -d directory that does not exist: error, exit 2' '
	expect_exit 2 "$SPAMSWEEP" scan --sigs "$TRASH/sigs" -d "$TRASH/no-db" \
		"$TRASH/tree" >out 2>err &&
	test_grep "$TRASH/no-db: cannot read the database directory: No such file or directory" err &&
	test $(wc -l <err) = 1 &&
	test ! -s out
'

test_expect_success 'a -d directory without databases: error, exit 2' '
	mkdir -p "$TRASH/empty-db" &&
	expect_exit 2 "$SPAMSWEEP" scan --sigs "$TRASH/sigs" --database "$TRASH/empty-db" \
		"$TRASH/tree" >out 2>err &&
	test_grep "$TRASH/empty-db: no database files found" err
'

for opt in --exclude --exclude-dir; do
	test_expect_success "$opt with a pattern too complex to compile: exit 2" '
		expect_exit 2 timeout 20 "$SPAMSWEEP" scan --sigs "$TRASH/sigs" \
			--no-system-db $opt "$HUGE" "$TRASH/tree" >out 2>err &&
		test_grep "^spamsweep: bad regular expression .$HUGE.: too complex\$" err &&
		test ! -s out
	'
done

test_expect_success '--exclude with a bad pattern still says why' '
	expect_exit 2 ss_scan --sigs "$TRASH/sigs" --exclude "a(" "$TRASH/tree" 2>err &&
	test_grep "bad regular expression .a(.: " err &&
	! test_grep "too complex" err
'

for key in ExcludePath ExcludeDir; do
	test_expect_success "$key with a pattern too complex to compile: exit 2" '
		echo "$key $HUGE" >"$TRASH/huge.conf" &&
		expect_exit 2 timeout 20 "$SPAMSWEEP" nightly --config "$TRASH/huge.conf" \
			--sigs "$NSIGS" --no-system-db --cache-file "$TRASH/state/cache.db" \
			--report-dir "$TRASH/reports" --lock-file "$TRASH/lock" \
			--syslog no --no-progress --scan-root "$TRASH/tree" >out 2>err &&
		test_grep "bad regular expression .$HUGE.: too complex" err
	'
done

test_done
