/*
 * test_action.c: the one exit-status rule of scan and nightly
 * (action_status()), row by row as README's table gives it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scanner/run/action.h"

static void
test_nothing_found(void **state)
{
	(void)state;
	assert_int_equal(action_status(0, 0, 0), 0);
}

static void
test_found_wins_over_errors(void **state)
{
	(void)state;
	assert_int_equal(action_status(1, 0, 0), 1);
	assert_int_equal(action_status(1, 2, 0), 1);
	assert_int_equal(action_status(2, 1, 0), 1); /* found on the rescan */
	assert_int_equal(action_status(0, 1, 0), 1);
}

static void
test_errors_and_nothing_found(void **state)
{
	(void)state;
	assert_int_equal(action_status(2, 0, 0), 2);
	assert_int_equal(action_status(0, 2, 0), 2);
}

/* A move that was asked for and failed leaves the finding live. */
static void
test_failed_move_is_an_error(void **state)
{
	(void)state;
	assert_int_equal(action_status(1, 0, 1), 2);
	assert_int_equal(action_status(1, 1, 3), 2);
	assert_int_equal(action_status(0, 0, 1), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nothing_found),
	    cmocka_unit_test(test_found_wins_over_errors),
	    cmocka_unit_test(test_errors_and_nothing_found),
	    cmocka_unit_test(test_failed_move_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
