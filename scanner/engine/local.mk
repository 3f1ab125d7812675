# scanner/engine/: the engines: libclamav, the YARA heuristics,
# classification, the analysis of one file's layers, and the signature-set
# key.
libspamsweep_a_SOURCES += \
	scanner/engine/analyze.c scanner/engine/analyze.h \
	scanner/engine/clam.c scanner/engine/clam.h \
	scanner/engine/classify.c scanner/engine/classify.h \
	scanner/engine/heur.c scanner/engine/heur.h scanner/engine/sigkey.c \
	scanner/engine/sigkey.h
