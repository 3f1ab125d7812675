# lib-nightly.sh: helpers for the nightly tests (t5xxx), sourced after
# test-lib.sh. Everything a run touches (config, cache, lock, reports)
# lives in $TRASH; syslog is off; the signatures are a one-line test
# database that detects the marker SPAMSWEEP_TEST_MARKER.

NSIGS="$TRASH/sigs"
mkdir -p "$NSIGS"
printf 'SpamSweep.Test.Marker:0:*:%s\n' \
	"$(printf SPAMSWEEP_TEST_MARKER | od -An -tx1 | tr -d ' \n')" \
	>"$NSIGS/test.ndb"
: >"$TRASH/empty.conf"

# nightly [options]: a nightly run with everything in $TRASH.
nightly() {
	"$SPAMSWEEP" nightly --config "$TRASH/empty.conf" --sigs "$NSIGS" \
		--no-system-db --cache-file "$TRASH/state/cache.db" \
		--report-dir "$TRASH/reports" --lock-file "$TRASH/lock" \
		--syslog no --no-progress "$@"
}

# summary_field NAME: the field of the latest report's summary, printed
# as Python would (True, False, None): jq starts in a fraction of the
# time python3 takes, and the nightly tests ask for a field dozens of
# times. A missing report or field is an error.
summary_field() {
	jq -er --arg k "$1" '.summary | if has($k) then .[$k] else error("no summary field " + $k) end |
		if . == true then "True" elif . == false then "False"
		elif . == null then "None" else . end' "$TRASH/reports/latest.json"
}

# report_has 'JQ-EXPRESSION': the latest report satisfies it (else the
# report is printed)
report_has() {
	jq -e "$1" "$TRASH/reports/latest.json" >/dev/null && return 0
	echo "the latest report does not satisfy: $1"
	jq . "$TRASH/reports/latest.json"
	return 1
}

# make_site DIR: three clean PHP files, one text file, one bad script.
make_site() {
	mkdir -p "$1/inc" &&
	echo '<?php echo "index"; ?>' >"$1/index.php" &&
	echo '<?php function f() { return 1; } ?>' >"$1/inc/lib.php" &&
	printf '<?php echo "%s"; ?>\n' "$1" >"$1/own.php" &&
	echo 'just text' >"$1/readme.txt" &&
	echo '<?php /* SPAMSWEEP_TEST_MARKER */ mail($_POST["t"], "s", "b"); ?>' \
		>"$1/inc/bad.php"
}
