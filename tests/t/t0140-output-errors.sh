#!/bin/sh
# Where the output goes: findings written to a full disk or a closed pipe
# are not lost in silence (exit 2 and one line saying so; a broken pipe
# kills the scanner with SIGPIPE, as it does coreutils, or, with SIGPIPE
# ignored, is a write error); --json to a device, a FIFO or "-" is written
# there directly, and a symlink is never replaced by the report.
. "$SS_SRCDIR/tests/t/test-lib.sh"
. "$SS_SRCDIR/tests/t/lib-nightly.sh"
# the quarantine tests' signatures (in the same $TRASH/sigs)
. "$SS_SRCDIR/tests/t/lib-quarantine.sh"

cd "$TRASH"
make_sigs
mkdir -p www && infected_php www/evil.php && clean_php www/ok.php
scan() {
	q_scan "$@" www
}
nightly_roots() {
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --scan-root "$TRASH/site"
}
full_says_so() {
	test_grep "^spamsweep: standard output: write error: No space left on device\$" err
}

test_expect_success 'scan >/dev/full: exit 2, says so' '
	expect_exit 2 scan >/dev/full 2>err &&
	full_says_so
'

test_expect_success 'scan --jsonl >/dev/full: exit 2, says so' '
	expect_exit 2 scan --jsonl >/dev/full 2>err &&
	full_says_so
'

test_expect_success 'nightly with findings >/dev/full: exit 2, says so' '
	mkdir -p "$TRASH/site" && infected_php "$TRASH/site/evil.php" &&
	expect_exit 2 nightly --scan-root "$TRASH/site" >/dev/full 2>err &&
	full_says_so
'

test_expect_success 'roots and quarantine list >/dev/full: exit 2, says so' '
	expect_exit 2 nightly_roots >/dev/full 2>err &&
	full_says_so &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	q list >/dev/null &&
	expect_exit 2 q list >/dev/full 2>err &&
	full_says_so &&
	infected_php www/evil.php
'

# run_closed_pipe MODE: the scan with its stdout a pipe whose reader is
# gone, SIGPIPE at its default or ignored; prints the return code
# (negative: the signal) on fd 3.
run_closed_pipe() {
	python3 -c '
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
if sys.argv[1] == "ignored":
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
else:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
p = subprocess.run(sys.argv[2:], stdout=w, restore_signals=False)
print(p.returncode)
' "$1" "$SPAMSWEEP" scan --no-system-db --sigs "$TSIGS" www
}

test_expect_success PYTHON3 'a closed pipe: killed by SIGPIPE' '
	test "$(run_closed_pipe default 2>err)" = -13
'

test_expect_success PYTHON3 'a closed pipe with SIGPIPE ignored: exit 2, says so' '
	test "$(run_closed_pipe ignored 2>err)" = 2 &&
	test_grep "^spamsweep: standard output: write error: Broken pipe\$" err
'

test_expect_success TMPFS 'nightly: latest.json never points at a report that failed' '
	mkdir -p "$TRASH/site" && infected_php "$TRASH/site/evil.php" &&
	mkdir small && mount -t tmpfs -o size=64k tmpfs small &&
	test_when_finished "umount \"$TRASH/small\"" &&
	expect_exit 1 nightly --scan-root "$TRASH/site" --report-dir "$TRASH/small" >/dev/null &&
	good=$(readlink small/latest.json) && test -f "small/$good" &&
	{ dd if=/dev/zero of=small/fill bs=4k 2>/dev/null || :; } &&
	expect_exit 2 nightly --scan-root "$TRASH/site" --report-dir "$TRASH/small" >out 2>err &&
	test_grep "cannot write the report: No space left on device" err &&
	test "$(readlink small/latest.json)" = "$good" &&
	test -f "small/$good"
'

mkdir -p clean && clean_php clean/ok.php
json_scan() {
	"$SPAMSWEEP" scan --no-system-db --sigs "$TSIGS" -i --no-summary --json "$@" clean
}

test_expect_success '--json - writes the report on standard output' '
	json_scan - >out &&
	jq -e ".summary.files_seen == 1" out &&
	! test -e -
'

test_expect_success '--json through a symlink to standard output: the link stays' '
	ln -s /proc/self/fd/1 to-stdout &&
	json_scan "$TRASH/to-stdout" >out &&
	test -L to-stdout &&
	jq -e ".summary.files_seen == 1" out
'

test_expect_success ROOT '--json to a device: written there, the node stays' '
	mknod null c 1 3 &&
	json_scan "$TRASH/null" >out &&
	test -c null && test ! -s out
'

test_expect_success '--json to a FIFO: written into it, the FIFO stays' '
	mkfifo fifo &&
	{ timeout 20 cat fifo >got & } &&
	expect_exit 0 timeout 20 "$SPAMSWEEP" scan --no-system-db --sigs "$TSIGS" \
		--json "$TRASH/fifo" clean >/dev/null &&
	wait &&
	test -p fifo &&
	jq -e ".summary.files_seen == 1" got
'

test_done
