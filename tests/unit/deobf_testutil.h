/*
 * deobf_testutil.h: helpers shared by the deobfuscator's unit tests:
 * encoders for building samples, running deobfuscate(), looking layers up.
 */
#ifndef DEOBF_TESTUTIL_H
#define DEOBF_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "scanner/deobf/deobf.h"

static __attribute__((unused)) char *
b64enc(const unsigned char *in, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc(n / 3 * 4 + 5), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) |
		             (i + 2 < n ? in[i + 2] : 0);
		*o++ = tab[v >> 18];
		*o++ = tab[(v >> 12) & 63];
		*o++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		*o++ = i + 2 < n ? tab[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* deflate with window bits wbits (-15 raw, 15 zlib, 31 gzip). */
static __attribute__((unused)) unsigned char *
zcompress(const void *in, size_t n, int wbits, size_t *outlen)
{
	z_stream zs;
	size_t cap = n + n / 100 + 1024;
	unsigned char *out = malloc(cap);

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static __attribute__((unused)) char *
b64z(const char *text, int wbits)
{
	size_t n;
	unsigned char *z = zcompress(text, strlen(text), wbits, &n);
	char *b = b64enc(z, n);

	free(z);
	return b;
}

static __attribute__((unused)) void
run_deobf(const char *src, size_t len, enum lang lang,
          const struct deobf_limits *lim, struct layers *l)
{
	struct deobf_limits def;

	if (!lim) {
		deobf_limits_default(&def);
		lim = &def;
	}
	memset(l, 0, sizeof(*l));
	deobfuscate((const unsigned char *)src, len, lang, lim, l);
}

/* The first layer whose chain is exactly chain, or -1. */
static __attribute__((unused)) int
find_chain(const struct layers *l, const char *chain)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].chain, chain) == 0)
			return (int)i;
	return -1;
}

static __attribute__((unused)) int
has(const struct layers *l, int i, const char *needle)
{
	if (i < 0 || (size_t)i >= l->n)
		return 0;
	return memmem(l->v[i].data, l->v[i].len, needle, strlen(needle)) !=
	       NULL;
}

static __attribute__((unused)) void
dump_layers(const struct layers *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "# layer %zu depth %d chain [%s]: %.300s\n", i,
		        l->v[i].depth, l->v[i].chain,
		        (const char *)l->v[i].data);
	fprintf(stderr, "# limit %s\n", l->limit_hit ? l->limit_hit : "-");
}

static __attribute__((unused)) double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
