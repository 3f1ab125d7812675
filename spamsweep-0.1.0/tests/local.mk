# tests/: unit tests (cmocka, in tests/unit) and shell tests of the real
# binary (tests/t), all speaking TAP. Each module's tests are listed here.
dist_check_DATA += tests/t/test-lib.sh

# Unit tests: one program per module under test.
if HAVE_CMOCKA
UNIT_LDADD = libspamsweep.a $(SS_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
CORE_UNIT = tests/unit/test_pathfmt tests/unit/test_classify \
	tests/unit/test_util
check_PROGRAMS += $(CORE_UNIT)
TESTS += $(CORE_UNIT)
tests_unit_test_pathfmt_SOURCES = tests/unit/test_pathfmt.c
tests_unit_test_pathfmt_LDADD = $(UNIT_LDADD)
tests_unit_test_pathfmt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_classify_SOURCES = tests/unit/test_classify.c
tests_unit_test_classify_LDADD = $(UNIT_LDADD)
tests_unit_test_classify_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_util_LDADD = $(UNIT_LDADD)
tests_unit_test_util_CFLAGS = $(UNIT_CFLAGS)
endif

# Shell tests.
SHELL_TESTS = tests/t/t0000-scan-basics.sh tests/t/t0100-hostile-tree.sh \
	tests/t/t0200-json.sh
TESTS += $(SHELL_TESTS)
dist_check_SCRIPTS += $(SHELL_TESTS)

# False-positive corpus: real trees from Debian packages, cached between
# runs in $SS_FP_CACHE (default /var/cache/spamsweep-tests).
dist_check_SCRIPTS += tests/fp/corpus.sh
