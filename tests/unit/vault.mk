# Unit tests of the quarantine vault's pieces (quarantine/).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_vault
TESTS += tests/unit/test_vault
tests_unit_test_vault_SOURCES = tests/unit/test_vault.c
tests_unit_test_vault_LDADD = $(UNIT_LDADD)
tests_unit_test_vault_CFLAGS = $(UNIT_CFLAGS)
endif
