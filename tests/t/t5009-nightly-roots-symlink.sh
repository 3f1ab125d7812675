#!/bin/sh
# t5009: a discovered document root reached through a symlink that a
# tenant controls is left out: a tenant who replaces its public_html by a
# symlink must not choose what nightly scans (and, with a quarantine
# Action, moves). Symlinks root owns are followed; the roots the admin
# configured are taken as given. Discovery runs over a fake tree
# (--root-prefix) with tenants of numeric uids.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-nightly.sh"

P="$TRASH/sys"
VAULT="$TRASH/vault"

roots() {
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --root-prefix "$P" "$@"
}

# tenant UID DIR: a home directory the tenant owns
tenant() {
	mkdir -p "$2" && chown "$1:$1" "$2"
}

test_expect_success ROOT 'setup: tenants, their sites, and symlinks' '
	mkdir -p "$P/home" "$P/srv" &&
	tenant 12345 "$P/home/t1" &&
	ln -s / "$P/home/t1/public_html" &&
	chown -h 12345:12345 "$P/home/t1/public_html" &&
	tenant 12346 "$P/home/t2" &&
	make_site "$P/home/t2/public_html" &&
	chown -R 12346:12346 "$P/home/t2/public_html" &&
	tenant 12347 "$P/home/t3" &&
	ln -s "$P/home/t2/public_html" "$P/home/t3/public_html" &&
	make_site "$TRASH/secret" && cp -p "$TRASH/secret/inc/bad.php" secret.orig &&
	tenant 12348 "$P/home/t4" && tenant 12348 "$P/home/t4/www" &&
	ln -s "$TRASH/secret" "$P/home/t4/www/site" &&
	ln -s www/site "$P/home/t4/public_html" &&
	mkdir -p "$P/home/adm" && make_site "$P/srv/adm-site" &&
	ln -s "$P/srv/adm-site" "$P/home/adm/public_html"
'

test_expect_success ROOT 'roots leaves out public_html symlinks a tenant controls, and says why' '
	roots -v >out &&
	grep "^# $P/home/t1/public_html	cPanel .*; left out: a symlink in a path that uid 12345 controls$" out &&
	grep "^# $P/home/t3/public_html	cPanel .*; left out: a symlink in a path that uid 12347 controls$" out &&
	grep "^# $P/home/t4/public_html	cPanel .*; left out: a symlink in a path that uid 12348 controls$" out &&
	grep "^$P/home/t2/public_html	cPanel" out &&
	grep "^$P/srv/adm-site	cPanel" out &&
	! grep "^/	" out &&
	! grep "^$TRASH/secret	" out &&
	test $(grep -vc "^#" out) = 2
'

# (Without t1's symlink to /: a build that followed it would quarantine
# the whole machine.)
test_expect_success ROOT 'nightly neither scans nor moves what a tenant symlink points at' '
	rm "$P/home/t1/public_html" &&
	expect_exit 1 nightly --root-prefix "$P" --action quarantine-infected \
		--quarantine-dir "$VAULT" >out &&
	grep "^$P/home/t2/public_html/inc/bad.php: quarantined as " out &&
	grep "^$P/srv/adm-site/inc/bad.php: quarantined as " out &&
	test "$(summary_field infected)" = 2 &&
	! grep "secret" out &&
	cmp "$TRASH/secret/inc/bad.php" secret.orig
'

# The check and the open are apart: nightly stops once its roots are
# resolved (SPAMSWEEP_TEST_STOP_AT, tests only), and the tenant swaps its
# public_html for a symlink then; the root must be opened with no symlink
# on the way, as resolved.
# nightly_stopped STEP ARGS...: nightly (as lib-nightly.sh runs it) in
# the background, stopped at STEP; its pid in $pid.
nightly_stopped() {
	step=$1
	shift
	SPAMSWEEP_TEST_STOP_AT=$step "$SPAMSWEEP" nightly \
		--config "$TRASH/empty.conf" --sigs "$NSIGS" --no-system-db \
		--cache-file "$TRASH/state/cache.db" --report-dir "$TRASH/reports" \
		--lock-file "$TRASH/lock" --syslog no --no-progress "$@" \
		>out 2>err &
	pid=$!
	wait_stopped $pid "nightly (at $step)" || return 1
}

test_expect_success ROOT 'a root swapped for a symlink after it was resolved is not followed' '
	rm -rf "$VAULT" && make_site "$P/home/t2/public_html" &&
	nightly_stopped roots-resolved -v --root-prefix "$P" \
		--action quarantine-infected --quarantine-dir "$VAULT" &&
	mv "$P/home/t2/public_html" "$P/home/t2/old" &&
	ln -s "$TRASH/secret" "$P/home/t2/public_html" &&
	kill -CONT $pid &&
	{ wait $pid; rc=$?; } &&
	cat out err &&
	test $rc = 2 &&
	test_grep "$P/home/t2/public_html: not opened: a symlink is in the way" err &&
	! grep "secret" out &&
	cmp "$TRASH/secret/inc/bad.php" secret.orig &&
	test -f "$P/home/t2/old/inc/bad.php"
'

test_expect_success ROOT 'a ScanRoot the admin configured is taken as given' '
	"$SPAMSWEEP" roots --config "$TRASH/empty.conf" --root-prefix "$P" \
		--scan-root "$P/home/t4/public_html" >out &&
	grep "^$TRASH/secret	--scan-root$" out
'

test_done
