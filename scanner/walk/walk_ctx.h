/*
 * walk_ctx.h: what a caller hands the walk: what to leave out, the
 * counters to add to, and the callbacks that receive its jobs and errors
 * (walk.h starts the walk with it).
 */
#ifndef SS_WALK_CTX_H
#define SS_WALK_CTX_H

#include <regex.h>
#include <stddef.h>

struct job;
struct stat;
struct scan_summary;

/* What the walk leaves out or stays within (the run copies them from its
 * scan_config; the arrays must outlive the walk). */
struct walk_opts {
	const regex_t *exclude; /* file paths to leave out */
	size_t nexclude;
	const regex_t *exclude_dir; /* directory paths to leave out */
	size_t nexclude_dir;
	int cross_fs;       /* 0: stay on each root's filesystem */
	int roots_resolved; /* absolute paths with no symlink (nightly's,
	                       resolved): opened with no symlink anywhere,
	                       so one swapped in since is refused */
};

struct walk_ctx {
	struct walk_opts opts;
	struct scan_summary *sum;
	/* called from the walk's threads, concurrently */
	void (*on_job)(void *arg, struct job *j);
	void (*on_error)(void *arg, const char *path, const char *reason);
	void *arg;
	/* may be NULL: non-zero when a file needs no job (the cache knows
	 * it unchanged and clean); asked before a job is made, and counted
	 * in the summary as a cache hit */
	int (*unchanged)(void *arg, const struct stat *st);
	/* may be NULL: polled between entries; non-zero stops the walk */
	int (*should_stop)(void *arg);
	/* may be NULL: the root being walked, for a progress line */
	const char **current_root;
};

#endif
