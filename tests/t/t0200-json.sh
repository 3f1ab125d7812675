#!/bin/sh
# JSON report (--json) and JSON lines (--jsonl): parsed back with jq, and
# names that are not plain text map back to exactly one file.
. "$SS_SRCDIR/tests/t/test-lib.sh"

make_test_sigs "$TRASH/sigs"
scan() {
	ss_scan --sigs "$TRASH/sigs" "$@"
}
T="$TRASH/tree"
mkdir -p "$T"
printf '<?php // %s\n' "$MARKER" >"$T/bad.php"
printf '<?php echo 1;\n' >"$T/good.php"
nl_name=$(printf 'new\nline.php')
printf '<?php // %s\n' "$MARKER" >"$T/$nl_name"
bad_utf8=$(printf 'bad\377\376.php')
printf '<?php // %s\n' "$MARKER" >"$T/$bad_utf8"
printf '<?php // %s\n' "$MARKER" >"$T/tab	name.php"

test_expect_success '--json writes a report that parses, with schema and summary' '
	expect_exit 1 scan --json "$TRASH/r.json" "$T" >/dev/null &&
	jq -e ".schema == \"spamsweep-report\" and .schema_version == 1" "$TRASH/r.json" &&
	jq -e ".summary.infected == 4 and .summary.scanned == 5 and .summary.errors == 0" "$TRASH/r.json" &&
	jq -e ".scanner.signatures == 1 and (.scanner.engine | length > 0)" "$TRASH/r.json" &&
	jq -e "(.scan_id | length > 0) and (.host | length > 0) and (.started | test(\"Z$\"))" "$TRASH/r.json" &&
	jq -e ".roots[0].path == \"$T\"" "$TRASH/r.json"
'

test_expect_success 'each finding carries verdict, name, hash, owner and evidence' '
	jq -e ".results | length == 4" "$TRASH/r.json" &&
	jq -e ".results[] | select(.path == \"$T/bad.php\") |
		.verdict == \"infected\" and .name == \"Test.Marker.UNOFFICIAL\" and
		.lang == \"php\" and .uid == $(id -u) and
		(.evidence[0].category == \"signature\")" "$TRASH/r.json" &&
	want=$(sha256sum "$T/bad.php" | cut -d" " -f1) &&
	jq -e ".results[] | select(.path == \"$T/bad.php\") | .sha256 == \"$want\"" "$TRASH/r.json"
'

test_expect_success 'a name with a newline is exact in JSON and one line in text' '
	p=$(jq -r ".results[] | select(.path | test(\"new\\nline\")) | .path" "$TRASH/r.json") &&
	test "$p" = "$T/$nl_name" &&
	test -f "$p" &&
	expect_exit 1 scan -i --no-summary "$T" >out &&
	test_grep -xF "$T/new\\nline.php: Test.Marker.UNOFFICIAL FOUND" out &&
	test_grep -xF "$T/tab\\tname.php: Test.Marker.UNOFFICIAL FOUND" out &&
	test "$(wc -l <out)" -eq 4
'

test_expect_success 'a name that is not UTF-8 round-trips through path_base64' '
	b64=$(jq -r ".results[] | select(.path_base64) | .path_base64" "$TRASH/r.json") &&
	test -n "$b64" &&
	printf "%s" "$b64" | base64 -d >"$TRASH/name.bin" &&
	printf "%s" "$T/$bad_utf8" >"$TRASH/want.bin" &&
	cmp "$TRASH/name.bin" "$TRASH/want.bin" &&
	jq -e ".results[] | select(.path_base64) | .path == \"$T/bad\\\\xff\\\\xfe.php\"" "$TRASH/r.json"
'

test_expect_success 'the text line for a non-UTF-8 name is escaped' '
	expect_exit 1 scan -i --no-summary "$T" >out &&
	test_grep -xF "$T/bad\\xff\\xfe.php: Test.Marker.UNOFFICIAL FOUND" out
'

test_expect_success '--jsonl streams one object per finding or error, then a summary' '
	expect_exit 1 scan --jsonl "$T" "$TRASH/missing" >out 2>/dev/null &&
	test "$(wc -l <out)" -eq 6 &&
	jq -s -e "map(select(.type == \"result\" and .verdict == \"infected\")) | length == 4" out &&
	jq -s -e "map(select(.type == \"result\" and .verdict == \"error\")) | length == 1" out &&
	jq -s -e "last | .type == \"summary\" and .errors == 1" out
'

test_expect_success 'errors and skipped files are in the report too' '
	truncate -s 3K "$T/skip.php" &&
	expect_exit 1 scan --max-filesize 2K --json "$TRASH/r2.json" "$T" "$TRASH/missing" >/dev/null 2>&1 &&
	jq -e ".results[] | select(.verdict == \"skipped\") | .reason | test(\"max-filesize\")" "$TRASH/r2.json" &&
	jq -e ".results[] | select(.verdict == \"error\") | .path == \"$TRASH/missing\"" "$TRASH/r2.json" &&
	rm "$T/skip.php"
'

test_expect_success 'an unwritable --json path fails before scanning, exit 2' '
	expect_exit 2 scan --json "$TRASH/no/such/dir/r.json" "$T" >out 2>err &&
	test_grep "cannot write the report" err &&
	test_grep ! FOUND out
'

test_expect_success 'the report is replaced atomically (no temporary left)' '
	expect_exit 1 scan --json "$TRASH/r.json" "$T" >/dev/null &&
	test "$(ls "$TRASH" | grep -c "r.json.tmp")" -eq 0
'

test_done
