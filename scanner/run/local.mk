# scanner/run/: one scan run from roots to report, each file's scan, what
# happens after a finding, and stopping on signals.
libspamsweep_a_SOURCES += \
	scanner/run/action.c scanner/run/action.h scanner/run/scan.c \
	scanner/run/scan.h scanner/run/scanfile.c scanner/run/scanfile.h \
	scanner/run/stop.c scanner/run/stop.h
