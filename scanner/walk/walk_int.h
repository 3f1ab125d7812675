/*
 * walk_int.h: what walk.c (threads, the stack of subtrees, roots) and
 * walk_tree.c (one subtree walked with fts(3)) share. Not for other files.
 */
#ifndef SS_WALK_INT_H
#define SS_WALK_INT_H

#include "scanner/walk/walk.h"

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

/* walk.c */
int walk_stopping(struct walk *wk);
int walk_hungry(struct walk *wk);
void walk_push(struct walk *wk, struct subtree *t);
void walk_report(struct walk *wk, const char *path, const char *what, int err);
int walk_matches(const regex_t *re, size_t n, const char *path);
struct anc *anc_new(struct anc *up, dev_t dev, ino_t ino);
void anc_unref(struct anc *a);

/* A walking thread's own state. */
struct wthread {
	int own_cwd; /* unshare(CLONE_FS) worked: chdir is ours alone */
	char *buf;   /* full paths are built here */
	size_t cap;
};

/* walk_tree.c: walks t (the caller frees it) */
void walk_subtree(struct walk *wk, struct subtree *t, struct wthread *th);

#endif
