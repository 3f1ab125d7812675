/*
 * walk.c: the walk's threads and its roots. A root is one subtree on the
 * stack the threads share (walk_stack.c); a thread walks it with fts(3)
 * (walk_tree.c) and hands directories back to the stack while it holds fewer
 * subtrees than there are threads, so a single large root keeps every thread
 * busy. Each thread has a working directory of its own, for fts's chdir mode. A
 * subtree waits on the stack with its directory open (opened by name in its
 * parent: one name for the kernel to resolve, not a path from the root);
 * since work is handed off only while fewer subtrees than threads wait,
 * those fds are a handful.
 */
#include "common/job.h"
#include "common/safeopen.h"
#include "common/summary.h"
#include "common/util.h"
#include "scanner/engine/classify.h"
#include "scanner/walk/walk.h"
#include "scanner/walk/walk_stack.h"
#include "scanner/walk/walk_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
walk_loop(struct walk *wk, int own_cwd)
{
	struct wthread th = {own_cwd, NULL, 0};
	struct subtree *t;

	while ((t = walk_pop(wk)) != NULL) {
		if (!walk_stopping(wk))
			walk_subtree(wk, t, &th);
		subtree_free(t);
		walk_done(wk);
	}
	free(th.buf);
}

/* A walking thread: a working directory of its own first, for fts's
 * chdir mode (Samba's per-thread working directories do the same). The
 * tests force the fallback with SPAMSWEEP_TEST_NO_UNSHARE. */
static void *
walker_main(void *arg)
{
	walk_loop(arg, !getenv("SPAMSWEEP_TEST_NO_UNSHARE") &&
	                   unshare(CLONE_FS) == 0);
	return NULL;
}

/* ---- roots ---- */

/* The root as it is printed: trailing slashes removed. */
static char *
clean_root(const char *path)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

/* A root that is not a directory: named by the user, so a symlink is
 * followed once (the worker opens it by name). */
static void
file_root(struct walk *wk, const char *rootpath)
{
	const struct walk_opts *cfg = &wk->w->opts;
	const char *slash = strrchr(rootpath, '/');
	struct stat st;
	struct job *j;

	if (stat(rootpath, &st) != 0) {
		walk_report(wk, rootpath, "cannot stat", errno);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		SUMMARY_ADD(wk->w->sum, special, 1);
		wk->w->on_error(wk->w->arg, rootpath,
		                "not a regular file or directory");
		return;
	}
	if (walk_matches(cfg->exclude, cfg->nexclude, rootpath))
		return;
	SUMMARY_ADD(wk->w->sum, seen, 1);
	j = xcalloc(1, sizeof(*j));
	j->path = xstrdup(rootpath);
	j->root = root_new(rootpath, -1);
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->size = st.st_size;
	j->st = st;
	j->by_name = classify_name(slash ? slash + 1 : rootpath);
	wk->w->on_job(wk->w->arg, j);
}

static void
close_keep_errno(int fd)
{
	int err = errno;

	close(fd);
	errno = err;
}

/* A directory root's fd. A resolved root has no symlink on its path: one
 * there now was swapped in since (by a tenant, below a directory it
 * owns), and is refused. */
static int
open_root(const struct walk *wk, const char *rootpath)
{
	int top, fd;

	if (!wk->w->opts.roots_resolved || rootpath[0] != '/')
		return open(rootpath,
		            O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	top = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (top < 0 || rootpath[1] == '\0')
		return top;
	fd = open_dir_beneath(top, rootpath + 1);
	if (fd < 0 && errno == ENOTDIR) {
		/* a file root, or a symlink in the way (O_NOFOLLOW's) */
		struct stat st;
		if (fstatat(top, rootpath + 1, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			errno = ELOOP;
		else
			errno = ENOTDIR;
	}
	close_keep_errno(top);
	return fd;
}

void
walk_root(struct walk *wk, const char *path)
{
	struct subtree *t;
	struct stat st;
	char *rootpath;
	int dfd;

	if (walk_stopping(wk))
		return;
	rootpath = clean_root(path);
	/* a directory root gets an fd every file is opened beneath */
	dfd = open_root(wk, rootpath);
	if (dfd < 0) {
		if (errno == ENOTDIR)
			file_root(wk, rootpath);
		else if (errno == ELOOP || errno == EXDEV)
			wk->w->on_error(wk->w->arg, path,
			                "not opened: a symlink is in the way "
			                "(swapped in since the roots were "
			                "resolved?)");
		else
			walk_report(wk, path, "cannot open", errno);
		free(rootpath);
		return;
	}
	if (fstat(dfd, &st) != 0) {
		walk_report(wk, path, "cannot stat", errno);
		close(dfd);
		free(rootpath);
		return;
	}
	t = xcalloc(1, sizeof(*t));
	t->root = root_new(rootpath, dfd);
	t->rootlen = strlen(rootpath);
	t->rootdev = t->dev = st.st_dev;
	t->ino = st.st_ino;
	t->given = path;
	t->path = rootpath;
	t->fd = -1;
	t->follow = 1;
	walk_push(wk, t);
}

/* ---- the threads ---- */

struct walk *
walk_start(struct walk_ctx *w, int nthreads)
{
	struct walk *wk = xcalloc(1, sizeof(*wk));

	wk->w = w;
	pthread_mutex_init(&wk->mu, NULL);
	pthread_cond_init(&wk->cv, NULL);
	if (nthreads < 1)
		nthreads = 1;
	wk->threads = xcalloc((size_t)nthreads, sizeof(*wk->threads));
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&wk->threads[wk->nthreads], NULL,
		                   walker_main, wk) == 0)
			wk->nthreads++;
	return wk;
}

void
walk_finish(struct walk *wk)
{
	pthread_mutex_lock(&wk->mu);
	wk->closed = 1;
	pthread_cond_broadcast(&wk->cv);
	pthread_mutex_unlock(&wk->mu);
	/* no thread could be started: walk in this one */
	if (wk->nthreads == 0)
		walk_loop(wk, 0);
	for (int i = 0; i < wk->nthreads; i++)
		pthread_join(wk->threads[i], NULL);
	pthread_cond_destroy(&wk->cv);
	pthread_mutex_destroy(&wk->mu);
	free(wk->threads);
	free(wk);
}
