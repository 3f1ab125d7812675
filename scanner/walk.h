/*
 * walk.h: turns scan roots into jobs. Walks each root physically with
 * fts(3): symlinks below a root are never followed (a symlink named as the
 * root is followed once, as clamscan does), FIFOs, sockets and devices are
 * counted and never opened, --cross-fs=no stays on the root's filesystem,
 * and --exclude / --exclude-dir prune by regular expression.
 */
#ifndef SS_WALK_H
#define SS_WALK_H

struct job;
struct scan_config;
struct scan_summary;

struct walk_ctx {
	const struct scan_config *cfg;
	struct scan_summary *sum;
	void (*on_job)(void *arg, struct job *j);
	void (*on_error)(void *arg, const char *path, const char *reason);
	void *arg;
	/* may be NULL: polled between entries; non-zero stops the walk */
	int (*should_stop)(void *arg);
};

/* Walks one root; every regular file becomes a job. */
void walk_root(struct walk_ctx *w, const char *path);

#endif
