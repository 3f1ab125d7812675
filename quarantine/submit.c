/*
 * submit.c: collecting samples and writing the encrypted zip (submit.h).
 */
#include "quarantine/submit.h"
#include "common/pathfmt.h"
#include "common/result_json.h"
#include "common/util.h"
#include "quarantine/qmeta.h"
#include "quarantine/vault.h"
#include "quarantine/zipstream.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

static void
path_err(char *err, size_t errlen, const char *path, const char *why)
{
	char *p = text_escape(path, strlen(path));

	snprintf(err, errlen, "%s: %s", p, why);
	free(p);
}

static const char *
file_type(mode_t m)
{
	if (S_ISDIR(m))
		return "not a regular file (a directory)";
	if (S_ISFIFO(m))
		return "not a regular file (a FIFO)";
	if (S_ISSOCK(m))
		return "not a regular file (a socket)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "not a regular file (a device)";
	return "not a regular file";
}

struct hashes {
	char md5[33], sha1[41], sha256[65];
};

static int
check_type(int fd, const char *path, struct stat *st, char *err, size_t errlen)
{
	if (fstat(fd, st) != 0) {
		path_err(err, errlen, path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		path_err(err, errlen, path, file_type(st->st_mode));
		return -1;
	}
	if ((unsigned long long)st->st_size > SUBMIT_MAX_SAMPLE) {
		path_err(err, errlen, path, "larger than 64 MiB; not packed");
		return -1;
	}
	return 0;
}

static void
digests_final(EVP_MD_CTX *md[3], struct hashes *h)
{
	char *hex[3] = {h->md5, h->sha1, h->sha256};
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned int n;

	for (int i = 0; i < 3; i++) {
		EVP_DigestFinal_ex(md[i], out, &n);
		hex_encode(out, n, hex[i]);
	}
}

/* Reads fd to its end (by pread, a block at a time), hashing it. */
static int
hash_all(int fd, const char *path, size_t *len, struct hashes *h, char *err,
         size_t errlen)
{
	static const size_t bufsize = 1 << 16;
	const EVP_MD *kind[3] = {EVP_md5(), EVP_sha1(), EVP_sha256()};
	unsigned char *buf = xmalloc(bufsize);
	EVP_MD_CTX *md[3];
	ssize_t n;
	int rc = 0;

	for (int i = 0; i < 3; i++) {
		md[i] = EVP_MD_CTX_new();
		EVP_DigestInit_ex(md[i], kind[i], NULL);
	}
	for (*len = 0;; *len += (size_t)n) {
		n = pread(fd, buf, bufsize, (off_t)*len);
		if (n < 0 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n < 0 || *len + (size_t)n > SUBMIT_MAX_SAMPLE) {
			path_err(err, errlen, path,
			         n < 0 ? strerror(errno)
			               : "larger than 64 MiB");
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		for (int i = 0; i < 3; i++)
			EVP_DigestUpdate(md[i], buf, (size_t)n);
	}
	digests_final(md, h);
	for (int i = 0; i < 3; i++)
		EVP_MD_CTX_free(md[i]);
	free(buf);
	return rc;
}

/* Checks that fd is a regular file of at most 64 MiB and hashes it. The
 * content is not kept: the zip streams it from fd (zipstream.h). */
static int
measure(int fd, const char *path, struct stat *st, size_t *len,
        struct hashes *h, char *err, size_t errlen)
{
	if (check_type(fd, path, st, err, errlen) != 0)
		return -1;
	return hash_all(fd, path, len, h, err, errlen);
}

/* Adds a sample read from fd (taken over); info gets the hashes. */
static struct sample *
add(struct samples *s, int fd, size_t len, const struct hashes *h, json_t *info)
{
	struct sample *x;

	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	x = &s->v[s->n++];
	x->fd = fd;
	x->len = len;
	x->info = info;
	memcpy(x->sha256, h->sha256, sizeof(x->sha256));
	json_object_set_new(info, "file", json_string(x->sha256));
	json_object_set_new(info, "md5", json_string(h->md5));
	json_object_set_new(info, "sha1", json_string(h->sha1));
	json_object_set_new(info, "sha256", json_string(x->sha256));
	json_object_set_new(info, "size", json_integer((json_int_t)len));
	return x;
}

static void
set_owner(json_t *o, uid_t uid, gid_t gid)
{
	char buf[4096];
	const char *u = user_name(uid, buf, sizeof(buf));

	json_object_set_new(o, "uid", json_integer(uid));
	json_object_set_new(o, "user", u ? json_string(u) : json_null());
	u = group_name(gid, buf, sizeof(buf));
	json_object_set_new(o, "gid", json_integer(gid));
	json_object_set_new(o, "group", u ? json_string(u) : json_null());
}

static json_t *
info_from_stat(const char *source, const char *path, const struct stat *st)
{
	json_t *o = json_object();

	json_object_set_new(o, "source", json_string(source));
	json_set_bytes(o, "path", path);
	set_owner(o, st->st_uid, st->st_gid);
	json_object_set_new(o, "mode", json_integer(st->st_mode & 07777));
	json_object_set_new(o, "atime", json_integer(st->st_atime));
	json_object_set_new(o, "mtime", json_integer(st->st_mtime));
	json_object_set_new(o, "ctime", json_integer(st->st_ctime));
	return o;
}

static void
set_verdict(json_t *o, const char *verdict, json_t *name, json_t *score,
            json_t *evidence)
{
	json_object_set_new(o, "verdict", json_string(verdict));
	json_object_set(o, "name", name ? name : json_null());
	json_object_set(o, "score", score ? score : json_null());
	if (evidence)
		json_object_set(o, "indicators", evidence);
	else
		json_object_set_new(o, "indicators", json_array());
}

static void
set_scanner(json_t *o, const char *version, const char *sigs, json_int_t nsigs,
            const char *host)
{
	char h[256] = "unknown";

	if (!host) {
		gethostname(h, sizeof(h) - 1);
		host = h;
	}
	json_object_set_new(o, "scanner_version",
	                    version ? json_string(version) : json_null());
	json_object_set_new(o, "signature_versions",
	                    sigs ? json_string(sigs) : json_null());
	json_object_set_new(o, "signatures",
	                    nsigs >= 0 ? json_integer(nsigs) : json_null());
	json_object_set_new(o, "host", json_string(host));
}

static int
open_sample(const char *path, int nofollow, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
	                        (nofollow ? O_NOFOLLOW : 0));

	if (fd < 0) {
		int e = errno;
		struct stat st;
		const char *why = strerror(e);
		if (e == ELOOP)
			why = "is a symlink now; not followed";
		else if ((nofollow ? lstat(path, &st) : stat(path, &st)) == 0 &&
		         !S_ISREG(st.st_mode)) /* a socket: ENXIO */
			why = file_type(st.st_mode);
		path_err(err, errlen, path, why);
		errno = e;
	}
	return fd;
}

int
sample_from_file(struct samples *s, const char *path, char *err, size_t errlen)
{
	struct hashes h;
	struct stat st;
	size_t len;
	json_t *info;
	int fd = open_sample(path, 0, err, errlen);

	if (fd < 0)
		return -1;
	if (measure(fd, path, &st, &len, &h, err, errlen) != 0) {
		close(fd);
		return -1;
	}
	if (path[0] == '/') {
		info = info_from_stat("file", path, &st);
	} else {
		char *cwd = getcwd(NULL, 0);
		char *abs = xasprintf("%s/%s", cwd ? cwd : ".", path);
		info = info_from_stat("file", abs, &st);
		free(abs);
		free(cwd);
	}
	set_verdict(info, "unknown", NULL, NULL, NULL);
	set_scanner(info, NULL, NULL, -1, NULL);
	add(s, fd, len, &h, info);
	return 0;
}

static char *
result_path(json_t *r)
{
	json_t *m = json_object();
	char *p;

	/* same decoding as a quarantine record */
	json_object_set(m, "path", json_object_get(r, "path"));
	if (json_object_get(r, "path_base64"))
		json_object_set(m, "path_base64",
		                json_object_get(r, "path_base64"));
	p = qmeta_path(m);
	json_decref(m);
	return p;
}

static int
quarantined_by_report(json_t *r)
{
	const char *a = json_string_value(json_object_get(r, "action"));

	return a && strcmp(a, "quarantined") == 0 &&
	       json_is_string(json_object_get(r, "action_id"));
}

/* A file the scan quarantined: its copy in the vault. */
static int
report_vault_sample(struct samples *s, json_t *r, const char *vault_dir,
                    const char *want, char *err, size_t errlen)
{
	const char *id = json_string_value(json_object_get(r, "action_id"));
	struct vault *v = vault_open(vault_dir, 0, NULL, err, errlen);
	int rc;

	if (!v)
		return -1;
	rc = sample_from_vault(s, v, id, err, errlen);
	vault_close(v);
	if (rc == 0 && strcmp(s->v[s->n - 1].sha256, want) != 0) {
		snprintf(err, errlen,
		         "entry %s: not the content the report names", id);
		rc = -1;
	}
	return rc;
}

static int
report_sample(struct samples *s, json_t *doc, json_t *r, const char *vault_dir,
              char *err, size_t errlen)
{
	char *path = result_path(r);
	const char *want = json_string_value(json_object_get(r, "sha256"));
	json_t *sc = json_object_get(doc, "scanner"), *info;
	struct hashes h;
	struct stat st;
	size_t len;
	int fd;

	if (!path || !want) {
		snprintf(err, errlen,
		         "a result in the report has no path or "
		         "sha256");
		free(path);
		return -1;
	}
	fd = open_sample(path, 1, err, errlen);
	if (fd < 0 && errno == ENOENT && vault_dir &&
	    quarantined_by_report(r)) {
		free(path);
		return report_vault_sample(s, r, vault_dir, want, err, errlen);
	}
	if (fd < 0 || measure(fd, path, &st, &len, &h, err, errlen) != 0) {
		if (fd >= 0)
			close(fd);
		free(path);
		return -1;
	}
	info = info_from_stat("report", path, &st);
	set_verdict(info, json_string_value(json_object_get(r, "verdict")),
	            json_object_get(r, "name"), json_object_get(r, "score"),
	            json_object_get(r, "evidence"));
	set_scanner(info, json_string_value(json_object_get(sc, "version")),
	            json_string_value(json_object_get(sc, "databases")),
	            json_integer_value(json_object_get(sc, "signatures")),
	            json_string_value(json_object_get(doc, "host")));
	if (strcmp(add(s, fd, len, &h, info)->sha256, want) != 0) {
		path_err(err, errlen, path,
		         "changed since the report (its "
		         "sha256 differs)");
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

int
samples_from_report(struct samples *s, const char *report, int infected,
                    const char *vault_dir, char *err, size_t errlen)
{
	json_error_t je;
	json_t *doc = json_load_file(report, 0, &je), *results, *r;
	const char *schema = json_string_value(json_object_get(doc, "schema"));
	size_t i, before = s->n;
	int rc = 0;

	if (!doc) {
		snprintf(err, errlen, "%s: not a spamsweep report (%s)", report,
		         je.text);
		return -1;
	}
	results = json_object_get(doc, "results");
	if (!schema || strcmp(schema, "spamsweep-report") != 0 ||
	    !json_is_array(results)) {
		snprintf(err, errlen,
		         "%s: not a spamsweep report (scan --json "
		         "output)",
		         report);
		json_decref(doc);
		return -1;
	}
	json_array_foreach(results, i, r)
	{
		const char *v =
		    json_string_value(json_object_get(r, "verdict"));
		if (!v || !(strcmp(v, "suspicious") == 0 ||
		            (infected && strcmp(v, "infected") == 0)))
			continue;
		if ((rc = report_sample(s, doc, r, vault_dir, err, errlen)) !=
		    0)
			break;
	}
	if (rc == 0 && s->n == before) {
		snprintf(err, errlen, "%s: no %s files in the report", report,
		         infected ? "suspicious or infected" : "suspicious");
		rc = -1;
	}
	json_decref(doc);
	return rc;
}

int
sample_from_vault(struct samples *s, struct vault *v, const char *id, char *err,
                  size_t errlen)
{
	json_t *m = vault_load_meta(v, id, err, errlen), *info, *scan;
	char *path;
	struct hashes h;
	struct stat st;
	size_t len;
	int fd, rc;

	if (!m)
		return -1;
	fd = vault_open_data(v, id);
	if (fd < 0) {
		snprintf(err, errlen, "entry %s: its content is missing", id);
		json_decref(m);
		return -1;
	}
	if (measure(fd, id, &st, &len, &h, err, errlen) != 0) {
		close(fd);
		json_decref(m);
		return -1;
	}
	path = qmeta_path(m);
	info = json_object();
	json_object_set_new(info, "source", json_string("quarantine"));
	json_object_set_new(info, "quarantine_id", json_string(id));
	json_set_bytes(info, "path", path ? path : "");
	set_owner(info, (uid_t)qmeta_int(m, "uid", 0),
	          (gid_t)qmeta_int(m, "gid", 0));
	json_object_set_new(info, "mode",
	                    json_integer(qmeta_int(m, "mode", 0)));
	json_object_set_new(info, "atime",
	                    json_integer(qmeta_int(m, "atime", 0)));
	json_object_set_new(info, "mtime",
	                    json_integer(qmeta_int(m, "mtime", 0)));
	json_object_set_new(info, "ctime",
	                    json_integer(qmeta_int(m, "ctime", 0)));
	set_verdict(info, qmeta_str(m, "verdict", "unknown"),
	            json_object_get(m, "name"), json_object_get(m, "score"),
	            json_object_get(m, "evidence"));
	scan = json_object_get(m, "scan");
	set_scanner(info, json_string_value(json_object_get(scan, "version")),
	            NULL, -1, json_string_value(json_object_get(scan, "host")));
	rc = strcmp(add(s, fd, len, &h, info)->sha256,
	            qmeta_str(m, "sha256", "")) == 0
	         ? 0
	         : -1;
	if (rc != 0)
		snprintf(err, errlen,
		         "entry %s: its content does not match "
		         "its sha256",
		         id);
	free(path);
	json_decref(m);
	return rc;
}

void
samples_free(struct samples *s)
{
	for (size_t i = 0; i < s->n; i++) {
		close(s->v[i].fd);
		json_decref(s->v[i].info);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static json_t *
manifest(const struct samples *s)
{
	json_t *m = json_object(), *arr = json_array();
	char host[256] = "unknown", when[64];

	gethostname(host, sizeof(host) - 1);
	iso8601(time(NULL), when, sizeof(when));
	json_object_set_new(m, "schema", json_string("spamsweep-submission"));
	json_object_set_new(m, "schema_version", json_integer(1));
	json_object_set_new(m, "created", json_string(when));
	json_object_set_new(m, "host", json_string(host));
	json_object_set_new(m, "scanner",
	                    json_pack("{s:s, s:s}", "name", PACKAGE_NAME,
	                              "version", PACKAGE_VERSION));
	for (size_t i = 0; i < s->n; i++)
		json_array_append(arr, s->v[i].info);
	json_object_set_new(m, "samples", arr);
	return m;
}

static int
add_entry(zip_t *za, const char *name, zip_source_t *src, const char *password)
{
	zip_int64_t idx;

	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	return zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256,
	                               password);
}

static int
already_added(const struct samples *s, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(s->v[j].sha256, s->v[i].sha256) == 0)
			return 1;
	return 0;
}

/* Samples are streamed from their files (zipstream.h); changed[i] is set
 * when sample i no longer has the content collected. */
static int
add_all(zip_t *za, const char *password, const struct samples *s,
        const char *manifest_text, int *changed)
{
	int rc = 0;

	for (size_t i = 0; i < s->n && rc == 0; i++)
		if (!already_added(s, i))
			rc = add_entry(
			    za, s->v[i].sha256,
			    zipstream_new(za, s->v[i].fd, s->v[i].len,
			                  s->v[i].sha256, &changed[i]),
			    password);
	if (rc == 0)
		rc = add_entry(za, "manifest.json",
		               zip_source_buffer(za, manifest_text,
		                                 strlen(manifest_text), 0),
		               password);
	return rc;
}

static void
write_err(zip_t *za, const char *out, const struct samples *s,
          const int *changed, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->n; i++) {
		if (!changed[i])
			continue;
		char *path = result_path(s->v[i].info);
		path_err(err, errlen, path ? path : s->v[i].sha256,
		         "changed while being packed (its sha256 differs); "
		         "no zip written");
		free(path);
		return;
	}
	path_err(err, errlen, out, zip_strerror(za));
}

int
submit_write(const char *out, const char *password, const struct samples *s,
             char *err, size_t errlen)
{
	json_t *man = manifest(s);
	char *text = json_dumps(man, JSON_INDENT(2) | JSON_SORT_KEYS);
	int zerr = 0, rc, *changed = xcalloc(s->n + 1, sizeof(int));
	zip_t *za = zip_open(out, ZIP_CREATE | ZIP_EXCL, &zerr);

	json_decref(man);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		path_err(err, errlen, out,
		         zerr == ZIP_ER_EXISTS ? "exists; not overwritten"
		                               : zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(text);
		free(changed);
		return -1;
	}
	rc = add_all(za, password, s, text, changed);
	if (rc == 0 && zip_close(za) != 0)
		rc = -1;
	if (rc != 0) {
		write_err(za, out, s, changed, err, errlen);
		zip_discard(za);
		unlink(out); /* libzip removes its temporary; be sure */
	}
	free(text);
	free(changed);
	return rc;
}
