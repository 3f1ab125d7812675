/*
 * deobf_layers.h: what the deobfuscator works within and produces
 * (deobf_layers.c): its bounds and the list of text layers. See deobf.h
 * for deobfuscate() itself.
 */
#ifndef SS_DEOBF_LAYERS_H
#define SS_DEOBF_LAYERS_H

#include <stddef.h>

struct deobf_limits {
	int max_depth;      /* decoder nesting (default 32) */
	size_t max_layers;  /* layers in all (default 64) */
	size_t max_output;  /* bytes over all layers (default 64 MiB) */
	double max_seconds; /* wall time per file (default 2.0) */
};

struct layer {
	unsigned char *data; /* NUL-terminated for convenience */
	size_t len;
	int depth;          /* 0 = the file itself (normalized) */
	char *chain;        /* e.g. "base64_decode>gzinflate", "" for 0 */
	unsigned char *raw; /* depth >= 1: the payload as decoded, before
	                       normalization (for signatures written
	                       against real code); NULL for layer 0 */
	size_t raw_len;
};

struct layers {
	struct layer *v;
	size_t n, cap;
	/* NULL, or which bound was hit ("depth", "size", "time", "layers") */
	const char *limit_hit;
};

/* The default bounds, as commented above. */
void deobf_limits_default(struct deobf_limits *lim);
/* Frees every layer and empties l. */
void layers_free(struct layers *l);

#endif
