/*
 * fuzz_common.h: what the deobfuscation harnesses share: run
 * deobfuscate() on the input as scanner/engine/analyze.c does (default limits,
 * but a short time limit so that a slow input shows as a time bound, and a
 * real hang as a libFuzzer timeout), then check the layers' invariants.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/deobf/deobf.h"

static void
fuzz_deobf(const uint8_t *data, size_t size, enum lang lang)
{
	struct deobf_limits lim;
	struct layers l;
	size_t total = 0;

	deobf_limits_default(&lim);
	lim.max_seconds = 0.5;
	memset(&l, 0, sizeof(l));
	deobfuscate(data, size, lang, &lim, &l);
	if (l.n > lim.max_layers)
		abort();
	for (size_t i = 0; i < l.n; i++) {
		const struct layer *ly = &l.v[i];

		if (!ly->data || ly->data[ly->len] != '\0' || !ly->chain)
			abort();
		if (ly->depth < 0 || ly->depth > lim.max_depth)
			abort();
		if ((i == 0) != (ly->depth == 0))
			abort();
		if (ly->raw_len && !ly->raw)
			abort();
		total += ly->len;
	}
	if (total > lim.max_output)
		abort();
	layers_free(&l);
}

#endif
