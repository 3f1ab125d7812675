#!/bin/sh
# The scan command: findings, clamscan-style output, exit status, what is a
# script and what is not.
. "$SS_SRCDIR/tests/t/test-lib.sh"

make_test_sigs "$TRASH/sigs"
T="$TRASH/tree"
mkdir -p "$T/site/sub"
printf '<?php echo "hello";\n' >"$T/site/index.php"
printf '<?php // %s\n' "$MARKER" >"$T/site/sub/bad.php"
printf 'GIF89a\001\002<?php /* %s */ ?>' "$MARKER" >"$T/site/logo.gif"
printf 'just an image %s\n' "$MARKER" >"$T/site/photo.jpg"
printf '#!/usr/bin/perl\n# %s\n' "$MARKER" >"$T/site/noext"
printf 'plain text\n' >"$T/site/readme.txt"

scan() {
	ss_scan --sigs "$TRASH/sigs" "$@"
}

test_expect_success 'a finding prints PATH: NAME FOUND and exits 1' '
	expect_exit 1 scan "$T/site/sub/bad.php" >out &&
	test_grep -x "$T/site/sub/bad.php: Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success 'a clean file prints OK and exits 0' '
	expect_exit 0 scan "$T/site/index.php" >out &&
	test_grep -x "$T/site/index.php: OK" out
'

test_expect_success 'directories are recursive; PHP hidden in a .gif is scanned' '
	expect_exit 1 scan "$T" >out &&
	test_grep -x "$T/site/logo.gif: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -x "$T/site/sub/bad.php: Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success 'a perl shebang without extension is scanned' '
	expect_exit 1 scan "$T" >out &&
	test_grep -x "$T/site/noext: Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success 'non-scripts are not scanned, --all-files scans them' '
	expect_exit 1 scan "$T" >out &&
	test_grep ! "photo.jpg" out &&
	test_grep ! "readme.txt" out &&
	expect_exit 1 scan --all-files "$T" >out2 &&
	test_grep -x "$T/site/photo.jpg: Test.Marker.UNOFFICIAL FOUND" out2 &&
	test_grep -x "$T/site/readme.txt: OK" out2
'

test_expect_success 'the summary counts files seen, scanned, skipped, found' '
	expect_exit 1 scan "$T" >out &&
	test_grep -x -- "----------- SCAN SUMMARY -----------" out &&
	test_grep -x "Known viruses: 1" out &&
	test_grep -x "Engine version: .*" out &&
	test_grep -x "Scanned directories: 3" out &&
	test_grep -x "Files seen: 6" out &&
	test_grep -x "Scanned files: 4" out &&
	test_grep -x "Not scripts: 2" out &&
	test_grep -x "Infected files: 3" out &&
	test_grep "^Engine load time: " out &&
	test_grep "^Time: " out
'

test_expect_success '-i prints findings only; --no-summary drops the block' '
	expect_exit 1 scan -i --no-summary "$T" >out &&
	test_grep ! ": OK$" out &&
	test_grep ! "SCAN SUMMARY" out &&
	test "$(wc -l <out)" -eq 3
'

test_expect_success 'a missing path is a one-line error and exit 2' '
	expect_exit 2 scan "$TRASH/nope" >out 2>err &&
	test "$(wc -l <err)" -eq 1 &&
	test_grep "nope: cannot open: No such file or directory" err &&
	test_grep -x "Total errors: 1" out
'

test_expect_success 'a finding is not masked by an error: exit 1' '
	expect_exit 1 scan "$TRASH/nope" "$T/site/sub/bad.php" >out 2>err &&
	test_grep "FOUND" out && grep -q "nope" err
'

test_expect_success 'an unreadable signature file is a clear error and exit 2' '
	mkdir -p "$TRASH/badsigs" &&
	echo "this is not a signature" >"$TRASH/badsigs/broken.ndb" &&
	expect_exit 2 ss_scan --sigs "$TRASH/badsigs" "$T" >out 2>err &&
	test_grep "broken.ndb: cannot load" err &&
	test "$(wc -l <err)" -eq 1
'

test_expect_success 'a signature directory with no signatures is an error' '
	mkdir -p "$TRASH/nosigs" &&
	expect_exit 2 ss_scan --sigs "$TRASH/nosigs" "$T" 2>err &&
	test_grep "no signature files" err
'

test_expect_success 'bad option values are refused with exit 2' '
	expect_exit 2 scan --max-filesize 12X "$T" 2>err &&
	test_grep "max-filesize" err &&
	expect_exit 2 scan --threads 0 "$T" 2>err &&
	expect_exit 2 scan --cross-fs=maybe "$T" 2>err &&
	expect_exit 2 scan --exclude "(" "$T" 2>err &&
	expect_exit 2 ss scan 2>err &&
	test_grep "no PATH" err
'

test_expect_success '--help and --version answer with exit 0' '
	ss scan --help >out && grep -q "usage: spamsweep scan" out &&
	ss --version | grep -q "^spamsweep " &&
	ss --help | grep -q "scan" &&
	expect_exit 2 ss frobnicate 2>err && grep -q "not a command" err
'

test_expect_success 'identical content is scanned once and reported for every copy' '
	mkdir -p "$TRASH/dup/a" "$TRASH/dup/b" "$TRASH/dup/c" &&
	for d in a b c; do cp "$T/site/sub/bad.php" "$TRASH/dup/$d/x.php" || return 1; done &&
	expect_exit 1 scan --threads 1 "$TRASH/dup" >out &&
	test "$(grep -c "FOUND$" out)" -eq 3 &&
	test_grep -x "Identical content reused: 2" out
'

test_expect_success '-f/--file-list scans the listed paths too' '
	printf "%s\n\n%s\n" "$T/site/index.php" "$T/site/sub/bad.php" >list &&
	expect_exit 1 scan -f list -r >out &&
	test_grep -x "$T/site/index.php: OK" out &&
	test_grep -x "$T/site/sub/bad.php: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -x "Scanned files: 2" out &&
	printf "%s\n" "$T/site/index.php" >list2 &&
	expect_exit 1 scan --file-list - "$T/site/logo.gif" <list2 >out2 &&
	test_grep -x "$T/site/index.php: OK" out2 &&
	test_grep -x "$T/site/logo.gif: Test.Marker.UNOFFICIAL FOUND" out2 &&
	expect_exit 2 scan -f "$TRASH/no-such-list" 2>err &&
	test_grep "no-such-list: cannot read the file list" err
'

test_expect_success 'the default signatures are the source tree ones' '
	expect_exit 0 ss_scan "$T/site/index.php" >out &&
	test_grep -x "$T/site/index.php: OK" out
'

test_done
