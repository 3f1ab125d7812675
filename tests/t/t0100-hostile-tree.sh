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

test_expect_success 'a file deleted mid-scan is an error for that file; the scan goes on' '
	mkdir -p "$TRASH/race" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/race/gone.php" &&
	{ ( sleep 1; rm -f "$TRASH/race/gone.php" ) & } &&
	SPAMSWEEP_TEST_OPEN_DELAY_MS=2500 expect_exit 2 scan --threads 1 "$TRASH/race" >out 2>err &&
	wait &&
	test_grep "gone.php: vanished during scan" err &&
	test_grep -x "Total errors: 1" out
'

test_expect_success 'a file replaced by a symlink mid-scan is not followed' '
	mkdir -p "$TRASH/swap" &&
	printf "<?php echo 1;\n" >"$TRASH/swap/x.php" &&
	{ ( sleep 1; rm -f "$TRASH/swap/x.php"; ln -s "$OUT/secret.php" "$TRASH/swap/x.php" ) & } &&
	SPAMSWEEP_TEST_OPEN_DELAY_MS=2500 expect_exit 2 scan --threads 1 "$TRASH/swap" >out 2>err &&
	wait &&
	test_grep ! FOUND out &&
	test_grep "x.php: .*symlink" err
'

test_expect_success 'a directory replaced by a symlink mid-scan is not followed' '
	mkdir -p "$TRASH/swapd/sub" &&
	printf "<?php echo 1;\n" >"$TRASH/swapd/sub/inner.php" &&
	{ ( sleep 1; mv "$TRASH/swapd/sub" "$TRASH/swapd-old"; ln -s "$OUT/dir" "$TRASH/swapd/sub" ) & } &&
	SPAMSWEEP_TEST_OPEN_DELAY_MS=2500 expect_exit 2 scan --threads 1 "$TRASH/swapd" >out 2>err &&
	wait &&
	test_grep ! FOUND out &&
	test_grep "inner.php: .*symlink" err
'

test_expect_success 'a file replaced by another file mid-scan is reported' '
	mkdir -p "$TRASH/repl" &&
	printf "<?php echo 1;\n" >"$TRASH/repl/r.php" &&
	{ ( sleep 1; printf "<?php echo 2;\n" >"$TRASH/repl/new"; mv "$TRASH/repl/new" "$TRASH/repl/r.php" ) & } &&
	SPAMSWEEP_TEST_OPEN_DELAY_MS=2500 expect_exit 2 scan --threads 1 "$TRASH/repl" >out 2>err &&
	wait &&
	test_grep "r.php: replaced during scan" err
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
