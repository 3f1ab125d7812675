/*
 * deobf_ctx.c: the per-file state of the deobfuscator: its bounds (time,
 * decoder output, depth, layers) and the queue of decoded payloads that
 * wait to become layers, each payload queued once.
 */
#include "scanner/deobf/deobf_ctx.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

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
