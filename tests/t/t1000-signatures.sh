#!/bin/sh
# t1000: the ClamAV signatures of sigs/ against the fixtures listed in
# tests/fixtures/sigs/EXPECT (one "path<TAB>name" line per fixture, name
# CLEAN for look-alikes). Each fixture must be found under exactly its
# name, each look-alike must stay clean, and plain clamscan must load the
# same files and agree. Heuristics are off here (--no-heuristics): this
# script proves the signatures; the YARA indicators have their own tests.
. "$(dirname "$0")/test-lib.sh"

EXPECT="$FIXTURES/sigs/EXPECT"

# The manifest without comments, and the expected FOUND lines for a copy
# of the fixtures under tree/ (sorted, as the scanners' order varies).
grep -v '^#' "$EXPECT" | grep . >"$TRASH/expect"
awk -F '\t' '$2 != "CLEAN" { print "tree/" $1 ": " $2 ".UNOFFICIAL FOUND" }' \
	"$TRASH/expect" | LC_ALL=C sort >"$TRASH/expect-found"

test_expect_success 'the manifest names every fixture and look-alike' '
	(cd "$FIXTURES" && find sigs lookalike -type f ! -name EXPECT) |
		LC_ALL=C sort >listed-on-disk &&
	cut -f1 expect | LC_ALL=C sort >listed-in-manifest &&
	diff -u listed-on-disk listed-in-manifest &&
	test "$(grep -vc "	CLEAN\$" expect)" -ge 10 &&
	test "$(grep -c "	CLEAN\$" expect)" -ge 6
'

test_expect_success 'every signature has a fixture' '
	cut -d";" -f1 "$SIGS/spamsweep.ldb" | LC_ALL=C sort -u >names &&
	awk -F "\t" "\$2 != \"CLEAN\" { print \$2 }" expect | LC_ALL=C sort -u >covered &&
	diff -u names covered
'

# One scan of a copy of every fixture and look-alike: the per-fixture
# tests below read their file's line from it (clamscan-style: one line a
# file, "OK" or "NAME FOUND").
mkdir "$TRASH/tree"
(cd "$FIXTURES" && cp -R sigs lookalike "$TRASH/tree/") && rm -f "$TRASH/tree/sigs/EXPECT"
(cd "$TRASH" && ss_scan --no-heuristics --no-summary tree >all.out 2>all.err; echo $? >all.rc)

test_expect_success 'one scan of all fixtures: exit 1, no error' '
	test_grep -x 1 all.rc &&
	! test -s all.err
'

# check_line PATH WANT: the scan printed exactly one line for PATH, WANT
check_line() {
	grep -F "tree/$1: " all.out >line || { echo "no line for tree/$1 in:"; cat all.out; return 1; }
	echo "tree/$1: $2" >want || return 1
	diff -u want line
}

while IFS='	' read -r path name; do
	if [ "$name" = CLEAN ]; then
		test_expect_success "look-alike $path: OK, nothing FOUND" "
			check_line '$path' OK
		"
	else
		test_expect_success "$path: $name" "
			check_line '$path' '$name.UNOFFICIAL FOUND'
		"
	fi
done <"$TRASH/expect"

test_expect_success 'a tree with every fixture: each one found, nothing else' '
	grep FOUND all.out | LC_ALL=C sort >found &&
	diff -u expect-found found
'

test_expect_success PYTHON3 'the shipped .ldb is what sigs/mkldb.py generates' '
	python3 "$SIGS/mkldb.py" regen.ldb &&
	cmp "$SIGS/spamsweep.ldb" regen.ldb
'

test_expect_success CLAMSCAN 'plain clamscan loads sigs/ and finds the same set' '
	expect_exit 1 clamscan --no-summary -r -d "$SIGS" tree >out 2>err &&
	! grep -i -e error -e warning err &&
	grep FOUND out | LC_ALL=C sort -u >found &&
	diff -u expect-found found &&
	grep -c ": OK\$" out >clean &&
	test "$(cat clean)" -eq "$(grep -c "	CLEAN\$" expect)"
'

test_expect_success CLAMSCAN 'clamscan --allmatch: one signature per fixture' '
	expect_exit 1 clamscan --no-summary --allmatch -r -i -d "$SIGS" tree >out &&
	LC_ALL=C sort -u out >found &&
	diff -u expect-found found
'

test_done
