# scanner/nightly/: the nightly configuration, document-root discovery and
# the lock.
libspamsweep_a_SOURCES += \
	scanner/nightly/lock.c scanner/nightly/lock.h \
	scanner/nightly/nightly_config.c scanner/nightly/nightly_config.h \
	scanner/nightly/roots.c scanner/nightly/roots.h
