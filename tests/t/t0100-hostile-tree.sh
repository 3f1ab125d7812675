#!/bin/sh
# Trees owned by hostile users: FIFOs, sockets, symlinks out of the root,
# files that vanish or are swapped mid-scan, deep chains, odd sizes.
. "$SS_SRCDIR/tests/t/test-lib.sh"

make_test_sigs "$TRASH/sigs"
scan() {
	ss_scan --sigs "$TRASH/sigs" "$@"
}
T="$TRASH/tree"
OUT="$TRASH/outside"
mkdir -p "$T" "$OUT/dir"
printf '<?php // %s\n' "$MARKER" >"$OUT/secret.php"
printf '<?php // %s\n' "$MARKER" >"$OUT/dir/inner.php"

test_expect_success 'a FIFO in the tree is never opened; the scan finishes' '
	mkfifo "$T/pipe.php" &&
	printf "<?php echo 1;\n" >"$T/ok.php" &&
	timeout 20 "$SPAMSWEEP" scan --no-system-db --sigs "$TRASH/sigs" "$T" >out &&
	test_grep -x "$T/ok.php: OK" out &&
	test_grep ! "pipe.php" out
'

test_expect_success PYTHON3 'a unix socket in the tree is skipped' '
	python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$T/sock.php" &&
	test -S "$T/sock.php" &&
	timeout 20 "$SPAMSWEEP" scan --no-system-db --sigs "$TRASH/sigs" "$T" >out &&
	test_grep ! "sock.php" out
'

test_expect_success 'symlinks to a file and a directory outside the root are not followed' '
	ln -s "$OUT/secret.php" "$T/link.php" &&
	ln -s "$OUT/dir" "$T/linkdir" &&
	expect_exit 0 scan "$T" >out &&
	test_grep ! "FOUND" out &&
	test_grep ! "secret" out && ! grep -q "inner" out
'

test_expect_success 'a symlink named on the command line is followed once' '
	expect_exit 1 scan "$T/link.php" >out &&
	test_grep -x "$T/link.php: Test.Marker.UNOFFICIAL FOUND" out &&
	expect_exit 1 scan "$T/linkdir" >out &&
	test_grep -x "$T/linkdir/inner.php: Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success 'an empty file is scanned and clean' '
	mkdir -p "$TRASH/empty" && : >"$TRASH/empty/e.php" &&
	expect_exit 0 scan "$TRASH/empty" >out &&
	test_grep -x "$TRASH/empty/e.php: OK" out
'

test_expect_success 'a file over --max-filesize is reported as skipped, not silently' '
	mkdir -p "$TRASH/big" &&
	{ printf "<?php // %s\n" "$MARKER"; head -c 3000 /dev/zero; } >"$TRASH/big/big.php" &&
	expect_exit 0 scan --max-filesize 2K "$TRASH/big" >out 2>err &&
	test_grep "big.php: skipped: larger than --max-filesize" err &&
	test_grep -x "Skipped files: 1" out &&
	expect_exit 1 scan --max-filesize 1M "$TRASH/big" >out
'

test_expect_success 'the default size limit is 16M' '
	mkdir -p "$TRASH/huge" &&
	truncate -s 17M "$TRASH/huge/h.php" &&
	expect_exit 0 scan "$TRASH/huge" >out 2>err &&
	test_grep "h.php: skipped: larger than --max-filesize" err
'

test_expect_success 'a 200-deep directory chain is walked to the bottom' '
	d="$TRASH/deep" && mkdir -p "$d" && p="$d" &&
	i=0 && while [ $i -lt 200 ]; do p="$p/d"; i=$((i + 1)); done &&
	mkdir -p "$p" &&
	printf "<?php // %s\n" "$MARKER" >"$p/bottom.php" &&
	expect_exit 1 scan -i "$d" >out &&
	test_grep "/bottom.php: Test.Marker.UNOFFICIAL FOUND" out
'

# The four mid-scan races mostly sleep, so they run together: each scan
# waits 2.5 s before opening a file (a test-only hook, which creates
# NAME.ready as the wait starts), and its attacker changes the tree as soon
# as NAME.ready appears, so a slow start (a sanitizer build under load)
# cannot make the attack land before the walk. race_start NAME 'attack':
# starts both in the background; the scan's exit status lands in NAME.rc,
# its output in NAME.out and NAME.err, the attack's status in NAME.attack.
race_start() {
	{ (
		n=0
		while ! test -e "$TRASH/$1.ready" && test $n -lt 600; do
			n=$((n + 1))
			sleep 0.05
		done
		eval "$2"
		echo $? >"$TRASH/$1.attack"
	) & } &&
	{ (
		SPAMSWEEP_TEST_OPEN_DELAY_MS=2500 \
		SPAMSWEEP_TEST_DELAY_READY="$TRASH/$1.ready" \
			scan --threads 1 "$TRASH/$1" \
			>"$TRASH/$1.out" 2>"$TRASH/$1.err"
		echo $? >"$TRASH/$1.rc.new" && mv "$TRASH/$1.rc.new" "$TRASH/$1.rc"
	) & }
}
# race_wait NAME: waits (at most 60 s) for the scan to end; the attack
# must have worked.
race_wait() {
	n=0
	while ! test -e "$TRASH/$1.rc"; do
		n=$((n + 1))
		test $n -le 600 || { echo "the $1 scan did not end"; return 1; }
		sleep 0.1
	done
	test_grep -x 0 "$TRASH/$1.attack"
}

test_expect_success 'set-up: four scans started, each to be raced mid-scan' '
	mkdir -p "$TRASH/race" "$TRASH/swap" "$TRASH/swapd/sub" "$TRASH/repl" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/race/gone.php" &&
	printf "<?php echo 1;\n" >"$TRASH/swap/x.php" &&
	printf "<?php echo 1;\n" >"$TRASH/swapd/sub/inner.php" &&
	printf "<?php echo 1;\n" >"$TRASH/repl/r.php" &&
	race_start race "rm \"$TRASH/race/gone.php\"" &&
	race_start swap "rm \"$TRASH/swap/x.php\" && ln -s \"$OUT/secret.php\" \"$TRASH/swap/x.php\"" &&
	race_start swapd "mv \"$TRASH/swapd/sub\" \"$TRASH/swapd-old\" && ln -s \"$OUT/dir\" \"$TRASH/swapd/sub\"" &&
	race_start repl "printf \"<?php echo 2;\\n\" >\"$TRASH/repl/new\" && mv \"$TRASH/repl/new\" \"$TRASH/repl/r.php\""
'

test_expect_success 'a file deleted mid-scan is an error for that file; the scan goes on' '
	race_wait race &&
	test_grep -x 2 race.rc &&
	test_grep "gone.php: vanished during scan" race.err &&
	test_grep -x "Total errors: 1" race.out
'

test_expect_success 'a file replaced by a symlink mid-scan is not followed' '
	race_wait swap &&
	test_grep -x 2 swap.rc &&
	test_grep ! FOUND swap.out &&
	test_grep "x.php: .*symlink" swap.err
'

test_expect_success 'a directory replaced by a symlink mid-scan is not followed' '
	race_wait swapd &&
	test_grep -x 2 swapd.rc &&
	test_grep ! FOUND swapd.out &&
	test_grep "inner.php: .*symlink" swapd.err
'

test_expect_success 'a file replaced by another file mid-scan is reported' '
	race_wait repl &&
	test_grep -x 2 repl.rc &&
	test_grep "r.php: replaced during scan" repl.err &&
	test_cmp - "$TRASH/repl/r.php" <<-\EOF
	<?php echo 2;
	EOF
'

test_expect_success 'an unreadable directory is an error; the rest is scanned' '
	mkdir -p "$TRASH/perm/closed" "$TRASH/perm/open" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/perm/open/a.php" &&
	chmod 000 "$TRASH/perm/closed" &&
	if [ "$(id -u)" = 0 ]; then
		setpriv_cmd="setpriv --reuid=65534 --regid=65534 --clear-groups" &&
		chmod 755 "$TRASH" "$TRASH/perm" "$TRASH/perm/open" "$TRASH/sigs" &&
		chmod 644 "$TRASH/perm/open/a.php" "$TRASH/sigs/test.ndb"
	else
		setpriv_cmd=""
	fi &&
	expect_exit 1 $setpriv_cmd "$SPAMSWEEP" scan --no-system-db --sigs "$TRASH/sigs" "$TRASH/perm" >out 2>err &&
	test_grep "closed: cannot read directory: Permission denied" err &&
	test_grep "a.php: Test.Marker.UNOFFICIAL FOUND" out &&
	chmod 755 "$TRASH/perm/closed"
'

test_expect_success '--exclude and --exclude-dir leave paths out' '
	mkdir -p "$TRASH/ex/cache" "$TRASH/ex/app" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/ex/cache/c.php" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/ex/app/a.php" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/ex/app/b.php" &&
	expect_exit 1 scan -i --exclude-dir "/cache$" --exclude "/b\.php$" "$TRASH/ex" >out &&
	test_grep "app/a.php: " out &&
	test_grep ! "c.php" out && ! grep -q "b.php" out
'

test_expect_success '--cross-fs=no is accepted' '
	mkdir -p "$TRASH/fs/mnt" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/fs/top.php" &&
	expect_exit 1 scan -i --cross-fs=no "$TRASH/fs" >out &&
	test_grep "top.php: " out
'

test_expect_success TMPFS '--cross-fs=no stays on the root filesystem' '
	mount -t tmpfs -o size=1m none "$TRASH/fs/mnt" &&
	test_when_finished umount "$TRASH/fs/mnt" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/fs/mnt/other.php" &&
	expect_exit 1 scan -i --cross-fs=no "$TRASH/fs" >out &&
	expect_exit 1 scan -i "$TRASH/fs" >out2 &&
	test_grep ! other.php out &&
	test_grep other.php out2
'

test_expect_success 'scanning does not change access times (evidence)' '
	mkdir -p "$TRASH/atime" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/atime/a.php" &&
	touch -a -d "2020-01-02 03:04:05" "$TRASH/atime/a.php" &&
	before=$(stat -c %X "$TRASH/atime/a.php") &&
	expect_exit 1 scan "$TRASH/atime" >out &&
	expect_exit 1 scan "$TRASH/atime/a.php" >out &&
	test "$(stat -c %X "$TRASH/atime/a.php")" = "$before"
'

test_expect_success 'SIGTERM stops the scan cleanly with a summary and exit 2' '
	mkdir -p "$TRASH/many" &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf "<?php echo $i;\n" >"$TRASH/many/$i.php" || return 1
	done &&
	{ ( SPAMSWEEP_TEST_OPEN_DELAY_MS=1000 exec "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TRASH/sigs" --threads 1 "$TRASH/many" >out 2>err ) & } &&
	pid=$! && sleep 2 && kill -TERM $pid &&
	{ expect_exit 2 wait $pid || { cat err; tail -3 out; false; }; } &&
	test_grep "stopped early (interrupted by a signal)" err &&
	test_grep "SCAN SUMMARY" out &&
	test "$(grep -c ": OK$" out)" -lt 10
'

test_done
