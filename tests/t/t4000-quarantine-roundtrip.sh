#!/bin/sh
# scan --quarantine, quarantine list/show/restore/delete/purge: a round
# trip gives back the file identical in content, owner, group, mode and
# mtime; restore never overwrites or writes through a symlink unless told.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs
mkdir -p www/site/sub
infected_php www/site/sub/evil.php
suspicious_php www/site/sus.php
clean_php www/site/ok.php
chown 1234:2345 www/site/sub/evil.php
chmod 0640 www/site/sub/evil.php
touch -d '2020-01-02 03:04:05.123456789' www/site/sub/evil.php
cp -p www/site/sub/evil.php evil.orig
fattr www/site/sub/evil.php >evil.attr

test_expect_success 'scan --quarantine moves the infected file only' '
	expect_exit 1 q_scan --quarantine -i --no-summary www >out &&
	test_grep "^www/site/sub/evil.php: SpamSweep.Test.Mailer.UNOFFICIAL FOUND$" out &&
	test_grep "^www/site/sub/evil.php: quarantined as " out &&
	test_grep "^www/site/sus.php: SpamSweep.Heuristic" out &&
	! test -e www/site/sub/evil.php &&
	test -f www/site/sus.php && test -f www/site/ok.php
'

test_expect_success 'the vault is 0700 root, content 0400, one entry' '
	test "$(stat -c "%a %u" "$VAULT")" = "700 0" &&
	test "$(vault_files | wc -l)" = 2 &&
	id=$(q list --json | jq -r ".[0].id") &&
	test "$(stat -c %a "$VAULT/$id.data")" = 400 &&
	cmp "$VAULT/$id.data" evil.orig &&
	test "$(entries)" = 1
'

test_expect_success 'the metadata record says what, where, whose, when' '
	id=$(q list --json | jq -r ".[0].id") &&
	q show --json "$id" >m.json &&
	test "$(jq -r .path m.json)" = "$TRASH/www/site/sub/evil.php" &&
	test "$(jq -r .sha256 m.json)" = "$(sha evil.orig)" &&
	test "$(jq -r ".uid, .gid, .mode, .size" m.json | tr "\n" " ")" = "1234 2345 416 $(stat -c %s evil.orig) " &&
	test "$(jq -r ".mtime, .mtime_nsec" m.json | tr "\n" " ")" = "1577934245 123456789 " &&
	test "$(jq -r .verdict m.json)" = infected &&
	test "$(jq -r ".evidence[0].name" m.json)" = SpamSweep.Test.Mailer.UNOFFICIAL &&
	test "$(jq -r .scan.host m.json)" = "$(hostname)" &&
	jq -e ".scan.id and .scan.version and .quarantined_at and (.atime|type==\"number\") and (.ctime|type==\"number\")" m.json >/dev/null
'

test_expect_success 'list prints a table with the entry' '
	id=$(q list --json | jq -r ".[0].id") &&
	q list >table &&
	head -1 table | grep -q "^ID .*VERDICT.*PATH" &&
	test_grep "^$id .* infected .*$TRASH/www/site/sub/evil.php$" table
'

test_expect_success 'restore gives back content, owner, group, mode and mtime' '
	id=$(q list --json | jq -r ".[0].id") &&
	q restore "$id" >out &&
	test_grep "^restored $id to $TRASH/www/site/sub/evil.php$" out &&
	cmp www/site/sub/evil.php evil.orig &&
	test "$(fattr www/site/sub/evil.php)" = "$(cat evil.attr)" &&
	test "$(entries)" = 0 && test -z "$(vault_files)"
'

test_expect_success '--quarantine=suspicious moves both' '
	cp -p www/site/sus.php sus.orig &&
	expect_exit 1 q_scan --quarantine=suspicious -i www >out &&
	! test -e www/site/sub/evil.php && ! test -e www/site/sus.php &&
	test -f www/site/ok.php &&
	test "$(entries)" = 2 &&
	test "$(q list --json | jq -r "map(.verdict) | sort | join(\",\")")" = "infected,suspicious"
'

test_expect_success 'restore refuses to overwrite a file that appeared, unless --force' '
	id=$(q list --json | jq -r ".[] | select(.verdict == \"suspicious\") | .id") &&
	echo newer >www/site/sus.php &&
	expect_exit 2 q restore "$id" 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "exists; not replaced" err &&
	test "$(cat www/site/sus.php)" = newer &&
	q restore --force "$id" &&
	cmp www/site/sus.php sus.orig
'

test_expect_success 'restore refuses a symlink planted where a directory was' '
	id=$(q list --json | jq -r ".[0].id") &&
	mkdir elsewhere &&
	rmdir www/site/sub && ln -s "$TRASH/elsewhere" www/site/sub &&
	expect_exit 2 q restore "$id" 2>err &&
	test_grep "symlink" err && test "$(wc -l <err)" = 1 &&
	test -z "$(ls -A elsewhere)" &&
	test "$(entries)" = 1
'

test_expect_success 'restore --to puts it elsewhere' '
	id=$(q list --json | jq -r ".[0].id") &&
	q restore "$id" --to "$TRASH/elsewhere/evil.php" &&
	cmp elsewhere/evil.php evil.orig &&
	test "$(fattr elsewhere/evil.php)" = "$(cat evil.attr)" &&
	test "$(entries)" = 0
'

test_expect_success 'a name with a newline and invalid UTF-8 round-trips' '
	name=$(printf "www/site/we\nird\377.php") &&
	infected_php "$name" && chmod 0604 "$name" &&
	expect_exit 1 q_scan --quarantine -i www >out &&
	! test -e "$name" &&
	test_grep "we\\\\nird\\\\xff.php: quarantined as" out &&
	id=$(q list --json | jq -r ".[0].id") &&
	q list --json | jq -e ".[0].path_base64" >/dev/null &&
	q restore "$id" && test -f "$name" &&
	test "$(stat -c %a "$name")" = 604 && rm -f "$name"
'

test_expect_success 'delete removes an entry and says so' '
	infected_php www/site/del.php &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	id=$(q list --json | jq -r ".[0].id") &&
	q delete "$id" >out &&
	test_grep "^deleted $id taken from $TRASH/www/site/del.php$" out &&
	test "$(entries)" = 0 && test -z "$(vault_files)" &&
	! test -e www/site/del.php
'

test_expect_success 'purge --older-than removes only old entries' '
	infected_php www/site/a.php && infected_php www/site/b.php &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	old=$(q list --json | jq -r ".[0].id") &&
	new=$(q list --json | jq -r ".[1].id") &&
	jq ".quarantined_epoch -= 40*86400" "$VAULT/$old.json" >aged &&
	cat aged >"$VAULT/$old.json" &&
	q purge --older-than 30 >out &&
	test_grep "^deleted $old " out && ! grep -q "$new" out &&
	test "$(q list --json | jq -r ".[].id")" = "$new" &&
	q delete "$new" >/dev/null
'

test_expect_success 'a scan of a tree holding the vault leaves the vault alone' '
	mkdir -p big/www && infected_php big/www/a.php && cp big/www/a.php a.orig &&
	expect_exit 1 q_scan --quarantine --quarantine-dir "$TRASH/big/vault" -i big >out &&
	id=$("$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/big/vault" list --json | jq -r ".[0].id") &&
	expect_exit 1 q_scan --quarantine --quarantine-dir "$TRASH/big/vault" -i big >out &&
	test_grep "big/vault/$id.data: not quarantined: it is in the vault" out &&
	cmp "big/vault/$id.data" a.orig &&
	test "$("$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/big/vault" list --json | jq length)" = 1
'

test_expect_success 'a file with other hard links: quarantined, and said so' '
	infected_php www/site/h.php && ln www/site/h.php hlink.php &&
	expect_exit 1 q_scan --quarantine -i www/site/h.php >out &&
	test_grep "h.php: quarantined (other hard links to it remain) as " out &&
	test -f hlink.php && q delete "$(q list --json | jq -r ".[0].id")" >/dev/null
'

test_expect_success TMPFS 'a vault on another filesystem works (tmpfs)' '
	mkdir mnt &&
	mount -t tmpfs -o size=4m,mode=0700 tmpfs mnt &&
	test_when_finished umount "$TRASH/mnt" &&
	infected_php www/site/x.php && cp www/site/x.php x.orig &&
	expect_exit 1 q_scan --quarantine --quarantine-dir "$TRASH/mnt/v" -i www >out &&
	! test -e www/site/x.php &&
	id=$("$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/mnt/v" list --json | jq -r ".[0].id") &&
	cmp "$TRASH/mnt/v/$id.data" x.orig &&
	"$SPAMSWEEP" quarantine --quarantine-dir "$TRASH/mnt/v" restore "$id" >/dev/null &&
	cmp www/site/x.php x.orig &&
	rm www/site/x.php
'

test_expect_success 'the report and the vault name the same scan id' '
	mkdir -p "$TRASH/sid" && infected_php "$TRASH/sid/x.php" &&
	expect_exit 1 q_scan --quarantine --json "$TRASH/sid.json" "$TRASH/sid" >/dev/null &&
	sid=$(jq -r .scan_id "$TRASH/sid.json") &&
	test -n "$sid" &&
	test "$(jq -r ".results[0].action_id" "$TRASH/sid.json")" != null &&
	id=$(jq -r ".results[0].action_id" "$TRASH/sid.json") &&
	test "$(q show --json "$id" | jq -r .scan.id)" = "$sid"
'

test_done
