#!/bin/sh
# tests/fuzz/build.sh: builds the libFuzzer harnesses of tests/fuzz/ with
# clang (-fsanitize=fuzzer,address,undefined), outside the autotools build,
# into tests/fuzz/out/ (or $1), and lays seed corpora from the fixtures in
# out/corpus-NAME/. Needs clang and its fuzzer runtime (Debian: clang,
# libclang-rt-14-dev), zlib1g-dev. `make check` does not use any of this.
#   tests/fuzz/build.sh && cd tests/fuzz/out &&
#   ./fuzz_deobf_php -jobs=1 -max_len=65536 -timeout=10 \
#       -rss_limit_mb=2048 -max_total_time=900 corpus-php
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-$here/out}
CC=${CC:-clang}
CFLAGS=${FUZZ_CFLAGS:--O1 -g -fno-omit-frame-pointer \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined}
mkdir -p "$out"

# what each harness links (common/local.mk, scanner/deobf/local.mk)
base="common/util.c common/result.c"
deobf="$base $(cd "$top" && ls scanner/deobf/*.c | tr '\n' ' ')"

build() { # NAME SOURCES... (the libraries come last)
	name=$1
	shift
	srcs=
	for s in "$@"; do srcs="$srcs $top/$s"; done
	echo "  CC $name"
	# shellcheck disable=SC2086
	$CC $CFLAGS -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -I"$top" -o "$out/$name" \
		"$here/$name.c" $srcs -lz -lm
}

build fuzz_deobf_php $deobf
build fuzz_deobf_perl $deobf
build fuzz_decoders $base scanner/deobf/decoders.c
build fuzz_pathfmt $base common/pathfmt.c
build fuzz_classify $base scanner/engine/classify.c
build fuzz_config $base common/regex_bounded.c scanner/nightly/nightly_config.c

# seeds: the project's own PHP and Perl fixtures (never outside malware)
seed() { # DIR find-args...
	dir=$1
	shift
	mkdir -p "$out/$dir"
	find "$top/tests/fixtures" -type f "$@" -exec cp {} "$out/$dir/" \;
}
seed corpus-php \( -name '*.php' -o -name '*.inc' -o -name '*.phtml' \)
seed corpus-perl \( -name '*.pl' -o -name '*.pm' -o -name '*.cgi' \)
mkdir -p "$out/corpus-decoders" "$out/corpus-pathfmt" "$out/corpus-classify" \
	"$out/corpus-config"
cp "$top/contrib/spamsweep.conf.sample" "$out/corpus-config/"
echo "built into $out"
