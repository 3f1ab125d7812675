/*
 * walk_stack.c: the stack of subtrees that the walk's threads share, the
 * ancestors above each subtree (for the cycle check across subtrees), and
 * the small things every walking thread asks: is the walk stopping, is a
 * path excluded, where does an error go.
 */
#include "scanner/walk/walk_stack.h"
#include "common/job.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
walk_matches(const regex_t *re, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (regexec(&re[i], path, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

void
walk_report(struct walk *wk, const char *path, const char *what, int err)
{
	char *reason = xasprintf("%s: %s", what, strerror(err));

	wk->w->on_error(wk->w->arg, path, reason);
	free(reason);
}

int
walk_stopping(struct walk *wk)
{
	if (__atomic_load_n(&wk->stopped, __ATOMIC_RELAXED))
		return 1;
	if (wk->w->should_stop && wk->w->should_stop(wk->w->arg)) {
		__atomic_store_n(&wk->stopped, 1, __ATOMIC_RELAXED);
		return 1;
	}
	return 0;
}

/* ---- ancestors and subtrees ---- */

struct anc *
anc_new(struct anc *up, dev_t dev, ino_t ino)
{
	struct anc *a = xcalloc(1, sizeof(*a));

	if (up)
		__atomic_add_fetch(&up->refs, 1, __ATOMIC_RELAXED);
	a->up = up;
	a->refs = 1;
	a->dev = dev;
	a->ino = ino;
	return a;
}

void
anc_unref(struct anc *a)
{
	while (a && __atomic_sub_fetch(&a->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		struct anc *up = a->up;
		free(a);
		a = up;
	}
}

void
subtree_free(struct subtree *t)
{
	if (t->fd >= 0)
		close(t->fd);
	anc_unref(t->anc);
	root_unref(t->root);
	free(t->path);
	free(t);
}

/* ---- the stack ---- */

void
walk_push(struct walk *wk, struct subtree *t)
{
	pthread_mutex_lock(&wk->mu);
	t->next = wk->top;
	wk->top = t;
	__atomic_add_fetch(&wk->queued, 1, __ATOMIC_RELAXED);
	pthread_cond_signal(&wk->cv);
	pthread_mutex_unlock(&wk->mu);
}

/* Fewer subtrees waiting than threads: hand work off. Keeping the stack
 * stocked (rather than waiting for a thread to be idle) means a thread
 * that finishes a small subtree finds the next one at once instead of
 * sleeping until another thread meets a directory to give away. */
int
walk_hungry(struct walk *wk)
{
	return wk->nthreads > 1 &&
	       __atomic_load_n(&wk->queued, __ATOMIC_RELAXED) < wk->nthreads;
}

struct subtree *
walk_pop(struct walk *wk)
{
	struct subtree *t;

	pthread_mutex_lock(&wk->mu);
	while (!wk->top && !(wk->closed && wk->busy == 0))
		pthread_cond_wait(&wk->cv, &wk->mu);
	t = wk->top;
	if (t) {
		wk->top = t->next;
		__atomic_sub_fetch(&wk->queued, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&wk->busy, 1, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&wk->mu);
	return t;
}

void
walk_done(struct walk *wk)
{
	pthread_mutex_lock(&wk->mu);
	if (__atomic_sub_fetch(&wk->busy, 1, __ATOMIC_RELAXED) == 0 && !wk->top)
		pthread_cond_broadcast(&wk->cv);
	pthread_mutex_unlock(&wk->mu);
}
