# common/: what scanner/ and quarantine/ share: allocation and errors,
# file names as bytes, opening beneath a root, the result and job that
# flow through the pipeline, and the run's counters.
libspamsweep_a_SOURCES += \
	common/job.c common/job.h common/pathfmt.c common/pathfmt.h \
	common/regex_bounded.c common/regex_bounded.h \
	common/result.c common/result.h common/result_json.c \
	common/result_json.h common/safeopen.c common/safeopen.h \
	common/summary.c common/summary.h common/util.c common/util.h
