# tests/: unit tests (cmocka, in tests/unit) and shell tests of the real
# binary (tests/t), all speaking TAP. Each module's tests are listed here.
dist_check_DATA += tests/t/test-lib.sh

# Unit tests: one program per module under test.
if HAVE_CMOCKA
UNIT_LDADD = libspamsweep.a $(SS_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
endif

# Shell tests.
SHELL_TESTS =
TESTS += $(SHELL_TESTS)
dist_check_SCRIPTS += $(SHELL_TESTS)

# False-positive corpus: real trees from Debian packages, cached between
# runs in $SS_FP_CACHE (default /var/cache/spamsweep-tests).
dist_check_SCRIPTS += tests/fp/corpus.sh
include $(srcdir)/tests/unit/deobf.mk

# Heuristics (rules branch): fixtures, expectations, and the FP suite.
SHELL_TESTS += \
	tests/t/t2000-heuristics.sh \
	tests/t/t2100-explain.sh \
	tests/t/t2200-user-rules.sh \
	tests/t/t3100-fp-mail-software.sh
EXTRA_DIST += tests/fixtures/heur
dist_check_DATA += tests/t/heur-lib.sh
