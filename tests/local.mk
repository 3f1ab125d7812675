# tests/: unit tests (cmocka, in tests/unit) and shell tests of the real
# binary (tests/t), all speaking TAP. Each module's tests are listed here.
dist_check_DATA += tests/t/test-lib.sh

# Unit tests: one program per module under test.
if HAVE_CMOCKA
UNIT_LDADD = libspamsweep.a $(SS_LIBS) $(CMOCKA_LIBS)
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
endif
include $(srcdir)/tests/unit/vault.mk

# Shell tests.
SHELL_TESTS =
dist_check_DATA += tests/t/lib-quarantine.sh
SHELL_TESTS += \
	tests/t/t4000-quarantine-roundtrip.sh \
	tests/t/t4010-quarantine-kill.sh \
	tests/t/t4020-quarantine-race.sh \
	tests/t/t4030-quarantine-errors.sh \
	tests/t/t4040-submit.sh
TESTS += $(SHELL_TESTS)
dist_check_SCRIPTS += $(SHELL_TESTS)

# False-positive corpus: real trees from Debian packages, cached between
# runs in $SS_FP_CACHE (default /var/cache/spamsweep-tests).
dist_check_SCRIPTS += tests/fp/corpus.sh

# Nightly (issue 5): configuration, discovery, lock, cache, reports.
dist_check_DATA += tests/t/lib-nightly.sh
SHELL_TESTS += \
	tests/t/t5000-nightly-config.sh \
	tests/t/t5001-nightly-roots.sh \
	tests/t/t5002-nightly-lock.sh \
	tests/t/t5003-nightly-cache.sh \
	tests/t/t5004-nightly-report.sh \
	tests/t/t5005-nightly-action.sh \
	tests/t/t5006-nightly-stop.sh
include $(srcdir)/tests/unit/nightly.mk
