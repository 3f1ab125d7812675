# scanner/: the spamsweep program's modules, built into libspamsweep.a.
libspamsweep_a_SOURCES += \
	scanner/util.c scanner/util.h \
	scanner/result.c scanner/result.h \
	scanner/pathfmt.c scanner/pathfmt.h \
	scanner/classify.c scanner/classify.h \
	scanner/safeopen.c scanner/safeopen.h \
	scanner/clam.c scanner/clam.h \
	scanner/heur.c scanner/heur.h \
	scanner/analyze.c scanner/analyze.h \
	scanner/hashtab.c scanner/hashtab.h \
	scanner/dedup.c scanner/dedup.h \
	scanner/job.c scanner/job.h \
	scanner/pool.c scanner/pool.h \
	scanner/walk.c scanner/walk.h scanner/walk_int.h scanner/walk_tree.c \
	scanner/scanfile.c scanner/scanfile.h \
	scanner/summary.c scanner/summary.h \
	scanner/report.c scanner/report_text.c scanner/report_json.c \
	scanner/result_json.c scanner/result_json.h \
	scanner/report.h \
	scanner/scan.c scanner/scan.h \
	scanner/stop.c scanner/stop.h \
	scanner/cmd_scan.c scanner/commands.h
