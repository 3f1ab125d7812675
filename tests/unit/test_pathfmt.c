/*
 * test_pathfmt.c: names are bytes; escaping must be one line, reversible,
 * and leave plain UTF-8 alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/pathfmt.h"

static void
roundtrip(const char *name)
{
	char *esc = text_escape(name, strlen(name));
	char *back = malloc(strlen(esc) + 1);
	long n = text_unescape(esc, back);

	assert_null(strchr(esc, '\n'));
	assert_int_equal(n, (long)strlen(name));
	assert_memory_equal(back, name, (size_t)n);
	free(esc);
	free(back);
}

static void
test_plain_names_unchanged(void **state)
{
	const char *names[] = {"/var/www/a.php", "caf\xc3\xa9.php",
	                       "\xe6\x97\xa5\xe6\x9c\xac.pl", NULL};

	for (int i = 0; names[i]; i++) {
		char *e = text_escape(names[i], strlen(names[i]));
		assert_string_equal(e, names[i]);
		assert_int_equal(needs_escape(names[i], strlen(names[i])), 0);
		free(e);
	}
}

static void
test_control_and_invalid_bytes(void **state)
{
	char *e = text_escape("a\nb\tc\\d\xff\x01", 9);

	assert_string_equal(e, "a\\nb\\tc\\\\d\\xff\\x01");
	assert_int_equal(needs_escape("a\nb", 3), 1);
	free(e);
	roundtrip("new\nline.php");
	roundtrip("bad\xff\xfeutf8.php");
	roundtrip("back\\slash\\x41.php");
	roundtrip("\xc0\xaf overlong");
	roundtrip("\xed\xa0\x80 surrogate");
}

static void
test_utf8_validation(void **state)
{
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(utf8_valid("\xe6\x97", 2));         /* truncated */
}

static void
test_bad_escape_rejected(void **state)
{
	char out[16];

	assert_int_equal(text_unescape("a\\q", out), -1);
	assert_int_equal(text_unescape("a\\x4", out), -1);
}

static void
test_base64(void **state)
{
	char *b;

	b = base64_encode((const unsigned char *)"", 0);
	assert_string_equal(b, "");
	free(b);
	b = base64_encode((const unsigned char *)"f", 1);
	assert_string_equal(b, "Zg==");
	free(b);
	b = base64_encode((const unsigned char *)"fo", 2);
	assert_string_equal(b, "Zm8=");
	free(b);
	b = base64_encode((const unsigned char *)"foobar", 6);
	assert_string_equal(b, "Zm9vYmFy");
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_names_unchanged),
	    cmocka_unit_test(test_control_and_invalid_bytes),
	    cmocka_unit_test(test_utf8_validation),
	    cmocka_unit_test(test_bad_escape_rejected),
	    cmocka_unit_test(test_base64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
