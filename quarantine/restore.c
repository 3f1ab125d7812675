/*
 * restore.c: restoring a vault entry to its place (restore.h).
 */
#include "quarantine/restore.h"
#include "common/pathfmt.h"
#include "common/util.h"
#include "quarantine/fdcopy.h"
#include "quarantine/qmeta.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
esc_err(char *err, size_t errlen, const char *what, const char *path,
        const char *why)
{
	char *p = text_escape(path, strlen(path));

	snprintf(err, errlen, "%s%s: %s", what, p, why);
	free(p);
}

int
open_dir_nofollow(const char *dir, char *err, size_t errlen)
{
	char *copy = xstrdup(dir), *save = NULL, *comp;
	int fd =
	    open(dir[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	for (comp = strtok_r(copy, "/", &save); comp && fd >= 0;
	     comp = strtok_r(NULL, "/", &save)) {
		struct stat st;
		int nfd;

		if (strcmp(comp, ".") == 0)
			continue;
		nfd = openat(fd, comp,
		             O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0) {
			int e = errno;
			if (fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				esc_err(err, errlen,
				        "refusing to restore through "
				        "a symlink: ",
				        comp,
				        "is a symlink where a "
				        "directory should be");
			else
				esc_err(err, errlen, "", dir, strerror(e));
		}
		close(fd);
		fd = nfd;
	}
	free(copy);
	return fd;
}

/* Split path into a malloc'd directory and a pointer to its last name. */
static char *
split(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');

	*base = slash ? slash + 1 : path;
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Content, owner, mode, times into tmp; 0 or errno. */
static int
write_back(struct vault *v, const char *id, json_t *m, int pfd, const char *tmp,
           char *err, size_t errlen)
{
	unsigned char want[32], got[32];
	struct timespec ts[2] = {
	    {qmeta_int(m, "atime", 0), qmeta_int(m, "atime_nsec", 0)},
	    {qmeta_int(m, "mtime", 0), qmeta_int(m, "mtime_nsec", 0)},
	};
	int src = vault_open_data(v, id), dst, e = 0;

	if (src < 0) {
		snprintf(err, errlen, "entry %s: its content is missing: %s",
		         id, strerror(errno));
		return -1;
	}
	dst =
	    openat(pfd, tmp,
	           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (dst < 0)
		e = errno;
	else if (copy_fd_hash(src, dst, got) < 0)
		e = errno;
	else if (qmeta_sha256(m, want) != 0 || memcmp(want, got, 32) != 0)
		e = EBADMSG;
	else if (fchown(dst, (uid_t)qmeta_int(m, "uid", 0),
	                (gid_t)qmeta_int(m, "gid", 0)) != 0 ||
	         fchmod(dst, (mode_t)qmeta_int(m, "mode", 0600) & 07777) != 0 ||
	         futimens(dst, ts) != 0 || fsync(dst) != 0)
		e = errno;
	close(src);
	if (dst >= 0 && close(dst) != 0 && !e)
		e = errno;
	if (e) {
		snprintf(err, errlen, "cannot restore %s: %s", id,
		         e == EBADMSG ? "its content does not match its sha256"
		                      : strerror(e));
		if (dst >= 0)
			unlinkat(pfd, tmp, 0);
		return -1;
	}
	return 0;
}

/* 1 when fd is a regular file holding the entry's content. */
static int
is_our_copy(int fd, json_t *m, const struct stat *was)
{
	unsigned char want[32], got[32];
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_dev == was->st_dev && st.st_ino == was->st_ino &&
	       qmeta_sha256(m, want) == 0 && sha256_fd(fd, got) == 0 &&
	       memcmp(want, got, 32) == 0;
}

/* A restore killed before its rename leaves tmp behind: removed when it
 * is a regular file with the entry's content (ours), else refused. */
static int
clear_leftover(json_t *m, const char *id, int pfd, const char *tmp,
               const char *path, char *err, size_t errlen)
{
	struct stat st, now;
	int fd, ours = 0;

	if (fstatat(pfd, tmp, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0; /* none */
	if (S_ISREG(st.st_mode)) {
		fd = openat(pfd, tmp,
		            O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		                O_CLOEXEC);
		ours = fd >= 0 && is_our_copy(fd, m, &st);
		if (fd >= 0)
			close(fd);
	}
	/* still that very file when it goes: by the parent's fd */
	if (ours && fstatat(pfd, tmp, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == st.st_dev && now.st_ino == st.st_ino &&
	    unlinkat(pfd, tmp, 0) == 0)
		return 0;
	char *why = xasprintf("%s is in the way, and not a copy of entry "
	                      "%s; not removed",
	                      tmp, id);
	esc_err(err, errlen, "", path, why);
	free(why);
	return -1;
}

static int
put_in_place(int pfd, const char *tmp, const char *base, int force)
{
	if (force)
		return renameat(pfd, tmp, pfd, base);
	if (renameat2(pfd, tmp, pfd, base, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (linkat(pfd, tmp, pfd, base, 0) != 0) /* no RENAME_NOREPLACE */
		return -1;
	unlinkat(pfd, tmp, 0);
	return 0;
}

static int
restore_to(struct vault *v, const char *id, json_t *m, const char *path,
           int force, char *err, size_t errlen)
{
	const char *base;
	char *dir = split(path, &base), *tmp;
	struct stat st;
	int pfd, rc = -1;

	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		esc_err(err, errlen, "", path, "not a file name");
		free(dir);
		return -1;
	}
	pfd = open_dir_nofollow(dir, err, errlen);
	free(dir);
	if (pfd < 0)
		return -1;
	if (!force && fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		esc_err(err, errlen, "", path,
		        "exists; not replaced (use --force to replace it)");
		close(pfd);
		return -1;
	}
	tmp = xasprintf(".spamsweep-restore-%s", id);
	if (clear_leftover(m, id, pfd, tmp, path, err, errlen) == 0 &&
	    write_back(v, id, m, pfd, tmp, err, errlen) == 0) {
		test_point("restore-written");
		if (put_in_place(pfd, tmp, base, force) == 0) {
			fsync(pfd);
			rc = 0;
		} else {
			esc_err(err, errlen, "", path,
			        errno == EEXIST ? "exists; not replaced (use "
			                          "--force to replace it)"
			                        : strerror(errno));
			unlinkat(pfd, tmp, 0);
		}
	}
	free(tmp);
	close(pfd);
	return rc;
}

/* The target as an absolute path, for the journal: recovery may run from
 * another working directory. */
static char *
absolute(const char *path)
{
	char cwd[4096];

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return xstrdup(path);
	return xasprintf("%s/%s", cwd, path);
}

/* A restore of this entry that was killed: finished first (the vault's
 * recovery does the same for every entry). */
static void
finish_killed(struct vault *v, const char *id)
{
	char *name = xasprintf("%s.%s", id, VAULT_RESTORING);
	char *path = vault_journal_note(v, name);

	if (path) {
		restore_recover(v, id, path, stderr);
		vault_end(v, id, VAULT_RESTORING);
	}
	free(path);
	free(name);
}

int
vault_restore(struct vault *v, const char *id, const char *to, int force,
              char **where, char *err, size_t errlen)
{
	json_t *m;
	char *path, *abs;
	int rc;

	*where = NULL;
	finish_killed(v, id);
	m = vault_load_meta(v, id, err, errlen);
	if (!m)
		return -1;
	path = to ? xstrdup(to) : qmeta_path(m);
	if (!path) {
		snprintf(err, errlen,
		         "entry %s: no original path recorded; use "
		         "--to PATH",
		         id);
		json_decref(m);
		return -1;
	}
	/* journaled, so that a kill leaves nothing recovery cannot finish:
	 * no live copy by the target, no entry for a file back in place */
	abs = absolute(path);
	rc = vault_begin_note(v, id, VAULT_RESTORING, abs, err, errlen);
	free(abs);
	if (rc == 0)
		rc = restore_to(v, id, m, path, force, err, errlen);
	json_decref(m);
	if (rc == 0 && vault_remove(v, id, err, errlen) != 0)
		ss_warning("restored, but the vault entry stays: %s", err);
	vault_end(v, id, VAULT_RESTORING);
	if (rc == 0)
		*where = path;
	else
		free(path);
	return rc;
}

/* 1 when the regular file base in pfd holds the entry's content. */
static int
holds_entry(int pfd, const char *base, json_t *m)
{
	int fd =
	    openat(pfd, base,
	           O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int ours;

	if (fd < 0)
		return 0;
	ours = fstat(fd, &st) == 0 && is_our_copy(fd, m, &st);
	close(fd);
	return ours;
}

/* The journal says this restore was writing tmp: a regular file by that
 * name is its copy, whole or cut short by the kill (so its content cannot
 * be checked); anything else is left alone. */
static int
is_regular(int pfd, const char *name)
{
	struct stat st;

	return fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

int
restore_recover(struct vault *v, const char *id, const char *path, FILE *log)
{
	char err[512], *tmp, *dir;
	const char *base;
	json_t *m = vault_load_meta(v, id, err, sizeof(err));
	int pfd, fixed = 0;

	if (!m)
		return 0; /* the entry is gone: the restore had finished */
	dir = split(path, &base);
	pfd = open_dir_nofollow(dir, err, sizeof(err));
	free(dir);
	if (pfd >= 0) {
		tmp = xasprintf(".spamsweep-restore-%s", id);
		if (is_regular(pfd, tmp) && unlinkat(pfd, tmp, 0) == 0 &&
		    ++fixed)
			fprintf(log,
			        "spamsweep: vault: removed the copy of entry "
			        "%s left by an interrupted restore\n",
			        id);
		else if (holds_entry(pfd, base, m) &&
		         vault_remove_files(v, id, err, sizeof(err)) == 0 &&
		         ++fixed)
			fprintf(log,
			        "spamsweep: vault: dropped entry %s: it was "
			        "restored (the restore was interrupted before "
			        "removing it)\n",
			        id);
		free(tmp);
		close(pfd);
	}
	json_decref(m);
	return fixed;
}
