/*
 * walk_again.c: a job for a file named again beneath its root
 * (walk_again.h). Its directory is opened beneath the root's fd with no
 * symlink on the way (safeopen), and the name in it is lstat'ed there:
 * the worker then opens the file beneath the root again and checks that
 * it is the inode seen here.
 */
#include "scanner/walk/walk_again.h"
#include "common/job.h"
#include "common/safeopen.h"
#include "common/util.h"
#include "scanner/engine/classify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* lstat of rel beneath dirfd, its directory opened without symlinks. */
static int
stat_beneath(int dirfd, const char *rel, struct stat *st)
{
	const char *slash = strrchr(rel, '/');
	char *dir;
	int pfd, rc, err;

	if (!slash)
		return fstatat(dirfd, rel, st, AT_SYMLINK_NOFOLLOW);
	dir = xstrndup(rel, (size_t)(slash - rel));
	pfd = open_dir_beneath(dirfd, dir);
	free(dir);
	if (pfd < 0)
		return -1;
	rc = fstatat(pfd, slash + 1, st, AT_SYMLINK_NOFOLLOW);
	err = errno;
	close(pfd);
	errno = err;
	return rc;
}

static const char *
why_not(int rc, const struct stat *st)
{
	if (rc != 0)
		return errno == ELOOP || errno == EXDEV || errno == ENOTDIR
		           ? "a symlink is in the way"
		       : errno == ENOENT ? "it vanished"
		                         : "it cannot be stat'ed";
	if (S_ISLNK(st->st_mode))
		return "its name is now a symlink";
	if (!S_ISREG(st->st_mode))
		return "it is no longer a regular file";
	return NULL;
}

struct job *
walk_job_again(struct root *root, const char *path, long rel, const char **why)
{
	const char *base = strrchr(path, '/');
	struct stat st;
	struct job *j;
	int rc;

	if (rel >= 0 && root->fd >= 0 && (size_t)rel < strlen(path))
		rc = stat_beneath(root->fd, path + rel, &st);
	else if (rel < 0 && root->fd < 0)
		rc = stat(path, &st); /* named by the user: followed */
	else {
		*why = "it has no root to be found beneath";
		return NULL;
	}
	if ((*why = why_not(rc, &st)) != NULL)
		return NULL;
	j = xcalloc(1, sizeof(*j));
	j->path = xstrdup(path);
	j->rel = rel >= 0 ? j->path + rel : NULL;
	j->root = root;
	root_ref(root);
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->size = st.st_size;
	j->st = st;
	j->by_name = classify_name(base ? base + 1 : path);
	return j;
}
