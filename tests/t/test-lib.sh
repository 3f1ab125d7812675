# test-lib.sh: the shell test library, after git's t/test-lib.sh.
# Each tests/t/tNNNN-*.sh sources it, declares tests with
#     test_expect_success [PREREQ,...] 'what it proves' '
#         command &&
#         command
#     '
# and ends with test_done. Output is TAP, so automake counts each test.
#
# A body runs in a subshell in $TRASH, stdin from /dev/null, without
# set -e: as in git, what fails a test is the && chain, so every command
# of a body must be chained to the next one. Before it runs, each body is
# linted: "(exit 117) && BODY" must leave 117 behind, which it does only
# if no command of the body can run after the first one fails. A broken
# chain is a failed test that says so, and the body is not run. Loops
# inside a body end their steps with "|| return 1" (the body is a
# function, so return leaves it). Helper functions called from a body
# chain their steps too: they run in an && list, where set -e is off.
#
# Prerequisites: test_expect_success ROOT,TMPFS 'title' 'body' runs the
# body only if every prerequisite holds; otherwise the test is reported
# "ok N - title # SKIP missing PREREQ (reason)". test_set_prereq NAME
# declares one, test_lazy_prereq NAME 'probe' ['reason'] probes it on
# first use (in a scratch directory), test_have_prereq NAME,... asks.
# "!NAME" requires NAME to be missing.
#
# test_when_finished 'command' (inside a body) runs the command when the
# test ends, passed or failed: an unmount, a kill of a background job.
#
# test_expect_failure marks a known breakage: its failure is reported as
# "not ok ... # TODO known breakage" (automake's XFAIL), a pass as
# "ok ... # TODO known breakage vanished" (XPASS, a failure in CI).
#
# Every test script gets a fresh scratch directory $TRASH, removed at exit.

: "${SPAMSWEEP:?run through make check, or set SPAMSWEEP}"
: "${SS_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
FIXTURES="$SS_SRCDIR/tests/fixtures"
SIGS="$SS_SRCDIR/sigs"
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/spamsweep-test.XXXXXX")
export FIXTURES SIGS TRASH
trap 'chmod -R u+rwx "$TRASH" 2>/dev/null; rm -rf "$TRASH"' EXIT
LF='
'

test_count=0
test_failed=0
test_skipped=0
test_broken=0
test_fixed=0

# Runs the binary on the project's signatures only, so that results do
# not depend on whether this machine has ClamAV's databases.
ss() {
	"$SPAMSWEEP" "$@"
}
ss_scan() {
	"$SPAMSWEEP" scan --no-system-db "$@"
}

# make_test_sigs DIR: a signature directory with one test signature,
# Test.Marker, matching the string SPAMSWEEP-TEST-MARKER in any file.
MARKER=SPAMSWEEP-TEST-MARKER
make_test_sigs() {
	mkdir -p "$1" &&
	hex=$(printf '%s' "$MARKER" | od -An -tx1 | tr -d ' \n') &&
	echo "Test.Marker:0:*:$hex" >"$1/test.ndb"
}

# expect_exit N command...: runs the command, fails unless it exits N.
expect_exit() {
	want=$1
	shift
	"$@" && got=0 || got=$?
	if [ "$got" != "$want" ]; then
		echo "# expected exit $want, got $got: $*" >&2
		return 1
	fi
}

# test_must_fail command...: the command must fail in a controlled way
# (exit 1 to 125), not succeed and not die of a signal.
# wait_stopped PID WHAT: waits (at most about 10 s) until process PID is
# stopped (a SPAMSWEEP_TEST_*STOP_AT hook sent it SIGSTOP). If it ends or
# does not stop in time, kills it, says "WHAT did not stop" and fails.
wait_stopped() {
	n=0
	until test "$(cut -d" " -f3 /proc/$1/stat 2>/dev/null)" = T; do
		n=$((n + 1))
		if test $n -gt 100 || ! kill -0 "$1" 2>/dev/null; then
			kill -9 "$1" 2>/dev/null
			echo "# $2 did not stop" >&2
			wait "$1"
			return 1
		fi
		sleep 0.1
	done
}

test_must_fail() {
	"$@" && got=0 || got=$?
	if [ "$got" = 0 ]; then
		echo "test_must_fail: command succeeded: $*" >&2
		return 1
	elif [ "$got" -gt 125 ]; then
		echo "test_must_fail: died of signal or could not run ($got): $*" >&2
		return 1
	fi
	return 0
}

# test_grep [!] [GREP-OPTIONS] PATTERN FILE: grep that, when it fails,
# says what it looked for and prints the file it searched. "!" asks for
# no match at all.
test_grep() {
	test_grep_neg_=
	if [ "$1" = "!" ]; then
		test_grep_neg_=1
		shift
	fi
	if [ $# -lt 2 ]; then
		echo "test_grep: needs a pattern and a file: $*" >&2
		return 1
	fi
	eval "test_grep_file_=\${$#}"
	if [ ! -f "$test_grep_file_" ]; then
		echo "test_grep: no such file: $test_grep_file_" >&2
		return 1
	fi
	if [ -z "$test_grep_neg_" ]; then
		grep "$@" && return 0
		echo "error: 'grep $*' found no match in:" >&2
	else
		grep "$@" || return 0
		echo "error: 'grep $*' found a match (none wanted) in:" >&2
	fi
	if [ -s "$test_grep_file_" ]; then
		sed 's/^/| /' "$test_grep_file_" >&2
	else
		echo "<file '$test_grep_file_' is empty>" >&2
	fi
	return 1
}

# test_cmp EXPECTED ACTUAL: equal files, or the difference is shown.
test_cmp() {
	diff -u "$@"
}

# Prerequisites. A satisfied one is listed in $test_prereqs_, a missing
# one in $test_missing_prereqs_; a lazy one keeps its probe and reason in
# test_lazy_probe_NAME / test_lazy_reason_NAME until it is first asked.
test_prereqs_=" "
test_missing_prereqs_=" "

test_set_prereq() {
	test_prereqs_="$test_prereqs_$1 "
}

test_lazy_prereq() {
	eval "test_lazy_probe_$1=\$2"
	eval "test_lazy_reason_$1=\${3:-}"
}

# test_prereq_reason_ NAME: why NAME is missing.
test_prereq_reason_() {
	eval "test_reason_=\${test_lazy_reason_$1:-}"
	if [ -z "$test_reason_" ]; then
		if eval "[ -n \"\${test_lazy_probe_$1+set}\" ]"; then
			test_reason_="probe failed"
		else
			test_reason_="never set"
		fi
	fi
	printf '%s' "$test_reason_"
}

# test_have_one_prereq_ NAME: 0 if NAME holds (probing it if lazy).
test_have_one_prereq_() {
	case $test_prereqs_ in *" $1 "*) return 0 ;; esac
	case $test_missing_prereqs_ in *" $1 "*) return 1 ;; esac
	if eval "[ -n \"\${test_lazy_probe_$1+set}\" ]"; then
		eval "test_probe_=\$test_lazy_probe_$1"
		test_probe_dir_="$TRASH/.prereq-$1"
		mkdir -p "$test_probe_dir_"
		if (cd "$test_probe_dir_" && eval "$test_probe_") \
			</dev/null >"$TRASH/.prereq-$1.out" 2>&1; then
			test_set_prereq "$1"
			rm -rf "$test_probe_dir_"
			return 0
		fi
		rm -rf "$test_probe_dir_"
	fi
	test_missing_prereqs_="$test_missing_prereqs_$1 "
	return 1
}

# test_have_prereq NAME,!NAME,...: all of them hold. Sets
# $test_missing_ to the first one that does not, with its reason.
test_have_prereq() {
	test_missing_=
	test_old_ifs_=$IFS
	IFS=,
	set -- $*
	IFS=$test_old_ifs_
	for test_p_ in "$@"; do
		case $test_p_ in
		!*)
			if test_have_one_prereq_ "${test_p_#!}"; then
				test_missing_="$test_p_ (${test_p_#!} is present)"
				return 1
			fi
			;;
		*)
			if ! test_have_one_prereq_ "$test_p_"; then
				test_missing_="$test_p_ ($(test_prereq_reason_ "$test_p_"))"
				return 1
			fi
			;;
		esac
	done
	return 0
}

# The prerequisites the tests share.
test_lazy_prereq ROOT '[ "$(id -u)" = 0 ]' 'not running as root'
test_lazy_prereq MOUNT_NS 'unshare -m true' 'unshare -m does not work here'
test_lazy_prereq TMPFS '
	mkdir mnt &&
	mount -t tmpfs -o size=64k tmpfs mnt &&
	umount mnt
' 'cannot mount a tmpfs here'
test_lazy_prereq BIND_MOUNT '
	mkdir a b &&
	mount --bind a b &&
	umount b
' 'cannot bind-mount here'
test_lazy_prereq JQ 'command -v jq' 'jq not installed'
test_lazy_prereq PYTHON3 'command -v python3' 'python3 not installed'
test_lazy_prereq YARA 'command -v yara' 'the yara command is not installed'
test_lazy_prereq CLAMSCAN 'command -v clamscan' 'clamscan not installed'
test_lazy_prereq SCRIPT 'command -v script' 'script(1) not installed'

# The body runs as a function, so that "return 1" leaves it.
test_eval_() {
	eval "$1"
}

# test_run_ BODY: 0 if the body's chain is whole and the body succeeds.
# Its output is in $TRASH/.out.N.
test_run_() {
	test_out_="$TRASH/.out.$test_count"
	test_lint_=$({ cd "$TRASH" &&
		test_eval_ "(exit 117) && $1${LF}${LF}echo OK-\$? >&3"; } \
		3>&1 >/dev/null 2>&1 </dev/null)
	if [ "$test_lint_" != OK-117 ]; then
		{
			echo "broken &&-chain or run-away HERE-DOC (not run):"
			printf '%s\n' "$1"
		} >"$test_out_"
		return 1
	fi
	(
		test_cleanup_=:
		cd "$TRASH" && test_eval_ "$1"
		test_rc_=$?
		if ! eval "$test_cleanup_"; then
			echo "test_when_finished: the clean-up failed"
			[ "$test_rc_" != 0 ] || test_rc_=1
		fi
		exit "$test_rc_"
	) </dev/null >"$test_out_" 2>&1
}

# test_when_finished COMMAND...: run COMMAND when the test ends, passed
# or failed (clean-ups run last first; one that fails fails the test).
test_when_finished() {
	test_cleanup_="{ $*
} && $test_cleanup_"
}

# test_start_ ARGS: parses [PREREQ] TITLE BODY into $test_prereq_,
# $test_title_, $test_body_; counts the test. 1 if it is to be skipped
# (and says so).
test_start_() {
	test_prereq_=
	if [ $# = 3 ]; then
		test_prereq_=$1
		shift
	elif [ $# != 2 ]; then
		echo "bug in the test script: test_expect_* wants [PREREQ] TITLE BODY, got $# arguments" >&2
		exit 99
	fi
	test_title_=$1
	test_body_=$2
	test_count=$((test_count + 1))
	if [ -n "$test_prereq_" ] && ! test_have_prereq "$test_prereq_"; then
		test_skipped=$((test_skipped + 1))
		echo "ok $test_count - $test_title_ # SKIP missing $test_missing_"
		return 1
	fi
	return 0
}

test_expect_success() {
	test_start_ "$@" || return 0
	if test_run_ "$test_body_"; then
		echo "ok $test_count - $test_title_"
	else
		echo "not ok $test_count - $test_title_"
		sed 's/^/# /' "$test_out_"
		test_failed=$((test_failed + 1))
	fi
}

# A known breakage: the body is expected to fail (say why in a comment).
test_expect_failure() {
	test_start_ "$@" || return 0
	if test_run_ "$test_body_"; then
		echo "ok $test_count - $test_title_ # TODO known breakage vanished"
		test_fixed=$((test_fixed + 1))
	else
		echo "not ok $test_count - $test_title_ # TODO known breakage"
		sed 's/^/# /' "$test_out_"
		test_broken=$((test_broken + 1))
	fi
}

# test_skip 'what' 'why': a test not run, counted as skipped in TAP.
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

test_done() {
	if [ "$test_broken" != 0 ]; then
		echo "# still have $test_broken known breakage(s)"
	fi
	if [ "$test_fixed" != 0 ]; then
		echo "# $test_fixed known breakage(s) vanished; mark them test_expect_success"
	fi
	if [ "$test_failed" != 0 ]; then
		echo "# failed $test_failed among $test_count test(s)"
	fi
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}
