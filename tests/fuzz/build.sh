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

# what each harness links (scanner/local.mk, scanner/deobf.mk)
base="scanner/util.c scanner/result.c"
deobf="$base scanner/deobf.c scanner/deobf_php.c scanner/deobf_php_emit.c \
scanner/deobf_php_eval.c scanner/deobf_php_vars.c scanner/deobf_php_lex.c \
scanner/deobf_perl_lex.c scanner/deobf_lex.c scanner/deobf_tail.c \
scanner/deobf_ctx.c scanner/deobf_text.c scanner/deobf_buf.c \
scanner/deobf_layers.c \
scanner/decoders.c"

build() { # NAME SOURCES... (the libraries come last)
	name=$1
	shift
	srcs=
	for s in "$@"; do srcs="$srcs $top/$s"; done
	echo "  CC $name"
	# shellcheck disable=SC2086
	$CC $CFLAGS -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -I"$top/scanner" -I"$top/quarantine" -o "$out/$name" \
		"$here/$name.c" $srcs -lz -lm
}

build fuzz_deobf_php $deobf
build fuzz_deobf_perl $deobf
build fuzz_decoders $base scanner/decoders.c
build fuzz_pathfmt $base scanner/pathfmt.c
build fuzz_classify $base scanner/classify.c
build fuzz_config $base scanner/nightly_config.c

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
