/*
 * test_util.c: option value parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/util.h"

static void
test_parse_size(void **state)
{
	uint64_t v;

	assert_int_equal(parse_size("16M", &v), 0);
	assert_true(v == 16ULL << 20);
	assert_int_equal(parse_size("512k", &v), 0);
	assert_true(v == 512ULL << 10);
	assert_int_equal(parse_size("2G", &v), 0);
	assert_true(v == 2ULL << 30);
	assert_int_equal(parse_size("100", &v), 0);
	assert_true(v == 100);
	assert_int_equal(parse_size("10MB", &v), 0);
	assert_int_equal(parse_size("", &v), -1);
	assert_int_equal(parse_size("-1", &v), -1);
	assert_int_equal(parse_size("12X", &v), -1);
	assert_int_equal(parse_size("M", &v), -1);
	assert_int_equal(parse_size("99999999999999999999G", &v), -1);
}

static void
test_parse_long(void **state)
{
	long v;

	assert_int_equal(parse_long("8", 1, 256, &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(parse_long("0", 1, 256, &v), -1);
	assert_int_equal(parse_long("257", 1, 256, &v), -1);
	assert_int_equal(parse_long("3x", 1, 256, &v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_size),
	    cmocka_unit_test(test_parse_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
