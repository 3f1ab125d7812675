/*
 * scan.h: one scan run from roots to report. `spamsweep scan` fills a
 * scan_config from its options; `spamsweep nightly` from its config file.
 * The run loads the engines once, walks every root, feeds the workers,
 * reports every result and returns clamscan's exit status.
 */
#ifndef SS_SCAN_H
#define SS_SCAN_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "common/result.h"
#include "scanner/report/report.h"

struct cache;
struct job;
struct scan_summary;

/* Called by a worker for every finding, with the file still open, before
 * the result is reported; may set r->action / r->action_id. */
typedef void (*finding_hook)(void *ctx, const struct job *job, int fd,
                             struct scan_result *r);

struct scan_config {
	/* what to scan */
	int cross_fs;       /* 0: stay on each root's filesystem */
	int roots_resolved; /* the roots are resolved paths (nightly): a
	                       symlink on the way to one is refused */
	int all_files;      /* scan every regular file, not just scripts */
	uint64_t max_filesize;
	regex_t *exclude; /* file paths to leave out */
	size_t nexclude;
	regex_t *exclude_dir; /* directory paths to leave out */
	size_t nexclude_dir;
	/* engines */
	const char *sigdir; /* NULL: default_sigdir() */
	const char *dbdir;  /* NULL: cl_retdbdir() */
	int use_system_db;
	int heuristics;        /* run the heuristic engine */
	const char *rules_dir; /* the user's extra YARA rules */
	int threshold;
	/* deobfuscator bounds (see deobf.h); 0 = default */
	int max_decode_depth;
	uint64_t max_decode_size;
	double max_decode_time;
	int threads; /* 0: online CPUs */
	/* output */
	struct report_config report;
	/* actions */
	finding_hook on_finding;
	void *hook_ctx;
	const char *scan_id; /* NULL: made up by scan_run */
	/* incremental scans (nightly) */
	struct cache *cache; /* NULL: no cache */
	int cache_full;      /* consult nothing, record everything */
	int lazy_engines;    /* load the engines only when a file needs
	                        them (a run with nothing new never does) */
	/* run-time feedback */
	int progress; /* a progress line on stderr if a terminal */
	struct scan_summary *summary_out; /* the counters, copied at the end */
	/* stopping early (nightly): the walk stops when *stop becomes
	 * non-zero (a signal handler sets it) or at deadline (monotonic
	 * seconds, now_seconds(); 0: none); queued files are finished, the
	 * report says the run is incomplete */
	volatile int *stop;
	double deadline;
};

#define SCAN_DEFAULT_MAX_FILESIZE (16ULL << 20)
#define SCAN_DEFAULT_THRESHOLD    10

void scan_config_defaults(struct scan_config *cfg);

/* Exit status: 0 nothing found, 1 found, 2 errors and nothing found. */
int scan_run(const struct scan_config *cfg, char *const *paths, size_t npaths);

/* The same run over jobs made already (the rescan, walk_again.h), with
 * no walk: each file is opened beneath its job's root as the walk's are.
 * Takes the jobs. */
int scan_run_jobs(const struct scan_config *cfg, struct job **jobs,
                  size_t njobs);

/* The project's signatures: the source tree's when this binary is the
 * one built in it, otherwise the installed copy. */
const char *default_sigdir(void);

#endif
