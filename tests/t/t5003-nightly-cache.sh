#!/bin/sh
# t5003: the incremental cache: hits, misses, identical content scanned
# once, invalidation by signatures and settings, --full, FullScanEvery,
# a corrupt or missing cache, and cached findings still reported.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

W="$TRASH/www"
for s in a b c; do make_site "$W/$s"; done
# 3 sites x 5 files; scripts: index, lib, own, bad (x3) = 12; distinct
# contents: index, lib, bad + 3 own = 6
run() {
	nightly --scan-root "$W" "$@" >"$TRASH/out" 2>"$TRASH/err"
}
# check ANALYZED READ: files the engines ran on, files opened and read
# (findings are read again every run, to be reported and acted on)
check() {
	a=$(summary_field analyzed) && r=$(summary_field scanned) &&
	echo "analyzed=$a read=$r (want $1 $2)" &&
	test "$a" = "$1" && test "$r" = "$2"
}

test_expect_success 'first run: every distinct content analyzed once' '
	expect_exit 1 run &&
	check 6 12 &&
	test "$(summary_field identical_content_reused)" = 6 &&
	test -s "$TRASH/state/cache.db"
'

test_expect_success 'second run, nothing changed: nothing analyzed' '
	expect_exit 1 run &&
	check 0 3 &&
	test "$(summary_field files_seen)" = 15 &&
	test "$(summary_field cache_hits)" = 13
'

test_expect_success 'cached findings are still reported, every run' '
	test $(grep -c "inc/bad.php: SpamSweep.Test.Marker.UNOFFICIAL FOUND" out) = 3 &&
	test_grep -x "Known viruses: not loaded (no file needed scanning)" out &&
	test "$(summary_field infected)" = 3
'

test_expect_success 'changing one file: exactly that file is analyzed' '
	echo "<?php echo \"changed\"; ?>" >"$W/b/index.php" &&
	expect_exit 1 run &&
	check 1 4
'

test_expect_success 'the same new content in three sites: analyzed once' '
	for s in a b c; do echo "<?php echo \"v2\"; ?>" >"$W/$s/inc/lib.php" || return 1; done &&
	expect_exit 1 run &&
	check 1 6 &&
	test "$(summary_field identical_content_reused)" = 4
'

test_expect_success 'a new file with content already known: not analyzed' '
	cp "$W/a/own.php" "$W/c/copy-of-a.php" &&
	expect_exit 1 run &&
	check 0 4
'

test_expect_success 'touching a file (mtime) makes it a miss, content still known' '
	touch -d "2020-01-01" "$W/a/own.php" &&
	expect_exit 1 run &&
	check 0 4
'

test_expect_success 'a cleaned file is clean the next run' '
	echo "<?php echo \"cleaned\"; ?>" >"$W/a/inc/bad.php" &&
	expect_exit 1 run &&
	test "$(summary_field infected)" = 2 &&
	! grep "^$W/a/inc/bad.php" out
'

test_expect_success 'new signatures invalidate the cache' '
	cp "$NSIGS/test.ndb" "$NSIGS/more.ndb" &&
	sed -i "s/^SpamSweep.Test.Marker:/SpamSweep.Test.Marker2:/" "$NSIGS/more.ndb" &&
	expect_exit 1 run &&
	test "$(summary_field cache_hits)" = 0 &&
	expect_exit 1 run &&
	check 0 2
'

test_expect_success 'a changed setting (Threshold) invalidates the cache' '
	expect_exit 1 run --threshold 11 &&
	test "$(summary_field cache_hits)" = 0
'

test_expect_success '--full ignores the cache and refills it' '
	expect_exit 1 run --threshold 11 --full &&
	test "$(summary_field cache_hits)" = 0 &&
	expect_exit 1 run --threshold 11 &&
	test "$(summary_field analyzed)" = 0
'

test_expect_success 'FullScanEvery: a full run when the last one is old' '
	sqlite3 "$TRASH/state/cache.db" \
		"UPDATE meta SET value = strftime(\"%s\",\"now\") - 3 * 86400 WHERE key = \"last_full\"" &&
	expect_exit 1 run --threshold 11 --full-scan-every 7 &&
	test "$(summary_field analyzed)" = 0 &&
	expect_exit 1 run --threshold 11 --full-scan-every 2 &&
	test "$(summary_field cache_hits)" = 0 &&
	expect_exit 1 run --threshold 11 --full-scan-every 2 &&
	test "$(summary_field analyzed)" = 0
'

test_expect_success 'a corrupt cache is rebuilt with a warning' '
	head -c 4096 /dev/urandom >"$TRASH/state/cache.db" &&
	rm -f "$TRASH/state/cache.db-wal" "$TRASH/state/cache.db-shm" &&
	expect_exit 1 run &&
	grep "warning: cache .*corrupt; rebuilding" err &&
	test "$(summary_field cache_hits)" = 0 &&
	expect_exit 1 run &&
	check 0 2
'

# read 3, not 2: the damaged file is opened again (its content is known)
test_expect_success 'a row whose stat record is damaged is a miss, then rewritten' '
	f="$W/a/index.php" &&
	ino=$(stat -c %i "$f") &&
	sqlite3 "$TRASH/state/cache.db" "UPDATE files SET stat = x'"'"'0102'"'"' WHERE ino = $ino" &&
	expect_exit 1 run &&
	check 0 3 &&
	n=$(sqlite3 "$TRASH/state/cache.db" "SELECT length(stat) FROM files WHERE ino = $ino") &&
	test "$n" = 26 &&
	expect_exit 1 run &&
	check 0 2
'

test_expect_success 'a cache of an older schema is replaced, not an error' '
	rm -rf "$TRASH/state" && mkdir -p "$TRASH/state" &&
	sqlite3 "$TRASH/state/cache.db" \
		"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
		 INSERT INTO meta VALUES (\"schema\", \"1\");
		 CREATE TABLE files (dev INTEGER, ino INTEGER, size INTEGER,
		   mtime INTEGER, ctime INTEGER, lang INTEGER, verdict INTEGER,
		   sha256 BLOB, PRIMARY KEY (dev, ino)) WITHOUT ROWID;
		 INSERT INTO files VALUES (1, 2, 3, 4, 5, 0, 0, NULL);
		 CREATE TABLE content (sha256 BLOB PRIMARY KEY, verdict INTEGER,
		   lang INTEGER, findings TEXT) WITHOUT ROWID;" &&
	expect_exit 1 run &&
	test_grep ! "warning" err &&
	test "$(summary_field cache_hits)" = 0 &&
	expect_exit 1 run &&
	check 0 2 &&
	sqlite3 "$TRASH/state/cache.db" "SELECT stat FROM files LIMIT 1" >/dev/null
'

test_expect_success 'a missing cache (and its directory) is created' '
	rm -rf "$TRASH/state" &&
	expect_exit 1 run &&
	test -f "$TRASH/state/cache.db" &&
	expect_exit 1 run &&
	check 0 2
'

test_expect_success 'a cache that cannot be written: a warning, the scan goes on' '
	printf "not a dir" >"$TRASH/notdir" &&
	expect_exit 1 nightly --scan-root "$W" --cache-file "$TRASH/notdir/c.db" \
		>out 2>err &&
	grep "warning: cache" err &&
	test $(grep -c "FOUND" out) = 2
'

test_expect_success 'Cache no: no cache file' '
	expect_exit 1 nightly --scan-root "$W" --cache no \
		--cache-file "$TRASH/none/c.db" >/dev/null &&
	! test -e "$TRASH/none"
'

test_expect_success 'deleted files are forgotten' '
	rm -rf "$W/c" &&
	expect_exit 1 run &&
	n=$(sqlite3 "$TRASH/state/cache.db" "SELECT count(*) FROM files") &&
	test "$n" = 10
'

test_expect_success 'a run over other roots forgets nothing' '
	expect_exit 1 nightly --scan-root "$W/b" >/dev/null &&
	n=$(sqlite3 "$TRASH/state/cache.db" "SELECT count(*) FROM files") &&
	test "$n" = 10 &&
	expect_exit 1 run &&
	check 0 1
'

test_done
