# scanner/deobf.mk: the normalizer/deobfuscator (issue 3).
libspamsweep_a_SOURCES += \
	scanner/deobf.c scanner/deobf.h scanner/deobf_int.h \
	scanner/deobf_php.c scanner/deobf_perl.c \
	scanner/decoders.c scanner/decoders.h
EXTRA_DIST += doc/deobfuscation.md
