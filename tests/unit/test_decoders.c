/*
 * test_decoders.c: each decoder on good input and on malformed input
 * (truncated, garbage), and the output caps (a gzip bomb stops at the cap).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

#include "scanner/deobf/decoders.h"

#define S(x) (const unsigned char *)(x), strlen(x)

static void
assert_out(struct dec_out *o, const char *want)
{
	assert_non_null(o->p);
	assert_int_equal(o->len, strlen(want));
	assert_memory_equal(o->p, want, o->len);
	assert_int_equal(o->p[o->len], 0);
	free(o->p);
}

static void
test_base64(void **state)
{
	struct dec_out o;

	assert_int_equal(dec_base64(S("ZnNvY2tvcGVu"), 1024, &o), 0);
	assert_out(&o, "fsockopen");
	/* no padding, whitespace and junk in the middle (PHP skips it) */
	assert_int_equal(dec_base64(S("Zn!Nv\nY2t vcGVu"), 1024, &o), 0);
	assert_out(&o, "fsockopen");
	/* truncated: what decodes is kept */
	assert_int_equal(dec_base64(S("ZnNvY2tvc"), 1024, &o), 0);
	assert_out(&o, "fsocko");
	/* garbage */
	assert_int_equal(dec_base64(S("!!!@@@***"), 1024, &o), -1);
	assert_null(o.p);
	assert_int_equal(dec_base64(S(""), 1024, &o), -1);
	/* cap */
	assert_int_equal(dec_base64(S("ZnNvY2tvcGVu"), 4, &o), 0);
	assert_true(o.capped);
	assert_out(&o, "fsoc");
}

static void
test_hex(void **state)
{
	struct dec_out o;

	assert_int_equal(dec_hex(S("6d61696c"), 64, 1, &o), 0);
	assert_out(&o, "mail");
	assert_int_equal(dec_hex(S("6d61696"), 64, 1, &o), -1); /* odd */
	assert_int_equal(dec_hex(S("6d6x696c"), 64, 1, &o), -1);
	/* pack('H*'): odd length padded */
	assert_int_equal(dec_hex(S("6d61696"), 64, 0, &o), 0);
	assert_int_equal(o.len, 4);
	assert_int_equal(o.p[3], 0x60);
	free(o.p);
	assert_int_equal(dec_hex(S("zz"), 64, 0, &o), -1);
}

static void
test_rot13_rev_url(void **state)
{
	struct dec_out o;

	assert_int_equal(dec_rot13(S("riny(Fge);"), 64, &o), 0);
	assert_out(&o, "eval(Str);");
	assert_int_equal(dec_strrev(S(";)x(lave"), 64, &o), 0);
	assert_out(&o, "eval(x);");
	assert_int_equal(dec_strrev(S("abc"), 2, &o), 0);
	assert_true(o.capped);
	assert_out(&o, "cb");
	assert_int_equal(dec_url(S("a+b%41%zz%4"), 64, 0, &o), 0);
	assert_out(&o, "a bA%zz%4");
	assert_int_equal(dec_url(S("a+b%41"), 64, 1, &o), 0);
	assert_out(&o, "a+bA");
}

static void
test_uu(void **state)
{
	struct dec_out o;

	/* convert_uuencode("test\ntext text text\r\n") */
	assert_int_equal(
	    dec_uu(S("5=&5S=`IT97AT('1E>'0@=&5X=`T*\n`\n"), 256, &o), 0);
	assert_out(&o, "test\ntext text text\r\n");
	/* truncated line: decodes what is there, no overread */
	assert_int_equal(dec_uu(S("5=&5S"), 256, &o), 0);
	assert_true(o.len == 3);
	free(o.p);
	assert_int_equal(dec_uu(S(""), 256, &o), -1);
	assert_int_equal(dec_uu(S("`\n"), 256, &o), -1);
}

/* Lines whose last group is cut short by the newline decode to more bytes
 * than 3/4 of the input: dec_uu used to allocate n / 4 * 3 + 3 and wrote
 * past it (found by tests/fuzz/fuzz_decoders). The long input overruns by
 * kilobytes, so glibc or ASan notices even if the length checks pass. */
static void
test_uu_short_lines(void **state)
{
	/* the fuzzer's input, minus its two selector bytes */
	static const unsigned char crash[] = {0xa4, 0x45, 0x0a, 0xf6, 0x7d,
	                                      0x0a, 0xf6, 0x7d, 0x28, 0x0a,
	                                      0x01, 0x28, 0x0a, 0x01, 0x01};
	struct dec_out o;
	size_t lines = 3000, n = lines * 3;
	unsigned char *in = malloc(n);

	assert_int_equal(dec_uu(crash, sizeof(crash), 1 << 20, &o), 0);
	assert_true(o.len <= sizeof(crash) + 1);
	free(o.p);
	/* "Mx\n": length 45, one data byte, each line yields 3 bytes */
	for (size_t i = 0; i < lines; i++)
		memcpy(in + i * 3, "Mx\n", 3);
	assert_int_equal(dec_uu(in, n, 1 << 20, &o), 0);
	assert_int_equal(o.len, lines * 3);
	assert_int_equal(o.p[o.len], 0);
	free(o.p);
	/* the last line without its newline: 3 bytes out of 2 */
	assert_int_equal(dec_uu(in, 2, 1 << 20, &o), 0);
	assert_int_equal(o.len, 3);
	free(o.p);
	free(in);
}

static unsigned char *
deflate_buf(const void *in, size_t n, int wbits, size_t *outlen)
{
	z_stream zs;
	unsigned char *out = malloc(n + 1024);

	memset(&zs, 0, sizeof(zs));
	assert_int_equal(
	    deflateInit2(&zs, 9, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY),
	    Z_OK);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)(n + 1024);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static void
test_inflate(void **state)
{
	const char *text = "eval($_POST['x']); eval($_POST['x']); mail($to);";
	struct dec_out o;
	size_t n;
	unsigned char *z;
	int wbits[3] = {-15, 15, 31};
	enum dec_zfmt fmt[3] = {DEC_Z_RAW, DEC_Z_ZLIB, DEC_Z_GZIP};

	for (int k = 0; k < 3; k++) {
		z = deflate_buf(text, strlen(text), wbits[k], &n);
		assert_int_equal(dec_inflate(z, n, 1024, fmt[k], &o), 0);
		assert_out(&o, text);
		/* truncated stream: the part that inflates */
		assert_int_equal(dec_inflate(z, n - 6, 1024, fmt[k], &o), 0);
		assert_true(o.len > 0 && o.len <= strlen(text));
		free(o.p);
		/* wrong format */
		if (k)
			assert_int_equal(dec_inflate(z, n, 1024, DEC_Z_RAW, &o),
			                 -1);
		free(z);
	}
	assert_int_equal(
	    dec_inflate(S("garbage garbage"), 1024, DEC_Z_ZLIB, &o), -1);
	assert_int_equal(dec_inflate(S(""), 1024, DEC_Z_RAW, &o), -1);
}

/* 1 GiB of zeros deflated (about 1 MB), inflated with an 8 MiB cap. */
static void
test_gzip_bomb(void **state)
{
	static unsigned char zeros[1 << 16];
	size_t cap = 4 << 20, got = 0;
	unsigned char *z = malloc(cap);
	z_stream zs;
	struct dec_out o;

	memset(&zs, 0, sizeof(zs));
	assert_int_equal(
	    deflateInit2(&zs, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY), Z_OK);
	for (int i = 0; i < (1 << 14); i++) {
		zs.next_in = zeros;
		zs.avail_in = sizeof(zeros);
		do {
			zs.next_out = z + got;
			zs.avail_out = (uInt)(cap - got);
			assert_true(deflate(&zs, i == (1 << 14) - 1
			                             ? Z_FINISH
			                             : Z_NO_FLUSH) !=
			            Z_STREAM_ERROR);
			got = zs.total_out;
		} while (zs.avail_in > 0);
	}
	deflateEnd(&zs);
	assert_true(got < cap);
	assert_int_equal(dec_inflate(z, got, 8 << 20, DEC_Z_GZIP, &o), 0);
	assert_int_equal(o.len, 8 << 20);
	assert_true(o.capped);
	free(o.p);
	free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_base64),
	    cmocka_unit_test(test_hex),
	    cmocka_unit_test(test_rot13_rev_url),
	    cmocka_unit_test(test_uu),
	    cmocka_unit_test(test_uu_short_lines),
	    cmocka_unit_test(test_inflate),
	    cmocka_unit_test(test_gzip_bomb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
