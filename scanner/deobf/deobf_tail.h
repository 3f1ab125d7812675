/*
 * deobf_tail.h: decoding a payload a script stores in its own file
 * (deobf_tail.c), and the decoder names the lexers note for it.
 */
#ifndef SS_DEOBF_TAIL_H
#define SS_DEOBF_TAIL_H

#include <stddef.h>

struct dctx;

/* The decoders a script names (bits of struct lexer's seen). */
enum {
	SEEN_B64 = 1,
	SEEN_INFLATE = 2,
	SEEN_ROT13 = 4,
	SEEN_REV = 8,
	SEEN_HEX = 16,
	SEEN_UU = 32,
	SEEN_URL = 64,
	SEEN_ZLIB = 128,
	SEEN_GZIP = 256,
};

/* Guesses the encoding of a payload stored in the file itself (after
 * __halt_compiler, ?> or __DATA__) and decodes it step by step with the
 * decoders the code names (SEEN_* bits). Queues the result; a payload
 * that needed no decoding is queued only when keep_plain is set. */
void auto_decode_tail(struct dctx *c, int depth, const char *parent_chain,
                      const char *origin, const unsigned char *p, size_t n,
                      unsigned seen, int keep_plain);

#endif
