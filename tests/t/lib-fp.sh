# lib-fp.sh: the false-positive suite's body, sourced after test-lib.sh by
# t3000, t3100 and t3110, which set PKGS (Debian packages) first and call
# test_done after it. Each package is fetched and extracted by
# tests/fp/corpus.sh into $SS_FP_CACHE (default /var/cache/spamsweep-tests,
# kept between runs). The packages are scanned once, with signatures and
# heuristics, at threshold 1 so that the JSON carries every file's score:
# by default all of them in one run (the engines load once), with
# FP_RUNS=package one run each (then $TRASH/fp/PKG.jsonl has each tree's
# own summary). Each package's tree must give no finding at the default
# threshold (no signature match, no error, no file scoring the threshold
# or more), and the highest heuristic score over all of them must stay
# clearly below the threshold. On failure the top-scoring files are
# printed with their indicators, to help tuning.

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

# fp_scan NAME ROOT...: one scan into fp/NAME.jsonl: it must end (exit 0
# or 1), complete, with a summary and no error.
fp_scan() {
	out="$TRASH/fp/$1.jsonl"
	shift
	# more threads than CPUs: the walk and the reads overlap the analysis
	ss_scan --threshold 1 --jsonl --threads 4 "$@" >"$out" 2>"$out.err"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		echo "scan of $*: exit $rc"
		cat "$out.err"
		return 1
	fi
	jq -se '[.[] | select(.type == "summary")] | length == 1' "$out" >/dev/null ||
		{ echo "scan of $*: no summary"; cat "$out.err"; return 1; }
	jq -e 'select(.type == "summary") | .complete and .errors == 0' "$out" >/dev/null ||
		{ echo "scan of $*: incomplete or with errors"; tail -n 1 "$out"; return 1; }
}

# fp_check PKG: no result under the package's tree is a finding.
fp_check() {
	jq -c --arg pre "$CACHE/$1/" --argjson t "$THRESHOLD" 'select(.path) |
		select(.path | startswith($pre)) |
		select(.verdict == "infected" or .verdict == "error" or
		       (.verdict == "suspicious" and .score >= $t))' \
		"$TRASH"/fp/*.jsonl >found || return 1
	if [ -s found ]; then
		echo "findings in $1:"
		cat found
		echo 'top scores:'
		jq -c --arg pre "$CACHE/$1/" 'select(.path) | select(.path | startswith($pre))' \
			"$TRASH"/fp/*.jsonl >mine
		top_scores mine
		return 1
	fi
}

test_expect_success CORPUS 'the corpus is scanned, completely and without error' '
	if [ "${FP_RUNS:-one}" = package ]; then
		for p in $PKGS; do
			fp_scan "$p" "$CACHE/$p" || return 1
		done
	else
		fp_scan all $(for p in $PKGS; do echo "$CACHE/$p"; done)
	fi
'

for p in $PKGS; do
	test_expect_success CORPUS "no finding in $p" "fp_check '$p'"
done

test_expect_success CORPUS "highest score over the corpus stays at most $MARGIN (threshold $THRESHOLD)" '
	ls fp/*.jsonl >/dev/null &&
	top_scores fp/*.jsonl >top &&
	cat top &&
	max=$(head -n 1 top | cut -f1) &&
	[ "${max:-0}" -le "$MARGIN" ]
'
