#!/bin/sh
# The tree belongs to users who can race the scanner: between the scan of
# a file and its move into the vault, its name is replaced by a symlink to
# /etc/passwd, its directory by a symlink out of the tree, or its content
# rewritten. Nothing may be lost and nothing outside the tree touched; a
# changed file is reported and scanned again. SPAMSWEEP_TEST_STOP_AT
# (test-only) stops the scanner at a step so the test can play attacker.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs
passwd_before=$(sha /etc/passwd)
passwd_ino=$(stat -c %i /etc/passwd)

# race STEP 'attack commands': runs scan --quarantine in the background,
# stopped at STEP, attacks, lets it go on; its exit status goes in $rc.
# Fails (and kills the scanner) if it does not stop or the attack fails.
race() {
	SPAMSWEEP_TEST_STOP_AT=$1 "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TSIGS" --quarantine-dir "$VAULT" --quarantine -i \
		--no-summary www >out 2>err &
	pid=$!
	wait_stopped $pid "the scanner (at $1)" || return 1
	if ! eval "$2"; then
		echo "# the attack failed: $2" >&2
		kill -9 $pid
		wait $pid
		return 1
	fi
	kill -CONT $pid || return 1
	wait $pid
	rc=$?
	cat out err
}

passwd_untouched() {
	test "$(sha /etc/passwd)" = "$passwd_before" &&
	test "$(stat -c %i /etc/passwd)" = "$passwd_ino" &&
	test -f /etc/passwd && ! test -L /etc/passwd
}

fresh() {
	rm -rf www "$VAULT" && mkdir -p www/d &&
	infected_php www/d/evil.php && cp www/d/evil.php evil.orig
}

for step in scanned before-unlink; do
	test_expect_success "name swapped for a symlink to /etc/passwd at '$step'" '
		fresh &&
		race '"$step"' "mv www/d/evil.php www/d/moved.php && ln -s /etc/passwd www/d/evil.php" &&
		test "$rc" = 1 &&
		test_grep "evil.php: not quarantined: changed since it was scanned (its name is now a symlink)" out &&
		passwd_untouched &&
		test "$(readlink www/d/evil.php)" = /etc/passwd &&
		cmp www/d/moved.php evil.orig &&
		test "$(entries)" = 0 && test -z "$(vault_files)"
	'
done

test_expect_success 'directory swapped for a symlink out of the tree' '
	fresh && mkdir -p outside && infected_php outside/evil.php &&
	cp -p outside/evil.php outside.orig &&
	race scanned "mv www/d www/d.moved && ln -s \"$TRASH/outside\" www/d" &&
	test_grep "not quarantined: changed since it was scanned (its directory cannot be opened safely)" out &&
	test_grep "not scanned again" err &&
	cmp outside/evil.php outside.orig &&
	cmp www/d.moved/evil.php evil.orig &&
	test "$(entries)" = 0 && test -z "$(vault_files)"
'

for step in scanned before-unlink; do
	test_expect_success "content rewritten at '$step': reported, scanned again" '
		fresh &&
		race '"$step"' "echo \"// more SPAMSWEEP-TEST-MAILER\" >>www/d/evil.php && cp www/d/evil.php evil.new" &&
		test "$rc" = 1 &&
		test_grep "not quarantined: changed since it was scanned (it was modified); scanning it again" out &&
		test_grep "^www/d/evil.php: quarantined as " out &&
		! test -e www/d/evil.php &&
		test "$(entries)" = 1 &&
		id=$(q list --json | jq -r ".[0].id") &&
		cmp "$VAULT/$id.data" evil.new
	'
done

test_expect_success 'content emptied at before-unlink: nothing lost, not found again' '
	fresh &&
	race before-unlink ": >www/d/evil.php" &&
	test -e www/d/evil.php && test ! -s www/d/evil.php &&
	test "$(entries)" = 0 && test -z "$(vault_files)"
'

test_done
