# tests/unit/deobf.mk: unit tests of the decoders and the deobfuscator.
if HAVE_CMOCKA
DEOBF_UNIT_TESTS = tests/unit/test_decoders tests/unit/test_deobf_php \
	tests/unit/test_deobf_perl
check_PROGRAMS += $(DEOBF_UNIT_TESTS)
TESTS += $(DEOBF_UNIT_TESTS)
tests_unit_test_decoders_SOURCES = tests/unit/test_decoders.c
tests_unit_test_decoders_LDADD = $(UNIT_LDADD)
tests_unit_test_decoders_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_deobf_php_SOURCES = tests/unit/test_deobf_php.c \
	tests/unit/deobf_testutil.h
tests_unit_test_deobf_php_LDADD = $(UNIT_LDADD)
tests_unit_test_deobf_php_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_deobf_perl_SOURCES = tests/unit/test_deobf_perl.c \
	tests/unit/deobf_testutil.h
tests_unit_test_deobf_perl_LDADD = $(UNIT_LDADD)
tests_unit_test_deobf_perl_CFLAGS = $(UNIT_CFLAGS)
endif
