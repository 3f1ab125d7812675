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
include $(srcdir)/tests/unit/vault.mk

# Shell tests.
SHELL_TESTS = tests/t/t0000-basic.sh tests/t/t0010-scan-basics.sh \
	tests/t/t0100-hostile-tree.sh \
	tests/t/t0110-walk.sh tests/t/t0120-config-files.sh \
	tests/t/t0200-json.sh

# Signatures (sigs/*.ldb) against written fixtures and look-alikes, and
# against real WordPress and PHPMailer trees.
SHELL_TESTS += tests/t/t1000-signatures.sh tests/t/t3000-fp-wordpress-phpmailer.sh
# Test data ships by directory: a fixture added under tests/fixtures is in
# the tarball without being listed here.
EXTRA_DIST += tests/fixtures

# Quarantine and submission.
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

# Nightly: configuration, discovery, lock, cache, reports.
dist_check_DATA += tests/t/lib-nightly.sh
SHELL_TESTS += \
	tests/t/t5000-nightly-config.sh \
	tests/t/t5001-nightly-roots.sh \
	tests/t/t5002-nightly-lock.sh \
	tests/t/t5003-nightly-cache.sh \
	tests/t/t5004-nightly-report.sh \
	tests/t/t5005-nightly-action.sh \
	tests/t/t5006-nightly-stop.sh \
	tests/t/t5007-nightly-roots-debian.sh \
	tests/t/t5008-nightly-config-files.sh
include $(srcdir)/tests/unit/nightly.mk
include $(srcdir)/tests/unit/deobf.mk
include $(srcdir)/tests/unit/action.mk

# Heuristics (rules branch): fixtures, expectations, and the FP suite.
SHELL_TESTS += \
	tests/t/t2000-heuristics.sh \
	tests/t/t2010-config-rules.sh \
	tests/t/t2100-explain.sh \
	tests/t/t2200-user-rules.sh \
	tests/t/t3100-fp-mail-software.sh \
	tests/t/t3110-fp-web-apps.sh
dist_check_DATA += tests/t/heur-lib.sh tests/t/lib-fp.sh

# The documentation of the rules against the rules (sigs/mkdoc.py).
SHELL_TESTS += tests/t/t2300-rules-doc.sh

# The source tree's shape: include cycles, the module map, file sizes.
SHELL_TESTS += tests/t/t9000-source-layout.sh
dist_check_DATA += tests/include-graph.py

# The rescan of a changed file stays beneath its root.
SHELL_TESTS += tests/t/t4021-quarantine-rescan-race.sh

# Discovered roots behind a symlink a tenant controls are left out.
SHELL_TESTS += tests/t/t5009-nightly-roots-symlink.sh

# Submission streaming, restore reruns, relinked originals, large vaults.
SHELL_TESTS += \
	tests/t/t4041-submit-stream.sh \
	tests/t/t4012-restore-rerun.sh \
	tests/t/t4022-quarantine-relink.sh \
	tests/t/t4031-vault-scale.sh

# Options naming what is not there or asking too much; output errors.
SHELL_TESTS += tests/t/t0130-option-errors.sh
SHELL_TESTS += tests/t/t0140-output-errors.sh

# A directory moved while the walk is inside it.
SHELL_TESTS += tests/t/t0150-walk-dir-moved.sh

# A full disk under everything spamsweep writes; the kill -9 harness.
SHELL_TESTS += tests/t/t4060-disk-full.sh tests/t/t4050-kill-harness.sh
