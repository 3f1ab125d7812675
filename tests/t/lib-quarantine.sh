# lib-quarantine.sh: helpers for the 4xxx tests (quarantine and submit),
# sourced after test-lib.sh. Detections come from test-only signatures
# written into $TRASH/sigs: an .ndb for "infected", a YARA rule for
# "suspicious"; the system databases are never loaded.

VAULT="$TRASH/vault"
TSIGS="$TRASH/sigs"
export VAULT TSIGS

make_sigs() {
	mkdir -p "$TSIGS/yara" &&
	hex=$(printf 'SPAMSWEEP-TEST-MAILER' | od -An -tx1 | tr -d ' \n') &&
	printf 'SpamSweep.Test.Mailer:0:*:%s\n' "$hex" >"$TSIGS/test.ndb" &&
	cat >"$TSIGS/yara/test.yar" <<'EOT'
rule test_suspicious {
	meta:
		score = 20
		category = "mailer-socket"
		description = "test-only indicator"
	strings:
		$a = "SPAMSWEEP-TEST-SUSPICIOUS"
	condition:
		$a
}
EOT
}

# q_scan ARGS...: scan with the test signatures and the test vault.
q_scan() {
	"$SPAMSWEEP" scan --no-system-db --sigs "$TSIGS" \
		--quarantine-dir "$VAULT" "$@"
}
q() {
	"$SPAMSWEEP" quarantine --quarantine-dir "$VAULT" "$@"
}

infected_php() {
	printf '<?php // SPAMSWEEP-TEST-MAILER\nmail($_POST["to"], "x", "y");\n' >"$1"
}
suspicious_php() {
	printf '<?php // SPAMSWEEP-TEST-SUSPICIOUS\n$s = fsockopen($mx, 25);\n' >"$1"
}
clean_php() {
	printf '<?php echo "hello";\n' >"$1"
}

# What a restore must give back: owner, group, mode, mtime (ns), size.
fattr() {
	stat -c '%u %g %a %y %s' "$1"
}

# entries: the number of entries in the vault (after recovery).
entries() {
	q list --json | jq length
}

# vault_files: what is in the vault directory, one name a line, but its
# journal directory; pending_files: what is in the journal.
vault_files() {
	ls -A "$VAULT" 2>/dev/null | grep -vx "\.pending"
}
pending_files() {
	ls -A "$VAULT/.pending" 2>/dev/null
}

sha() {
	sha256sum <"$1" | cut -d' ' -f1
}
