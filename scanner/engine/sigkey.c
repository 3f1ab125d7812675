/*
 * sigkey.c: the signature-set key: one SHA-256 over everything that
 * decides a verdict (the scanner's version, the settings, the signatures,
 * the user's rules, which ClamAV databases), so that verdicts remembered
 * under one key are never reused under another.
 */
#include "scanner/engine/sigkey.h"
#include "common/util.h"

#include <clamav.h>
#include <dirent.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Relative names of the regular files under dir, sorted, recursively. */
static void
list_files(const char *dir, const char *rel, char ***v, size_t *n)
{
	char *full = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	DIR *d = opendir(full);
	struct dirent *de;

	if (!d) {
		free(full);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *r, *p;

		if (de->d_name[0] == '.')
			continue;
		r = *rel ? xasprintf("%s/%s", rel, de->d_name)
		         : xstrdup(de->d_name);
		p = xasprintf("%s/%s", dir, r);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			list_files(dir, r, v, n);
			free(r);
		} else if (S_ISREG(st.st_mode)) {
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[(*n)++] = r;
		} else {
			free(r);
		}
		free(p);
	}
	closedir(d);
	free(full);
}

static void
hash_tree(EVP_MD_CTX *md, const char *tag, const char *dir, int contents)
{
	char **v = NULL;
	size_t n = 0;
	unsigned char buf[65536];

	EVP_DigestUpdate(md, tag, strlen(tag) + 1);
	if (!dir)
		return;
	list_files(dir, "", &v, &n);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, v[i]);
		struct stat st;
		int fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		ssize_t k;

		EVP_DigestUpdate(md, v[i], strlen(v[i]) + 1);
		if (fd >= 0 && fstat(fd, &st) == 0) {
			char meta[64];
			snprintf(meta, sizeof(meta), "%lld:%lld",
			         (long long)st.st_size,
			         contents ? 0LL : (long long)st.st_mtime);
			EVP_DigestUpdate(md, meta, strlen(meta) + 1);
			while (contents && (k = read(fd, buf, sizeof(buf))) > 0)
				EVP_DigestUpdate(md, buf, (size_t)k);
		}
		if (fd >= 0)
			close(fd);
		free(p);
		free(v[i]);
	}
	free(v);
}

void
sigkey_make(const struct sigkey_in *in, char out[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char h[32];
	unsigned int hl = 0;
	char settings[384];

	snprintf(settings, sizeof(settings),
	         "%s %s schema=%s heur=%d threshold=%d all=%d max=%llu sys=%d "
	         "ddepth=%d dsize=%llu dtime=%g",
	         PACKAGE_NAME, PACKAGE_VERSION, in->schema, in->heuristics,
	         in->threshold, in->all_files,
	         (unsigned long long)in->max_filesize, in->use_system_db,
	         in->max_decode_depth, (unsigned long long)in->max_decode_size,
	         in->max_decode_time);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, settings, strlen(settings) + 1);
	hash_tree(md, "sigs", in->sigdir, 1);
	hash_tree(md, "rules", in->heuristics ? in->rules_dir : NULL, 1);
	hash_tree(md, "db",
	          in->use_system_db ? (in->dbdir ? in->dbdir : cl_retdbdir())
	                            : NULL,
	          0);
	EVP_DigestFinal_ex(md, h, &hl);
	EVP_MD_CTX_free(md);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}
