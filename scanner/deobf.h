/*
 * deobf.h: the normalizer and deobfuscator contract (PHP and Perl).
 *
 * Turns a script into text layers for the engines, never running it:
 * layer 0 is the file normalized (comments removed, literal concatenations
 * folded, escapes and chr() chains decoded, constant names resolved);
 * layers 1.. are payloads decoded from it (eval(gzinflate(base64_decode(..)))
 * and the other decoder chains obfuscated mailers use), each normalized in
 * turn, each naming the decoder chain that produced it. Every layer is
 * bounded (depth, total output, time); hitting a bound is recorded, never
 * a crash or a hang.
 *
 * The normalized text (doc/deobfuscation.md has the details): comments
 * and POD removed; no spaces except between two words (newlines kept so
 * that line numbers follow the source); every constant string literal
 * written "in double quotes" with \\ \" \n \r \t and \xHH escapes
 * for control bytes, other bytes as they are; PHP function names called
 * and keywords in lower case; $f(...) written as the function $f names.
 */
#ifndef SS_DEOBF_H
#define SS_DEOBF_H

#include <stddef.h>

#include "result.h"

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

void deobf_limits_default(struct deobf_limits *lim);

/*
 * Fills out (zeroed by the caller) with the layers of src. Returns 0; the
 * only failure is running out of a limit, recorded in out->limit_hit with
 * the layers produced so far kept.
 */
int deobfuscate(const unsigned char *src, size_t len, enum lang lang,
                const struct deobf_limits *lim, struct layers *out);
void layers_free(struct layers *l);

#endif
