# heur-lib.sh: sourced by the heuristics tests (t2xxx) after test-lib.sh.
# hs_scan runs the binary on the project's YARA rules with no ClamAV
# signature that can match, so that a test sees the heuristic verdict
# whatever signatures sigs/ ships (a signature match wins over heuristics).
HSIGS="$TRASH/heur-sigs"
mkdir -p "$HSIGS"
cp -R "$SIGS/yara" "$HSIGS/yara"
# libclamav needs one signature to load; this one cannot match a script.
echo 'SpamSweep.Test.NeverMatches:0:*:00ff00ff00ff00ff5370616d53776565702d6e657665722d6d6174636865732d00ff00ff00ff00ff' \
	>"$HSIGS/never.ndb"
hs_scan() {
	"$SPAMSWEEP" scan --no-system-db --sigs "$HSIGS" "$@"
}
