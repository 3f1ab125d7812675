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

mkdir clean
clean_php clean/ok.php

# A report that was asked for and not written is an error even after a
# finding (exit 1 would hide it from a cron job that reads the reports).
test_expect_success TMPFS 'JSON report onto a full disk, with a finding: exit 2' '
	mount_full 64k && test_when_finished umount "$TRASH/full" && fill &&
	expect_exit 2 q_scan -i --no-summary --json full/r.json www >out 2>err &&
	test_grep "cannot write the report" err
'

test_expect_success TMPFS 'JSON report onto a full disk: one line, exit 2, no file left' '
	mount_full 64k && test_when_finished umount "$TRASH/full" && fill &&
	expect_exit 2 q_scan -i --no-summary --json full/r.json clean >out 2>err &&
	one_line_error err &&
	test_grep "full/r.json: cannot write the report: No space left on device" err &&
	test "$(ls full)" = filler
'

test_expect_success TMPFS 'submission zip onto a full disk: one line, exit 2, no file left' '
	mount_full 64k && test_when_finished umount "$TRASH/full" && fill &&
	expect_exit 2 "$SPAMSWEEP" submit -o full/s.zip www/a/evil.php >out 2>err &&
	one_line_error err &&
	test_grep "full/s.zip: .*No space left on device" err &&
	test "$(ls full)" = filler
'

test_expect_success TMPFS 'nightly lock file on a full disk: one line, exit 2, no run' '
	mount_full 64k && test_when_finished umount "$TRASH/full" && fill &&
	rm -rf reports &&
	expect_exit 2 nightly --scan-root "$W" --cache no \
		--lock-file "$TRASH/full/lock" >out 2>err &&
	one_line_error err &&
	test_grep "full/lock: cannot write the pid: No space left on device" err &&
	test ! -s out && ! test -e reports/latest.json &&
	rm full/filler &&
	expect_exit 1 nightly --scan-root "$W" --cache no \
		--lock-file "$TRASH/full/lock" >out 2>err &&
	test ! -s full/lock
'

# Standard output that cannot be written (a full disk, a closed pipe):
# today the commands exit as if all was said. The write errors of
# standard output are checked in scanner/report/ and the commands, a fix
# made elsewhere; switch these to test_expect_success once it is in.
test_expect_success 'scan with standard output on a full disk: exit 2, an error' '
	expect_exit 2 q_scan clean >/dev/full 2>err &&
	test_grep "^spamsweep: " err
'

test_expect_success 'quarantine list with standard output on a full disk: exit 2, an error' '
	cp www/a/evil.php evil.copy &&
	test_when_finished "rm -rf \"$VAULT\"; mv evil.copy www/a/evil.php" &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	expect_exit 2 q list >/dev/full 2>err &&
	test_grep "^spamsweep: " err
'

# nightly is silent when nothing is found (cron mails only then), so it
# needs a finding to write anything.
test_expect_success 'nightly with standard output on a full disk: exit 2, an error' '
	expect_exit 2 nightly --scan-root "$TRASH/www" --cache no >/dev/full 2>err &&
	test_grep "^spamsweep: " err
'

test_done
