#!/bin/sh
# t2300-rules-doc: the documentation of the rules cannot drift from the
# rules. The tables of doc/heuristics.md (YARA rules) and
# doc/signatures.md (ClamAV signatures) must be what sigs/mkdoc.py makes
# of sigs/yara/*.yar and sigs/mkldb.py; every YARA rule carries id, score,
# category, technique and description; every technique a rule or a
# signature cites is defined in doc/techniques.md, and every category is
# listed in doc/heuristics.md. The second half breaks
# a copy of sigs/ and doc/ in each of those ways and checks that the
# check notices.
. "$(dirname "$0")/test-lib.sh"

SRC=${SS_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MKDOC="$SRC/sigs/mkdoc.py"

# fresh_copy DIR: sigs/ and doc/ of the source tree, to break (writable,
# even when the source tree is not, as in make distcheck).
fresh_copy() {
	rm -rf "$1" && mkdir -p "$1" && cp -R "$SRC/sigs" "$SRC/doc" "$1/" &&
	chmod -R u+w "$1"
}

# edit FILE SED-SCRIPT: sed in place, portably.
edit() {
	sed "$2" "$1" >"$1.new" && mv "$1.new" "$1"
}

if ! command -v python3 >/dev/null 2>&1; then
	test_skip 'the rules documentation matches the rules' 'no python3'
	test_done
	exit
fi

test_expect_success 'the tables in doc/ are what sigs/mkdoc.py generates' '
	python3 "$MKDOC" --srcdir "$SRC" --check
'

test_expect_success 'every rule has its five meta fields and cites defined techniques' '
	python3 "$MKDOC" --srcdir "$SRC" --lint >out &&
	test ! -s out
'

test_expect_success 'the tables list every rule and every signature' '
	test "$(python3 "$MKDOC" --srcdir "$SRC" --list | wc -l)" -eq \
		"$(cat "$SRC"/sigs/yara/*.yar | grep -c "^rule ")" &&
	test "$(python3 "$MKDOC" --srcdir "$SRC" --list | wc -l)" -eq \
		"$(grep -c "^| \`[a-z_0-9]*\` | [a-z]*\.yar |" "$SRC/doc/heuristics.md")" &&
	test "$(wc -l <"$SRC/sigs/spamsweep.ldb")" -eq \
		"$(grep -c "^| \`SpamSweep\." "$SRC/doc/signatures.md")"
'

if command -v yara >/dev/null 2>&1; then
	test_expect_success 'mkdoc.py reads the rules, scores and categories libyara reads' '
		{ yara -m -d layer=0 "$SRC"/sigs/yara/*.yar /dev/null &&
		  yara -n -m -d layer=0 "$SRC"/sigs/yara/*.yar /dev/null; } >meta &&
		sed -n "s/^\([A-Za-z0-9_]*\) .*[[,]score =\(-*[0-9]*\)[],].*/\1 \2/p" meta |
			LC_ALL=C sort >yara-scores &&
		sed -n "s/^\([A-Za-z0-9_]*\) .*[[,]category=\"\([^\"]*\)\"[],].*/\1 \2/p" meta |
			LC_ALL=C sort >yara-categories &&
		python3 "$MKDOC" --srcdir "$SRC" --list >list &&
		cut -f1,2 list | tr "\t" " " | LC_ALL=C sort >mkdoc-scores &&
		cut -f1,3 list | tr "\t" " " | LC_ALL=C sort >mkdoc-categories &&
		test -s yara-scores &&
		diff -u yara-scores mkdoc-scores &&
		diff -u yara-categories mkdoc-categories
	'
else
	test_skip 'mkdoc.py reads the rules, scores and categories libyara reads' 'no yara'
fi

test_expect_success 'the docs cite only what is in the repository' '
	cd "$SRC" &&
	! grep -rnIE "TECHNIQUES|\.\./shared|[Ii]ssue [0-9]" \
		sigs doc README.md demo bench contrib tests/fixtures
'

# --- each check can fail ------------------------------------------------

test_expect_success 'a score changed in a rule: the table differs' '
	fresh_copy src &&
	edit src/sigs/yara/context.yar "/^rule ctx_dnsbl/,/^}/s/score = 4/score = 6/" &&
	! python3 "$MKDOC" --srcdir src --check >out &&
	grep "^-| .ctx_dnsbl. | context.yar | 4 |" out &&
	grep "^+| .ctx_dnsbl. | context.yar | 6 |" out &&
	python3 "$MKDOC" --srcdir src &&
	python3 "$MKDOC" --srcdir src --check
'

test_expect_success 'a new rule: the table lacks it' '
	fresh_copy src &&
	cat >>src/sigs/yara/webshell.yar <<-\EOF &&

	rule ws_test_marker
	{
		meta:
			id = "ws_test_marker"
			score = 1
			category = "webshell"
			technique = "T-SHELL-EXEC"
			description = "a rule added by the test"
		strings:
			$a = "t2300 marker"
		condition:
			$a
	}
	EOF
	python3 "$MKDOC" --srcdir src --lint &&
	! python3 "$MKDOC" --srcdir src --check >out &&
	grep "^+| .ws_test_marker. | webshell.yar | 1 | webshell | .T-SHELL-EXEC. |" out
'

test_expect_success 'the table edited by hand: it differs' '
	fresh_copy src &&
	edit src/doc/heuristics.md "s/^\(| .hdr_priority. .*\)high-priority/\1urgent/" &&
	! python3 "$MKDOC" --srcdir src --check >out &&
	grep "^-| .hdr_priority. .* urgent headers" out
'

test_expect_success 'the markers removed: the check fails' '
	fresh_copy src &&
	edit src/doc/heuristics.md "/^<!-- END rules table -->\$/d" &&
	! python3 "$MKDOC" --srcdir src --check 2>err &&
	grep "markers of the rules table are missing" err
'

for field in id score category technique description; do
	test_expect_success "a rule without $field: lint fails" '
		fresh_copy src &&
		edit src/sigs/yara/sending.yar "/^rule mx_lookup\$/,/^}/{/^		$field = /d;}" &&
		! python3 "$MKDOC" --srcdir src --lint >out &&
		grep "rule mx_lookup: no meta $field\$" out
	'
done

test_expect_success 'a score that is not an integer, an id that is not the name: lint fails' '
	fresh_copy src &&
	edit src/sigs/yara/sending.yar "/^rule mx_lookup\$/,/^}/s/score = 2/score = \"2\"/" &&
	edit src/sigs/yara/sending.yar "/^rule smtp_library\$/,/^}/s/id = \"smtp_library\"/id = \"smtp_lib\"/" &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "rule mx_lookup: score is not an integer" out &&
	grep "rule smtp_library: id .smtp_lib. is not the rule.s name" out
'

test_expect_success 'a rule citing an undefined technique: lint fails' '
	fresh_copy src &&
	edit src/sigs/yara/hiding.yar "/^rule hide_goto_spaghetti\$/,/^}/s/T-NOISE/T-NOISE, T-NO-SUCH-THING/" &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "rule hide_goto_spaghetti: technique T-NO-SUCH-THING is not defined in doc/techniques.md" out
'

test_expect_success 'a category doc/heuristics.md does not list: lint fails' '
	fresh_copy src &&
	edit src/sigs/yara/context.yar "/^rule hdr_priority\$/,/^}/s/category = \"header-forgery\"/category = \"header-forger\"/" &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "rule hdr_priority: category header-forger is not listed in doc/heuristics.md" out
'

test_expect_success 'a technique removed from doc/techniques.md: lint names its rules' '
	fresh_copy src &&
	edit src/doc/techniques.md "/^| .T-DNSBL. |/d" &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "rule ctx_dnsbl: technique T-DNSBL is not defined" out
'

test_expect_success 'a technique defined twice: lint fails' '
	fresh_copy src &&
	grep "^| .T-DNSBL. |" src/doc/techniques.md >row &&
	cat row >>src/doc/techniques.md &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "T-DNSBL is defined twice" out
'

test_expect_success 'a signature citing an undefined technique, or changed: lint and check fail' '
	fresh_copy src &&
	edit src/sigs/mkldb.py "s/^sig(\"SpamSweep.PHP.Mailer.OpenRelay-1\", \"T-OPEN-RELAY\"/sig(\"SpamSweep.PHP.Mailer.OpenRelay-1\", \"T-NO-RELAY\"/" &&
	! python3 "$MKDOC" --srcdir src --lint >out &&
	grep "SpamSweep.PHP.Mailer.OpenRelay-1: technique T-NO-RELAY is not defined" out &&
	! python3 "$MKDOC" --srcdir src --check >out &&
	grep "^+| .SpamSweep.PHP.Mailer.OpenRelay-1. | .T-NO-RELAY. |" out
'

test_done
