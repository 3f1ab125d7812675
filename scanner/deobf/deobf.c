/*
 * deobf.c: the deobfuscator's entry point, deobfuscate(). Normalizes the
 * file into layer 0, then takes the decoded payloads the front ends queue,
 * breadth first, normalizing each into a layer of its own, within the
 * limits (depth, layers, total output, time). No recursion: payloads wait
 * in a queue (deobf_ctx.c).
 */
#include "scanner/deobf/deobf.h"
#include "common/util.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_ctx.h"
#include "scanner/deobf/deobf_php.h"

#include <stdlib.h>
#include <string.h>

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
