#!/bin/sh
# submit: one AES-256 zip that 7-Zip opens with the password (and not
# without), each sample under its sha256, a manifest listing every sample
# with correct hashes; bad input is one line, exit 2, and no zip.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs
mkdir -p www
infected_php www/evil.php
suspicious_php www/sus.php
suspicious_php www/sus2.php && echo "// two" >>www/sus2.php
clean_php www/ok.php
chown 1234:2345 www/sus.php

# check_zip ZIP PASSWORD N: 7z tests and extracts it; N samples, each
# named by its sha256, each in the manifest with its md5, sha1, sha256.
check_zip() {
	rm -rf x && mkdir x &&
	7z t -p"$2" "$1" >/dev/null &&
	(cd x && 7z x -p"$2" "../$1" >/dev/null) &&
	test -f x/manifest.json &&
	test "$(ls x | grep -vc "^manifest.json$")" = "$3" &&
	test "$(jq ".samples | length" x/manifest.json)" = "$3" &&
	for f in $(ls x | grep -v "^manifest.json$"); do
		test "$(sha256sum <x/$f | cut -d" " -f1)" = "$f" &&
		jq -e --arg f "$f" --arg md5 "$(md5sum <x/$f | cut -d" " -f1)" \
			--arg sha1 "$(sha1sum <x/$f | cut -d" " -f1)" \
			".samples[] | select(.file == \$f and .sha256 == \$f and .md5 == \$md5 and .sha1 == \$sha1)" \
			x/manifest.json >/dev/null || return 1
	done
}

test_expect_success 'submit FILE... writes an encrypted zip and says how to open it' '
	"$SPAMSWEEP" submit -o s.zip www/evil.php www/sus.php >out &&
	test_grep "^wrote s.zip: 2 samples" out &&
	test_grep "7z x -pinfected" out &&
	check_zip s.zip infected 2 &&
	jq -e ".samples[] | select(.path == \"$TRASH/www/sus.php\" and .uid == 1234 and .gid == 2345 and .size > 0 and .mtime > 0)" x/manifest.json >/dev/null &&
	jq -e ".host and .scanner.version and .created and .schema == \"spamsweep-submission\"" x/manifest.json >/dev/null
'

test_expect_success 'the zip cannot be read without the password' '
	! 7z t -pwrong s.zip >/dev/null 2>&1 &&
	! 7z x -y -o"$TRASH/nopw" </dev/null s.zip >/dev/null 2>&1 &&
	! test -s nopw/manifest.json &&
	test_grep ! SPAMSWEEP-TEST s.zip && ! grep -q spamsweep-submission s.zip &&
	7z l -slt s.zip | grep -q "^Method = .*AES-256" &&
	test "$(7z l -slt s.zip | grep -c "^Encrypted = +")" = 3
'

test_expect_success 'submit --password' '
	"$SPAMSWEEP" submit -o p.zip --password "s3cret pw" www/evil.php >out &&
	test_grep ! "s3cret" out &&
	! 7z t -pinfected p.zip >/dev/null 2>&1 &&
	check_zip p.zip "s3cret pw" 1
'

test_expect_success 'submit --report packs the suspicious files of a report' '
	expect_exit 1 q_scan -i --json r.json www >/dev/null &&
	"$SPAMSWEEP" submit -o r.zip --report r.json >out &&
	check_zip r.zip infected 2 &&
	test "$(jq -r "[.samples[].verdict] | unique | join(\",\")" x/manifest.json)" = suspicious &&
	jq -e ".samples[] | select(.indicators[0].category == \"mailer-socket\" and .name != null and .scanner_version != null and .signature_versions != null)" x/manifest.json >/dev/null &&
	"$SPAMSWEEP" submit -o r2.zip --include-infected --report r.json >/dev/null &&
	check_zip r2.zip infected 3
'

test_expect_success 'submit --quarantined ID...' '
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	id=$(q list --json | jq -r ".[0].id") &&
	"$SPAMSWEEP" submit -o q.zip --quarantine-dir "$VAULT" --quarantined "$id" >/dev/null &&
	check_zip q.zip infected 1 &&
	jq -e ".samples[0] | select(.quarantine_id == \"$id\" and .verdict == \"infected\" and .path == \"$TRASH/www/evil.php\")" x/manifest.json >/dev/null &&
	q restore "$id" >/dev/null
'

test_expect_success 'submit --report takes files the scan quarantined from the vault' '
	cp www/sus.php sus.orig &&
	expect_exit 1 q_scan --quarantine=suspicious -i --json rq.json www >/dev/null &&
	! test -e www/sus.php &&
	"$SPAMSWEEP" submit -o rq.zip --quarantine-dir "$VAULT" --report rq.json >/dev/null &&
	check_zip rq.zip infected 2 &&
	test "$(jq -r "[.samples[].source] | unique | join(\",\")" x/manifest.json)" = quarantine &&
	cmp "x/$(sha sus.orig)" sus.orig &&
	for id in $(q list --json | jq -r ".[].id"); do q restore "$id" >/dev/null || return 1; done &&
	cmp www/sus.php sus.orig
'

test_expect_success 'the default name is in the current directory' '
	mkdir d && (cd d && "$SPAMSWEEP" submit ../www/ok.php >../out) &&
	name=$(sed -n "s/^wrote \(spamsweep-submission-[0-9TZ]*\.zip\): .*/\1/p" out) &&
	test -n "$name" && check_zip "d/$name" infected 1
'

no_zip() {
	test "$(wc -l <err)" = 1 && grep -q "^spamsweep: submit: " err &&
	! test -e bad.zip
}

test_expect_success 'bad input: one line, exit 2, no zip' '
	mkfifo fifo &&
	echo "{\"results\": []}" >other.json &&
	echo "not json" >garbage.json &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip www 2>err && no_zip &&
	test_grep "a directory" err &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip www/ok.php fifo 2>err && no_zip &&
	test_grep "a FIFO" err &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip missing.php 2>err && no_zip &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip --report other.json 2>err && no_zip &&
	test_grep "not a spamsweep report" err &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip --report garbage.json 2>err && no_zip &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip --quarantine-dir "$VAULT" --quarantined 20990101T000000Z-deadbeef 2>err && no_zip &&
	expect_exit 2 "$SPAMSWEEP" submit -o s.zip www/ok.php 2>err &&
	test_grep "exists; not overwritten" err && check_zip s.zip infected 2 &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip 2>err && no_zip
'

test_expect_success 'a report whose file changed since is refused' '
	echo "// changed" >>www/sus2.php &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip --report r.json 2>err && no_zip &&
	test_grep "changed since the report" err
'

test_done
