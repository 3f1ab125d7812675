#!/bin/sh
# t5000: spamsweep.conf: keys, comments, errors naming the line, and the
# command line beating the file.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

mkdir -p "$TRASH/www"
echo '<?php echo 1; ?>' >"$TRASH/www/a.php"

test_expect_success 'a commented config is read' '
	cat >conf <<-EOT &&
	# a comment
	   # an indented comment

	ScanRoot $TRASH/www
	SignatureDir $NSIGS
	UseSystemDatabases no
	CacheFile "$TRASH/c1/cache.db"
	ReportDir $TRASH/r1
	LockFile $TRASH/lock
	Syslog no
	Action report
	MaxFileSize 2M
	Threshold 12
	FullScanEvery 3
	EOT
	expect_exit 0 "$SPAMSWEEP" nightly --no-progress --config conf &&
	test -f "$TRASH/c1/cache.db" &&
	test -f "$TRASH/r1/latest.json"
'

test_expect_success 'an unknown key is an error naming the line' '
	printf "Syslog no\n\nNoSuchKey 1\n" >bad1 &&
	expect_exit 2 "$SPAMSWEEP" nightly --config bad1 2>err &&
	grep "bad1:3: unknown key .NoSuchKey." err
'

test_expect_success 'a bad value is an error naming the line and the key' '
	printf "# x\nThreshold many\n" >bad2 &&
	expect_exit 2 "$SPAMSWEEP" roots --config bad2 2>err &&
	grep "bad2:2: Threshold: .many. is not a number" err &&
	printf "Action delete-everything\n" >bad3 &&
	expect_exit 2 "$SPAMSWEEP" roots --config bad3 2>err &&
	grep "bad3:1: Action" err &&
	printf "Cache maybe\n" >bad4 &&
	expect_exit 2 "$SPAMSWEEP" roots --config bad4 2>err &&
	grep "bad4:1: Cache takes yes or no" err &&
	printf "ExcludePath (unclosed\n" >bad5 &&
	expect_exit 2 "$SPAMSWEEP" roots --config bad5 2>err &&
	grep "bad5:1: bad regular expression" err &&
	printf "ReportDir\n" >bad6 &&
	expect_exit 2 "$SPAMSWEEP" roots --config bad6 2>err &&
	grep "bad6:1: ReportDir needs a value" err
'

test_expect_success 'a missing --config file is an error' '
	expect_exit 2 "$SPAMSWEEP" nightly --config "$TRASH/nope.conf" 2>err &&
	grep "nope.conf: cannot read" err
'

test_expect_success 'the command line beats the file' '
	cat >conf2 <<-EOT &&
	ScanRoot /nonexistent
	ReportDir $TRASH/from-file
	EOT
	expect_exit 0 "$SPAMSWEEP" nightly --no-progress --config conf2 \
		--sigs "$NSIGS" --no-system-db --syslog no \
		--cache-file "$TRASH/c2.db" --lock-file "$TRASH/lock" \
		--report-dir "$TRASH/from-cmdline" --scan-root "$TRASH/www" &&
	test -f "$TRASH/from-cmdline/latest.json" &&
	! test -e "$TRASH/from-file"
'

test_expect_success 'roots lists the configured ScanRoots only' '
	mkdir -p r1 r2 &&
	printf "ScanRoot $TRASH/r1\nScanRoot $TRASH/r2\n" >conf3 &&
	"$SPAMSWEEP" roots --config conf3 >out &&
	test $(wc -l <out) = 2 &&
	grep "^$TRASH/r1	ScanRoot" out &&
	grep "^$TRASH/r2	ScanRoot" out
'

test_expect_success 'every key is documented in spamsweep.conf(5) and the sample' '
	for k in ScanRoot DiscoverRoots ScanTempDirs ExcludePath ExcludeDir \
		MaxFileSize CrossFilesystems AllFiles SignatureDir \
		DatabaseDirectory UseSystemDatabases Heuristics RulesDir \
		Threshold Threads Action QuarantineDir Cache CacheFile \
		FullScanEvery MaxRunTime ReportDir ReportKeep Syslog SyslogFacility \
		LockFile; do
		grep -q "^\.B $k\$" "$SS_SRCDIR/doc/spamsweep.conf.5" ||
			{ echo "$k: not in the man page"; exit 1; }
		grep -q "^#* *$k " "$SS_SRCDIR/contrib/spamsweep.conf.sample" ||
			{ echo "$k: not in the sample"; exit 1; }
	done
'

test_expect_success 'the sample config parses' '
	"$SPAMSWEEP" roots --config "$SS_SRCDIR/contrib/spamsweep.conf.sample" \
		--scan-root "$TRASH/www" >out &&
	grep "^$TRASH/www	--scan-root" out
'

test_done
