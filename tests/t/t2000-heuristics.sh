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

# One scan of the whole fixture directory, heuristics only; every
# per-fixture test below reads its file's result from it. heur.tsv has
# one line per listed result: path, verdict, name, indicators (a,b,c).
hs_scan --all-files --jsonl "$HEUR" >"$TRASH/heur.jsonl" 2>"$TRASH/heur.err"
echo $? >"$TRASH/heur.rc"
jq -r 'select(.path) | [.path, .verdict, .name, ([.evidence[]?.name] | join(","))] | @tsv' \
	"$TRASH/heur.jsonl" >"$TRASH/heur.tsv"

test_expect_success 'one scan of the fixtures: exit 1, no error, every file analysed' '
	test_grep -x 1 heur.rc &&
	! test -s heur.err &&
	jq -se "[.[] | select(.type == \"summary\")] | length == 1 and .[0].errors == 0" \
		heur.jsonl >/dev/null &&
	jq -se ".[] | select(.type == \"summary\") | .errors == 0 and .scanned == .files_seen" \
		heur.jsonl >/dev/null
'

# check_fixture PATH VERDICT CATEGORY RULES: the fixture's line of
# heur.tsv says VERDICT, the category's name and every one of RULES; a
# clean one has no line at all.
check_fixture() {
	f="$HEUR/$1"
	test -f "$f" || { echo "missing fixture $1"; return 1; }
	awk -F '\t' -v p="$f" '$1 == p' "$TRASH/heur.tsv" >line || return 1
	if [ "$2" = clean ]; then
		if [ -s line ]; then
			echo "expected clean, got:"
			cat line
			hs_scan --all-files --no-summary --threshold 1 --jsonl "$f" | jq -c .
			return 1
		fi
		return 0
	fi
	test "$(wc -l <line)" = 1 || { echo "expected one result for $f:"; cat line; return 1; }
	IFS='	' read -r _p verdict name evidence <line || return 1
	[ "$verdict" = "$2" ] || { echo "verdict $verdict, expected $2:"; cat line; return 1; }
	if [ "$2" = suspicious ]; then
		want=$(heur_name "$3") || return 1
		[ "$name" = "$want" ] || { echo "name $name, expected $want:"; cat line; return 1; }
	fi
	[ "$4" = - ] && return 0
	for rule in $(printf '%s' "$4" | tr , ' '); do
		case ",$evidence," in
		*",$rule,"*) ;;
		*) echo "indicator $rule missing:"; cat line; return 1 ;;
		esac
	done
}

while IFS='	' read -r path verdict category rules _flags; do
	case $path in '' | '#'*) continue ;; esac
	title="$path: $verdict${category:+ $category}"
	test_expect_success "$title" "check_fixture '$path' '$verdict' '$category' '$rules'"
done <"$HEUR/EXPECT"

test_expect_success YARA 'the rules compile without warnings (no slow strings)' '
	for f in "$SIGS"/yara/*.yar; do
		yara -d layer=0 "$f" /dev/null >out 2>&1 || { cat out; return 1; }
		test_grep ! -i warning out || return 1
	done
'

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

test_expect_success 'the directory scan finds no look-alike' '
	cut -f1 heur.tsv >listed &&
	test_grep ! "/lookalike/" listed
'

# With the signatures sigs/ ships, a fixture may be named by a signature
# instead (infected wins over suspicious): it must still be found, and the
# look-alikes must stay clean.
test_expect_success 'with the project signatures too: all found, look-alikes clean' '
	{ expect_exit 1 ss_scan --all-files -i --no-summary "$HEUR" >out 2>err ||
		{ cat err; false; }; } &&
	test_grep ! "lookalike/" out &&
	grep -v "^#" "$HEUR/EXPECT" |
		awk -F "\t" -v h="$HEUR" "\$1 != \"\" && \$2 != \"clean\" { print h \"/\" \$1 }" |
		LC_ALL=C sort >want-found &&
	sed -n "s/: [^:]* FOUND\$//p" out | LC_ALL=C sort >found &&
	LC_ALL=C comm -23 want-found found >missing &&
	{ ! test -s missing || { echo "not found:"; cat missing; false; }; }
'

test_done
