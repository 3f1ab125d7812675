/*
 * qmove.c: moving findings into the vault during a scan (qmove.h).
 * Called from worker threads: all state touched here is either per call
 * or under q->lock.
 */
#include "quarantine/qmove.h"
#include "common/job.h"
#include "common/pathfmt.h"
#include "common/safeopen.h"
#include "common/util.h"
#include "quarantine/qmeta.h"
#include "quarantine/recover.h"
#include "quarantine/vault.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct qmove {
	struct vault *v;
	enum verdict min;
	struct qscan scan;
	char scan_id[64];
	char host[256];
	char *cwd;            /* to make relative names absolute */
	struct stat vault_st; /* never quarantine the vault's own files */
	pthread_mutex_t lock;
	struct qrescan *rescan;
	size_t nrescan;
	int no_more_rescan;
	unsigned long failures;
};

const char *
qmove_scan_id(const struct qmove *q)
{
	return q->scan_id;
}

struct qmove *
qmove_new(const char *vault_dir, enum verdict min, const char *command)
{
	struct qmove *q;
	struct vault *v;
	char err[1024];

	v = vault_open(vault_dir, 1, NULL, err, sizeof(err));
	if (!v) {
		ss_error("%s", err);
		return NULL;
	}
	vault_recover(v, stderr);
	if (vault_lock(v, 0, 0) != 0) {
		ss_error("%s: cannot lock the vault: %s", vault_dir,
		         strerror(errno));
		vault_close(v);
		return NULL;
	}
	q = xcalloc(1, sizeof(*q));
	q->v = v;
	q->min = min;
	pthread_mutex_init(&q->lock, NULL);
	vault_new_id(q->scan_id, sizeof(q->scan_id));
	if (gethostname(q->host, sizeof(q->host) - 1) != 0)
		strcpy(q->host, "unknown");
	q->scan = (struct qscan){q->scan_id, q->host, command};
	fstat(v->fd, &q->vault_st);
	q->cwd = getcwd(NULL, 0);
	if (!q->cwd)
		q->cwd = xstrdup("/");
	return q;
}

void
qmove_free(struct qmove *q)
{
	if (!q)
		return;
	qrescan_free(q->rescan, q->nrescan);
	pthread_mutex_destroy(&q->lock);
	free(q->cwd);
	vault_close(q->v);
	free(q);
}

struct qrescan *
qmove_take_rescan(struct qmove *q, size_t *n)
{
	struct qrescan *v;

	pthread_mutex_lock(&q->lock);
	v = q->rescan;
	*n = q->nrescan;
	q->rescan = NULL;
	q->nrescan = 0;
	q->no_more_rescan = 1;
	pthread_mutex_unlock(&q->lock);
	return v;
}

void
qrescan_free(struct qrescan *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		root_unref(v[i].root);
	}
	free(v);
}

unsigned long
qmove_failures(const struct qmove *q)
{
	return __atomic_load_n(&q->failures, __ATOMIC_RELAXED);
}

/* The directory holding the file, and its name in it. A file found
 * beneath a root is reached from the root's fd, never by its path; only
 * a file the user named as a root is reached by name, as scanned. */
static int
open_parent(const struct job *job, const char **base)
{
	int beneath = job->root && job->root->fd >= 0;
	const char *full = beneath ? job->rel : job->path;
	const char *slash;
	char *dir;
	int fd;

	if (!full) {
		errno = EINVAL;
		return -1;
	}
	slash = strrchr(full, '/');
	*base = slash ? slash + 1 : full;
	if (!slash)
		return beneath ? fcntl(job->root->fd, F_DUPFD_CLOEXEC, 0)
		               : open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = slash == full ? xstrdup("/")
	                    : xstrndup(full, (size_t)(slash - full));
	if (beneath) /* no symlink on the way */
		fd = open_dir_beneath(job->root->fd, dir);
	else
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

/* 0 when base in pfd is still the file scanned, else a reason. */
static const char *
changed(int pfd, const char *base, const struct stat *was)
{
	struct stat st;

	if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? "it vanished" : "it cannot be stat'ed";
	if (S_ISLNK(st.st_mode))
		return "its name is now a symlink";
	if (!S_ISREG(st.st_mode))
		return "its name is no longer a regular file";
	if (st.st_dev != was->st_dev || st.st_ino != was->st_ino)
		return "its name refers to another file";
	if (st.st_size != was->st_size ||
	    st.st_mtim.tv_sec != was->st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != was->st_mtim.tv_nsec)
		return "it was modified";
	return NULL;
}

static void
set_action(struct scan_result *r, const char *prefix, const char *arg)
{
	free(r->action);
	r->action = xasprintf("%s%s", prefix, arg);
}

static void
fail(struct qmove *q, struct scan_result *r, const char *why)
{
	char *p = text_escape(r->path, strlen(r->path));

	ss_error("%s: cannot quarantine: %s", p, why);
	free(p);
	set_action(r, "not quarantined: ", why);
	__atomic_add_fetch(&q->failures, 1, __ATOMIC_RELAXED);
}

static void
note_changed(struct qmove *q, const struct job *job, struct scan_result *r,
             const char *why)
{
	int queued = 0;

	pthread_mutex_lock(&q->lock);
	if (!q->no_more_rescan) {
		struct qrescan *e;
		q->rescan =
		    xrealloc(q->rescan, (q->nrescan + 1) * sizeof(*q->rescan));
		e = &q->rescan[q->nrescan++];
		e->path = xstrdup(job->path);
		e->root = job->root;
		root_ref(e->root);
		e->rel = job->rel ? (long)(job->rel - job->path) : -1;
		queued = 1;
	}
	pthread_mutex_unlock(&q->lock);
	free(r->action);
	r->action = xasprintf("not quarantined: changed since it was scanned "
	                      "(%s)%s",
	                      why, queued ? "; scanning it again" : "");
}

static char *
absolute(const struct qmove *q, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/')
		return xstrdup(path);
	return xasprintf("%s%s%s", q->cwd,
	                 q->cwd[strlen(q->cwd) - 1] == '/' ? "" : "/", path);
}

static json_t *
metadata(const struct qmove *q, const char *id, const struct job *job,
         const struct scan_result *r)
{
	char *path = absolute(q, r->path);
	char *root = job->rel ? absolute(q, job->root->path) : NULL;
	json_t *m = qmeta_build(id, r, path, root, &q->scan);

	free(path);
	free(root);
	return m;
}

/* Copy, metadata, check, remove. Returns NULL or why it changed. */
static const char *
move_journaled(struct qmove *q, const struct job *job, int fd, int pfd,
               const char *base, struct scan_result *r, const char *id)
{
	char err[1024];
	unsigned char sha[32];
	const char *why;
	json_t *meta;
	int rc;

	rc = vault_store_data(q->v, id, fd, r->have_hash ? r->sha256 : NULL,
	                      sha, err, sizeof(err));
	if (rc == 1)
		return "its content differs from what was scanned";
	if (rc < 0) {
		fail(q, r, err);
		return NULL;
	}
	meta = metadata(q, id, job, r);
	rc = vault_store_meta(q->v, id, meta, err, sizeof(err));
	json_decref(meta);
	if (rc != 0) {
		vault_remove_files(q->v, id, err + 512, sizeof(err) - 512);
		fail(q, r, err);
		return NULL;
	}
	test_point("before-unlink");
	/* The last check, as close to the unlink as it can be. Linux has no
	 * unlink-by-fd: a swap inside this window makes us remove a name in
	 * the user's own directory (never through a symlink, never outside
	 * the tree: pfd is beneath the root), while the scanned content is
	 * already safe in the vault. */
	if ((why = changed(pfd, base, &r->st)) != NULL) {
		vault_remove_files(q->v, id, err, sizeof(err));
		return why;
	}
	if (unlinkat(pfd, base, 0) != 0) {
		snprintf(err, sizeof(err), "cannot remove the original: %s",
		         strerror(errno));
		vault_remove_files(q->v, id, err + 512, sizeof(err) - 512);
		fail(q, r, err);
		return NULL;
	}
	test_point("unlinked");
	fsync(pfd);
	set_action(r, "quarantined",
	           r->st.st_nlink > 1 ? " (other hard links to it remain)"
	                              : "");
	free(r->action_id);
	r->action_id = xstrdup(id);
	return NULL;
}

/* The move, journaled in the vault (recover.h). */
static const char *
move(struct qmove *q, const struct job *job, int fd, int pfd, const char *base,
     struct scan_result *r)
{
	char id[VAULT_ID_MAX], err[1024];
	const char *why;

	vault_new_id(id, sizeof(id));
	if (vault_begin(q->v, id, VAULT_MOVING, err, sizeof(err)) != 0) {
		fail(q, r, err);
		return NULL;
	}
	why = move_journaled(q, job, fd, pfd, base, r, id);
	vault_end(q->v, id, VAULT_MOVING);
	return why;
}

/* A scan of / or /var walks the vault itself. */
static int
in_vault(const struct qmove *q, int pfd)
{
	struct stat st;

	return fstat(pfd, &st) == 0 && st.st_dev == q->vault_st.st_dev &&
	       st.st_ino == q->vault_st.st_ino;
}

void
qmove_on_finding(void *ctx, const struct job *job, int fd,
                 struct scan_result *r)
{
	struct qmove *q = ctx;
	const char *base, *why;
	int pfd;

	if (r->verdict != V_INFECTED &&
	    !(q->min == V_SUSPICIOUS && r->verdict == V_SUSPICIOUS))
		return;
	test_point("scanned");
	pfd = open_parent(job, &base);
	if (pfd < 0) {
		note_changed(q, job, r,
		             "its directory cannot be opened safely");
		return;
	}
	if (in_vault(q, pfd)) {
		set_action(r, "not quarantined: ", "it is in the vault");
		close(pfd);
		return;
	}
	why = changed(pfd, base, &r->st);
	if (!why)
		why = move(q, job, fd, pfd, base, r);
	if (why)
		note_changed(q, job, r, why);
	close(pfd);
}
