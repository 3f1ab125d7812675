#!/bin/sh
# A scan --quarantine killed at each step of a move leaves the file either
# in place or in the vault with its metadata, never neither; the next
# `quarantine list` clears the debris (vault.h, recovery) so that exactly
# one of the two remains. SPAMSWEEP_TEST_CRASH_AT is a test-only hook.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs

for step in scanned copied fsynced meta before-unlink unlinked; do
	test_expect_success "killed at '$step': nothing lost" '
		rm -rf www "$VAULT" && mkdir -p www/d &&
		infected_php www/d/evil.php && chown 1234:1234 www/d/evil.php &&
		cp -p www/d/evil.php evil.orig &&
		SPAMSWEEP_TEST_CRASH_AT='"$step"' expect_exit 137 q_scan --quarantine -i www >out 2>&1 &&
		in_place=0 && in_vault=0 &&
		if test -e www/d/evil.php; then
			cmp www/d/evil.php evil.orig && in_place=1
		fi &&
		for m in "$VAULT"/*.json; do
			test -e "$m" || continue
			cmp "${m%.json}.data" evil.orig && in_vault=1
		done &&
		echo "# before recovery: in place $in_place, in vault $in_vault" &&
		test $((in_place + in_vault)) -ge 1 &&
		q list --json >list 2>recovery &&
		cat recovery &&
		n=$(jq length list) &&
		if test -e www/d/evil.php; then
			cmp www/d/evil.php evil.orig && test "$n" = 0
		else
			test "$n" = 1 && id=$(jq -r ".[0].id" list) &&
			cmp "$VAULT/$id.data" evil.orig &&
			q restore "$id" >/dev/null && cmp www/d/evil.php evil.orig &&
			test "$(stat -c %u www/d/evil.php)" = 1234
		fi &&
		test -z "$(vault_files | grep -v "\.json$" | grep -v "\.data$")" &&
		test "$(vault_files | wc -l)" = 0 && test -z "$(pending_files)"
	'
done

test_expect_success 'after a kill, the next scan --quarantine completes the job' '
	rm -rf www "$VAULT" && mkdir -p www && infected_php www/evil.php &&
	cp www/evil.php evil.orig &&
	SPAMSWEEP_TEST_CRASH_AT=before-unlink expect_exit 137 q_scan --quarantine -i www >/dev/null 2>&1 &&
	expect_exit 1 q_scan --quarantine -i www >out 2>err &&
	test_grep "dropped entry" err &&
	! test -e www/evil.php && test "$(entries)" = 1 &&
	id=$(q list --json | jq -r ".[0].id") && cmp "$VAULT/$id.data" evil.orig
'

test_done
