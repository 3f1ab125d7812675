#!/bin/sh
# A file that changed between its scan and its move is scanned once more.
# Its tenant knows when (inotify, or plain luck) and can swap the file, or
# its directory, for a symlink to a directory outside the tree just
# before that second scan. The rescan must open the file beneath the
# root it was found in, with no symlink on the way, as the first pass
# did: nothing outside the tree may be read, reported or moved. The
# attacker is a tiny C helper exchanging two names (renameat2
# RENAME_EXCHANGE) as fast as it can; SS_RACE_SECONDS (default 2) sets
# how long each blind race runs.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs
RACE_SECONDS=${SS_RACE_SECONDS:-2}

test_lazy_prereq XCHG '
	cat >"$TRASH/xchg.c" <<-\EOF &&
	/* xchg A B PID SECONDS: exchanges A and B until PID is gone (0:
	 * never) or SECONDS have passed; leaves them as they were (if
	 * it can). While one of them is missing (moved away), waits. */
	#define _GNU_SOURCE
	#include <errno.h>
	#include <fcntl.h>
	#include <signal.h>
	#include <stdio.h>
	#include <stdlib.h>
	#include <sys/syscall.h>
	#include <time.h>
	#include <unistd.h>
	#include <linux/fs.h>
	static int xchg(const char *a, const char *b)
	{
		return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
		                    RENAME_EXCHANGE);
	}
	int main(int argc, char **argv)
	{
		struct timespec t0, t;
		unsigned long n = 0;
		pid_t pid = argc > 3 ? atoi(argv[3]) : 0;
		double max = argc > 4 ? atof(argv[4]) : 1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (;;) {
			if (xchg(argv[1], argv[2]) == 0) {
				if ((++n & 15) != 0)
					continue;
			} else if (errno == ENOENT) {
				usleep(100);
			} else {
				perror("renameat2");
				return 1;
			}
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((pid > 0 && kill(pid, 0) != 0) ||
			    t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9 > max)
				break;
		}
		for (int i = 0; n & 1 && i < 10000; i++)
			if (xchg(argv[1], argv[2]) == 0)
				n++;
			else
				usleep(100);
		return 0;
	}
	EOF
	cc -o "$TRASH/xchg" "$TRASH/xchg.c" &&
	mkdir a b && "$TRASH/xchg" a b 0 0.01
' 'cannot build a renameat2(RENAME_EXCHANGE) helper'

# The tree: www/d/evil.php, and outside it a detectable file of its own.
fresh() {
	rm -rf www outside "$VAULT" out err &&
	mkdir -p www/d outside &&
	infected_php www/d/evil.php &&
	infected_php outside/evil.php && echo "// OUTSIDE" >>outside/evil.php &&
	cp -p outside/evil.php outside.orig &&
	outside_ino=$(stat -c %i outside/evil.php)
}

# Nothing outside the tree read (no result with its inode), reported, or
# moved (in the vault, or gone).
outside_untouched() {
	cmp outside/evil.php outside.orig &&
	! grep "\"ino\":$outside_ino," out &&
	! grep OUTSIDE out err &&
	for f in $(vault_files); do
		! grep -l OUTSIDE "$VAULT/$f" || return 1
	done &&
	q list --json >list &&
	test "$(jq "[.[] | select(.ino == $outside_ino or
		(.path | startswith(\"$TRASH/www/\") | not))] | length" list)" = 0
}

# scan_stopped [nightly]: scan --quarantine www (or nightly --full with
# the quarantine Action) in the background, stopped at the step
# "scanned" of the first finding; $pid.
scan_stopped() {
	if test "$1" = nightly; then
		: >empty.conf &&
		set -- nightly --config "$TRASH/empty.conf" --full \
			--cache-file "$TRASH/cache.db" --report-dir "$TRASH/reports" \
			--lock-file "$TRASH/lock" --syslog no --no-progress \
			--scan-root "$TRASH/www" --action quarantine-infected
	else
		set -- scan --quarantine -i --no-summary --jsonl www
	fi
	SPAMSWEEP_TEST_STOP_AT=scanned "$SPAMSWEEP" "$@" --no-system-db \
		--sigs "$TSIGS" --quarantine-dir "$VAULT" >out 2>err &
	pid=$!
	wait_stopped $pid "the scanner" || return 1
}

# timed_race A B [nightly]: the scanner stops after scanning
# www/d/evil.php; the tenant rewrites it (so it is queued for a rescan)
# and, as the scanner goes on, exchanges A and B until it is done.
timed_race() {
	scan_stopped $3 &&
	echo "// more" >>www/d/evil.php &&
	kill -CONT $pid &&
	"$TRASH/xchg" "$1" "$2" $pid 10 &&
	wait $pid
	rc=$?
	cat out err
}

test_expect_success XCHG,JQ 'file swapped for a symlink to an outside directory before the rescan' '
	for i in 1 2 3 4 5; do
		fresh &&
		ln -s "$TRASH/outside" www/d/evil.lnk &&
		timed_race www/d/evil.php www/d/evil.lnk &&
		test "$rc" = 1 &&
		test_grep "scanning it again" out &&
		outside_untouched || return 1
	done
'

test_expect_success XCHG,JQ 'directory swapped for a symlink to an outside directory before the rescan' '
	for i in 1 2 3 4 5; do
		fresh &&
		ln -s "$TRASH/outside" www/dlnk &&
		timed_race www/d www/dlnk &&
		test "$rc" = 1 &&
		outside_untouched || return 1
	done
'

test_expect_success XCHG,JQ 'nightly: file swapped for a symlink out of the tree before the rescan' '
	for i in 1 2 3; do
		fresh &&
		ln -s "$TRASH/outside" www/d/evil.lnk &&
		timed_race www/d/evil.php www/d/evil.lnk nightly &&
		test "$rc" = 1 &&
		test_grep "scanning it again" out &&
		outside_untouched || return 1
	done
'

# blind_race A B: scans www again and again while A and B are exchanged,
# for RACE_SECONDS, with no timing at all but the workers' open delay.
# What the scans move is put back: the directory through the working
# directory of a process sitting in it (a name no exchange changes).
blind_race() {
	(cd www/d && exec sleep 60) &
	spid=$!
	"$TRASH/xchg" "$1" "$2" 0 "$RACE_SECONDS" &
	xpid=$!
	while kill -0 $xpid 2>/dev/null; do
		for f in evil.php evil.lnk; do
			test -e /proc/$spid/cwd/$f || test -L /proc/$spid/cwd/$f ||
			infected_php /proc/$spid/cwd/$f || return 1
		done &&
		SPAMSWEEP_TEST_OPEN_DELAY_MS=5 "$SPAMSWEEP" scan \
			--no-system-db --sigs "$TSIGS" --quarantine-dir "$VAULT" \
			--quarantine -i --no-summary --jsonl www >>out 2>>err
	done
	kill $spid
	wait $xpid
}

test_expect_success XCHG,JQ 'blind exchange of the file with a symlink out of the tree' '
	fresh &&
	ln -s "$TRASH/outside" www/d/evil.lnk &&
	blind_race www/d/evil.php www/d/evil.lnk &&
	outside_untouched
'

test_expect_success XCHG,JQ 'blind exchange of the directory with a symlink out of the tree' '
	fresh &&
	ln -s "$TRASH/outside" www/dlnk &&
	blind_race www/d www/dlnk &&
	outside_untouched
'

test_done
