# scanner/nightly.mk: configuration, docroot discovery, lock, cache, nightly (issue 5).
libspamsweep_a_SOURCES += \
	scanner/cache.c scanner/cache.h \
	scanner/nightly_config.c scanner/nightly_config.h \
	scanner/roots.c scanner/roots.h \
	scanner/lock.c scanner/lock.h \
	scanner/action.c scanner/action.h \
	scanner/cmd_nightly.c
