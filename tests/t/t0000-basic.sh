#!/bin/sh
# t0000-basic: the test harness itself (tests/t/test-lib.sh). Small test
# scripts written into $TRASH are run and their TAP output checked: a
# passing body is "ok"; a body whose middle step fails is "not ok" and
# stops there; a body with a broken && chain is "not ok", says so and is
# not run; a missing prerequisite is a SKIP with its reason; test_grep
# shows the file it searched; a known breakage is a TODO; a clean-up
# registered with test_when_finished runs whether the test passes or not.
. "$(dirname "$0")/test-lib.sh"

# Side effects of the sub-tests land in $OUTER, outside their own $TRASH.
OUTER="$TRASH/outer"
mkdir -p "$OUTER"
export OUTER

# sub NAME: writes stdin, after the line that sources the library, to
# $TRASH/NAME.sh.
sub() {
	{
		echo '. "$SS_SRCDIR/tests/t/test-lib.sh"'
		cat
		echo 'test_done'
	} >"$TRASH/$1.sh"
}

# run_sub NAME: runs it; its TAP output is NAME.out, its exit status
# NAME.rc.
run_sub() {
	sh "$TRASH/$1.sh" >"$1.out" 2>"$1.err" && echo 0 >"$1.rc" || echo $? >"$1.rc"
}

sub pass <<\EOT
test_expect_success 'it passes' '
	echo one >"$OUTER/pass.1" &&
	test -f "$OUTER/pass.1"
'
EOT

sub middle <<\EOT
test_expect_success 'a middle step fails' '
	echo first >"$OUTER/middle.1" &&
	false &&
	echo third >"$OUTER/middle.3"
'
test_expect_success 'a loop step fails' '
	for i in 1 2 3; do
		test "$i" != 2 || return 1
		echo "$i" >>"$OUTER/loop"
	done &&
	echo after >"$OUTER/loop.after"
'
EOT

sub chain <<\EOT
test_expect_success 'the chain is broken after a step' '
	echo first >"$OUTER/chain.1"
	false
	true
'
test_expect_success 'set +e hides a failure' '
	echo first >"$OUTER/sete.1" &&
	set +e
	false
	set -e &&
	true
'
test_expect_success 'a chained body after them still runs' '
	echo ok >"$OUTER/chain.after"
'
EOT

sub prereq <<\EOT
test_lazy_prereq NOPE 'false' 'nope is not on this machine'
test_lazy_prereq YES 'true'
test_set_prereq SET
test_expect_success NOPE 'needs a missing prerequisite' '
	echo ran >"$OUTER/nope"
'
test_expect_success YES,SET 'needs two present ones' '
	echo ran >"$OUTER/yes"
'
test_expect_success SET,NOPE 'needs one present, one missing' '
	echo ran >"$OUTER/setnope"
'
test_expect_success !NOPE 'needs one to be missing' '
	echo ran >"$OUTER/notnope"
'
test_expect_success NEVER 'needs one never declared' '
	echo ran >"$OUTER/never"
'
EOT

sub grep <<\EOT
test_expect_success 'test_grep finds a match' '
	printf "alpha\nbeta\n" >f &&
	test_grep -x beta f &&
	test_grep ! gamma f
'
test_expect_success 'test_grep misses' '
	printf "the-haystack-line\nsecond-line\n" >f &&
	test_grep needle-pattern f
'
test_expect_success 'test_grep ! matches' '
	printf "the-haystack-line\n" >f &&
	test_grep ! haystack f
'
EOT

sub cleanup <<\EOT
test_expect_success 'a failing body still cleans up' '
	test_when_finished "echo done >\"\$OUTER/cleanup.fail\"" &&
	false
'
test_expect_success 'a passing body cleans up, last first' '
	test_when_finished "echo first >>\"\$OUTER/cleanup.order\"" &&
	test_when_finished "echo second >>\"\$OUTER/cleanup.order\"" &&
	true
'
test_expect_success 'a failing clean-up fails the test' '
	test_when_finished false &&
	true
'
EOT

sub known <<\EOT
test_expect_failure 'a known breakage' '
	false
'
test_expect_failure 'a breakage that vanished' '
	true
'
EOT

test_expect_success 'a passing body: ok, the script exits 0' '
	run_sub pass &&
	test_grep -x "ok 1 - it passes" pass.out &&
	test_grep -x "1..1" pass.out &&
	test_grep -x 0 pass.rc &&
	test -f "$OUTER/pass.1"
'

test_expect_success 'a failing middle step: not ok, and the steps after it do not run' '
	run_sub middle &&
	test_grep -x "not ok 1 - a middle step fails" middle.out &&
	test_grep ! "^ok 1" middle.out &&
	test -f "$OUTER/middle.1" &&
	! test -e "$OUTER/middle.3" &&
	test_grep ! -x 0 middle.rc
'

test_expect_success 'a failing step inside a loop (|| return 1): not ok' '
	test_grep -x "not ok 2 - a loop step fails" middle.out &&
	test_grep -x 1 "$OUTER/loop" &&
	! test -e "$OUTER/loop.after"
'

test_expect_success 'a broken &&-chain: not ok, named, and the body not run' '
	run_sub chain &&
	test_grep -x "not ok 1 - the chain is broken after a step" chain.out &&
	test_grep -x "not ok 2 - set +e hides a failure" chain.out &&
	test "$(grep -c "^# broken &&-chain" chain.out)" = 2 &&
	test_grep ! "^ok [12] " chain.out &&
	! test -e "$OUTER/chain.1" &&
	! test -e "$OUTER/sete.1" &&
	test_grep -x "ok 3 - a chained body after them still runs" chain.out &&
	test -f "$OUTER/chain.after" &&
	test_grep ! -x 0 chain.rc
'

test_expect_success 'a missing prerequisite: SKIP with its reason, body not run' '
	run_sub prereq &&
	test_grep -x "ok 1 - needs a missing prerequisite # SKIP missing NOPE (nope is not on this machine)" prereq.out &&
	! test -e "$OUTER/nope" &&
	test_grep -x "ok 2 - needs two present ones" prereq.out &&
	test -f "$OUTER/yes" &&
	test_grep -x "ok 3 - needs one present, one missing # SKIP missing NOPE (nope is not on this machine)" prereq.out &&
	! test -e "$OUTER/setnope" &&
	test_grep -x "ok 4 - needs one to be missing" prereq.out &&
	test -f "$OUTER/notnope" &&
	test_grep -x "ok 5 - needs one never declared # SKIP missing NEVER (never set)" prereq.out &&
	! test -e "$OUTER/never" &&
	test_grep -x 0 prereq.rc
'

test_expect_success 'the shared prerequisites agree with the machine' '
	sub roottest <<-\EOT &&
	test_expect_success ROOT "as root" "true"
	EOT
	run_sub roottest &&
	if [ "$(id -u)" = 0 ]; then
		test_grep -x "ok 1 - as root" roottest.out
	else
		test_grep -x "ok 1 - as root # SKIP missing ROOT (not running as root)" roottest.out
	fi
'

test_expect_success 'test_grep: a match passes, a miss prints the pattern and the file' '
	run_sub grep &&
	test_grep -x "ok 1 - test_grep finds a match" grep.out &&
	test_grep -x "not ok 2 - test_grep misses" grep.out &&
	test_grep "needle-pattern" grep.out &&
	test_grep -x "# | the-haystack-line" grep.out &&
	test_grep -x "# | second-line" grep.out &&
	test_grep -x "not ok 3 - test_grep ! matches" grep.out &&
	test_grep "found a match" grep.out
'

test_expect_success 'test_when_finished runs, failed or not, and can fail a test' '
	run_sub cleanup &&
	test_grep -x "not ok 1 - a failing body still cleans up" cleanup.out &&
	test_grep -x done "$OUTER/cleanup.fail" &&
	test_grep -x "ok 2 - a passing body cleans up, last first" cleanup.out &&
	printf "second\nfirst\n" >order.want &&
	test_cmp order.want "$OUTER/cleanup.order" &&
	test_grep -x "not ok 3 - a failing clean-up fails the test" cleanup.out
'

test_expect_success 'test_expect_failure: a TODO either way' '
	run_sub known &&
	test_grep -x "not ok 1 - a known breakage # TODO known breakage" known.out &&
	test_grep -x "ok 2 - a breakage that vanished # TODO known breakage vanished" known.out
'

test_expect_success 'expect_exit and test_must_fail check the status' '
	expect_exit 3 sh -c "exit 3" &&
	! expect_exit 0 sh -c "exit 3" 2>/dev/null &&
	test_must_fail sh -c "exit 1" &&
	! test_must_fail true 2>/dev/null &&
	! test_must_fail sh -c "kill -9 \$\$" 2>/dev/null
'

test_done
