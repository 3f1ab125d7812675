# tests/unit/nightly.mk: unit tests of the nightly modules.
# docroots, the cache) and of the hash table the cache shares with the dedup.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_config tests/unit/test_roots \
	tests/unit/test_cache tests/unit/test_hashtab
TESTS += tests/unit/test_config tests/unit/test_roots tests/unit/test_cache \
	tests/unit/test_hashtab
tests_unit_test_config_SOURCES = tests/unit/test_config.c
tests_unit_test_config_LDADD = $(UNIT_LDADD)
tests_unit_test_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_roots_SOURCES = tests/unit/test_roots.c
tests_unit_test_roots_LDADD = $(UNIT_LDADD)
tests_unit_test_roots_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_cache_SOURCES = tests/unit/test_cache.c
tests_unit_test_cache_LDADD = $(UNIT_LDADD)
tests_unit_test_cache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_hashtab_SOURCES = tests/unit/test_hashtab.c
tests_unit_test_hashtab_LDADD = $(UNIT_LDADD)
tests_unit_test_hashtab_CFLAGS = $(UNIT_CFLAGS)
endif
