/*
 * zipstream.c: the streaming libzip source of a sample (zipstream.h):
 * open resets the offset and the hash, read preads the next block and,
 * at the end, compares the sha256 of what was read with the expected one.
 */
#include "quarantine/zipstream.h"
#include "common/util.h"
#include "quarantine/qmeta.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct zstream {
	int fd;
	zip_uint64_t off, len;
	EVP_MD_CTX *md;
	char want[65];
	int *changed;
	int done; /* the end was checked */
	zip_error_t error;
};

/* At the end of the bytes: 0 when they are the content collected. */
static zip_int64_t
finish(struct zstream *z)
{
	unsigned char sha[32];
	char hex[65];

	EVP_DigestFinal_ex(z->md, sha, NULL);
	hex_encode(sha, sizeof(sha), hex);
	if (strcmp(hex, z->want) == 0)
		return 0;
	*z->changed = 1;
	zip_error_set(&z->error, ZIP_ER_INCONS, 0);
	return -1;
}

static zip_int64_t
zread(struct zstream *z, void *data, zip_uint64_t n)
{
	ssize_t got;

	if (z->off == z->len) {
		if (z->done)
			return 0;
		z->done = 1;
		return finish(z);
	}
	if (n > z->len - z->off)
		n = z->len - z->off;
	do
		got = pread(z->fd, data, (size_t)n, (off_t)z->off);
	while (got < 0 && errno == EINTR);
	if (got <= 0) { /* an error, or the file shrank */
		if (got == 0)
			*z->changed = 1;
		zip_error_set(&z->error, ZIP_ER_READ, got < 0 ? errno : 0);
		return -1;
	}
	EVP_DigestUpdate(z->md, data, (size_t)got);
	z->off += (zip_uint64_t)got;
	return got;
}

static zip_int64_t
callback(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zstream *z = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		z->off = 0;
		z->done = 0;
		EVP_DigestInit_ex(z->md, EVP_sha256(), NULL);
		return 0;
	case ZIP_SOURCE_READ:
		return zread(z, data, len);
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = z->len;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->error, data, len);
	case ZIP_SOURCE_FREE:
		EVP_MD_CTX_free(z->md);
		zip_error_fini(&z->error);
		free(z);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(
		    ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
		    ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&z->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_source_t *
zipstream_new(zip_t *za, int fd, size_t len, const char *sha256_hex,
              int *changed)
{
	struct zstream *z = xcalloc(1, sizeof(*z));
	zip_source_t *src;

	z->fd = fd;
	z->len = len;
	z->md = EVP_MD_CTX_new();
	snprintf(z->want, sizeof(z->want), "%s", sha256_hex);
	z->changed = changed;
	zip_error_init(&z->error);
	src = zip_source_function(za, callback, z);
	if (!src) {
		EVP_MD_CTX_free(z->md);
		free(z);
	}
	return src;
}
