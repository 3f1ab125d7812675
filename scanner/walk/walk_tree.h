/*
 * walk_tree.h: one subtree walked with fts(3) by one walking thread
 * (walk_tree.c); walk.c's threads call it for each subtree they pop.
 */
#ifndef SS_WALK_TREE_H
#define SS_WALK_TREE_H

#include <stddef.h>

struct walk;
struct subtree;

/* A walking thread's own state. */
struct wthread {
	int own_cwd; /* unshare(CLONE_FS) worked: chdir is ours alone */
	char *buf;   /* full paths are built here */
	size_t cap;
};

/* Walks t (the caller frees it). */
void walk_subtree(struct walk *wk, struct subtree *t, struct wthread *th);

#endif
