/*
 * deobf_buf.c: the deobfuscator's byte buffers: the output buffer a
 * normalizer writes into (bounded: it stops growing at its cap) and the
 * string values an evaluator computes, with the chain of decoders each
 * went through.
 */
#include "scanner/deobf/deobf_buf.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

void
ob_init(struct obuf *o, size_t max)
{
	memset(o, 0, sizeof(*o));
	o->max = max;
}

static int
ob_reserve(struct obuf *o, size_t n)
{
	if (o->overflow)
		return -1;
	if (n > o->max - o->len || o->len + n < o->len) {
		o->overflow = 1;
		return -1;
	}
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		o->p = xrealloc(o->p, cap);
		o->cap = cap;
	}
	return 0;
}

void
ob_put(struct obuf *o, const void *s, size_t n)
{
	if (n == 0 || ob_reserve(o, n) != 0)
		return;
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

void
ob_putc(struct obuf *o, int c)
{
	if (ob_reserve(o, 1) != 0)
		return;
	o->p[o->len++] = (unsigned char)c;
}

void
ob_put_quoted(struct obuf *o, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	ob_putc(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		char esc[4] = {'\\', 0, 0, 0};
		size_t elen = 2;

		if (c == '"' || c == '\\')
			esc[1] = (char)c;
		else if (c == '\n')
			esc[1] = 'n';
		else if (c == '\r')
			esc[1] = 'r';
		else if (c == '\t')
			esc[1] = 't';
		else if (c < 0x20 || c == 0x7f) {
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			elen = 4;
		} else {
			run++;
			continue;
		}
		ob_put(o, s + i - run, run);
		run = 0;
		ob_put(o, esc, elen);
	}
	ob_put(o, s + n - run, run);
	ob_putc(o, '"');
}

void
ob_free(struct obuf *o)
{
	free(o->p);
	memset(o, 0, sizeof(*o));
}

void
val_init(struct val *v)
{
	memset(v, 0, sizeof(*v));
}

void
val_append(struct val *v, const void *s, size_t n, size_t max)
{
	if (n > max - v->len && max >= v->len)
		n = max - v->len;
	if (v->len + n + 1 > v->cap) {
		size_t cap = v->cap ? v->cap : 64;
		while (cap < v->len + n + 1)
			cap *= 2;
		v->p = xrealloc(v->p, cap);
		v->cap = cap;
	}
	if (n)
		memcpy(v->p + v->len, s, n);
	v->len += n;
	v->p[v->len] = '\0';
}

void
val_set(struct val *v, const void *s, size_t n)
{
	v->len = 0;
	val_append(v, s, n, (size_t)-1);
}

void
val_free(struct val *v)
{
	free(v->p);
	val_init(v);
}

void
val_move(struct val *dst, struct val *src)
{
	free(dst->p);
	*dst = *src;
	val_init(src);
}

void
chain_add(char *chain, const char *step)
{
	size_t n = strlen(chain), m = strlen(step);

	if (n + m + 2 > DEOBF_CHAIN_MAX)
		return; /* the chain is evidence, not a limit: keep the head */
	if (n)
		chain[n++] = '>';
	memcpy(chain + n, step, m + 1);
}
