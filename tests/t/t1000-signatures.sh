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

while IFS='	' read -r path name; do
	FX="$FIXTURES/$path"
	if [ "$name" = CLEAN ]; then
		test_expect_success "look-alike $path: exit 0, nothing FOUND" '
			expect_exit 0 ss_scan --no-heuristics "$FX" >out &&
			! grep FOUND out &&
			grep -Fx "$FX: OK" out
		'
	else
		test_expect_success "$path: $name, exit 1" '
			expect_exit 1 ss_scan --no-heuristics "$FX" >out &&
			grep FOUND out >found &&
			echo "$FX: $name.UNOFFICIAL FOUND" >want &&
			diff -u want found
		'
	fi
done <"$TRASH/expect"

mkdir "$TRASH/tree"
(cd "$FIXTURES" && cp -R sigs lookalike "$TRASH/tree/") && rm -f "$TRASH/tree/sigs/EXPECT"

test_expect_success 'a tree with every fixture: each one found, nothing else' '
	expect_exit 1 ss_scan --no-heuristics -i tree >out &&
	grep FOUND out | LC_ALL=C sort >found &&
	diff -u expect-found found
'

if command -v python3 >/dev/null 2>&1; then
	test_expect_success 'the shipped .ldb is what sigs/mkldb.py generates' '
		python3 "$SIGS/mkldb.py" regen.ldb &&
		cmp "$SIGS/spamsweep.ldb" regen.ldb
	'
else
	test_skip 'the shipped .ldb is what sigs/mkldb.py generates' 'no python3'
fi

if command -v clamscan >/dev/null 2>&1; then
	test_expect_success 'plain clamscan loads sigs/ and finds the same set' '
		expect_exit 1 clamscan --no-summary -r -d "$SIGS" tree >out 2>err &&
		! grep -i -e error -e warning err &&
		grep FOUND out | LC_ALL=C sort -u >found &&
		diff -u expect-found found &&
		grep -c ": OK\$" out >clean &&
		test "$(cat clean)" -eq "$(grep -c "	CLEAN\$" expect)"
	'
	test_expect_success 'clamscan --allmatch: one signature per fixture' '
		expect_exit 1 clamscan --no-summary --allmatch -r -i -d "$SIGS" tree >out &&
		LC_ALL=C sort -u out >found &&
		diff -u expect-found found
	'
else
	test_skip 'plain clamscan loads sigs/ and finds the same set' 'clamscan not installed'
	test_skip 'clamscan --allmatch: one signature per fixture' 'clamscan not installed'
fi

test_done
