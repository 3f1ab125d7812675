#!/bin/sh
# t2000-heuristics: every fixture in tests/fixtures/heur/EXPECT gets the
# verdict, the category (printed as SpamSweep.Heuristic.<Category>) and the
# indicators it lists; the look-alikes stay clean. Fixtures flagged "deobf"
# are found only through the layers the deobfuscator decodes.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/heur-lib.sh"

HEUR="$FIXTURES/heur"

# SpamSweep.Heuristic.<Category>: "mailer-socket" -> "MailerSocket".
heur_name() {
	printf 'SpamSweep.Heuristic.%s\n' "$(printf '%s' "$1" |
		awk -F'[^A-Za-z0-9]+' '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2) }')"
}

# check_fixture PATH VERDICT CATEGORY RULES
check_fixture() {
	f="$HEUR/$1"
	test -f "$f" || { echo "# missing fixture $1"; return 1; }
	set +e
	hs_scan --all-files --no-summary --jsonl "$f" >out.jsonl 2>err
	rc=$?
	set -e
	cat err
	obj=$(jq -c 'select(.path)' out.jsonl)
	if [ "$2" = clean ]; then
		if [ "$rc" != 0 ] || [ -n "$obj" ]; then
			echo "# expected clean, exit $rc:"
			hs_scan --all-files --no-summary --threshold 1 --jsonl "$f" | jq -c . | sed 's/^/# /'
			return 1
		fi
		return 0
	fi
	[ "$rc" = 1 ] || { echo "# exit $rc, expected 1"; cat out.jsonl; return 1; }
	verdict=$(printf '%s\n' "$obj" | jq -r .verdict)
	name=$(printf '%s\n' "$obj" | jq -r .name)
	[ "$verdict" = "$2" ] || { echo "# verdict $verdict, expected $2: $obj"; return 1; }
	if [ "$2" = suspicious ]; then
		want=$(heur_name "$3")
		[ "$name" = "$want" ] || { echo "# name $name, expected $want: $obj"; return 1; }
	fi
	[ "$4" = - ] && return 0
	for rule in $(printf '%s' "$4" | tr , ' '); do
		printf '%s\n' "$obj" | jq -e --arg r "$rule" \
			'[.evidence[] | select(.name == $r)] | length > 0' >/dev/null || {
			echo "# indicator $rule missing: $obj"
			return 1
		}
	done
}

while IFS='	' read -r path verdict category rules _flags; do
	case $path in '' | '#'*) continue ;; esac
	title="$path: $verdict${category:+ $category}"
	test_expect_success "$title" "check_fixture '$path' '$verdict' '$category' '$rules'"
done <"$HEUR/EXPECT"

if command -v yara >/dev/null 2>&1; then
	test_expect_success 'the rules compile without warnings (no slow strings)' '
		for f in "$SIGS"/yara/*.yar; do
			yara -d layer=0 "$f" /dev/null >out 2>&1 || { cat out; exit 1; }
			if grep -i warning out; then exit 1; fi
		done
	'
else
	test_skip 'the rules compile without warnings (no slow strings)' 'no yara command'
fi

# A rule pairing offsets in its condition (every send with every loop) is
# quadratic: 100,000 sends followed by 100,000 loops would run the engine
# into its time limit and turn the file into an error.
test_expect_success 'crafted input does not exhaust the rules engine' '
	awk "BEGIN { print \"<?php sleep(1);\"; for (i = 0; i < 100000; i++) print \"fwrite(\$f, 1);\"; for (i = 0; i < 100000; i++) print \"for (\$i = 0; \$i < 1; \$i++) { }\" }" >many.php &&
	{ expect_exit 0 hs_scan --no-summary many.php >out 2>err ||
		{ cat out err; false; }; } &&
	! grep "rules engine failed" out err
'

test_expect_success 'every fixture file is listed in EXPECT' '
	(cd "$HEUR" && find . -type f ! -name EXPECT ! -name wrap.pl | sed "s|^\./||" | sort) >files &&
	grep -v "^#" "$HEUR/EXPECT" | cut -f1 | sort >listed &&
	diff files listed
'

test_expect_success 'a directory scan finds every suspicious fixture' '
	expect_exit 1 hs_scan --all-files -i --no-summary "$HEUR" >out 2>err &&
	! grep "lookalike/" out
'

# With the signatures sigs/ ships, a fixture may be named by a signature
# instead (infected wins over suspicious): it must still be found, and the
# look-alikes must stay clean.
test_expect_success 'with the project signatures too: all found, look-alikes clean' '
	{ expect_exit 1 ss_scan --all-files -i --no-summary "$HEUR" >out 2>err ||
		{ cat err; false; }; } &&
	! grep "lookalike/" out &&
	grep -v "^#" "$HEUR/EXPECT" | while IFS="	" read -r path verdict category rules _flags; do
		[ -n "$path" ] && [ "$verdict" != clean ] || continue
		grep -F "$HEUR/$path: " out | grep -q " FOUND$" ||
			{ echo "# not found: $path"; exit 1; }
	done
'

test_done
