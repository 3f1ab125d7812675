/*
 * summary.h: the counters of one scan run, updated atomically by the walk
 * and the workers, and printed as clamscan's SCAN SUMMARY block.
 */
#ifndef SS_SUMMARY_H
#define SS_SUMMARY_H

#include <stdio.h>
#include <time.h>

struct scan_summary {
	unsigned long dirs;        /* directories walked */
	unsigned long seen;        /* regular files found */
	unsigned long scanned;     /* files whose content went to the engines */
	unsigned long skipped;     /* too large and the like (each reported) */
	unsigned long not_scripts; /* regular files that are not scripts */
	unsigned long special;     /* FIFOs, sockets, devices: never opened */
	unsigned long symlinks;    /* symlinks: never followed */
	unsigned long infected;
	unsigned long suspicious;
	unsigned long errors;
	unsigned long dedup_hits;  /* verdicts taken from identical content */
	unsigned long cache_hits;  /* verdicts taken from the cache (nightly) */
	unsigned long analyzed;    /* files the engines actually ran on */
	unsigned long quarantined; /* findings moved to the quarantine */
	const char *stopped;       /* NULL, or why the walk stopped early */
	const char *incomplete;    /* NULL, or why files were missed while
	                              the walk went on */
	unsigned long long bytes_scanned;
	unsigned long long bytes_read;
	/* filled in once */
	unsigned int known_sigs;
	int engines_loaded; /* 0: nightly found every file in the cache */
	const char *engine_version;
	double load_seconds;
	double elapsed;
	time_t start, end;
};

#define SUMMARY_ADD(s, field, n)                                               \
	__atomic_add_fetch(&(s)->field, (n), __ATOMIC_RELAXED)

/* NULL for a run that saw every file, else why it did not (stopped
 * early, or incomplete). */
const char *summary_incomplete(const struct scan_summary *s);

/* The clamscan-style block, "----------- SCAN SUMMARY -----------" on. */
void summary_print(FILE *out, const struct scan_summary *s);

#endif
