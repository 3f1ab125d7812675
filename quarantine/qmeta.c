/*
 * qmeta.c: building and reading quarantine metadata records (qmeta.h).
 */
#include "quarantine/qmeta.h"
#include "common/result_json.h"
#include "common/util.h"
#include "quarantine/fdcopy.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <openssl/evp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *
user_name(uid_t uid, char *buf, size_t n)
{
	struct passwd pw, *res = NULL;

	if (getpwuid_r(uid, &pw, buf, n, &res) != 0 || !res)
		return NULL;
	return res->pw_name;
}

const char *
group_name(gid_t gid, char *buf, size_t n)
{
	struct group gr, *res = NULL;

	if (getgrgid_r(gid, &gr, buf, n, &res) != 0 || !res)
		return NULL;
	return res->gr_name;
}

void
hex_encode(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

void
iso8601(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
set_name(json_t *o, const char *key, const char *name)
{
	json_object_set_new(o, key, name ? json_string(name) : json_null());
}

json_t *
qmeta_build(const char *id, const struct scan_result *r, const char *path,
            const char *root, const struct qscan *scan)
{
	json_t *m = json_result(r);
	char buf[4096], when[64];
	time_t now = time(NULL);

	json_object_del(m, "action");
	json_object_del(m, "action_id");
	json_object_del(m, "path_base64");
	json_set_bytes(m, "path", path);
	json_set_bytes(m, "scanned_as", r->path);
	json_object_set_new(m, "schema", json_string("spamsweep-quarantine"));
	json_object_set_new(m, "schema_version", json_integer(1));
	json_object_set_new(m, "id", json_string(id));
	if (root)
		json_set_bytes(m, "root", root);
	set_name(m, "user", user_name(r->st.st_uid, buf, sizeof(buf)));
	set_name(m, "group", group_name(r->st.st_gid, buf, sizeof(buf)));
	json_object_set_new(m, "nlink",
	                    json_integer((json_int_t)r->st.st_nlink));
	json_object_set_new(m, "atime", json_integer(r->st.st_atim.tv_sec));
	json_object_set_new(m, "atime_nsec",
	                    json_integer(r->st.st_atim.tv_nsec));
	json_object_set_new(m, "mtime_nsec",
	                    json_integer(r->st.st_mtim.tv_nsec));
	json_object_set_new(m, "ctime_nsec",
	                    json_integer(r->st.st_ctim.tv_nsec));
	iso8601(now, when, sizeof(when));
	json_object_set_new(m, "quarantined_at", json_string(when));
	json_object_set_new(m, "quarantined_epoch", json_integer(now));
	json_object_set_new(
	    m, "scan",
	    json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", scan->scan_id, "host",
	              scan->host, "scanner", PACKAGE_NAME, "version",
	              PACKAGE_VERSION, "command", scan->command));
	return m;
}

static char *
b64_decode(const char *s)
{
	size_t n = strlen(s);
	unsigned char *out;
	int len;

	if (n % 4 != 0)
		return NULL;
	out = xmalloc(n / 4 * 3 + 1);
	len = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n);
	if (len < 0) {
		free(out);
		return NULL;
	}
	for (size_t i = n; i > 0 && s[i - 1] == '='; i--)
		len--;
	out[len] = '\0';
	if (memchr(out, '\0', (size_t)len)) { /* not a file name */
		free(out);
		return NULL;
	}
	return (char *)out;
}

char *
qmeta_path(json_t *m)
{
	const char *b64 = qmeta_str(m, "path_base64", NULL);
	const char *p = qmeta_str(m, "path", NULL);

	if (b64)
		return b64_decode(b64);
	if (!p || !*p)
		return NULL;
	return xstrdup(p);
}

long long
qmeta_int(json_t *m, const char *key, long long def)
{
	json_t *v = json_object_get(m, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : def;
}

const char *
qmeta_str(json_t *m, const char *key, const char *def)
{
	json_t *v = json_object_get(m, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

int
qmeta_sha256(json_t *m, unsigned char out[32])
{
	const char *h = qmeta_str(m, "sha256", NULL);

	if (!h || strlen(h) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		unsigned int b;
		if (sscanf(h + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (unsigned char)b;
	}
	return 0;
}

int
sha256_fd(int fd, unsigned char out[32])
{
	int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	long long n;

	if (devnull < 0)
		return -1;
	n = copy_fd_hash(fd, devnull, out);
	close(devnull);
	return n < 0 ? -1 : 0;
}

static int
same_file(json_t *m, const struct stat *st)
{
	return S_ISREG(st->st_mode) &&
	       (long long)st->st_dev == qmeta_int(m, "dev", -1) &&
	       (long long)st->st_ino == qmeta_int(m, "ino", -1) &&
	       (long long)st->st_size == qmeta_int(m, "size", -1) &&
	       (long long)st->st_mtim.tv_sec == qmeta_int(m, "mtime", -1) &&
	       (long long)st->st_mtim.tv_nsec ==
	           qmeta_int(m, "mtime_nsec", -1) &&
	       /* a name linked back since has a newer ctime */
	       (long long)st->st_ctim.tv_sec == qmeta_int(m, "ctime", -1) &&
	       (long long)st->st_ctim.tv_nsec ==
	           qmeta_int(m, "ctime_nsec", -1) &&
	       (long long)st->st_nlink == qmeta_int(m, "nlink", -1);
}

int
qmeta_original_in_place(json_t *m)
{
	char *path = qmeta_path(m);
	unsigned char want[32], got[32];
	struct stat st;
	int fd, rc = 0;

	if (!path || qmeta_sha256(m, want) != 0 || lstat(path, &st) != 0 ||
	    !same_file(m, &st)) {
		free(path);
		return 0;
	}
	fd = open(path,
	          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && same_file(m, &st) &&
	    sha256_fd(fd, got) == 0 && memcmp(want, got, 32) == 0)
		rc = 1;
	close(fd);
	return rc;
}
