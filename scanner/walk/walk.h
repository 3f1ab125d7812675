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

#include "scanner/walk/walk_ctx.h"

struct walk;

/* Starts nthreads walking threads (at least 1); they wait for roots. */
struct walk *walk_start(struct walk_ctx *w, int nthreads);
/* Queues one root (path must outlive the walk). A file root becomes a
 * job at once; a directory root is walked by the threads. */
void walk_root(struct walk *wk, const char *path);
/* Waits until every queued root is walked (or the walk stopped), frees. */
void walk_finish(struct walk *wk);

#endif
