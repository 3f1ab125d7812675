/*
 * deobf_lex.h: the tokens and the lexer state the PHP and Perl lexers
 * share, the helpers both use for characters and escapes, and the token
 * window the normalizing pass reads (deobf_lex.c).
 */
#ifndef SS_DEOBF_LEX_H
#define SS_DEOBF_LEX_H

#include <stddef.h>

#include "scanner/deobf/deobf_buf.h"

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

struct lexer;
/* A language's lexer: the next token into t. */
typedef void (*lex_fn)(struct lexer *lx, struct tok *t);

struct lexer {
	lex_fn lex_one; /* the language's lexer */
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
	unsigned seen;    /* SEEN_* decoder names met (deobf_tail.h) */
	int reads_self;   /* __FILE__ or __COMPILER_HALT_OFFSET__ met */
	size_t last_html_off, last_html_len; /* inline HTML at the end */
	/* the Perl front end */
	int perl;
	int prev_term; /* last token ends a term: '/' divides */
	int seen_eval;
	size_t hd_at, hd_resume; /* a heredoc body skipped at newline hd_at */
	int hd_pending;
};

/* Characters of identifiers: is_ids may start one, is_idc continue it. */
int is_idc(unsigned char c);
int is_ids(unsigned char c);
size_t count_nl(const unsigned char *s, size_t n);
/*
 * Escapes shared by PHP and Perl double-quoted strings. esc_octal: s[i] is
 * an octal digit; reads up to two more into *o and returns the index of
 * the last digit. esc_braced_hex: s[i + 1] is '{'; reads hex digits to the
 * '}' (a code point, at most U+10FFFF) and returns 1 with *end at the '}',
 * or 0 when the braces do not hold one (empty braces only if allow_empty).
 */
size_t esc_octal(const unsigned char *s, size_t n, size_t i, unsigned char *o);
int esc_braced_hex(const unsigned char *s, size_t n, size_t i, int allow_empty,
                   unsigned long *cp, size_t *end);
/* Appends code point cp in UTF-8. */
void put_utf8(struct val *a, unsigned long cp);
/* A single-quoted string body (PHP '...', Perl '...' and q{...}): only a
 * backslash before a backslash or the closing quote escapes anything. */
void esc_single(struct val *a, const unsigned char *s, size_t n,
                unsigned char close);

/* The name a variable token stands for. */
const unsigned char *tok_name(const struct lexer *lx, const struct tok *t);
/* Is the token the operator or word s (case ignored)? */
int tok_is(const struct tok *t, const struct lexer *lx, const char *s);
/* The token at absolute index i (lexing as needed). */
struct tok tok_at(struct lexer *lx, size_t i);
/* Forgets the tokens before i. */
void tok_release(struct lexer *lx, size_t i);

#endif
