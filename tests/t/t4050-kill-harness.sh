#!/bin/sh
# The kill -9 harness: scan --quarantine, quarantine restore and nightly
# --action quarantine-infected, each killed with SIGKILL at a random point
# of its run (or at a named step of a move, SPAMSWEEP_TEST_CRASH_AT), then
# `quarantine list` (which recovers the vault). After every trial:
#   - every file of the tree is either in place with its content, or in
#     the vault under exactly one entry whose record names its path and
#     whose copy has its sha256; never both, never neither;
#   - the vault holds entries and nothing else (no .tmp, no lone .data);
#   - the tree holds its files and nothing else (no restore debris);
#   - the files outside the root (reached by symlinks from inside it)
#     keep their content, mtime and atime: never read, never moved.
# SPAMSWEEP_KILL_TRIALS (50) sets the number of trials, shared 2:1.5:1.5
# by the three commands; SPAMSWEEP_KILL_SEED repeats a run's delays.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"
. "$(dirname "$0")/lib-nightly.sh" # its $NSIGS is make_sigs's $TSIGS

cd "$TRASH"
make_sigs
K="$TRASH/k"
TRIALS=${SPAMSWEEP_KILL_TRIALS:-50}
N_SCAN=$((TRIALS * 2 / 5))
N_RESTORE=$(((TRIALS - N_SCAN) / 2))
N_NIGHTLY=$((TRIALS - N_SCAN - N_RESTORE))
SEED=${SPAMSWEEP_KILL_SEED:-$(date +%s)}
echo "# $TRIALS trials ($N_SCAN scan, $N_RESTORE restore, $N_NIGHTLY nightly), SPAMSWEEP_KILL_SEED=$SEED"
awk -v s="$SEED" 'BEGIN { srand(s); for (i = 0; i < 10000; i++) print int(rand() * 1000) }' >rand
STEPS="scanned copied fsynced meta before-unlink unlinked"

# next_rand: R, the next number of the run's sequence (0 to 999)
rn=0
next_rand() {
	rn=$((rn + 1))
	R=$(sed -n "${rn}p" "$TRASH/rand")
}

# shas DIR: "SHA  ./NAME" for every file under DIR, sorted by name (one
# sha256sum for them all: the harness runs it after every trial)
shas() {
	(cd "$1" && find . -type f -print0 | xargs -0 -r sha256sum) |
		sort -k2
}

# outside_state: what must not change outside the root: the names, each
# file's mtime, atime (set in the past: a read moves it) and inode, then
# each file's content (a read: the atimes are set back after it)
OLD="2001-01-01 00:00:00"
outside_state() {
	(cd "$K/outside" &&
		find . -type d -printf '%p d %T@ %i\n' | sort &&
		find . -type f -printf '%p f %T@ %A@ %i\n' | sort &&
		find . -type f -print0 | xargs -0 -r sha256sum | sort -k2 &&
		find . -type f -print0 | xargs -0 -r touch -a -d "$OLD")
}

# make_tree: $K/www with infected, suspicious and clean files, owners,
# a name with a space, and symlinks to $K/outside, whose files are
# recorded (atime set in the past, so that a read would show).
make_tree() {
	mkdir -p "$K/www/site1/inc" "$K/www/site 2" "$K/www/site3/a/b" \
		"$K/outside/sub" &&
	for f in site1/index.php site1/inc/mailer.php "site 2/evil 2.php" \
		site3/a/b/deep.php site3/x.php site3/y.php site1/z.php; do
		infected_php "$K/www/$f" && echo "// $f" >>"$K/www/$f" || return 1
	done &&
	chown 1234:2345 "$K/www/site1/index.php" &&
	chmod 0640 "$K/www/site3/x.php" &&
	suspicious_php "$K/www/site3/sus.php" &&
	clean_php "$K/www/site1/ok.php" &&
	clean_php "$K/www/site 2/ok 2.php" &&
	echo text >"$K/www/site3/readme.txt" &&
	infected_php "$K/outside/evil-out.php" &&
	infected_php "$K/outside/sub/evil-sub.php" &&
	echo "// other" >>"$K/outside/sub/evil-sub.php" &&
	ln -s ../../outside/evil-out.php "$K/www/site1/out.php" &&
	ln -s ../outside "$K/www/site3/outdir" &&
	(cd "$K/outside" && find . -type f -print0 | xargs -0 touch -a -d "$OLD") &&
	shas "$K/www" >"$TRASH/orig.list" &&
	outside_state >"$TRASH/outside.rec"
}

# The invariant over orig.list, now.list (the tree), entries (id, sha256,
# path of each vault entry) and data.list (the vault copies' sha256).
INVARIANT='
FILENAME == "data.list" { sub(/^\.\//, "", $2); sub(/\.data$/, "", $2); vsha[$2] = $1; next }
FILENAME == "entries" {
	id = $1; s = $2; p = substr($0, length($1) + length($2) + 3)
	nent++; ent[p, s]++; eid[p, s] = id; if (vsha[id] != s) bad("vault copy of " id " differs from its record")
	next
}
{ p = substr($0, 67); sub(/^\.\//, "", p) }
FILENAME == "now.list" { now[p] = $1; next }
{
	orig[p] = 1
	in_place = (p in now)
	if (in_place && now[p] != $1) bad("changed in place: " p)
	in_vault = ent[root "/" p, $1] + 0
	if (known && in_place && in_vault) print "known: restored, entry kept: " p
	else if (in_place + in_vault != 1) bad(p ": in place " in_place ", in the vault " in_vault)
	out += in_vault
}
function bad(m) { print m; failed = 1 }
END {
	for (p in now) {
		if (p in orig) continue
		n = split(p, part, "/.spamsweep-restore-")
		if (known && n == 2 && (part[2] in vsha)) print "known: restore debris: " p
		else bad("in the tree, not there before: " p)
	}
	if (out != nent) bad(nent " vault entries for " out " files out of place")
	exit failed
}'

# check_invariant: recovers the vault, then checks what the top of this
# file says. Prints what is wrong and returns 1. (KNOWN=1 logs the two
# half-states of a killed restore in known.log instead of failing: kept
# for bisecting older builds, which had no restore journal.)
check_invariant() {
	"$SPAMSWEEP" quarantine --quarantine-dir "$VAULT" list --json \
		>list.json 2>recovery || {
		echo "quarantine list failed:"
		cat recovery
		return 1
	}
	jq -r '.[] | "\(.id) \(.sha256) \(.path)"' list.json >entries &&
	: >data.list || return 1
	if test -d "$VAULT"; then
		odd=$(ls -A "$VAULT" | grep -vx '\.pending' |
			grep -Ev '^[0-9TZ]+-[0-9a-f]+\.(json|data)$')
		if test -n "$odd"; then
			echo "debris in the vault: $odd"
			return 1
		fi
		# the journal of unfinished moves: recovery empties it
		if test -n "$(ls -A "$VAULT/.pending" 2>/dev/null)"; then
			echo "unfinished moves left in the journal:" \
				$(ls -A "$VAULT/.pending")
			return 1
		fi
		if test "$(ls -A "$VAULT" | grep -vx '\.pending' | wc -l)" != \
			$((2 * $(wc -l <entries))); then
			echo "the vault's files do not pair with its entries:"
			ls -A "$VAULT"
			return 1
		fi
		shas "$VAULT" >data.list || return 1
	fi
	shas "$K/www" >now.list &&
	awk -v root="$K/www" -v known="${KNOWN:-0}" "$INVARIANT" \
		data.list entries now.list orig.list >inv || {
		cat inv
		return 1
	}
	grep "^known" inv >>known.log
	outside_state >outside.now || return 1
	if ! cmp -s outside.rec outside.now; then
		echo "the files outside the root changed:"
		diff outside.rec outside.now
		return 1
	fi
	return 0
}

# run_killed DELAY COMMAND...: runs COMMAND (a binary, so that $! is its
# pid), SIGKILLs it after DELAY seconds if it still runs (-: it kills
# itself, SPAMSWEEP_TEST_CRASH_AT); $krc is its exit status (137: killed).
run_killed() {
	d=$1
	shift
	"$@" >"$TRASH/kill.out" 2>&1 &
	kpid=$!
	if test "$d" != -; then
		sleep "$d"
		kill -KILL "$kpid" 2>/dev/null
	fi
	wait "$kpid"
	krc=$?
	return 0
}

# ms_of COMMAND...: $ms, how long COMMAND takes (its output dropped)
ms_of() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
}

# delay_for MS: $d, a random delay in seconds, from 0 to 1.2 MS
delay_for() {
	next_rand
	ms_=$(($1 * R * 12 / 10000))
	d=$(printf '%d.%03d' $((ms_ / 1000)) $((ms_ % 1000)))
}

# step_for: $step, the next of the move's steps (test hooks of vault.h)
step_for() {
	next_rand
	step=$(echo $STEPS | cut -d' ' -f$((R % 6 + 1)))
}

# tally: counts how the trial ended: killed before any file left its
# place, killed midway, killed with every move done, or not killed
tally() {
	out=$(($(wc -l <"$TRASH/entries")))
	if test "$krc" != 137; then
		t_done=$((t_done + 1))
	elif test "$out" = "$1"; then
		t_none=$((t_none + 1))
	elif test "$out" = "$2"; then
		t_all=$((t_all + 1))
	else
		t_mid=$((t_mid + 1))
	fi
}
tally_reset() {
	t_done=0 t_none=0 t_mid=0 t_all=0
}
tally_say() {
	echo "# $1: $t_none killed before any change, $t_mid midway," \
		"$t_all after the last, $t_done not killed in time" >&3
}

SCAN="$SPAMSWEEP scan --no-system-db --sigs $TSIGS --quarantine-dir $VAULT --quarantine -i"
NIGHTLY="$SPAMSWEEP nightly --config $TRASH/empty.conf --sigs $NSIGS
	--no-system-db --cache-file $TRASH/state/cache.db
	--report-dir $TRASH/reports --lock-file $TRASH/lock --syslog no
	--no-progress --action quarantine-infected --quarantine-dir $VAULT"
N_INFECTED=7

# the tree as made (snap/www) and with its infected files quarantined
# (snapq/www, snapq/vault); each trial starts from a copy
reset_to() {
	rm -rf "$K/www" "$VAULT" &&
	cp -a "$TRASH/$1/www" "$K/www" &&
	if test -d "$TRASH/$1/vault"; then
		cp -a "$TRASH/$1/vault" "$VAULT"
	fi
}

exec 3>&1
test_expect_success 'the tree, its snapshots, the commands timed' '
	make_tree &&
	mkdir snap snapq && cp -a "$K/www" snap/www &&
	expect_exit 1 $SCAN "$K/www" >out 2>&1 &&
	check_invariant &&
	test "$(wc -l <entries)" = $N_INFECTED &&
	cp -a "$K/www" snapq/www && cp -a "$VAULT" snapq/vault &&
	cp entries snapq.entries &&
	reset_to snap && ms_of $SCAN "$K/www" && ms_scan=$ms &&
	reset_to snap && ms_of $NIGHTLY --scan-root "$K/www" &&
	reset_to snap && ms_of $NIGHTLY --scan-root "$K/www" && ms_nightly=$ms &&
	reset_to snapq && id=$(head -1 snapq.entries | cut -d" " -f1) &&
	ms_of q restore "$id" && ms_restore=$ms &&
	echo "$ms_scan $ms_nightly $ms_restore" >times &&
	echo "# a whole run: scan $ms_scan ms, nightly $ms_nightly ms, restore $ms_restore ms" >&3
'

test_expect_success 'the check catches a lost file, a stray entry, a read outside the root' '
	reset_to snap && check_invariant >why &&
	rm "$K/www/site3/y.php" && ! check_invariant >why &&
	test_grep "site3/y.php: in place 0, in the vault 0" why &&
	reset_to snapq && cp "$TRASH/snap/www/site3/x.php" "$K/www/site3/x.php" &&
	! check_invariant >why &&
	test_grep "site3/x.php: in place 1, in the vault 1" why &&
	reset_to snap && cat "$K/outside/sub/evil-sub.php" >/dev/null &&
	! check_invariant >why &&
	test_grep "outside the root changed" why &&
	reset_to snap && check_invariant >why
'

# Every third scan trial stops at a named step of a move; the others at
# a random time.
test_expect_success "scan --quarantine killed $N_SCAN times: nothing lost, nothing outside touched" '
	read ms_scan ms_nightly ms_restore <times && tally_reset &&
	for i in $(seq $N_SCAN); do
		reset_to snap &&
		if test $((i % 3)) = 1; then
			step_for &&
			run_killed - env SPAMSWEEP_TEST_CRASH_AT=$step $SCAN "$K/www" &&
			test "$krc" = 137
		else
			delay_for $ms_scan && run_killed $d $SCAN "$K/www"
		fi &&
		check_invariant && tally 0 $N_INFECTED || {
			echo "trial $i (delay $d, step $step, exit $krc):"
			cat kill.out
			return 1
		}
	done &&
	tally_say scan
'

test_expect_success "quarantine restore killed $N_RESTORE times: nothing lost, nothing outside touched" '
	read ms_scan ms_nightly ms_restore <times && tally_reset &&
	for i in $(seq $N_RESTORE); do
		reset_to snapq &&
		next_rand && id=$(sed -n "$((R % N_INFECTED + 1))p" snapq.entries | cut -d" " -f1) &&
		delay_for $ms_restore &&
		run_killed $d "$SPAMSWEEP" quarantine --quarantine-dir "$VAULT" restore "$id" &&
		check_invariant && tally $N_INFECTED $((N_INFECTED - 1)) || {
			echo "trial $i (delay $d, id $id, exit $krc):"
			cat kill.out
			return 1
		}
	done &&
	tally_say restore
'

test_expect_success "nightly --action quarantine-infected killed $N_NIGHTLY times: nothing lost, nothing outside touched" '
	read ms_scan ms_nightly ms_restore <times && tally_reset &&
	for i in $(seq $N_NIGHTLY); do
		reset_to snap &&
		if test $((i % 4)) = 1; then
			step_for &&
			run_killed - env SPAMSWEEP_TEST_CRASH_AT=$step $NIGHTLY --scan-root "$K/www" &&
			test "$krc" = 137
		else
			delay_for $ms_nightly &&
			run_killed $d $NIGHTLY --scan-root "$K/www"
		fi &&
		check_invariant && tally 0 $N_INFECTED || {
			echo "trial $i (delay $d, step $step, exit $krc):"
			cat kill.out
			return 1
		}
	done &&
	tally_say nightly
'

test_expect_success 'after the kills, a nightly run finds its cache sound' '
	reset_to snap &&
	expect_exit 1 $NIGHTLY --scan-root "$K/www" >out 2>err &&
	test_grep ! -i "corrupt" err &&
	check_invariant &&
	test "$(wc -l <entries)" = $N_INFECTED
'

# The two half-states a restore killed at the wrong moment leaves, made
# by hand. Recovery clears neither today: it knows the vault, not the
# restore's temporary file in the tenant's directory, and it drops an
# entry only for the very inode it was taken from, which a restore does
# not bring back. The fix belongs to quarantine/restore.c (an O_TMPFILE
# linked into place, a mark in the vault while a restore runs) and the
# recovery of quarantine/vault.c.
# The two states a restore killed mid-way leaves, made by hand with the
# journal file it writes first (its note: the target path).
test_expect_success 'recovery removes the debris of a restore killed before its rename' '
	reset_to snapq &&
	id=$(grep " $K/www/site1/z.php$" snapq.entries | cut -d" " -f1) &&
	cp "$VAULT/$id.data" "$K/www/site1/.spamsweep-restore-$id" &&
	printf "%s" "$K/www/site1/z.php" >"$VAULT/.pending/$id.restore" &&
	check_invariant
'

test_expect_success 'recovery drops the entry of a restore killed after its rename' '
	reset_to snapq &&
	id=$(grep " $K/www/site1/z.php$" snapq.entries | cut -d" " -f1) &&
	q restore "$id" >/dev/null &&
	cp -a "$TRASH/snapq/vault/$id.data" "$TRASH/snapq/vault/$id.json" "$VAULT/" &&
	printf "%s" "$K/www/site1/z.php" >"$VAULT/.pending/$id.restore" &&
	check_invariant
'

test_done
