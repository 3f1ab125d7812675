/*
 * walk.c: the fts(3) walk. FTS_NOCHDIR because worker threads open files
 * concurrently; they open relative to the root's directory fd with no
 * symlink allowed on the way (safeopen.c), so a directory swapped for a
 * symlink after the walk listed it cannot lead a worker outside the root.
 */
#include "walk.h"
#include "classify.h"
#include "job.h"
#include "scan.h"
#include "summary.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
matches(const regex_t *re, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (regexec(&re[i], path, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

static void
emit_file(struct walk_ctx *w, struct root *root, size_t rootlen, FTSENT *e)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->path = xstrndup(e->fts_path, e->fts_pathlen);
	if (root->fd >= 0) {
		const char *rel = j->path + rootlen;
		while (*rel == '/')
			rel++;
		j->rel = rel;
	}
	root_ref(root);
	j->root = root;
	j->dev = e->fts_statp->st_dev;
	j->ino = e->fts_statp->st_ino;
	j->size = e->fts_statp->st_size;
	j->st = *e->fts_statp;
	j->by_name = classify_name(e->fts_name);
	SUMMARY_ADD(w->sum, seen, 1);
	w->on_job(w->arg, j);
}

static void
entry_error(struct walk_ctx *w, FTSENT *e, const char *what)
{
	char *reason = xasprintf("%s: %s", what, strerror(e->fts_errno));

	w->on_error(w->arg, e->fts_path, reason);
	free(reason);
}

static void
visit(struct walk_ctx *w, FTS *fts, FTSENT *e, struct root *root,
      size_t rootlen)
{
	const struct scan_config *cfg = w->cfg;

	switch (e->fts_info) {
	case FTS_D:
		if (e->fts_level > 0 &&
		    matches(cfg->exclude_dir, cfg->nexclude_dir, e->fts_path)) {
			fts_set(fts, e, FTS_SKIP);
			break;
		}
		SUMMARY_ADD(w->sum, dirs, 1);
		break;
	case FTS_F:
		if (matches(cfg->exclude, cfg->nexclude, e->fts_path))
			break;
		emit_file(w, root, rootlen, e);
		break;
	case FTS_SL:
	case FTS_SLNONE:
		SUMMARY_ADD(w->sum, symlinks, 1);
		break;
	case FTS_DEFAULT:
		SUMMARY_ADD(w->sum, special, 1);
		if (e->fts_level == 0)
			w->on_error(w->arg, e->fts_path,
			            "not a regular file or directory");
		break;
	case FTS_DNR:
		entry_error(w, e, "cannot read directory");
		break;
	case FTS_NS:
		entry_error(w, e, "cannot stat");
		break;
	case FTS_ERR:
		entry_error(w, e, "cannot walk");
		break;
	case FTS_DC: /* a cycle: only through bind mounts, nothing new */
	case FTS_DP:
	default:
		break;
	}
}

/* The root as fts should see it: trailing slashes removed. */
static char *
clean_root(const char *path)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

void
walk_root(struct walk_ctx *w, const char *path)
{
	char *rootpath = clean_root(path);
	char *argv[2] = {rootpath, NULL};
	int opts = FTS_PHYSICAL | FTS_NOCHDIR | FTS_COMFOLLOW;
	int dfd;
	struct root *root;
	FTS *fts;
	FTSENT *e;

	if (!w->cfg->cross_fs)
		opts |= FTS_XDEV;
	/* a directory root gets an fd every file is opened beneath; a file
	 * root is opened by name (-1), following a symlink once */
	dfd = open(rootpath, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (dfd < 0 && errno != ENOTDIR) {
		char *reason = xasprintf("cannot open: %s", strerror(errno));
		w->on_error(w->arg, path, reason);
		free(reason);
		free(rootpath);
		return;
	}
	root = root_new(rootpath, dfd);
	fts = fts_open(argv, opts, NULL);
	if (!fts) {
		char *reason = xasprintf("cannot walk: %s", strerror(errno));
		w->on_error(w->arg, path, reason);
		free(reason);
	} else {
		size_t rootlen = strlen(rootpath);
		while ((e = fts_read(fts)) != NULL &&
		       !(w->should_stop && w->should_stop(w->arg)))
			visit(w, fts, e, root, rootlen);
		fts_close(fts);
	}
	root_unref(root);
	free(rootpath);
}
