/*
 * deobf_ctx.h: the deobfuscator's per-file state (deobf_ctx.c): the
 * bounds it runs within and the queue of payloads waiting to be
 * normalized into layers.
 */
#ifndef SS_DEOBF_CTX_H
#define SS_DEOBF_CTX_H

#include <stddef.h>

#include "common/result.h"
#include "scanner/deobf/deobf_layers.h"

/* A decoded payload waiting to be normalized into a layer. */
struct pending {
	unsigned char *p;
	size_t len;
	int depth;
	char *chain;
};

/* Per-file state shared by the front ends. */
struct dctx {
	const struct deobf_limits *lim;
	struct layers *out;
	enum lang lang;
	double t0;
	size_t total; /* bytes of layers so far */
	size_t work;  /* bytes produced by decoders so far */
	unsigned ticks;
	struct pending *pend; /* payloads waiting to be normalized */
	size_t npend, cappend, headpend;
	unsigned long long *seen_hash; /* of every payload queued */
	size_t nseen;
};

/* Records which bound was hit (the first one only). */
void dctx_limit(struct dctx *c, const char *which);
/* True when time is up (checked every few thousand calls). */
int dctx_expired(struct dctx *c);
/* How many bytes a decoder may still produce. */
size_t dctx_budget(const struct dctx *c);
/* Accounts decoder output; 0 when within budget. */
int dctx_spend(struct dctx *c, size_t n);
/* Queues a decoded payload found in a layer of depth parent_depth. */
void dctx_payload(struct dctx *c, int parent_depth, const char *parent_chain,
                  const char *chain, const unsigned char *p, size_t n);

#endif
