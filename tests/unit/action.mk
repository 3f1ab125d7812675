# tests/unit/action.mk: unit tests of scanner/run/action.c.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_action
TESTS += tests/unit/test_action
tests_unit_test_action_SOURCES = tests/unit/test_action.c
tests_unit_test_action_LDADD = $(UNIT_LDADD)
tests_unit_test_action_CFLAGS = $(UNIT_CFLAGS)
endif
