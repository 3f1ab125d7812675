# lib-fp.sh: the false-positive suite's body, sourced after test-lib.sh by
# t3100 and t3110, which set PKGS (Debian packages) first. Each package is
# fetched and extracted by tests/fp/corpus.sh into $SS_FP_CACHE (default
# /var/cache/spamsweep-tests, kept between runs); its tree must give no
# finding at all, and the highest heuristic score over all of them must
# stay clearly below the threshold. On failure the top-scoring files are
# printed with their indicators, to help tuning.

CACHE=${SS_FP_CACHE:-/var/cache/spamsweep-tests}
THRESHOLD=10 # SCAN_DEFAULT_THRESHOLD
MARGIN=7     # the corpus must score at most this

# shellcheck disable=SC2086
if ! sh "$SS_SRCDIR/tests/fp/corpus.sh" "$CACHE" $PKGS >"$TRASH/corpus.err" 2>&1; then
	sed 's/^/# /' "$TRASH/corpus.err"
	for p in $PKGS; do
		test_skip "no finding in $p" "corpus not available"
	done
	test_done
	exit 0
fi

top_scores() {
	ss_scan --no-summary --threshold 1 --jsonl "$@" 2>/dev/null |
		jq -r 'select(.path) | "\(.score)\t\(.path)\t\([.evidence[] | "\(.name)=\(.score)"] | join(" "))"' |
		sort -rn | head -n 15
}

for p in $PKGS; do
	test_expect_success "no finding in $p" "
		set +e
		ss_scan -i '$CACHE/$p' >out 2>err
		rc=\$?
		set -e
		if [ \"\$rc\" != 0 ]; then
			cat out err
			echo 'top scores:'
			top_scores '$CACHE/$p'
			false
		fi
	"
done

test_expect_success "highest score over the corpus stays at most $MARGIN (threshold $THRESHOLD)" '
	for p in $PKGS; do echo "$CACHE/$p"; done >roots &&
	top_scores $(cat roots) >top &&
	cat top &&
	max=$(head -n 1 top | cut -f1) &&
	[ "${max:-0}" -le "$MARGIN" ]
'

test_done
