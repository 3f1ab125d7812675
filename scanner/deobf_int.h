/*
 * deobf_int.h: what the deobfuscator's driver (deobf.c) shares with the
 * language front ends (deobf_php.c, deobf_perl.c). Not a public API.
 */
#ifndef SS_DEOBF_INT_H
#define SS_DEOBF_INT_H

#include <stddef.h>

#include "decoders.h"
#include "deobf.h"

/* Layer 0 lines longer than this many bytes of folded literals get no
 * special treatment; a decoded value shorter than this and printable is
 * folded inline instead of becoming a layer. */
#define DEOBF_INLINE_MAX 64
#define DEOBF_CHAIN_MAX  160

/* A growable output buffer that stops growing at max (overflow set). */
struct obuf {
	unsigned char *p;
	size_t len, cap, max;
	int overflow;
};

void ob_init(struct obuf *o, size_t max);
void ob_put(struct obuf *o, const void *s, size_t n);
void ob_putc(struct obuf *o, int c);
/* The canonical form of a string literal in normalized text: in double
 * quotes, with \\ \" \n \r \t and \xHH for other control bytes; every
 * other byte (printable ASCII, UTF-8) as is. */
void ob_put_quoted(struct obuf *o, const unsigned char *s, size_t n);
void ob_free(struct obuf *o);

/* A string value computed by an evaluator, and the decoders it went
 * through ("" when it is only folded literals). */
struct val {
	unsigned char *p;
	size_t len, cap;
	char chain[DEOBF_CHAIN_MAX];
	int layered; /* already handed over as a payload */
};

void val_init(struct val *v);
void val_set(struct val *v, const void *s, size_t n);
void val_append(struct val *v, const void *s, size_t n, size_t max);
void val_free(struct val *v);
void val_move(struct val *dst, struct val *src);
void chain_add(char *chain, const char *step);

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

/* Is this text (ASCII printable, whitespace, valid UTF-8) enough to be a
 * layer worth scanning? */
int text_enough(const unsigned char *p, size_t n);
/* Does it look like source code rather than an encoding? */
int code_like(const unsigned char *p, size_t n);
int looks_base64(const unsigned char *p, size_t n);

/* Guesses the encoding of a payload stored in the file itself (after
 * __halt_compiler, ?> or __DATA__) and decodes it step by step with the
 * decoders the code names (bits of DEC_SEEN_*). Queues the result. */
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
void auto_decode_tail(struct dctx *c, int depth, const char *parent_chain,
                      const char *origin, const unsigned char *p, size_t n,
                      unsigned seen, int keep_plain);

/* Tokens of the PHP and Perl lexers, in a sliding window. */
enum tk {
	TK_EOF,
	TK_HTML,
	TK_OPEN,
	TK_CLOSE,
	TK_STR,
	TK_VAR,
	TK_ID,
	TK_NUM,
	TK_OP,
	TK_RAW
};

#define TF_INTERP 1 /* string with $interpolation: not a constant */
#define TF_SPACE  2 /* whitespace or comment before */
#define TF_ANAME  4 /* TK_VAR: name_off indexes the arena, not the source */

struct tok {
	unsigned char type, flags;
	unsigned nl;     /* newlines in the gap before */
	size_t line;     /* source line of the token */
	size_t off, len; /* source span; for TK_STR the value in the arena */
	/* PHP TK_VAR: the variable's name without '$' (so that $k and
	 * $GLOBALS['k'] are one variable); name_len 0: use off/len */
	size_t name_off, name_len;
};

struct lexer {
	const unsigned char *s;
	size_t n, pos, line;
	int php;         /* in PHP code (not inline HTML) */
	int halt_state;  /* 1 after __halt_compiler, 2 after its ( ) */
	size_t tail_off; /* where the data after __halt_compiler starts */
	int have_tail;
	struct tok *v; /* window of tokens [base, base + cnt) */
	size_t base, cnt, cap;
	int eof;
	struct val arena; /* decoded string values */
	unsigned seen;    /* SEEN_* decoder names met, for H4 */
	int reads_self;   /* __FILE__ or __COMPILER_HALT_OFFSET__ met */
	size_t last_html_off, last_html_len; /* inline HTML at the end */
	/* the Perl front end */
	int perl;
	int prev_term; /* last token ends a term: '/' divides */
	int seen_eval;
	size_t hd_at, hd_resume; /* a heredoc body skipped at newline hd_at */
	int hd_pending;
};

int is_idc(unsigned char c);
int is_ids(unsigned char c);
size_t count_nl(const unsigned char *s, size_t n);
size_t esc_octal(const unsigned char *s, size_t n, size_t i, unsigned char *o);
int esc_braced_hex(const unsigned char *s, size_t n, size_t i, int allow_empty,
                   unsigned long *cp, size_t *end);
void put_utf8(struct val *a, unsigned long cp);
void esc_single(struct val *a, const unsigned char *s, size_t n,
                unsigned char close);
/* Perl's lexer: the next token into t. */
void perl_lex_one(struct lexer *lx, struct tok *t);

/* The front ends: write the normalized text of src into o, queuing the
 * payloads found (at depth+1). php_mode: start in PHP code, not HTML. */
void php_normalize(struct dctx *c, const unsigned char *src, size_t len,
                   int depth, const char *chain, int php_mode, struct obuf *o);
void perl_normalize(struct dctx *c, const unsigned char *src, size_t len,
                    int depth, const char *chain, struct obuf *o);

#endif
