/*
 * deobf_layers.c: the deobfuscator's default bounds, and freeing the
 * layers it produced.
 */
#include "scanner/deobf/deobf_layers.h"

#include <stdlib.h>
#include <string.h>

void
deobf_limits_default(struct deobf_limits *lim)
{
	lim->max_depth = 32;
	lim->max_layers = 64;
	lim->max_output = 64u << 20;
	lim->max_seconds = 2.0;
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
