#!/bin/sh
# submit streams each sample from its file into the zip: packing several
# large samples fits in the memory one small submit needs plus a margin
# smaller than any one sample; and a socket given as a sample is named as
# one.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"

test_lazy_prereq NO_ASAN '! ldd "$SPAMSWEEP" | grep -q libasan' \
	'built with ASan (its shadow memory defeats an address-space limit)'
test_lazy_prereq SEVENZ 'command -v 7z' '7z not installed'

# as_floor: the smallest address-space limit (16 MiB steps) under which
# submit packs one tiny file.
as_floor() {
	echo tiny >tiny.txt &&
	lim=32 &&
	while test $lim -le 1024; do
		rm -f tiny.zip &&
		if prlimit --as=$((lim << 20)) "$SPAMSWEEP" submit -o tiny.zip \
			tiny.txt >/dev/null 2>&1; then
			echo $lim && return 0
		fi &&
		lim=$((lim + 16)) || return 1
	done &&
	return 1
}

test_expect_success NO_ASAN,SEVENZ 'three 60 MiB samples in the memory of a tiny one + 96 MiB' '
	for i in 1 2 3; do
		{ echo "sample $i" && head -c 62914560 /dev/zero; } >big$i.bin || return 1
	done &&
	floor=$(as_floor) && echo "# floor: $floor MiB" &&
	prlimit --as=$(((floor + 96) << 20)) \
		"$SPAMSWEEP" submit -o big.zip big1.bin big2.bin big3.bin >out 2>err &&
	test_grep "^wrote big.zip: 3 samples" out &&
	rm -rf x && mkdir x && (cd x && 7z x -pinfected ../big.zip >/dev/null) &&
	for i in 1 2 3; do
		h=$(sha big$i.bin) &&
		cmp big$i.bin x/$h &&
		jq -e --arg h "$h" ".samples[] | select(.sha256 == \$h and .size == $(stat -c %s big$i.bin))" \
			x/manifest.json >/dev/null || return 1
	done &&
	rm -rf x big*.bin big.zip
'

test_expect_success PYTHON3 'a socket is refused as not a regular file' '
	python3 -c "import socket; socket.socket(socket.AF_UNIX).bind(\"sock\")" &&
	test -S sock && echo ok >ok.txt &&
	expect_exit 2 "$SPAMSWEEP" submit -o bad.zip ok.txt sock 2>err &&
	test "$(wc -l <err)" = 1 &&
	test_grep "sock: not a regular file (a socket)" err &&
	! test -e bad.zip
'

test_done
