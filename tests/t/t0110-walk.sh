#!/bin/sh
# The walk's threads: every file of a wide, deep tree is scanned exactly
# once, whichever thread lists it, in fts's chdir mode and in its
# FTS_NOCHDIR fallback; the fds it keeps on its stack stay
# within RLIMIT_NOFILE; a bind mount that makes a directory its own
# descendant is walked once, not forever.
. "$SS_SRCDIR/tests/t/test-lib.sh"

make_test_sigs "$TRASH/sigs"
scan() {
	ss_scan --sigs "$TRASH/sigs" "$@"
}

# $1: root; 300 directories (some 6 deep) of 4 files, a marker in every
# tenth directory
make_tree() {
	i=0
	while [ $i -lt 300 ]; do
		d="$1/w$((i % 30))/d$i"
		[ $((i % 7)) = 0 ] && d="$d/a/b/c/e"
		mkdir -p "$d"
		for f in 1 2 3; do printf "<?php echo %s;\n" "$i$f" >"$d/f$f.php"; done
		if [ $((i % 10)) = 0 ]; then
			printf "<?php // %s\n" "$MARKER" >"$d/m.php"
		else
			printf "<?php echo 0;\n" >"$d/m.php"
		fi
		i=$((i + 1))
	done
}
T="$TRASH/tree"
make_tree "$T"

# scan_fd40 ARGS: a scan with at most 40 open files
scan_fd40() {
	(ulimit -n 40 && exec "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TRASH/sigs" "$@")
}

test_expect_success 'a wide tree: every file scanned once, every marker found once' '
	expect_exit 1 scan "$T" >out &&
	test_grep -x "Scanned files: 1200" out &&
	test_grep -x "Infected files: 30" out &&
	test "$(grep -c ": OK$" out)" = 1170 &&
	sed -n "s/: [^:]*$//p" out | sort | uniq -d >dups &&
	test ! -s dups
'

test_expect_success 'without a working directory per thread (FTS_NOCHDIR): the same' '
	SPAMSWEEP_TEST_NO_UNSHARE=1 expect_exit 1 scan "$T" >out &&
	test_grep -x "Scanned files: 1200" out &&
	test_grep -x "Infected files: 30" out &&
	sed -n "s/: [^:]*$//p" out | sort | uniq -d >dups &&
	test ! -s dups
'

test_expect_success 'the same with a file limit of 40: no fd error, nothing missed' '
	expect_exit 1 scan_fd40 "$T" >out 2>err &&
	test_grep -x "Scanned files: 1200" out &&
	test_grep -x "Infected files: 30" out &&
	test_grep ! "Too many open files" err
'

test_expect_success 'a directory of 400 subdirectories' '
	W="$TRASH/wide" && mkdir -p "$W" &&
	(cd "$W" && seq -f "s%g" 0 399 | xargs mkdir) &&
	for d in "$W"/s*; do
		printf "<?php // %s\n" "$MARKER" >"$d/x.php" || return 1
	done &&
	test "$(ls "$W" | wc -l)" = 400 &&
	expect_exit 1 scan -i "$W" >out &&
	test_grep -x "Infected files: 400" out
'

# a marker at the top of the loop too: walked again through in/mnt, it
# would be found twice
test_expect_success BIND_MOUNT 'a bind mount of an ancestor is not walked again' '
	mkdir -p "$TRASH/loop/in/mnt" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/loop/in/m.php" &&
	printf "<?php // %s\n" "$MARKER" >"$TRASH/loop/top.php" &&
	mount --bind "$TRASH/loop" "$TRASH/loop/in/mnt" &&
	test_when_finished umount "$TRASH/loop/in/mnt" &&
	expect_exit 1 timeout 60 "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TRASH/sigs" -i "$TRASH/loop" >out &&
	SPAMSWEEP_TEST_NO_UNSHARE=1 expect_exit 1 timeout 60 "$SPAMSWEEP" scan \
		--no-system-db --sigs "$TRASH/sigs" -i "$TRASH/loop" >out2 &&
	test_grep -x "Infected files: 2" out &&
	test_grep -x "$TRASH/loop/in/m.php: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -x "$TRASH/loop/top.php: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -x "Infected files: 2" out2
'

test_done
