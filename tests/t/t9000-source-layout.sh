#!/bin/sh
# t9000: the source tree keeps its shape. No module includes a module that
# includes it back, directly or through others, and no folder does either;
# every folder is in HACKING.md's module map and includes only what the map
# allows; no .c file is much over 800 lines. The checker itself is shown to
# catch a planted cycle and a planted forbidden include.
. "$(dirname "$0")/test-lib.sh"

GRAPH="$SS_SRCDIR/tests/include-graph.py"

# out_empty FILE: passes when FILE is empty, else prints it and fails.
out_empty() {
	test ! -s "$1" || { cat "$1" && false; }
}

test_expect_success 'no include cycle between modules or folders' '
	python3 "$GRAPH" cycles >out &&
	out_empty out
'

test_expect_success 'HACKING.md module map matches the tree' '
	python3 "$GRAPH" map "$SS_SRCDIR/HACKING.md" >out &&
	out_empty out
'

test_expect_success 'no .c file over 820 lines' '
	python3 "$GRAPH" size 820 >out &&
	out_empty out
'

# A copy of the tree's sources with one more include: the checks must see it.
copy_tree() {
	mkdir -p copy &&
	cp -R "$SS_SRCDIR/common" "$SS_SRCDIR/scanner" "$SS_SRCDIR/quarantine" \
		"$SS_SRCDIR/HACKING.md" copy/
}

test_expect_success 'a planted module cycle is reported' '
	copy_tree &&
	echo "#include \"scanner/run/scan.h\"" >>copy/scanner/walk/walk.h &&
	! SS_SRCDIR="$PWD/copy" python3 "$GRAPH" cycles >out &&
	grep "^module cycle: .*scanner/run/scan.*scanner/walk/walk" out &&
	grep "^folder cycle: .*scanner/run <-> scanner/walk" out
'

test_expect_success 'a planted include the map forbids is reported' '
	rm -rf copy && copy_tree &&
	echo "#include \"scanner/report/report.h\"" >>copy/common/util.h &&
	! SS_SRCDIR="$PWD/copy" python3 "$GRAPH" map copy/HACKING.md >out &&
	grep "^common includes scanner/report, which the module map does not allow" out
'

test_done
