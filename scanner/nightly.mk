# scanner/nightly.mk: configuration, docroot discovery, lock, cache, nightly.
libspamsweep_a_SOURCES += \
	scanner/sigkey.c scanner/sigkey.h \
	scanner/cache.c scanner/cache.h \
	scanner/nightly_config.c scanner/nightly_config.h \
	scanner/roots.c scanner/roots.h \
	scanner/lock.c scanner/lock.h \
	scanner/nightly_action.c scanner/nightly.h \
	scanner/cmd_nightly.c
