/*
 * walk_tree.c: one subtree, walked with fts(3), FTS_PHYSICAL. Each walking
 * thread has a working directory of its own (unshare(CLONE_FS), walk.c),
 * so fts runs in its chdir mode, as find(1) does: it enters directories by
 * name, checks with fstat that it entered the one it listed (a directory
 * swapped for a symlink is refused), and stats entries by name, one path
 * component for the kernel to resolve instead of a whole path. The subtree
 * is entered through an fd opened beneath the root's, and fts starts from
 * ".": nothing it does can leave the tree. When the other threads run low
 * on work, a directory is handed to them as a subtree of its own instead
 * of being descended here. Without a working directory of its own (a
 * kernel or seccomp filter refusing unshare), the thread walks by full
 * path (FTS_NOCHDIR): slower, and the workers still open every file
 * beneath the root.
 */
#include "scanner/walk/walk_tree.h"
#include "common/job.h"
#include "common/safeopen.h"
#include "common/summary.h"
#include "common/util.h"
#include "scanner/engine/classify.h"
#include "scanner/walk/walk_stack.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Counts added to the summary now and then: two threads bumping shared
 * counters for every file would spend more time moving the cache line
 * between cores than stat(2) takes. */
struct tally {
	unsigned long dirs, seen, unchanged, symlinks, special;
};

struct tree {
	struct walk *wk;
	struct subtree *t;
	struct wthread *th;
	int chdir_mode;      /* fts started from "." inside the subtree */
	int lost;            /* fts lost its way: what it left is handed
	                        off, by path beneath the root */
	const char *stop_at; /* test hook, see walk_test_stop() */
	const FTSENT *built; /* the entry path and len are of */
	const char *path;    /* its full path (in th->buf, or fts's) */
	size_t len;
	struct tally n;
};

static void
tally_flush(struct tree *tr)
{
	struct scan_summary *sum = tr->wk->w->sum;

	SUMMARY_ADD(sum, dirs, tr->n.dirs);
	SUMMARY_ADD(sum, seen, tr->n.seen);
	SUMMARY_ADD(sum, cache_hits, tr->n.unchanged);
	SUMMARY_ADD(sum, symlinks, tr->n.symlinks);
	SUMMARY_ADD(sum, special, tr->n.special);
	memset(&tr->n, 0, sizeof(tr->n));
}

static const char *
rel_of(const char *path, size_t rootlen)
{
	const char *rel = path + rootlen;

	while (*rel == '/')
		rel++;
	return *rel ? rel : ".";
}

static void
buf_reserve(struct wthread *th, size_t need)
{
	if (need > th->cap) {
		th->cap = need * 2;
		th->buf = xrealloc(th->buf, th->cap);
	}
}

/* The subtree's path without a trailing slash ("" for "/"). */
static size_t
top_len(const char *top)
{
	size_t tlen = strlen(top);

	return tlen > 0 && top[tlen - 1] == '/' ? tlen - 1 : tlen;
}

/* The path of an entry fts has not visited (its fts_path is not built):
 * the subtree's path and the names of its ancestors below the top. */
static const char *
chain_path(struct tree *tr, FTSENT *e)
{
	struct wthread *th = tr->th;
	size_t tlen = top_len(tr->t->path), len = tlen, at;
	FTSENT *p;

	for (p = e; p->fts_level > 0; p = p->fts_parent)
		len += 1 + p->fts_namelen;
	buf_reserve(th, len + 2);
	memcpy(th->buf, tr->t->path, tlen);
	at = len;
	for (p = e; p->fts_level > 0; p = p->fts_parent) {
		at -= p->fts_namelen;
		memcpy(th->buf + at, p->fts_name, p->fts_namelen);
		th->buf[--at] = '/';
	}
	if (len == 0) /* "/" itself */
		th->buf[len++] = '/';
	th->buf[len] = '\0';
	tr->len = len;
	tr->path = th->buf;
	return tr->path;
}

/* The entry's full path: the subtree's path and what follows fts's "."
 * Built only when asked for (a run with nothing changed and no --exclude
 * never asks) and once per entry. */
static const char *
path_of(struct tree *tr, FTSENT *e)
{
	struct wthread *th = tr->th;
	const char *top = tr->t->path;
	size_t tlen, need;

	if (tr->built == e)
		return tr->path;
	tr->built = e;
	if (tr->lost)
		return chain_path(tr, e);
	if (!tr->chdir_mode) {
		tr->path = e->fts_path;
		tr->len = e->fts_pathlen;
		return tr->path;
	}
	tlen = top_len(top);
	/* fts_path is "." or "./a/b" */
	need = tlen + e->fts_pathlen;
	buf_reserve(th, need);
	memcpy(th->buf, top, tlen);
	memcpy(th->buf + tlen, e->fts_path + 1, e->fts_pathlen);
	tr->len = tlen + e->fts_pathlen - 1;
	if (tr->len == 0) { /* "/" itself */
		th->buf[0] = '/';
		th->buf[1] = '\0';
		tr->len = 1;
	}
	tr->path = th->buf;
	return tr->path;
}

static int
excluded(struct tree *tr, FTSENT *e, const regex_t *re, size_t n)
{
	return n > 0 && walk_matches(re, n, path_of(tr, e));
}

/* ---- files ---- */

static void
emit_file(struct tree *tr, FTSENT *e)
{
	struct subtree *t = tr->t;
	struct job *j = xcalloc(1, sizeof(*j));

	path_of(tr, e);
	j->path = xstrndup(tr->path, tr->len);
	j->rel = rel_of(j->path, t->rootlen);
	root_ref(t->root);
	j->root = t->root;
	j->dev = e->fts_statp->st_dev;
	j->ino = e->fts_statp->st_ino;
	j->size = e->fts_statp->st_size;
	j->st = *e->fts_statp;
	j->by_name = classify_name(e->fts_name);
	tr->wk->w->on_job(tr->wk->w->arg, j);
}

static void
regular(struct tree *tr, FTSENT *e)
{
	const struct walk_ctx *w = tr->wk->w;

	if (excluded(tr, e, w->opts.exclude, w->opts.nexclude))
		return;
	tr->n.seen++;
	if (w->unchanged && w->unchanged(w->arg, e->fts_statp))
		tr->n.unchanged++;
	else
		emit_file(tr, e);
}

/* ---- directories ---- */

static int
is_anc(const struct anc *a, dev_t dev, ino_t ino)
{
	for (; a; a = a->up)
		if (a->dev == dev && a->ino == ino)
			return 1;
	return 0;
}

/* The ancestors of e (up to the subtree's top) on top of the subtree's. */
static struct anc *
anc_of(struct tree *tr, FTSENT *e)
{
	size_t n = 0, i = 0;
	FTSENT *p, **v;
	struct anc *a = tr->t->anc;

	for (p = e->fts_parent; p && p->fts_level >= 0; p = p->fts_parent)
		n++;
	v = xcalloc(n ? n : 1, sizeof(*v));
	for (p = e->fts_parent; p && p->fts_level >= 0; p = p->fts_parent)
		v[i++] = p;
	if (a)
		__atomic_add_fetch(&a->refs, 1, __ATOMIC_RELAXED);
	while (i-- > 0) {
		struct anc *up = a;
		a = anc_new(up, v[i]->fts_dev, v[i]->fts_ino);
		anc_unref(up);
	}
	free(v);
	return a;
}

/* Gives e's subtree to the other threads, opened by name in the working
 * directory (its parent); in the FTS_NOCHDIR fallback, opened later
 * beneath the root's fd. */
static void
hand_off(struct tree *tr, FTSENT *e)
{
	struct walk *wk = tr->wk;
	struct subtree *n;
	int fd = -1;

	if (tr->chdir_mode && !tr->lost) {
		fd = open_subdir(AT_FDCWD, e->fts_name);
		/* not a directory here any more: nothing to walk */
		if (fd < 0 &&
		    (errno == ENOENT || errno == ENOTDIR || errno == ELOOP))
			return;
	}
	n = xcalloc(1, sizeof(*n));
	root_ref(tr->t->root);
	n->root = tr->t->root;
	n->rootlen = tr->t->rootlen;
	n->rootdev = tr->t->rootdev;
	path_of(tr, e);
	n->path = xstrndup(tr->path, tr->len);
	n->fd = fd;
	n->dev = e->fts_statp->st_dev;
	n->ino = e->fts_statp->st_ino;
	n->anc = anc_of(tr, e);
	walk_push(wk, n);
}

/* A directory below the top. Non-zero: fts must not descend into it. */
static int
enter_dir(struct tree *tr, FTSENT *e)
{
	const struct walk_opts *cfg = &tr->wk->w->opts;
	const struct stat *st = e->fts_statp;

	if (excluded(tr, e, cfg->exclude_dir, cfg->nexclude_dir) ||
	    (!cfg->cross_fs && st->st_dev != tr->t->rootdev) ||
	    is_anc(tr->t->anc, st->st_dev, st->st_ino))
		return 1;
	if (tr->lost || walk_hungry(tr->wk)) {
		hand_off(tr, e);
		return 1;
	}
	tr->n.dirs++;
	return 0;
}

/* Test hook: SPAMSWEEP_TEST_WALK_STOP_AT=NAME stops the process
 * (SIGSTOP, once) when the walk meets a regular file of that name, with
 * fts inside its directory, so that a test can move directories. */
static void
walk_test_stop(struct tree *tr, FTSENT *e)
{
	static int stopped;

	if (tr->stop_at && strcmp(e->fts_name, tr->stop_at) == 0 &&
	    !__atomic_exchange_n(&stopped, 1, __ATOMIC_SEQ_CST))
		raise(SIGSTOP);
}

static void
visit(struct tree *tr, FTS *fts, FTSENT *e)
{
	tr->built = NULL; /* fts may reuse a freed entry's memory */
	switch (e->fts_info) {
	case FTS_D:
		if (e->fts_level == 0)
			tr->n.dirs++;
		else if (enter_dir(tr, e))
			fts_set(fts, e, FTS_SKIP);
		break;
	case FTS_F:
		walk_test_stop(tr, e);
		regular(tr, e);
		break;
	case FTS_SL:
	case FTS_SLNONE:
		tr->n.symlinks++;
		break;
	case FTS_DEFAULT:
		tr->n.special++;
		break;
	case FTS_DNR:
		walk_report(tr->wk, path_of(tr, e), "cannot read directory",
		            e->fts_errno);
		break;
	case FTS_NS:
		/* gone since its directory was read (a session file in
		 * /tmp, say): nothing left to scan, nothing to report */
		if (e->fts_errno != ENOENT)
			walk_report(tr->wk, path_of(tr, e), "cannot stat",
			            e->fts_errno);
		break;
	case FTS_ERR:
		walk_report(tr->wk, path_of(tr, e), "cannot walk",
		            e->fts_errno);
		break;
	case FTS_DC: /* a cycle: only through bind mounts, nothing new */
	case FTS_DP:
	default:
		break;
	}
}

/* ---- fts lost its way ---- */

/* fts_read() gave up (FTS_STOP): it could not return from fts_cur to
 * its parent, which happens when fts_cur was moved while fts was inside
 * it. Its contents were walked; the entries fts had listed and not yet
 * visited (the siblings of fts_cur and of each of its ancestors) are
 * visited now, their directories handed off to be opened by path beneath
 * the root. The run is incomplete: what was moved may have gone
 * unscanned. */
static void
lost_way(struct tree *tr, FTS *fts, int err)
{
	struct scan_summary *sum = tr->wk->w->sum;
	FTSENT *cur = fts->fts_cur, *p, *s;

	__atomic_store_n(&sum->incomplete, "a directory moved while walked",
	                 __ATOMIC_RELAXED);
	tr->lost = 1;
	if (!cur) {
		walk_report(tr->wk, tr->t->path, "cannot walk", err);
		return;
	}
	tr->built = NULL;
	walk_report(tr->wk, path_of(tr, cur),
	            "cannot return to its parent directory (moved during the "
	            "walk?)",
	            err);
	for (p = cur; p && p->fts_level >= FTS_ROOTLEVEL; p = p->fts_parent)
		for (s = p->fts_link; s; s = s->fts_link)
			visit(tr, fts, s);
}

/* ---- the subtree ---- */

/* The top's fd: opened in its parent when it was handed off, or now,
 * beneath the root's fd. -1 when it is gone, not a directory, or one of
 * its own ancestors. */
static int
open_top(struct tree *tr)
{
	struct subtree *t = tr->t;
	struct stat st;
	int fd = t->fd;

	if (fd >= 0) {
		t->fd = -1;
	} else {
		fd = open_dir_beneath(t->root->fd, rel_of(t->path, t->rootlen));
		if (fd < 0) {
			if (errno != ENOENT)
				walk_report(tr->wk, t->path,
				            "cannot read directory", errno);
			return -1;
		}
	}
	if (fstat(fd, &st) != 0 || is_anc(t->anc, st.st_dev, st.st_ino)) {
		close(fd);
		return -1;
	}
	return fd;
}

static FTS *
open_fts(struct tree *tr, int fd)
{
	static char dot[] = ".";
	char *argv[2] = {dot, NULL};

	tr->chdir_mode = tr->th->own_cwd && fchdir(fd) == 0;
	if (tr->chdir_mode)
		return fts_open(argv, FTS_PHYSICAL, NULL);
	argv[0] = tr->t->path;
	return fts_open(argv,
	                FTS_PHYSICAL | FTS_NOCHDIR |
	                    (tr->t->follow ? FTS_COMFOLLOW : 0),
	                NULL);
}

void
walk_subtree(struct walk *wk, struct subtree *t, struct wthread *th)
{
	struct tree tr = {.wk = wk,
	                  .t = t,
	                  .th = th,
	                  .stop_at = getenv("SPAMSWEEP_TEST_WALK_STOP_AT")};
	unsigned count = 0;
	int fd = open_top(&tr);
	FTSENT *e;
	FTS *fts;

	if (fd < 0)
		return;
	fts = open_fts(&tr, fd);
	if (!fts) {
		walk_report(wk, t->path, "cannot walk", errno);
	} else {
		if (t->given && wk->w->current_root)
			__atomic_store_n(wk->w->current_root, t->given,
			                 __ATOMIC_RELAXED);
		while ((errno = 0, e = fts_read(fts)) != NULL) {
			if ((++count & 255) == 0) {
				tally_flush(&tr);
				if (walk_stopping(wk))
					break;
			}
			visit(&tr, fts, e);
		}
		/* NULL with errno set: fts stopped before the end */
		if (!e && errno != 0 && !walk_stopping(wk))
			lost_way(&tr, fts, errno);
		fts_close(fts);
	}
	/* leave no directory pinned as this thread's working directory */
	if (tr.chdir_mode && chdir("/") != 0)
		th->own_cwd = 0;
	close(fd);
	tally_flush(&tr);
}
