#!/bin/sh
# Bad input to the quarantine: each a clear one-line error, exit 2, and
# nothing changed (the file stays in place, the vault holds no debris).
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs
mkdir -p www
infected_php www/evil.php
cp www/evil.php evil.orig

one_line_error() {
	test "$(wc -l <"$1")" = 1 && grep -q "^spamsweep: " "$1"
}

test_expect_success 'unknown and malformed ids' '
	mkdir -m 0700 "$VAULT" &&
	for cmd in show restore delete; do
		expect_exit 2 q $cmd 20990101T000000Z-deadbeef 2>err &&
		one_line_error err && grep -q "no quarantine entry" err &&
		expect_exit 2 q $cmd ../../etc/passwd 2>err &&
		one_line_error err && grep -q "is not a quarantine id" err || return 1
	done
'

test_expect_success 'delete with one unknown id deletes nothing' '
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	id=$(q list --json | jq -r ".[0].id") &&
	expect_exit 2 q delete "$id" 20990101T000000Z-deadbeef 2>err &&
	one_line_error err && test "$(entries)" = 1 &&
	q restore "$id" >/dev/null && cmp www/evil.php evil.orig
'

test_expect_success 'a vault that is not 0700 is refused' '
	chmod 0755 "$VAULT" &&
	expect_exit 2 q_scan --quarantine -i www >out 2>err &&
	one_line_error err && grep -q "must be a directory owned by root with mode 0700" err &&
	expect_exit 2 q list 2>err && one_line_error err &&
	cmp www/evil.php evil.orig && chmod 0700 "$VAULT"
'

test_expect_success 'a vault not owned by root is refused' '
	chown 65534 "$VAULT" &&
	expect_exit 2 q_scan --quarantine -i www 2>err &&
	one_line_error err && grep -q "owner 65534" err &&
	expect_exit 2 q list 2>err && one_line_error err &&
	cmp www/evil.php evil.orig && chown 0 "$VAULT"
'

test_expect_success 'a vault that is a symlink is refused' '
	ln -s "$VAULT" vlink &&
	expect_exit 2 "$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/vlink" list 2>err &&
	one_line_error err && grep -q "symlink" err
'

# A full disk during the copy: a 1 MiB tmpfs (when this machine lets us
# mount one); a file-size limit (RLIMIT_FSIZE: EFBIG instead of ENOSPC,
# the same path through the code) works everywhere.
big_infected() {
	infected_php www/big.php &&
	head -c 3000000 /dev/zero | tr "\0" "a" >>www/big.php &&
	cp www/big.php big.orig
}
# scan_fsize ARGS: a scan that may not write files over 1 MB
scan_fsize() {
	(trap "" XFSZ; exec prlimit --fsize=1000000 "$SPAMSWEEP" scan \
		--no-system-db --sigs "$TSIGS" "$@")
}

test_expect_success TMPFS 'a full disk during the copy: error, file in place, no debris' '
	big_infected && mkdir full &&
	mount -t tmpfs -o size=1m,mode=0700 tmpfs full &&
	test_when_finished umount "$TRASH/full" &&
	{ expect_exit 2 q_scan --quarantine --quarantine-dir "$TRASH/full" \
		-i --no-summary www/big.php >out 2>err || { cat out err; false; }; } &&
	test_grep "No space left on device" err &&
	test "$(grep -c "big.php: cannot quarantine" err)" = 1 &&
	test -z "$(ls -A full | grep -vx "\.pending")" && test -z "$(ls -A full/.pending)" &&
	cmp www/big.php big.orig &&
	rm www/big.php
'

test_expect_success 'a file-size limit (EFBIG) during the copy' '
	big_infected &&
	{ expect_exit 2 scan_fsize --quarantine-dir "$VAULT" \
		--quarantine -i --no-summary www/big.php >out 2>err ||
		{ cat out err; false; }; } &&
	test_grep "big.php: cannot quarantine: .*File too large" err &&
	test "$(grep -c "big.php: cannot quarantine" err)" = 1 &&
	cmp www/big.php big.orig && test "$(entries)" = 0 &&
	test -z "$(vault_files)" && rm www/big.php
'

test_expect_success 'bad usage is one line, exit 2' '
	expect_exit 2 q 2>err && one_line_error err &&
	expect_exit 2 q frobnicate 2>err && one_line_error err &&
	expect_exit 2 q purge 2>err && one_line_error err &&
	expect_exit 2 q purge --older-than x 2>err && one_line_error err &&
	expect_exit 2 q_scan --quarantine=everything www 2>err && one_line_error err &&
	cmp www/evil.php evil.orig
'

test_expect_success 'list on a vault that does not exist yet is empty' '
	"$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/none" list >out &&
	test ! -s out && ! test -e "$TRASH/none"
'

test_done
