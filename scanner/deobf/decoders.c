/*
 * decoders.c: byte-level decoders with hard output caps (see decoders.h).
 * One pass over the input each, output allocated once (or grown
 * geometrically for inflate) and never beyond max + 1 bytes.
 */
#include "scanner/deobf/decoders.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Allocates room for min(want, max) bytes plus the NUL. */
static unsigned char *
out_alloc(size_t want, size_t max)
{
	return xmalloc((want < max ? want : max) + 1);
}

static int
out_done(struct dec_out *out, unsigned char *p, size_t len, int capped)
{
	p[len] = '\0';
	out->p = p;
	out->len = len;
	out->capped = capped;
	return 0;
}

static int
out_fail(struct dec_out *out, unsigned char *p)
{
	free(p);
	out->p = NULL;
	out->len = 0;
	out->capped = 0;
	return -1;
}

static int
b64_val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
dec_base64(const unsigned char *in, size_t n, size_t max, struct dec_out *out)
{
	unsigned char *p = out_alloc(n / 4 * 3 + 3, max);
	size_t len = 0;
	unsigned int acc = 0;
	int bits = 0, capped = 0, seen = 0;

	for (size_t i = 0; i < n; i++) {
		int v = b64_val(in[i]);
		if (v < 0)
			continue;
		seen++;
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (len >= max) {
				capped = 1;
				break;
			}
			p[len++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (len == 0 && seen < 2)
		return out_fail(out, p);
	return out_done(out, p, len, capped);
}

int
dec_hex(const unsigned char *in, size_t n, size_t max, int strict,
        struct dec_out *out)
{
	unsigned char *p;
	size_t len = 0;
	int hi = -1, capped = 0;

	if (strict && n % 2)
		return out_fail(out, NULL);
	p = out_alloc(n / 2 + 1, max);
	for (size_t i = 0; i < n; i++) {
		int v = hex_digit(in[i]);
		if (v < 0) {
			if (strict)
				return out_fail(out, p);
			if (in[i] == ' ' || in[i] == '\n' || in[i] == '\r' ||
			    in[i] == '\t')
				continue;
			break;
		}
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (len >= max) {
			capped = 1;
			hi = -1;
			break;
		}
		p[len++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0 && len < max)
		p[len++] = (unsigned char)(hi << 4);
	if (len == 0 && n > 0)
		return out_fail(out, p);
	return out_done(out, p, len, capped);
}

int
dec_rot13(const unsigned char *in, size_t n, size_t max, struct dec_out *out)
{
	size_t len = n < max ? n : max;
	unsigned char *p = out_alloc(len, max);

	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)('a' + (c - 'a' + 13) % 26);
		else if (c >= 'A' && c <= 'Z')
			c = (unsigned char)('A' + (c - 'A' + 13) % 26);
		p[i] = c;
	}
	return out_done(out, p, len, len < n);
}

int
dec_strrev(const unsigned char *in, size_t n, size_t max, struct dec_out *out)
{
	size_t len = n < max ? n : max;
	unsigned char *p = out_alloc(len, max);

	for (size_t i = 0; i < len; i++)
		p[i] = in[n - 1 - i];
	return out_done(out, p, len, len < n);
}

int
dec_url(const unsigned char *in, size_t n, size_t max, int raw,
        struct dec_out *out)
{
	unsigned char *p = out_alloc(n, max);
	size_t len = 0;
	int capped = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = in[i];
		if (len >= max) {
			capped = 1;
			break;
		}
		if (c == '+' && !raw)
			c = ' ';
		else if (c == '%' && i + 2 < n + 0 &&
		         hex_digit(in[i + 1]) >= 0 &&
		         hex_digit(in[i + 2]) >= 0) {
			c = (unsigned char)(hex_digit(in[i + 1]) << 4 |
			                    hex_digit(in[i + 2]));
			i += 2;
		}
		p[len++] = c;
	}
	return out_done(out, p, len, capped);
}

int
dec_uu(const unsigned char *in, size_t n, size_t max, struct dec_out *out)
{
	/* Not n / 4 * 3: a group cut short by the end of its line still
	 * yields 3 bytes (up to the line's length byte), so "Mx\n" gives 3
	 * bytes from 3 and a last "Mx" 3 from 2. A line of d >= 1 data bytes
	 * takes d + 2 bytes of input (length, data, newline) and yields at
	 * most 3 * ceil(d / 4) <= d + 2 bytes, the last line (no newline) one
	 * more than its input: n + 1 is enough. (Found by fuzzing: a heap
	 * overflow on short lines.) */
	unsigned char *p = out_alloc(n + 1, max);
	size_t len = 0, i = 0;
	int capped = 0, lines = 0;

	while (i < n && !capped) {
		size_t eol = i, want, got = 0;
		while (eol < n && in[eol] != '\n')
			eol++;
		want = (size_t)((in[i] - 32) & 63);
		if (want == 0)
			break;
		lines++;
		for (size_t j = i + 1; got < want && j < eol; j += 4) {
			unsigned char q[4];
			for (int k = 0; k < 4; k++)
				q[k] =
				    (j + (size_t)k < eol)
				        ? (unsigned char)((in[j + (size_t)k] -
				                           32) &
				                          63)
				        : 0;
			unsigned char b[3] = {
			    (unsigned char)(q[0] << 2 | q[1] >> 4),
			    (unsigned char)(q[1] << 4 | q[2] >> 2),
			    (unsigned char)(q[2] << 6 | q[3])};
			for (int k = 0; k < 3 && got < want; k++, got++) {
				if (len >= max) {
					capped = 1;
					break;
				}
				p[len++] = b[k];
			}
			if (capped || j >= eol)
				break;
		}
		i = eol + 1;
	}
	if (lines == 0)
		return out_fail(out, p);
	return out_done(out, p, len, capped);
}

int
dec_inflate(const unsigned char *in, size_t n, size_t max, enum dec_zfmt fmt,
            struct dec_out *out)
{
	z_stream zs;
	unsigned char *p;
	size_t cap, len = 0;
	int wbits = fmt == DEC_Z_RAW ? -15 : fmt == DEC_Z_GZIP ? 31 : 15;
	int rc = Z_OK, capped = 0;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, wbits) != Z_OK)
		return out_fail(out, NULL);
	cap = n * 4 + 64;
	if (cap > max)
		cap = max;
	p = xmalloc(cap + 1);
	zs.next_in = (unsigned char *)in;
	while (rc == Z_OK) {
		size_t chunk_in = n - (size_t)(zs.next_in - in);
		if (len == cap) {
			if (cap >= max) {
				capped = 1;
				break;
			}
			cap = cap * 2 < max ? cap * 2 : max;
			p = xrealloc(p, cap + 1);
		}
		zs.next_in = (unsigned char *)in + (n - chunk_in);
		zs.avail_in =
		    chunk_in > 0x40000000 ? 0x40000000 : (uInt)chunk_in;
		zs.next_out = p + len;
		zs.avail_out =
		    cap - len > 0x40000000 ? 0x40000000 : (uInt)(cap - len);
		size_t before = cap - len > 0x40000000 ? 0x40000000 : cap - len;
		rc = inflate(&zs, Z_NO_FLUSH);
		len += before - zs.avail_out;
		if (rc == Z_BUF_ERROR && zs.avail_out > 0)
			break; /* truncated input */
		if (rc == Z_BUF_ERROR)
			rc = Z_OK;
	}
	inflateEnd(&zs);
	if (len == 0 && rc != Z_STREAM_END)
		return out_fail(out, p);
	return out_done(out, p, len, capped);
}
