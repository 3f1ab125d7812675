#!/bin/sh
# t2000-heuristics: every fixture in tests/fixtures/heur/EXPECT gets the
# verdict, the category (printed as SpamSweep.Heuristic.<Category>) and the
# indicators it lists; the look-alikes stay clean. Fixtures flagged "deobf"
# are found only through the layers the deobfuscator decodes.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/heur-lib.sh"

HEUR="$FIXTURES/heur"

# One scan of the whole fixture directory, heuristics only; every
# per-fixture test below reads its file's result from it. heur.tsv has
# one line per listed result: path, verdict, name, indicators (a,b,c).
hs_scan --all-files --jsonl "$HEUR" >"$TRASH/heur.jsonl" 2>"$TRASH/heur.err"
echo $? >"$TRASH/heur.rc"
jq -r 'select(.path) | [.path, .verdict, .name, ([.evidence[]?.name] | join(","))] | @tsv' \
	"$TRASH/heur.jsonl" >"$TRASH/heur.tsv"

# One pass over EXPECT: for its Nth fixture, res/N holds the fixture's
# lines of heur.tsv (none for a clean file), and expect.tsv a line N,
# path, verdict, category, the name the category gives
# (SpamSweep.Heuristic.<Category>: "mailer-socket" -> "MailerSocket"),
# rules. The tests then need no process of their own.
mkdir "$TRASH/res"
awk -F '\t' -v OFS='\t' -v h="$HEUR" -v res="$TRASH/res" '
	FNR == NR { got[$1] = got[$1] $0 "\n"; next }
	$1 == "" || $1 ~ /^#/ { next }
	{
		n++
		printf "%s", got[h "/" $1] >(res "/" n)
		close(res "/" n)
		k = split($3, w, /[^A-Za-z0-9]+/)
		name = "SpamSweep.Heuristic."
		for (i = 1; i <= k; i++)
			name = name toupper(substr(w[i], 1, 1)) substr(w[i], 2)
		print n, $1, $2, $3, name, $4
	}' "$TRASH/heur.tsv" "$HEUR/EXPECT" >"$TRASH/expect.tsv"

test_expect_success 'one scan of the fixtures: exit 1, no error, every file analysed' '
	test_grep -x 1 heur.rc &&
	! test -s heur.err &&
	jq -se "[.[] | select(.type == \"summary\")] | length == 1 and .[0].errors == 0" \
		heur.jsonl >/dev/null &&
	jq -se ".[] | select(.type == \"summary\") | .errors == 0 and .scanned == .files_seen" \
		heur.jsonl >/dev/null
'

# check_fixture N PATH VERDICT NAME RULES: the fixture's result, res/N, is
# one line saying VERDICT, NAME (if suspicious) and every one of RULES; a
# clean fixture has no result at all.
check_fixture() {
	r="res/$1"
	test -f "$HEUR/$2" || { echo "missing fixture $2"; return 1; }
	if [ "$3" = clean ]; then
		if [ -s "$r" ]; then
			echo "expected clean, got:"
			cat "$r"
			hs_scan --all-files --no-summary --threshold 1 --jsonl "$HEUR/$2" | jq -c .
			return 1
		fi
		return 0
	fi
	{ read -r _l && ! read -r _l; } <"$r" ||
		{ echo "expected one result for $2:"; cat "$r"; return 1; }
	IFS='	' read -r _p verdict name evidence <"$r" || return 1
	[ "$verdict" = "$3" ] || { echo "verdict $verdict, expected $3:"; cat "$r"; return 1; }
	if [ "$3" = suspicious ]; then
		[ "$name" = "$4" ] || { echo "name $name, expected $4:"; cat "$r"; return 1; }
	fi
	[ "$5" = - ] && return 0
	rules=$5,
	while [ -n "$rules" ]; do
		rule=${rules%%,*}
		rules=${rules#*,}
		case ",$evidence," in
		*",$rule,"*) ;;
		*) echo "indicator $rule missing:"; cat "$r"; return 1 ;;
		esac
	done
}

while IFS='	' read -r n path verdict category name rules; do
	title="$path: $verdict${category:+ $category}"
	test_expect_success "$title" "check_fixture '$n' '$path' '$verdict' '$name' '$rules'"
done <"$TRASH/expect.tsv"

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
