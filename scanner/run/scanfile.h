/*
 * scanfile.h: one file, from its job to its result. Opens the file once
 * (safeopen.h), checks it is still the regular file the walk saw, reads it
 * once (its name or its first 64 KiB decide whether it is a script or a
 * configuration file, or neither: then it is not scanned), hashes it,
 * reuses the verdict of identical content, or runs the engines.
 */
#ifndef SS_SCANFILE_H
#define SS_SCANFILE_H

#include <stdint.h>

#include "common/result.h"
#include "scanner/engine/analyze.h"

struct cache;
struct dedup;
struct job;
struct scan_summary;

struct scanfile_ctx {
	const struct engines *eng;
	struct dedup *dedup; /* may be NULL */
	struct scan_summary *sum;
	uint64_t max_filesize;
	int all_files;
	/* test hook: SPAMSWEEP_TEST_OPEN_DELAY_MS makes each worker wait
	 * before opening a file, so tests can race the scanner (and
	 * SPAMSWEEP_TEST_DELAY_READY=FILE creates FILE as it starts) */
	long open_delay_ms;
	struct cache *cache; /* may be NULL: verdicts of earlier runs */
	int cache_lookup;    /* 0: record only (a full run) */
	/* called before the engines are first used: 0 ready, -1 failed;
	 * NULL when they are loaded before the run */
	int (*need_engines)(void *arg);
	void *need_arg;
};

/*
 * Fills r (already result_init'ed with the job's path). Returns the open
 * fd of the scanned file when the result is a finding (the caller closes
 * it after acting on the finding), else -1. A file that is not a script
 * yields verdict V_CLEAN with lang LANG_NONE and is counted as such.
 */
int scan_file(const struct scanfile_ctx *ctx, const struct job *job,
              struct scan_result *r);

#endif
