#!/bin/sh
# t2100-explain: --explain on an obfuscated fixture shows every indicator
# with the decoder chain of the layer it matched in and the line that gave
# it away.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/heur-lib.sh"

F="$FIXTURES/heur/h1-eval-chain.php"

test_expect_success '--explain names the finding and the decoder chain' '
	{ expect_exit 1 hs_scan --no-summary --explain "$F" >out 2>err ||
		{ cat out err; false; }; } &&
	grep "h1-eval-chain.php: SpamSweep.Heuristic.MailerSocket FOUND" out &&
	grep "base64_decode" out | grep "gzinflate"
'

test_expect_success '--explain shows the decoded line that gave it away' '
	grep "mailer_socket_request\|send_socket_smtp" out &&
	grep "fsockopen" out
'

test_expect_success 'JSON evidence carries layer, chain, line and excerpt' '
	expect_exit 1 hs_scan --no-summary --jsonl "$F" >out.jsonl &&
	jq -c "select(.path)" out.jsonl >r.json &&
	jq -e "[.evidence[] | select(.name == \"send_socket_smtp\" and .layer >= 1 and (.chain | test(\"base64_decode\")) and .line > 0 and (.excerpt | test(\"fsockopen\")))] | length == 1" r.json
'

test_done
