#!/bin/sh
# A restore killed before its rename leaves its temporary copy
# (.spamsweep-restore-ID) beside the target; rerunning the restore removes
# it when it is a regular file holding the entry's content, and refuses,
# touching nothing, when the name holds anything else.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs

# quarantined: www/evil.php into the vault; $id is its entry.
quarantined() {
	rm -rf www "$VAULT" && mkdir -p www && infected_php www/evil.php &&
	cp -p www/evil.php evil.orig &&
	q_scan --quarantine -i www >/dev/null
	test $? = 1 && ! test -e www/evil.php &&
	id=$(q list --json | jq -r ".[0].id") && test -n "$id"
}

test_expect_success 'killed before the rename: the rerun recovers' '
	quarantined &&
	SPAMSWEEP_TEST_CRASH_AT=restore-written expect_exit 137 q restore "$id" &&
	test -f "www/.spamsweep-restore-$id" && ! test -e www/evil.php &&
	q restore "$id" >out &&
	test_grep "^restored $id" out &&
	cmp www/evil.php evil.orig && ! test -e "www/.spamsweep-restore-$id" &&
	test "$(entries)" = 0
'

test_expect_success 'a leftover copy of ours is removed, with --force too' '
	quarantined &&
	cp evil.orig "www/.spamsweep-restore-$id" &&
	q restore --force "$id" >out &&
	cmp www/evil.php evil.orig && ! test -e "www/.spamsweep-restore-$id" &&
	test "$(entries)" = 0
'

test_expect_success 'a leftover that is not ours is left alone, restore refused' '
	quarantined &&
	echo tenant >"www/.spamsweep-restore-$id" &&
	expect_exit 2 q restore --force "$id" 2>err &&
	test "$(wc -l <err)" = 1 &&
	test_grep "spamsweep-restore-$id.*not a copy of entry $id" err &&
	test "$(cat "www/.spamsweep-restore-$id")" = tenant &&
	! test -e www/evil.php && test "$(entries)" = 1 &&
	rm "www/.spamsweep-restore-$id" &&
	ln -s /etc/passwd "www/.spamsweep-restore-$id" &&
	expect_exit 2 q restore "$id" 2>err &&
	test_grep "not a copy of entry $id" err &&
	test -L "www/.spamsweep-restore-$id" && test "$(entries)" = 1
'

test_done
