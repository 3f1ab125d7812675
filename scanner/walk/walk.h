/*
 * walk.h: turns scan roots into jobs. Walks each root physically with
 * fts(3), in a few threads that share the subtrees between them (walk.c,
 * walk_tree.c): symlinks below a root are never followed (a symlink named
 * as the root is followed once, as clamscan does), FIFOs, sockets and
 * devices are counted and never opened, --cross-fs=no stays on the root's
 * filesystem, and --exclude / --exclude-dir prune by regular expression.
 */
#ifndef SS_WALK_H
#define SS_WALK_H

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
	int cross_fs; /* 0: stay on each root's filesystem */
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

struct walk;

/* Starts nthreads walking threads (at least 1); they wait for roots. */
struct walk *walk_start(struct walk_ctx *w, int nthreads);
/* Queues one root (path must outlive the walk). A file root becomes a
 * job at once; a directory root is walked by the threads. */
void walk_root(struct walk *wk, const char *path);
/* Waits until every queued root is walked (or the walk stopped), frees. */
void walk_finish(struct walk *wk);

#endif
