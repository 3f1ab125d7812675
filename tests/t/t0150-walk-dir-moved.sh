#!/bin/sh
# A directory moved while fts is inside it: fts cannot go back up ("..")
# and fts_read() gives up (FTS_STOP). The directory is reported, the run
# is incomplete (complete: false; exit 2 unless something was found), and
# the rest of the tree is still walked. SPAMSWEEP_TEST_WALK_STOP_AT
# (test-only) stops the scanner with fts inside the directory of the file
# it names; SPAMSWEEP_TEST_WALK_THREADS=1 keeps every directory in one fts
# (no hand-off to other threads), so that fts meets the move.
. "$SS_SRCDIR/tests/t/test-lib.sh"
. "$SS_SRCDIR/tests/t/lib-quarantine.sh"

cd "$TRASH"
make_sigs

# tree: mailers around a/deep/moved, the directory that will move
fresh() {
	rm -rf www away && mkdir -p www/a/deep/moved www/a/sub www/b &&
	echo stop >www/a/deep/moved/stop-here.txt &&
	for f in a/m1 a/m2 a/deep/m3 a/deep/m4 a/sub/m5 b/m6 m7; do
		infected_php "www/$f.php" || return 1
	done
}

# walk_race [FLAGS]: scan stopped inside www/a/deep/moved, which moves
# out of the tree; exit status in $rc
walk_race() {
	SPAMSWEEP_TEST_WALK_STOP_AT=stop-here.txt SPAMSWEEP_TEST_WALK_THREADS=1 \
		"$SPAMSWEEP" scan --no-system-db --sigs "$TSIGS" --no-summary \
		--json "$TRASH/r.json" "$@" www >out 2>err &
	pid=$!
	wait_stopped $pid "the scanner" || return 1
	mv www/a/deep/moved away &&
	kill -CONT $pid &&
	{ wait $pid && rc=0 || rc=$?; }
}

test_expect_success JQ 'the moved directory is an error, the rest is scanned' '
	fresh &&
	walk_race &&
	test "$rc" = 1 &&
	test_grep "^spamsweep: www/a/deep/moved: cannot return to its parent directory (moved during the walk?): No such file or directory" err &&
	test "$(grep -c "moved: " err)" = 1 &&
	for m in m1 m2 m3 m4 m5 m6 m7; do
		test_grep "/$m.php: SpamSweep.Test.Mailer.UNOFFICIAL FOUND" out || return 1
	done &&
	jq -e ".summary.complete == false and .summary.infected == 7 and
		.summary.errors >= 1 and (.summary.incomplete | length > 0)" r.json
'

test_expect_success JQ 'nothing found: exit 2, complete: false' '
	fresh &&
	find www -name "*.php" -delete &&
	walk_race &&
	{ test "$rc" = 2 || { echo "# exit $rc"; cat out err; false; }; } &&
	jq -e ".summary.complete == false and .summary.errors >= 1" r.json
'

test_expect_success JQ 'the same tree, nothing moved: complete, exit 1' '
	fresh &&
	SPAMSWEEP_TEST_WALK_THREADS=1 expect_exit 1 "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TSIGS" --no-summary --json "$TRASH/r.json" www >out 2>err &&
	test ! -s err &&
	jq -e ".summary.complete == true and .summary.infected == 7" r.json
'

test_done
