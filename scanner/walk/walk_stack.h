/*
 * walk_stack.h: the walk's shared state (the stack of subtrees, the
 * ancestors above them) for walk.c (threads, roots) and walk_tree.c (one
 * subtree walked with fts(3)). Not for files outside scanner/walk/.
 */
#ifndef SS_WALK_STACK_H
#define SS_WALK_STACK_H

#include "scanner/walk/walk_ctx.h"

#include <pthread.h>
#include <regex.h>
#include <stddef.h>
#include <sys/types.h>

struct root;

/* A directory above a subtree's top, for the cycle check across
 * subtrees (fts(3) checks the cycles inside one). Reference counted. */
struct anc {
	struct anc *up;
	int refs;
	dev_t dev;
	ino_t ino;
};

/* A directory whose whole subtree one thread walks with one fts(3). */
struct subtree {
	struct subtree *next; /* on the stack */
	struct root *root;    /* referenced */
	size_t rootlen;       /* bytes of path that are the root's */
	dev_t rootdev;
	const char *given; /* a root as the caller named it (progress) */
	char *path;        /* as printed */
	int fd;            /* opened by name in its parent, or -1 */
	dev_t dev;         /* identity when it was listed */
	ino_t ino;
	struct anc *anc; /* directories above it; referenced */
	int follow;      /* a root named by the user: a symlink is followed */
};

struct walk {
	struct walk_ctx *w;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct subtree *top;
	int queued, busy, closed, stopped;
	int nthreads;
	pthread_t *threads;
};

/* Is the walk to stop (a signal, the deadline)? */
int walk_stopping(struct walk *wk);
/* Fewer subtrees waiting than threads: hand work off. */
int walk_hungry(struct walk *wk);
void walk_push(struct walk *wk, struct subtree *t);
/* The next subtree, or NULL once the stack is empty for good; each one
 * popped is ended with walk_done(). */
struct subtree *walk_pop(struct walk *wk);
void walk_done(struct walk *wk);
void subtree_free(struct subtree *t);
void walk_report(struct walk *wk, const char *path, const char *what, int err);
int walk_matches(const regex_t *re, size_t n, const char *path);
struct anc *anc_new(struct anc *up, dev_t dev, ino_t ino);
void anc_unref(struct anc *a);

#endif
