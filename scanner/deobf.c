/*
 * deobf.c: the deobfuscator's driver. Normalizes the file into layer 0,
 * then takes the decoded payloads the front ends queue, breadth first,
 * normalizing each into a layer of its own, within the limits (depth,
 * layers, total output, time). No recursion: payloads wait in a queue.
 */
#include "deobf_int.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct pending {
	unsigned char *p;
	size_t len;
	int depth;
	char *chain;
};

void
deobf_limits_default(struct deobf_limits *lim)
{
	lim->max_depth = 32;
	lim->max_layers = 64;
	lim->max_output = 64u << 20;
	lim->max_seconds = 2.0;
}

/* --- output buffer and values --- */

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

/* --- classification of payloads --- */

static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t k;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

int
text_enough(const unsigned char *p, size_t n)
{
	size_t good = 0;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t k;
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' ||
		    c == '\t') {
			good++;
			i++;
		} else if (c >= 0x80 && (k = utf8_seq(p + i, n - i)) > 0) {
			good += k;
			i += k;
		} else
			i++;
	}
	return good * 100 >= n * 85;
}

int
code_like(const unsigned char *p, size_t n)
{
	size_t punct = 0, sp = 0;

	if (!text_enough(p, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ';' || p[i] == '(' || p[i] == '$' || p[i] == '{')
			punct++;
		else if (p[i] == ' ' || p[i] == '\n')
			sp++;
	}
	return punct > 0 && (punct + sp) * 50 >= n;
}

int
looks_base64(const unsigned char *p, size_t n)
{
	size_t ok = 0, ws = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=')
			ok++;
		else if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
			ws++;
	}
	return ok >= 8 && (ok + ws) * 100 >= n * 98;
}

/* --- the per-file context --- */

void
dctx_limit(struct dctx *c, const char *which)
{
	if (!c->out->limit_hit)
		c->out->limit_hit = which;
}

int
dctx_expired(struct dctx *c)
{
	if (c->out->limit_hit && strcmp(c->out->limit_hit, "time") == 0)
		return 1;
	if ((c->ticks++ & 1023) != 0)
		return 0;
	if (now_seconds() - c->t0 <= c->lim->max_seconds)
		return 0;
	c->out->limit_hit = "time"; /* time wins: it stops everything */
	return 1;
}

size_t
dctx_budget(const struct dctx *c)
{
	size_t cap = c->lim->max_output;

	/* decoders may do up to twice the output budget of work in all */
	return c->work >= 2 * cap        ? 0
	       : 2 * cap - c->work < cap ? 2 * cap - c->work
	                                 : cap;
}

int
dctx_spend(struct dctx *c, size_t n)
{
	c->work += n;
	return 0;
}

void
dctx_payload(struct dctx *c, int parent_depth, const char *parent_chain,
             const char *chain, const unsigned char *p, size_t n)
{
	struct pending *pd;
	unsigned long long h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	h ^= n;
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen_hash[i] == h)
			return; /* the same payload twice is one layer */
	if (parent_depth + 1 > c->lim->max_depth) {
		dctx_limit(c, "depth");
		return;
	}
	if (c->out->n + (c->npend - c->headpend) >= c->lim->max_layers) {
		dctx_limit(c, "layers");
		return;
	}
	if (n > c->lim->max_output - c->total) {
		dctx_limit(c, "size");
		return;
	}
	if (c->npend == c->cappend) {
		c->cappend = c->cappend ? c->cappend * 2 : 8;
		c->pend = xrealloc(c->pend, c->cappend * sizeof(*c->pend));
	}
	pd = &c->pend[c->npend++];
	c->seen_hash = xrealloc(c->seen_hash, (c->nseen + 1) * sizeof(h));
	c->seen_hash[c->nseen++] = h;
	pd->p = xmalloc(n + 1);
	memcpy(pd->p, p, n);
	pd->p[n] = '\0';
	pd->len = n;
	pd->depth = parent_depth + 1;
	pd->chain = *parent_chain ? xasprintf("%s>%s", parent_chain, chain)
	                          : xstrdup(chain);
}

static void
add_layer(struct dctx *c, struct obuf *o, int depth, char *chain,
          unsigned char *raw, size_t raw_len)
{
	struct layers *l = c->out;
	struct layer *ly;

	if (o->overflow)
		dctx_limit(c, "size");
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	ly = &l->v[l->n++];
	if (!o->p)
		o->p = xmalloc(1);
	o->p[o->len] = '\0';
	ly->data = o->p;
	ly->len = o->len;
	ly->depth = depth;
	ly->chain = chain;
	ly->raw = raw;
	ly->raw_len = raw_len;
	c->total += o->len;
}

/* Normalizes src as a layer of the file's language. */
static void
normalize(struct dctx *c, unsigned char *src, size_t len, int depth,
          char *chain, int keep_raw)
{
	struct obuf o;
	size_t room = c->lim->max_output - c->total;
	size_t i = 0;

	ob_init(&o, room);
	if (c->lang == LANG_PERL) {
		perl_normalize(c, src, len, depth, chain, &o);
	} else {
		/* eval'd code starts in PHP mode; a whole file starts in HTML
		 */
		while (i < len && (src[i] == ' ' || src[i] == '\n' ||
		                   src[i] == '\r' || src[i] == '\t'))
			i++;
		int php_mode = depth > 0 && !(len - i >= 2 && src[i] == '<' &&
		                              src[i + 1] == '?');
		php_normalize(c, src, len, depth, chain, php_mode, &o);
	}
	add_layer(c, &o, depth, chain, keep_raw ? src : NULL,
	          keep_raw ? len : 0);
}

int
deobfuscate(const unsigned char *src, size_t len, enum lang lang,
            const struct deobf_limits *lim, struct layers *out)
{
	struct dctx c;

	memset(&c, 0, sizeof(c));
	c.lim = lim;
	c.out = out;
	c.lang = lang;
	c.t0 = now_seconds();
	normalize(&c, (unsigned char *)src, len, 0, xstrdup(""), 0);
	while (c.headpend < c.npend) {
		struct pending pd = c.pend[c.headpend++];
		if (!dctx_expired(&c) && out->n < lim->max_layers &&
		    pd.len <= lim->max_output - c.total) {
			normalize(&c, pd.p, pd.len, pd.depth, pd.chain, 1);
			pd.chain = NULL;
			pd.p = NULL;
		} else if (!out->limit_hit) {
			dctx_limit(&c, out->n >= lim->max_layers ? "layers"
			                                         : "size");
		}
		free(pd.p);
		free(pd.chain);
	}
	free(c.pend);
	free(c.seen_hash);
	return 0;
}

void
layers_free(struct layers *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].data);
		free(l->v[i].chain);
		free(l->v[i].raw);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* --- payloads stored in the file itself --- */

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
