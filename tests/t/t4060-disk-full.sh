#!/bin/sh
# A full disk under each thing spamsweep writes: the nightly cache (kept
# byte for byte, never taken for corrupt), the JSON report, the submission
# zip, the nightly lock file, standard output. Each is an exit status that
# says so and one clear line, and no half-written file is left behind.
# The vault is t4030's ('a full disk during the copy').
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"
. "$(dirname "$0")/lib-nightly.sh" # its $NSIGS is make_sigs's $TSIGS

cd "$TRASH"
make_sigs
mkdir -p www/a full
infected_php www/a/evil.php
clean_php www/a/ok.php
W="$TRASH/www"

# mount_full SIZE: a tmpfs of SIZE on $TRASH/full, unmounted at the end
# of the test (the caller's test_when_finished)
mount_full() {
	mount -t tmpfs -o "size=$1,mode=0755" tmpfs "$TRASH/full"
}
# fill: the tmpfs has no byte left
fill() {
	test_must_fail dd if=/dev/zero of="$TRASH/full/filler" bs=4096 \
		2>/dev/null
}
one_line_error() {
	test "$(wc -l <"$1")" = 1 && grep -q "^spamsweep: " "$1"
}
nightly_full() {
	nightly --scan-root "$W" --cache-file "$TRASH/full/cache.db" "$@"
}

test_expect_success TMPFS 'cache on a full disk: kept byte for byte, one warning, the run goes on' '
	mount_full 1m && test_when_finished umount "$TRASH/full" &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep ! warning err &&
	cp full/cache.db cache.copy &&
	fill &&
	clean_php www/a/new.php &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep "evil.php: SpamSweep.Test.Mailer.UNOFFICIAL FOUND" out &&
	one_line_error err &&
	test_grep "warning: cache $TRASH/full/cache.db: cannot use it: .*No space left on device" err &&
	test_grep ! -i corrupt err &&
	cmp full/cache.db cache.copy &&
	rm full/filler &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep ! warning err &&
	test "$(summary_field cache_hits)" -ge 2
'

# Room to open the cache (its shared-memory index), none to write what
# this run found: the writes fail, once warned, and the database is
# untouched.
test_expect_success TMPFS 'cache with no room to write: untouched, never called corrupt' '
	mount_full 1m && test_when_finished umount "$TRASH/full" &&
	expect_exit 1 nightly_full >out 2>err &&
	cp full/cache.db cache.copy &&
	fill && s=$(stat -c %s full/filler) &&
	truncate -s $((s - 65536)) full/filler &&
	mkdir www/many && test_when_finished "rm -r \"$W/many\"" &&
	for i in $(seq 300); do
		echo "<?php echo $i; ?>" >www/many/f$i.php || return 1
	done &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep "warning: cache .*: cannot write: database or disk is full" err &&
	test_grep ! -i corrupt err &&
	test "$(grep -c "warning: cache .*cannot write" err)" = 1 &&
	rm full/filler &&
	cmp full/cache.db cache.copy &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep ! warning err
'

test_expect_success TMPFS 'a corrupt cache on the same disk is still rebuilt' '
	mount_full 1m && test_when_finished umount "$TRASH/full" &&
	head -c 8192 /dev/urandom >full/cache.db &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep "warning: cache .*corrupt; rebuilding" err &&
	expect_exit 1 nightly_full >out 2>err &&
	test_grep ! warning err &&
	test "$(summary_field cache_hits)" -ge 2
'
test_done
