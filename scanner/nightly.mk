# scanner/nightly.mk: configuration, docroot discovery, lock, cache, nightly (issue 5).
libspamsweep_a_SOURCES += \
	scanner/cache.c scanner/cache.h
