#!/bin/sh
# Recovery drops an entry only for a move interrupted before its unlink,
# when the original name still holds the very file (same inode, size,
# mtime, ctime, link count, content). A tenant who keeps a second hard
# link outside the tree and links the quarantined file back to its old
# name changes its ctime: the vault keeps the entry and its content.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs

setup() {
	rm -rf www keep "$VAULT" && mkdir -p www/d keep &&
	infected_php www/d/evil.php && ln www/d/evil.php keep/evil &&
	cp www/d/evil.php evil.orig
}

test_expect_success 'a file linked back after its move stays in the vault' '
	setup &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	! test -e www/d/evil.php &&
	ln keep/evil www/d/evil.php &&
	q list --json >list 2>recovery &&
	! test -s recovery &&
	test "$(jq length list)" = 1 && id=$(jq -r ".[0].id" list) &&
	cmp "$VAULT/$id.data" evil.orig &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null 2>err &&
	! grep -q "dropped entry" err &&
	test "$(entries)" = 2
'

test_expect_success 'killed after the unlink, then linked back: kept' '
	setup &&
	SPAMSWEEP_TEST_CRASH_AT=unlinked expect_exit 137 q_scan --quarantine -i www >/dev/null 2>&1 &&
	! test -e www/d/evil.php &&
	ln keep/evil www/d/evil.php &&
	q list --json >list 2>recovery &&
	! grep -q "dropped entry" recovery &&
	test "$(jq length list)" = 1 && id=$(jq -r ".[0].id" list) &&
	cmp "$VAULT/$id.data" evil.orig
'

test_expect_success 'killed before the unlink: the entry is dropped, file in place' '
	setup &&
	SPAMSWEEP_TEST_CRASH_AT=before-unlink expect_exit 137 q_scan --quarantine -i www >/dev/null 2>&1 &&
	cmp www/d/evil.php evil.orig &&
	q list --json >list 2>recovery &&
	test_grep "dropped entry" recovery &&
	test "$(jq length list)" = 0 && cmp www/d/evil.php evil.orig
'

test_done
