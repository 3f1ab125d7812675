# lib-fp.sh: the false-positive suite's body, sourced after test-lib.sh by
# t3000, t3100 and t3110, which set PKGS (Debian packages) first and call
# test_done after it. Each package is fetched and extracted by
# tests/fp/corpus.sh into $SS_FP_CACHE (default /var/cache/spamsweep-tests,
# kept between runs) and scanned once, with signatures and heuristics, at
# threshold 1 so that the JSON carries every file's score: its tree must
# give no finding at the default threshold (no signature match, no error,
# no file scoring the threshold or more), and the highest heuristic score
# over all of them must stay clearly below the threshold. On failure the
# top-scoring files are printed with their indicators, to help tuning.
# After it, $TRASH/fp/PKG.jsonl holds each package's results and summary.

CACHE=${SS_FP_CACHE:-/var/cache/spamsweep-tests}
THRESHOLD=10 # SCAN_DEFAULT_THRESHOLD
MARGIN=7     # the corpus must score at most this
mkdir -p "$TRASH/fp"

# shellcheck disable=SC2016
test_lazy_prereq CORPUS '
	sh "$SS_SRCDIR/tests/fp/corpus.sh" "$CACHE" $PKGS
' "cannot fetch the Debian packages; see tests/fp/corpus.sh"

# top_scores JSONL...: the 15 highest-scoring files, with their indicators
top_scores() {
	jq -r 'select(.path) | "\(.score)\t\(.path)\t\([.evidence[]? | "\(.name)=\(.score)"] | join(" "))"' "$@" |
		sort -rn | head -n 15
}

# fp_check PKG: one scan of the package's tree; no finding, no error.
fp_check() {
	out="$TRASH/fp/$1.jsonl"
	ss_scan --threshold 1 --jsonl "$CACHE/$1" >"$out" 2>"$TRASH/fp/$1.err"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		echo "scan of $1: exit $rc"
		cat "$TRASH/fp/$1.err"
		return 1
	fi
	jq -se '[.[] | select(.type == "summary")] | length == 1' "$out" >/dev/null ||
		{ echo "scan of $1: no summary"; cat "$TRASH/fp/$1.err"; return 1; }
	jq -c --argjson t "$THRESHOLD" 'select(.path) |
		select(.verdict == "infected" or .verdict == "error" or
		       (.verdict == "suspicious" and .score >= $t))' "$out" >found ||
		return 1
	jq -e 'select(.type == "summary") | .complete and .errors == 0' "$out" >/dev/null ||
		{ echo "scan of $1: incomplete or with errors"; tail -n 1 "$out"; return 1; }
	if [ -s found ]; then
		echo "findings in $1:"
		cat found
		echo 'top scores:'
		top_scores "$out"
		return 1
	fi
}

for p in $PKGS; do
	test_expect_success CORPUS "no finding in $p" "fp_check '$p'"
done

test_expect_success CORPUS "highest score over the corpus stays at most $MARGIN (threshold $THRESHOLD)" '
	for p in $PKGS; do
		test -s "fp/$p.jsonl" || { echo "no scan of $p"; return 1; }
	done &&
	top_scores fp/*.jsonl >top &&
	cat top &&
	max=$(head -n 1 top | cut -f1) &&
	[ "${max:-0}" -le "$MARGIN" ]
'
