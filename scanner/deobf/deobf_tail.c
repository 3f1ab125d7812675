/*
 * deobf_tail.c: payloads a script keeps in the file itself (after
 * __halt_compiler, its last ?> or Perl's __DATA__) and reads back: their
 * encoding is guessed and decoded step by step with the decoders the code
 * names, and the result queued as a payload.
 */
#include "scanner/deobf/deobf_tail.h"
#include "scanner/deobf/decoders.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_ctx.h"
#include "scanner/deobf/deobf_text.h"

#include <stdlib.h>
#include <string.h>

/* cur becomes what a step decoded (d is handed over). */
static void
take_step(struct dctx *c, struct val *cur, const char *name, struct dec_out *d)
{
	dctx_spend(c, d->len);
	if (d->capped)
		dctx_limit(c, "size");
	free(cur->p);
	cur->p = d->p;
	cur->len = d->len;
	cur->cap = d->len + 1;
	chain_add(cur->chain, name);
}

static int
try_step(struct dctx *c, struct val *cur, const char *name,
         int (*fn)(const unsigned char *, size_t, size_t, struct dec_out *))
{
	struct dec_out d;

	if (fn(cur->p, cur->len, dctx_budget(c), &d) != 0 || d.len == 0) {
		free(d.p);
		return 0;
	}
	take_step(c, cur, name, &d);
	return 1;
}

static int
d_b64(const unsigned char *p, size_t n, size_t m, struct dec_out *o)
{
	return dec_base64(p, n, m, o);
}
static int
d_raw(const unsigned char *p, size_t n, size_t m, struct dec_out *o)
{
	return dec_inflate(p, n, m, DEC_Z_RAW, o);
}
static int
d_zlib(const unsigned char *p, size_t n, size_t m, struct dec_out *o)
{
	return dec_inflate(p, n, m, DEC_Z_ZLIB, o);
}
static int
d_gzip(const unsigned char *p, size_t n, size_t m, struct dec_out *o)
{
	return dec_inflate(p, n, m, DEC_Z_GZIP, o);
}
static int
d_hex(const unsigned char *p, size_t n, size_t m, struct dec_out *o)
{
	return dec_hex(p, n, m, 0, o);
}

static int
all_hex(const unsigned char *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (strchr("0123456789abcdefABCDEF", p[i]) && p[i])
			k++;
		else if (!strchr(" \r\n\t", p[i]) || !p[i])
			return 0;
	}
	return k >= 8;
}

/* Decoded bytes that a next step can take: text, or compressed data. */
static int
usable(const unsigned char *p, size_t n, unsigned seen)
{
	return text_enough(p, n) || (n > 2 && p[0] == 0x1f && p[1] == 0x8b) ||
	       (n > 2 && p[0] == 0x78 && (p[0] * 256 + p[1]) % 31 == 0) ||
	       (seen & SEEN_INFLATE);
}

/*
 * Base64, or base64 written backwards when the code reverses strings
 * ("scalar reverse", strrev): reversed base64 still looks like base64,
 * so the forward decoding is tried first and the reversed one taken
 * when only it gives something a next step can use.
 */
static int
b64_step(struct dctx *c, struct val *cur, unsigned seen)
{
	struct dec_out d, r;

	if (!(seen & SEEN_REV))
		return try_step(c, cur, "base64_decode", d_b64);
	memset(&d, 0, sizeof(d));
	if (cur->p[0] != '=' &&
	    d_b64(cur->p, cur->len, dctx_budget(c), &d) == 0 && d.len &&
	    usable(d.p, d.len, seen & ~SEEN_INFLATE)) {
		take_step(c, cur, "base64_decode", &d);
		return 1;
	}
	free(d.p);
	dec_strrev(cur->p, cur->len, cur->len, &r);
	if (looks_base64(r.p, r.len)) {
		free(cur->p);
		cur->p = r.p;
		cur->len = r.len;
		cur->cap = r.len + 1;
		chain_add(cur->chain, "strrev");
	} else {
		free(r.p);
	}
	return try_step(c, cur, "base64_decode", d_b64);
}

void
auto_decode_tail(struct dctx *c, int depth, const char *parent_chain,
                 const char *origin, const unsigned char *p, size_t n,
                 unsigned seen, int keep_plain)
{
	struct val cur;
	int step;

	while (n && strchr(" \r\n\t", p[0]) && p[0])
		p++, n--;
	while (n && strchr(" \r\n\t", p[n - 1]) && p[n - 1])
		n--;
	if (n == 0)
		return;
	val_init(&cur);
	val_set(&cur, p, n);
	chain_add(cur.chain, origin);
	for (step = 0; step < 8 && !dctx_expired(c); step++) {
		const unsigned char *q = cur.p;
		int ok = 0;

		if (code_like(q, cur.len))
			break;
		if (cur.len > 2 && q[0] == 0x1f && q[1] == 0x8b)
			ok = try_step(c, &cur, "gzdecode", d_gzip);
		else if (cur.len > 2 && q[0] == 0x78 &&
		         (q[0] * 256 + q[1]) % 31 == 0)
			ok = try_step(c, &cur, "gzuncompress", d_zlib);
		else if (all_hex(q, cur.len) && (seen & SEEN_HEX))
			ok = try_step(c, &cur, "hex2bin", d_hex);
		else if (looks_base64(q, cur.len) ||
		         ((seen & SEEN_REV) && q[0] == '='))
			ok = b64_step(c, &cur, seen);
		else if ((seen & SEEN_UU) && cur.len > 1 && q[0] == 'M')
			ok = try_step(c, &cur, "unpack_u", dec_uu);
		else if (!text_enough(q, cur.len) && (seen & SEEN_INFLATE))
			ok = try_step(c, &cur, "gzinflate", d_raw);
		if (!ok && (seen & (SEEN_ROT13 | SEEN_REV))) {
			struct dec_out d;
			int rev = !(seen & SEEN_ROT13);
			(rev ? dec_strrev : dec_rot13)(q, cur.len, cur.len, &d);
			if (code_like(d.p, d.len)) {
				val_set(&cur, d.p, d.len);
				chain_add(cur.chain,
				          rev ? "strrev" : "str_rot13");
				ok = 1;
			}
			free(d.p);
		}
		if (!ok)
			break;
	}
	if ((step > 0 || keep_plain) && text_enough(cur.p, cur.len))
		dctx_payload(c, depth, parent_chain, cur.chain, cur.p, cur.len);
	val_free(&cur);
}
