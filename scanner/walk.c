/*
 * walk.c: the walk. A few threads share a stack of directories; each pops
 * one, opens it beneath its root's fd (no symlink on the way: safeopen.c),
 * reads it, and stats every entry relative to the directory's own fd, so
 * the kernel resolves one name per stat instead of a whole path (that, and
 * the threads, make a run where the cache says "unchanged" for every file
 * cost less than find(1) over the same tree). Regular files become jobs;
 * subdirectories go on the stack, a bounded number of them already open
 * (WALK_FD_BUDGET), however wide or deep the tree. The walk only lists and
 * stats: workers open files by their path beneath the root's fd, so a
 * directory moved out of the tree mid-walk can show names, never content.
 */
#include "walk.h"
#include "classify.h"
#include "job.h"
#include "safeopen.h"
#include "scan.h"
#include "summary.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* A directory to walk. Children hold their parent (the cycle check). */
struct wdir {
	int fd;              /* opened when listed, or -1: see subdir() */
	struct wdir *next;   /* on the stack */
	struct wdir *parent; /* referenced; NULL for a root */
	int refs;
	dev_t dev;
	ino_t ino;
	struct root *root; /* referenced */
	size_t rootlen;    /* bytes of path that are the root's */
	dev_t rootdev;
	const char *given; /* a root as the caller named it (progress) */
	char *path;
	size_t len;
};

struct walk {
	struct walk_ctx *w;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct wdir *top;
	int busy, closed, stopped;
	int fds;       /* directory fds held on the stack */
	int fd_budget; /* and how many it may hold */
	int nthreads;
	pthread_t *threads;
};

/* A thread's buffers: "dir/name", and getdents64's records. */
struct wthread {
	char *path;
	size_t cap;
	unsigned char dents[32768] __attribute__((aligned(8)));
};

/* Counts for one directory, added to the summary once it is read: two
 * threads bumping shared counters for every file would spend more time
 * moving the cache line between cores than stat(2) takes. */
struct tally {
	unsigned long seen, unchanged, symlinks, special;
};

static void
tally_flush(struct walk *wk, struct tally *t)
{
	struct scan_summary *sum = wk->w->sum;

	SUMMARY_ADD(sum, dirs, 1);
	SUMMARY_ADD(sum, seen, t->seen);
	SUMMARY_ADD(sum, cache_hits, t->unchanged);
	SUMMARY_ADD(sum, symlinks, t->symlinks);
	SUMMARY_ADD(sum, special, t->special);
}

static int
matches(const regex_t *re, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (regexec(&re[i], path, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

static void
report(struct walk *wk, const char *path, const char *what, int err)
{
	char *reason = xasprintf("%s: %s", what, strerror(err));

	wk->w->on_error(wk->w->arg, path, reason);
	free(reason);
}

static int
stopping(struct walk *wk)
{
	if (__atomic_load_n(&wk->stopped, __ATOMIC_RELAXED))
		return 1;
	if (wk->w->should_stop && wk->w->should_stop(wk->w->arg)) {
		__atomic_store_n(&wk->stopped, 1, __ATOMIC_RELAXED);
		return 1;
	}
	return 0;
}

/* ---- directories and the stack ---- */

/* Subdirectories opened while their parent is read cost the kernel one
 * name to resolve instead of a path from the root; this many fds at most
 * wait on the stack (a wide directory opens the rest later, by path),
 * and never more than an eighth of RLIMIT_NOFILE: the workers, libclamav
 * and the quarantine need fds too. */
#define WALK_FD_BUDGET 128

static int
fd_budget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return WALK_FD_BUDGET;
	return rl.rlim_cur / 8 < WALK_FD_BUDGET ? (int)(rl.rlim_cur / 8)
	                                        : WALK_FD_BUDGET;
}

static void
drop_fd(struct walk *wk, struct wdir *d)
{
	if (d->fd < 0)
		return;
	close(d->fd);
	d->fd = -1;
	__atomic_sub_fetch(&wk->fds, 1, __ATOMIC_RELAXED);
}

static void
wdir_unref(struct walk *wk, struct wdir *d)
{
	while (d && __atomic_sub_fetch(&d->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		struct wdir *parent = d->parent;
		drop_fd(wk, d);
		root_unref(d->root);
		free(d->path);
		free(d);
		d = parent;
	}
}

static struct wdir *
wdir_child(struct wdir *parent, const char *path, size_t len,
           const struct stat *st)
{
	struct wdir *d = xcalloc(1, sizeof(*d));

	d->fd = -1;
	d->refs = 1;
	__atomic_add_fetch(&parent->refs, 1, __ATOMIC_RELAXED);
	d->parent = parent;
	d->dev = st->st_dev;
	d->ino = st->st_ino;
	root_ref(parent->root);
	d->root = parent->root;
	d->rootlen = parent->rootlen;
	d->rootdev = parent->rootdev;
	d->path = xstrndup(path, len);
	d->len = len;
	return d;
}

/* A bind mount can make a directory its own descendant. */
static int
is_ancestor(const struct wdir *d, dev_t dev, ino_t ino)
{
	for (; d; d = d->parent)
		if (d->dev == dev && d->ino == ino)
			return 1;
	return 0;
}

static void
push(struct walk *wk, struct wdir *d)
{
	pthread_mutex_lock(&wk->mu);
	d->next = wk->top;
	wk->top = d;
	pthread_cond_signal(&wk->cv);
	pthread_mutex_unlock(&wk->mu);
}

/* The next directory, or NULL once the stack is empty for good. */
static struct wdir *
pop(struct walk *wk)
{
	struct wdir *d;

	pthread_mutex_lock(&wk->mu);
	while (!wk->top && !(wk->closed && wk->busy == 0))
		pthread_cond_wait(&wk->cv, &wk->mu);
	d = wk->top;
	if (d) {
		wk->top = d->next;
		wk->busy++;
	}
	pthread_mutex_unlock(&wk->mu);
	return d;
}

static void
done(struct walk *wk)
{
	pthread_mutex_lock(&wk->mu);
	if (--wk->busy == 0 && !wk->top)
		pthread_cond_broadcast(&wk->cv);
	pthread_mutex_unlock(&wk->mu);
}

/* ---- entries ---- */

static const char *
rel_of(const char *path, size_t rootlen)
{
	const char *rel = path + rootlen;

	while (*rel == '/')
		rel++;
	return *rel ? rel : ".";
}

static void
emit_file(struct walk *wk, struct root *root, size_t rootlen, const char *path,
          size_t len, const char *name, const struct stat *st)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->path = xstrndup(path, len);
	if (root->fd >= 0)
		j->rel = rel_of(j->path, rootlen);
	root_ref(root);
	j->root = root;
	j->dev = st->st_dev;
	j->ino = st->st_ino;
	j->size = st->st_size;
	j->st = *st;
	j->by_name = classify_name(name);
	wk->w->on_job(wk->w->arg, j);
}

static int
excluded_dir(struct walk *wk, const char *path)
{
	const struct scan_config *cfg = wk->w->cfg;

	return matches(cfg->exclude_dir, cfg->nexclude_dir, path);
}

/* Queues a subdirectory (fd: already open, or -1), unless it is on
 * another filesystem under --cross-fs=no or one of its own ancestors. */
static void
subdir(struct walk *wk, struct wdir *d, int fd, const char *path, size_t len,
       const struct stat *st)
{
	struct wdir *c;

	if ((!wk->w->cfg->cross_fs && st->st_dev != d->rootdev) ||
	    is_ancestor(d, st->st_dev, st->st_ino)) {
		if (fd >= 0) {
			close(fd);
			__atomic_sub_fetch(&wk->fds, 1, __ATOMIC_RELAXED);
		}
		return;
	}
	c = wdir_child(d, path, len, st);
	c->fd = fd;
	push(wk, c);
}

/*
 * A subdirectory opened by name while its parent is read, within the fd
 * budget; its fstat is the identity. 1: done with it. 0: stat it by name
 * instead (no budget left, or it is no longer a directory: swapped for a
 * symlink or a file since getdents).
 */
static int
subdir_by_fd(struct walk *wk, struct wdir *d, int dfd, const char *name,
             const char *path, size_t len)
{
	struct stat st;
	int fd;

	if (excluded_dir(wk, path))
		return 1;
	if (__atomic_add_fetch(&wk->fds, 1, __ATOMIC_RELAXED) > wk->fd_budget) {
		__atomic_sub_fetch(&wk->fds, 1, __ATOMIC_RELAXED);
		return 0;
	}
	fd = open_subdir(dfd, name);
	if (fd >= 0 && fstat(fd, &st) == 0) {
		subdir(wk, d, fd, path, len, &st);
		return 1;
	}
	if (fd >= 0)
		close(fd);
	__atomic_sub_fetch(&wk->fds, 1, __ATOMIC_RELAXED);
	return 0;
}

static void
regular(struct walk *wk, struct wdir *d, const char *name, const char *path,
        size_t len, const struct stat *st, struct tally *t)
{
	const struct scan_config *cfg = wk->w->cfg;

	if (matches(cfg->exclude, cfg->nexclude, path))
		return;
	t->seen++;
	if (wk->w->unchanged && wk->w->unchanged(wk->w->arg, st))
		t->unchanged++;
	else
		emit_file(wk, d->root, d->rootlen, path, len, name, st);
}

/* One directory entry; type is getdents' d_type (DT_UNKNOWN on some
 * filesystems): symlinks and special files need no stat at all. */
static void
entry(struct walk *wk, struct wdir *d, int dfd, const char *name,
      unsigned char type, const char *path, size_t len, struct tally *t)
{
	struct stat st;

	switch (type) {
	case DT_LNK:
		t->symlinks++;
		return;
	case DT_FIFO:
	case DT_SOCK:
	case DT_CHR:
	case DT_BLK:
		t->special++;
		return;
	case DT_DIR:
		if (subdir_by_fd(wk, d, dfd, name, path, len))
			return;
		break;
	default:
		break;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		/* gone since the directory was read (a session file in
		 * /tmp, say): nothing left to scan, nothing to report */
		if (errno != ENOENT)
			report(wk, path, "cannot stat", errno);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!excluded_dir(wk, path))
			subdir(wk, d, -1, path, len, &st);
	} else if (S_ISREG(st.st_mode))
		regular(wk, d, name, path, len, &st, t);
	else if (S_ISLNK(st.st_mode))
		t->symlinks++;
	else
		t->special++;
}

/* "dir/name" in th->path; returns its length. */
static size_t
join(struct wthread *th, const struct wdir *d, const char *name)
{
	size_t nlen = strlen(name), sep = d->path[d->len - 1] != '/';
	size_t need = d->len + sep + nlen + 1;

	if (need > th->cap) {
		th->cap = need * 2;
		th->path = xrealloc(th->path, th->cap);
	}
	memcpy(th->path, d->path, d->len);
	if (sep)
		th->path[d->len] = '/';
	memcpy(th->path + d->len + sep, name, nlen + 1);
	return d->len + sep + nlen;
}

static int
open_wdir(struct walk *wk, struct wdir *d)
{
	struct stat st;
	int fd = d->fd;

	if (fd >= 0) {
		/* opened by name in its parent, O_NOFOLLOW: the directory
		 * that was just listed there */
		d->fd = -1;
		__atomic_sub_fetch(&wk->fds, 1, __ATOMIC_RELAXED);
		return fd;
	}
	fd = open_dir_beneath(d->root->fd, rel_of(d->path, d->rootlen));

	if (fd < 0) {
		if (errno != ENOENT)
			report(wk, d->path, "cannot read directory", errno);
		return -1;
	}
	/* replaced by another directory since it was listed: walk what is
	 * there now (it is beneath the root all the same), but check it is
	 * not one of its own ancestors */
	if (fstat(fd, &st) == 0 &&
	    (st.st_dev != d->dev || st.st_ino != d->ino)) {
		if (is_ancestor(d->parent, st.st_dev, st.st_ino)) {
			close(fd);
			return -1;
		}
		d->dev = st.st_dev;
		d->ino = st.st_ino;
	}
	return fd;
}

static int
dot_or_dotdot(const char *n)
{
	return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2]));
}

/* Lists a directory with getdents64(2) into the thread's buffer: readdir
 * through fdopendir would add an fcntl, an fstat and a 32 KiB malloc to
 * every directory, and a run with nothing changed is made of little else. */
static void
walk_dir(struct walk *wk, struct wdir *d, struct wthread *th)
{
	int fd = open_wdir(wk, d);
	struct tally t = {0, 0, 0, 0};
	unsigned n = 0;
	ssize_t got;

	if (fd < 0)
		return;
	if (d->given && wk->w->current_root)
		__atomic_store_n(wk->w->current_root, d->given,
		                 __ATOMIC_RELAXED);
	while ((got = getdents64(fd, th->dents, sizeof(th->dents))) > 0) {
		for (ssize_t off = 0; off < got;) {
			struct dirent64 *de =
			    (struct dirent64 *)(void *)(th->dents + off);
			size_t len;

			if (de->d_reclen == 0)
				break;
			off += de->d_reclen;
			if (dot_or_dotdot(de->d_name))
				continue;
			if (++n % 256 == 0 && stopping(wk))
				goto out;
			len = join(th, d, de->d_name);
			entry(wk, d, fd, de->d_name, de->d_type, th->path, len,
			      &t);
		}
	}
	if (got < 0)
		report(wk, d->path, "cannot read directory", errno);
out:
	close(fd);
	tally_flush(wk, &t);
}

static void *
walker_main(void *arg)
{
	struct walk *wk = arg;
	struct wthread *th = xcalloc(1, sizeof(*th));
	struct wdir *d;

	while ((d = pop(wk)) != NULL) {
		if (!stopping(wk))
			walk_dir(wk, d, th);
		wdir_unref(wk, d);
		done(wk);
	}
	free(th->path);
	free(th);
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
	const struct scan_config *cfg = wk->w->cfg;
	const char *slash = strrchr(rootpath, '/');
	struct stat st;
	struct root *root;

	if (stat(rootpath, &st) != 0) {
		report(wk, rootpath, "cannot stat", errno);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		SUMMARY_ADD(wk->w->sum, special, 1);
		wk->w->on_error(wk->w->arg, rootpath,
		                "not a regular file or directory");
		return;
	}
	if (matches(cfg->exclude, cfg->nexclude, rootpath))
		return;
	SUMMARY_ADD(wk->w->sum, seen, 1);
	root = root_new(rootpath, -1);
	emit_file(wk, root, 0, rootpath, strlen(rootpath),
	          slash ? slash + 1 : rootpath, &st);
	root_unref(root);
}

void
walk_root(struct walk *wk, const char *path)
{
	char *rootpath;
	struct wdir *d;
	struct stat st;
	int dfd;

	if (stopping(wk))
		return;
	rootpath = clean_root(path);
	/* a directory root gets an fd every file is opened beneath */
	dfd = open(rootpath, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (dfd < 0) {
		if (errno == ENOTDIR)
			file_root(wk, rootpath);
		else
			report(wk, path, "cannot open", errno);
		free(rootpath);
		return;
	}
	if (fstat(dfd, &st) != 0) {
		report(wk, path, "cannot stat", errno);
		close(dfd);
		free(rootpath);
		return;
	}
	d = xcalloc(1, sizeof(*d));
	d->fd = -1;
	d->refs = 1;
	d->dev = d->rootdev = st.st_dev;
	d->ino = st.st_ino;
	d->root = root_new(rootpath, dfd);
	d->len = d->rootlen = strlen(rootpath);
	d->path = rootpath;
	d->given = path;
	push(wk, d);
}

/* ---- the threads ---- */

struct walk *
walk_start(struct walk_ctx *w, int nthreads)
{
	struct walk *wk = xcalloc(1, sizeof(*wk));

	wk->w = w;
	wk->fd_budget = fd_budget();
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
		walker_main(wk);
	for (int i = 0; i < wk->nthreads; i++)
		pthread_join(wk->threads[i], NULL);
	pthread_cond_destroy(&wk->cv);
	pthread_mutex_destroy(&wk->mu);
	free(wk->threads);
	free(wk);
}
