#!/bin/sh
# t5005: nightly's Action: report only, quarantine infected, quarantine
# suspicious too; a finding cached by an earlier run is still quarantined.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

mkdir -p "$NSIGS/yara"
cat >"$NSIGS/yara/test.yar" <<'EOT'
rule test_suspicious {
	meta:
		score = 20
		category = "mailer-socket"
		description = "test-only indicator"
	strings:
		$a = "SPAMSWEEP_TEST_SUSPICIOUS"
	condition:
		$a
}
EOT
W="$TRASH/www"
VAULT="$TRASH/vault"
site() {
	rm -rf "$W" && make_site "$W" &&
	echo '<?php /* SPAMSWEEP_TEST_SUSPICIOUS */ ?>' >"$W/sus.php"
}

test_expect_success 'Action report: findings stay where they are' '
	site &&
	expect_exit 1 nightly --scan-root "$W" --action report \
		--quarantine-dir "$VAULT" >out &&
	test -f "$W/inc/bad.php" && test -f "$W/sus.php" &&
	grep "bad.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND" out &&
	grep "sus.php: .* FOUND" out &&
	test "$(summary_field quarantined)" = 0
'

test_expect_success 'Action quarantine-infected: the infected file goes to the vault' '
	expect_exit 1 nightly --scan-root "$W" --action quarantine-infected \
		--quarantine-dir "$VAULT" >out &&
	! test -e "$W/inc/bad.php" &&
	test -f "$W/sus.php" &&
	grep "bad.php: quarantined as " out &&
	test "$(summary_field quarantined)" = 1 &&
	"$SPAMSWEEP" quarantine --quarantine-dir "$VAULT" list >list &&
	grep "inc/bad.php" list
'

test_expect_success 'Action quarantine-suspicious: the suspicious file too' '
	site &&
	expect_exit 1 nightly --scan-root "$W" --action quarantine-suspicious \
		--quarantine-dir "$VAULT" >out &&
	! test -e "$W/inc/bad.php" && ! test -e "$W/sus.php" &&
	test "$(summary_field quarantined)" = 2
'

test_expect_success 'a finding cached by a report-only run is quarantined later' '
	site &&
	expect_exit 1 nightly --scan-root "$W" --action report \
		--quarantine-dir "$VAULT" >/dev/null &&
	expect_exit 1 nightly --scan-root "$W" --action quarantine-infected \
		--quarantine-dir "$VAULT" >out &&
	test "$(summary_field analyzed)" = 0 &&
	! test -e "$W/inc/bad.php" &&
	test "$(summary_field quarantined)" = 1
'

test_expect_success 'Action from the config file' '
	site &&
	printf "Action quarantine-infected\nQuarantineDir $VAULT\n" >conf &&
	expect_exit 1 "$SPAMSWEEP" nightly --config conf --sigs "$NSIGS" \
		--no-system-db --cache-file "$TRASH/state/cache.db" \
		--report-dir "$TRASH/reports" --lock-file "$TRASH/lock" \
		--syslog no --scan-root "$W" >out &&
	! test -e "$W/inc/bad.php"
'

# The same rule as scan --quarantine (t4030): a move that was asked for and
# failed is an error even though something was found, since the finding
# is still live where it was.
test_expect_success 'a move that fails makes nightly exit 2, as scan does' '
	site &&
	head -c 2000000 /dev/zero | tr "\\0" " " >>"$W/inc/bad.php" &&
	cp "$W/inc/bad.php" bad.orig &&
	trap "" XFSZ &&
	expect_exit 2 prlimit --fsize=1000000 "$SPAMSWEEP" nightly \
		--config "$TRASH/empty.conf" --sigs "$NSIGS" --no-system-db \
		--cache-file "$TRASH/state/cache.db" --report-dir "$TRASH/reports" \
		--lock-file "$TRASH/lock" --syslog no --no-progress \
		--scan-root "$W" --action quarantine-infected \
		--quarantine-dir "$TRASH/vault-small" >out 2>err &&
	grep "bad.php: cannot quarantine" err &&
	cmp "$W/inc/bad.php" bad.orig
'

test_done
