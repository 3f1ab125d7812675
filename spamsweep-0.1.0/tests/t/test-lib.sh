# test-lib.sh: the shell test library, after git's t/test-lib.sh.
# Each tests/t/tNNNN-*.sh sources it, declares tests with
#     test_expect_success 'what it proves' '
#         commands (a failing command fails the test: set -e)
#     '
# and ends with test_done. Output is TAP, so automake counts each test.
# Every test script gets a fresh scratch directory $TRASH, removed at exit.

: "${SPAMSWEEP:?run through make check, or set SPAMSWEEP}"
: "${SS_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
FIXTURES="$SS_SRCDIR/tests/fixtures"
SIGS="$SS_SRCDIR/sigs"
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/spamsweep-test.XXXXXX")
export FIXTURES SIGS TRASH
trap 'chmod -R u+rwx "$TRASH" 2>/dev/null; rm -rf "$TRASH"' EXIT

test_count=0
test_failed=0
test_skipped=0

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
	mkdir -p "$1"
	hex=$(printf '%s' "$MARKER" | od -An -tx1 | tr -d ' \n')
	echo "Test.Marker:0:*:$hex" >"$1/test.ndb"
}

# expect_exit N command...: runs the command, fails unless it exits N.
expect_exit() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "# expected exit $want, got $got: $*" >&2
		return 1
	fi
}

# A test that fails prints its output as TAP comments.
test_expect_success() {
	test_count=$((test_count + 1))
	out="$TRASH/.out.$test_count"
	if (set -e; cd "$TRASH"; eval "$2") >"$out" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$out"
		test_failed=$((test_failed + 1))
	fi
}

# test_skip 'what' 'why': counts as skipped in TAP.
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}
