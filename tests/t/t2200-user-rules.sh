#!/bin/sh
# t2200-user-rules: --rules DIR adds the user's own YARA rules to the
# project's; a rule that does not compile is one error line naming the
# file and the line, and exit status 2.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/heur-lib.sh"

test_expect_success 'setup' '
	mkdir rules broken &&
	cat >rules/local.yar <<-\EOR &&
	rule local_spam_kit_marker
	{
		meta:
			score = 10
			category = "local-kit"
			description = "a marker of a kit seen on this server"
		strings:
			$m = "KIT-MARKER-7f3a"
		condition:
			$m
	}
	EOR
	printf "<?php\n// KIT-MARKER-7f3a\necho 1;\n" >kit.php &&
	printf "<?php\necho 1;\n" >plain.php &&
	printf "rule ok_rule { condition: false }\nrule bad_rule {\n  strings: \$a = \"x\"\n  condition: \$b\n}\n" >broken/bad.yar
'

test_expect_success 'without --rules the marked file is clean' '
	expect_exit 0 hs_scan --no-summary kit.php
'

test_expect_success '--rules DIR: the user rule fires and names the finding' '
	expect_exit 1 hs_scan --no-summary --rules rules --jsonl kit.php >out.jsonl &&
	jq -c "select(.path)" out.jsonl >r.json &&
	jq -e ".verdict == \"suspicious\" and .name == \"SpamSweep.Heuristic.LocalKit\"" r.json &&
	jq -e "[.evidence[] | select(.name == \"local_spam_kit_marker\" and .score == 10 and .category == \"local-kit\")] | length == 1" r.json
'

test_expect_success '--rules DIR leaves other files clean' '
	expect_exit 0 hs_scan --no-summary --rules rules plain.php
'

test_expect_success 'the project rules still run beside the user rules' '
	expect_exit 1 hs_scan --no-summary --rules rules --jsonl "$FIXTURES/heur/s3-fsockopen.php" >out.jsonl &&
	jq -c "select(.path)" out.jsonl >r.json &&
	jq -e ".name == \"SpamSweep.Heuristic.MailerSocket\"" r.json
'

test_expect_success 'a broken user rule: one error line naming file and line, exit 2' '
	{ expect_exit 2 hs_scan --no-summary --rules broken plain.php >out 2>err ||
		{ cat err; false; }; } &&
	[ "$(wc -l <err)" = 1 ] &&
	grep -E "broken/bad\.yar:[45]: " err
'

test_expect_success 'a missing rules directory is an error, exit 2' '
	{ expect_exit 2 hs_scan --no-summary --rules no-such-dir plain.php >out 2>err ||
		{ cat err; false; }; } &&
	grep "no-such-dir" err
'

test_expect_success 'a rule that stalls the engine costs a bounded time and loses no verdict' '
	mkdir -p stall sigs2 &&
	make_test_sigs sigs2 &&
	cat >stall/stall.yar <<-\EOR &&
	rule stall_the_engine
	{
		meta:
			score = 1
			category = "test"
		condition:
			for any i in (0..filesize) : (for any j in (0..filesize) : (uint8(i) + uint8(j) == 600))
	}
	EOR
	{ printf "<?php // %s\n" "$MARKER"; head -c 60000 /dev/zero | tr "\\0" a; } >stalled.php &&
	SPAMSWEEP_TEST_RULES_BUDGET_SEC=2 \
	expect_exit 1 timeout 120 "$SPAMSWEEP" scan --no-system-db --sigs sigs2 \
		--rules stall --jsonl stalled.php >out.jsonl &&
	jq -s -e ".[0].verdict == \"infected\" and .[0].name == \"Test.Marker.UNOFFICIAL\"" out.jsonl &&
	jq -s -e "[.[0].evidence[] | select(.name == \"SpamSweep.Limit.Rules\")] | length == 1" out.jsonl
'

test_done
