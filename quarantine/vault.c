/*
 * vault.c: the vault's storage: opening and checking the directory,
 * entry ids, durable writes of content and metadata, removal, listing and
 * recovery after an interrupted run (vault.h).
 */
#include "quarantine/vault.h"
#include "common/util.h"
#include "quarantine/fdcopy.h"
#include "quarantine/qmeta.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void
test_point(const char *step)
{
	static int stopped; /* once: a rescan passes the same step again */
	const char *c = getenv("SPAMSWEEP_TEST_CRASH_AT");
	const char *s = getenv("SPAMSWEEP_TEST_STOP_AT");

	if (c && strcmp(c, step) == 0)
		raise(SIGKILL);
	if (s && strcmp(s, step) == 0 &&
	    !__atomic_exchange_n(&stopped, 1, __ATOMIC_SEQ_CST))
		raise(SIGSTOP);
}

/* mkdir -p for the parents of dir (0755), then dir itself (0700). */
static int
make_vault_dir(const char *dir)
{
	if (mkdir_parents(dir, 0755) != 0)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int
check_vault(int fd, const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: cannot stat the vault: %s", dir,
		         strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & 07777) != 0700) {
		snprintf(
		    err, errlen,
		    "%s: refusing to use the vault: it must be a directory "
		    "owned by root with mode 0700 (it has owner %u, mode "
		    "%04o)",
		    dir, (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
		return -1;
	}
	return 0;
}

/* The journal of unfinished work, made when missing; -1 when it cannot
 * be (a read-only vault: nothing can be unfinished there). */
static int
open_pending(int vfd)
{
	if (mkdirat(vfd, VAULT_PENDING_DIR, 0700) != 0 && errno != EEXIST)
		return -1;
	return openat(vfd, VAULT_PENDING_DIR,
	              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

struct vault *
vault_open(const char *dir, int create, int *missing, char *err, size_t errlen)
{
	struct vault *v;
	int fd;

	if (missing)
		*missing = 0;
	if (create && make_vault_dir(dir) != 0) {
		snprintf(err, errlen, "%s: cannot create the vault: %s", dir,
		         strerror(errno));
		return NULL;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && missing)
			*missing = 1;
		struct stat st;
		int e = errno;
		if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
			snprintf(err, errlen,
			         "%s: refusing to use the vault: it "
			         "is a symlink",
			         dir);
		else
			snprintf(err, errlen, "%s: cannot open the vault: %s",
			         dir, strerror(e));
		return NULL;
	}
	if (check_vault(fd, dir, err, errlen) != 0) {
		close(fd);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	v->fd = fd;
	v->path = xstrdup(dir);
	v->pending = open_pending(fd);
	return v;
}

void
vault_close(struct vault *v)
{
	if (!v)
		return;
	close(v->fd);
	if (v->pending >= 0)
		close(v->pending);
	free(v->path);
	free(v);
}

int
vault_lock(struct vault *v, int exclusive, int nonblock)
{
	int op = (exclusive ? LOCK_EX : LOCK_SH) | (nonblock ? LOCK_NB : 0);

	while (flock(v->fd, op) != 0) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

void
vault_new_id(char *buf, size_t n)
{
	unsigned char rnd[4] = {0};
	struct tm tm;
	time_t t = time(NULL);
	char ts[32];

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		abort(); /* ids must not collide */
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, n, "%s-%02x%02x%02x%02x", ts, rnd[0], rnd[1], rnd[2],
	         rnd[3]);
}

int
vault_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n >= VAULT_ID_MAX || id[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '-'))
			return 0;
	}
	return 1;
}

static char *
entry_name(const char *id, const char *ext)
{
	return xasprintf("%s.%s", id, ext);
}

int
vault_store_data(struct vault *v, const char *id, int src,
                 const unsigned char *want, unsigned char sha_out[32],
                 char *err, size_t errlen)
{
	char *name = entry_name(id, "data");
	int fd, rc = -1, e = 0;

	fd = openat(v->fd, name,
	            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0400);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s in the vault: %s", name,
		         strerror(errno));
		free(name);
		return -1;
	}
	if (fchmod(fd, 0400) != 0 || copy_fd_hash(src, fd, sha_out) < 0)
		e = errno;
	test_point("copied");
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	test_point("fsynced");
	if (e)
		snprintf(err, errlen, "cannot copy into the vault: %s",
		         strerror(e));
	else if (want && memcmp(want, sha_out, 32) != 0)
		rc = 1;
	else
		rc = 0;
	if (rc != 0)
		unlinkat(v->fd, name, 0);
	free(name);
	return rc;
}

int
vault_store_meta(struct vault *v, const char *id, json_t *meta, char *err,
                 size_t errlen)
{
	char *tmp = entry_name(id, "json.tmp"), *name = entry_name(id, "json");
	int fd, e = 0;

	fd = openat(v->fd, tmp,
	            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		e = errno;
	} else {
		if (json_dumpfd(meta, fd, JSON_INDENT(2) | JSON_SORT_KEYS) !=
		        0 ||
		    write_all(fd, "\n", 1) != 0 || fsync(fd) != 0)
			e = errno ? errno : EIO;
		if (close(fd) != 0 && !e)
			e = errno;
		if (!e && renameat(v->fd, tmp, v->fd, name) != 0)
			e = errno;
		if (!e && fsync(v->fd) != 0)
			e = errno;
		if (e)
			unlinkat(v->fd, tmp, 0);
	}
	if (e)
		snprintf(err, errlen, "cannot write the metadata of %s: %s", id,
		         strerror(e));
	free(tmp);
	free(name);
	if (!e)
		test_point("meta");
	return e ? -1 : 0;
}

int
vault_begin_note(struct vault *v, const char *id, const char *kind,
                 const char *note, char *err, size_t errlen)
{
	char *name = entry_name(id, kind);
	int fd =
	    v->pending < 0
	        ? -1
	        : openat(v->pending, name,
	                 O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	                 0600);
	int e = v->pending < 0 ? EROFS : errno;

	if (fd >= 0) {
		int ok = !note || (write_all(fd, note, strlen(note)) == 0 &&
		                   fsync(fd) == 0);
		e = errno;
		close(fd);
		if (ok && fsync(v->pending) == 0) {
			free(name);
			return 0;
		}
		if (ok)
			e = errno;
		unlinkat(v->pending, name, 0);
	}
	snprintf(err, errlen, "cannot write %s/%s in the vault: %s",
	         VAULT_PENDING_DIR, name, strerror(e));
	free(name);
	return -1;
}

int
vault_begin(struct vault *v, const char *id, const char *kind, char *err,
            size_t errlen)
{
	return vault_begin_note(v, id, kind, NULL, err, errlen);
}

char *
vault_journal_note(struct vault *v, const char *name)
{
	int fd = v->pending < 0 ? -1
	                        : openat(v->pending, name,
	                                 O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char buf[8192];
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return strlen(buf) == (size_t)n ? xstrdup(buf) : NULL;
}

void
vault_end(struct vault *v, const char *id, const char *kind)
{
	char *name = entry_name(id, kind);

	if (v->pending >= 0)
		unlinkat(v->pending, name, 0);
	free(name);
}

int
vault_remove_files(struct vault *v, const char *id, char *err, size_t errlen)
{
	char *meta = entry_name(id, "json"), *data = entry_name(id, "data");
	int rc = 0;

	if (unlinkat(v->fd, meta, 0) != 0 && errno != ENOENT) {
		snprintf(err, errlen, "cannot remove %s: %s", meta,
		         strerror(errno));
		rc = -1;
	} else if (unlinkat(v->fd, data, 0) != 0 && errno != ENOENT) {
		snprintf(err, errlen, "cannot remove %s: %s", data,
		         strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		fsync(v->fd);
	free(meta);
	free(data);
	return rc;
}

int
vault_remove(struct vault *v, const char *id, char *err, size_t errlen)
{
	/* without the journal, an interrupted removal leaves only debris */
	int journal = vault_begin(v, id, VAULT_REMOVING, err, errlen) == 0;
	int rc = vault_remove_files(v, id, err, errlen);

	if (journal)
		vault_end(v, id, VAULT_REMOVING);
	return rc;
}

/* Reads a record whole (one read for a record of usual size) and parses
 * it; jansson's json_loadfd reads a byte per read(2). */
static json_t *
load_record(int fd, json_error_t *je)
{
	struct stat st;
	size_t cap, len = 0;
	char *buf;
	json_t *m;
	ssize_t n;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > VAULT_RECORD_MAX) {
		snprintf(je->text, sizeof(je->text), "%s",
		         "not a regular file of at most 16 MiB");
		return NULL;
	}
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	/* a record is renamed into place whole: its size is its length */
	while (len < (size_t)st.st_size &&
	       (n = read(fd, buf + len, (size_t)st.st_size - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(je->text, sizeof(je->text), "%s",
			         strerror(errno));
			free(buf);
			return NULL;
		}
		len += (size_t)n;
	}
	m = json_loadb(buf, len, 0, je);
	free(buf);
	return m;
}

json_t *
vault_load_meta(struct vault *v, const char *id, char *err, size_t errlen)
{
	char *name;
	json_error_t je;
	json_t *m;
	int fd;

	if (!vault_id_valid(id)) {
		snprintf(err, errlen, "'%s' is not a quarantine id", id);
		return NULL;
	}
	name = entry_name(id, "json");
	fd = openat(v->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(name);
	if (fd < 0) {
		if (errno == ENOENT)
			snprintf(err, errlen, "no quarantine entry %s in %s",
			         id, v->path);
		else
			snprintf(err, errlen, "entry %s: %s", id,
			         strerror(errno));
		return NULL;
	}
	m = load_record(fd, &je);
	close(fd);
	if (!m || !json_is_object(m)) {
		snprintf(err, errlen, "entry %s: bad metadata record: %s", id,
		         m ? "not an object" : je.text);
		json_decref(m);
		return NULL;
	}
	return m;
}

int
vault_open_data(struct vault *v, const char *id)
{
	char *name = entry_name(id, "data");
	int fd = openat(v->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	free(name);
	return fd;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in the vault ending in ext (".json"), without it, sorted. */
static char **
list_ext(struct vault *v, const char *ext, size_t *n)
{
	int fd = openat(v->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	size_t el = strlen(ext), cap = 0;
	char **ids = NULL;
	struct dirent *de;

	*n = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l <= el || strcmp(de->d_name + l - el, ext) != 0)
			continue;
		char *id = xstrndup(de->d_name, l - el);
		if (!vault_id_valid(id)) {
			free(id);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[(*n)++] = id;
	}
	closedir(d);
	if (*n)
		qsort(ids, *n, sizeof(*ids), cmp_str);
	return ids;
}

char **
vault_list(struct vault *v, size_t *n)
{
	return list_ext(v, ".json", n);
}

void
vault_list_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}
