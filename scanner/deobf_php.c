/*
 * deobf_php.c: the PHP front end of the deobfuscator. A lexer (inline
 * HTML, open/close tags, strings with their escapes, heredoc/nowdoc,
 * comments dropped) feeds a single pass that writes the normalized text
 * and evaluates constant string expressions on the way: literal
 * concatenation, chr(), str_replace(), variables holding constants, and
 * the decoder functions (base64_decode, gzinflate, ...). A decoded value
 * long enough becomes a payload for a layer of its own, as does a
 * constant string handed to a code sink (eval, assert, create_function,
 * preg_replace /e, include 'data:'). H4: a payload the file keeps after
 * __halt_compiler(); or its last ?> is decoded when the code reads
 * __FILE__.
 *
 * Tokens live in a sliding window: the pass releases what it has written,
 * so memory follows the longest expression, not the file.
 */
#include "deobf_int.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
is_idc(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

int
is_ids(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

void
put_utf8(struct val *a, unsigned long cp)
{
	unsigned char b[4];
	size_t k;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		k = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 63));
		k = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 63));
		b[2] = (unsigned char)(0x80 | (cp & 63));
		k = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18 & 7));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 63));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 63));
		b[3] = (unsigned char)(0x80 | (cp & 63));
		k = 4;
	}
	val_append(a, b, k, (size_t)-1);
}

/*
 * Escapes shared by PHP and Perl double-quoted strings. esc_octal: s[i] is
 * an octal digit; reads up to two more into *o and returns the index of
 * the last digit. esc_braced_hex: s[i + 1] is '{'; reads hex digits to the
 * '}' (a code point, at most U+10FFFF) and returns 1 with *end at the '}',
 * or 0 when the braces do not hold one (empty braces only if allow_empty).
 */
size_t
esc_octal(const unsigned char *s, size_t n, size_t i, unsigned char *o)
{
	int v = s[i] - '0';

	for (int k = 0;
	     k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
		v = v * 8 + (s[++i] - '0');
	*o = (unsigned char)v;
	return i;
}

int
esc_braced_hex(const unsigned char *s, size_t n, size_t i, int allow_empty,
               unsigned long *cp, size_t *end)
{
	size_t j = i + 2;

	*cp = 0;
	while (j < n && hex_digit(s[j]) >= 0 && j - i < 10)
		*cp = *cp * 16 + (unsigned long)hex_digit(s[j++]);
	if (j >= n || s[j] != '}' || *cp > 0x10ffff ||
	    (!allow_empty && j == i + 2))
		return 0;
	*end = j;
	return 1;
}

/*
 * Decodes a double-quoted body s[0..n) (dq: '"' escapes too) into the
 * arena; returns TF_INTERP when it interpolates variables.
 */
static int
decode_dq(struct val *a, const unsigned char *s, size_t n, int dq)
{
	int flags = 0;
	size_t run = 0, i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i], o;
		unsigned long cp;
		if (c == '$' && i + 1 < n &&
		    (is_ids(s[i + 1]) || s[i + 1] == '{'))
			flags |= TF_INTERP;
		else if (c == '{' && i + 1 < n && s[i + 1] == '$')
			flags |= TF_INTERP;
		if (c != '\\' || i + 1 >= n) {
			run++;
			continue;
		}
		val_append(a, s + i - run, run, (size_t)-1);
		run = 0;
		c = s[++i];
		switch (c) {
		case 'n':
			o = '\n';
			break;
		case 't':
			o = '\t';
			break;
		case 'r':
			o = '\r';
			break;
		case 'v':
			o = '\v';
			break;
		case 'e':
			o = 27;
			break;
		case 'f':
			o = '\f';
			break;
		case '\\':
			o = '\\';
			break;
		case '$':
			o = '$';
			break;
		case '"':
			if (!dq)
				goto literal;
			o = '"';
			break;
		case 'x':
			if (i + 1 < n && hex_digit(s[i + 1]) >= 0) {
				int v = hex_digit(s[++i]);
				if (i + 1 < n && hex_digit(s[i + 1]) >= 0)
					v = v * 16 + hex_digit(s[++i]);
				o = (unsigned char)v;
				break;
			}
			goto literal;
		case 'u':
			if (i + 2 < n && s[i + 1] == '{' &&
			    esc_braced_hex(s, n, i, 0, &cp, &i)) {
				put_utf8(a, cp);
				continue;
			}
			goto literal;
		default:
			if (c >= '0' && c <= '7') {
				i = esc_octal(s, n, i, &o);
				break;
			}
		literal:
			val_append(a, s + i - 1, 2, (size_t)-1);
			continue;
		}
		val_append(a, &o, 1, (size_t)-1);
	}
	val_append(a, s + i - run, run, (size_t)-1);
	return flags;
}

/* A single-quoted string body (PHP '...', Perl '...' and q{...}): only a
 * backslash before a backslash or the closing quote escapes anything. */
void
esc_single(struct val *a, const unsigned char *s, size_t n, unsigned char close)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n &&
		    (s[i + 1] == '\\' || s[i + 1] == close)) {
			val_append(a, s + i - run, run, (size_t)-1);
			run = 0;
			val_append(a, s + ++i, 1, (size_t)-1);
			continue;
		}
		run++;
	}
	val_append(a, s + n - run, run, (size_t)-1);
}

size_t
count_nl(const unsigned char *s, size_t n)
{
	size_t k = 0;

	for (const unsigned char *p = s;
	     (p = memchr(p, '\n', (size_t)(s + n - p))); p++)
		k++;
	return k;
}

/* Skips whitespace and comments; returns newlines seen, sets *space. */
static unsigned
skip_gap(struct lexer *lx, int *space)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos, nl = 0;

	for (;;) {
		if (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' ||
		              s[p] == '\n' || s[p] == '\f' || s[p] == '\v')) {
			nl += s[p] == '\n';
			p++;
			*space = 1;
		} else if (p < n &&
		           ((s[p] == '#' && !(p + 1 < n && s[p + 1] == '[')) ||
		            (s[p] == '/' && p + 1 < n && s[p + 1] == '/'))) {
			while (p < n && s[p] != '\n' &&
			       !(s[p] == '?' && p + 1 < n && s[p + 1] == '>'))
				p++;
			*space = 1;
		} else if (p + 1 < n && s[p] == '/' && s[p + 1] == '*') {
			const unsigned char *e =
			    memmem(s + p + 2, n - p - 2, "*/", 2);
			size_t end = e ? (size_t)(e - s) + 2 : n;
			nl += count_nl(s + p, end - p);
			p = end;
			*space = 1;
		} else
			break;
	}
	lx->pos = p;
	lx->line += nl;
	return (unsigned)(nl > 0xffff ? 0xffff : nl);
}

static const char *const ops3[] = {
    "<=>", "**=", "...", "<<=", ">>=", "===", "!==", "?\?=", "?->", NULL};
static const char *const ops2[] = {
    "->", "=>", "::", "==", "!=", "<>", "<=", ">=", "&&",
    "||", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=",
    "&=", "|=", "^=", "<<", ">>", "??", "**", "#[", NULL};

static size_t
op_len(const unsigned char *s, size_t n)
{
	for (int i = 0; ops3[i]; i++)
		if (n >= 3 && memcmp(s, ops3[i], 3) == 0)
			return 3;
	for (int i = 0; ops2[i]; i++)
		if (n >= 2 && memcmp(s, ops2[i], 2) == 0)
			return 2;
	return 1;
}

/* A heredoc/nowdoc from lx->pos (just after "<<<"); 0 if not one. */
static int
lex_heredoc(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos, id, idlen, body, end, q;
	int quote = 0;

	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p < n && (s[p] == '\'' || s[p] == '"'))
		quote = s[p++];
	id = p;
	while (p < n && is_idc(s[p]))
		p++;
	idlen = p - id;
	if (idlen == 0 || (quote && (p >= n || s[p++] != quote)))
		return 0;
	if (p < n && s[p] == '\r')
		p++;
	if (p >= n || s[p] != '\n')
		return 0;
	body = ++p;
	/* the closing line: optional indentation, the id, a non-id char */
	end = n;
	q = n;
	for (size_t l = body; l < n;) {
		size_t k = l;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (n - k >= idlen && memcmp(s + k, s + id, idlen) == 0 &&
		    (k + idlen >= n || !is_idc(s[k + idlen]))) {
			end = l;
			q = k + idlen;
			break;
		}
		const unsigned char *nl = memchr(s + l, '\n', n - l);
		if (!nl)
			break;
		l = (size_t)(nl - s) + 1;
	}
	size_t blen = end - body;
	if (blen && s[body + blen - 1] == '\n')
		blen--;
	if (blen && s[body + blen - 1] == '\r')
		blen--;
	t->type = TK_STR;
	t->off = lx->arena.len;
	if (quote == '\'')
		val_append(&lx->arena, s + body, blen, (size_t)-1);
	else
		t->flags |=
		    (unsigned char)decode_dq(&lx->arena, s + body, blen, 0);
	t->len = lx->arena.len - t->off;
	lx->line += count_nl(s + lx->pos, q - lx->pos);
	lx->pos = q;
	return 1;
}

static void
lex_string(struct lexer *lx, struct tok *t, unsigned char q)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos + 1, start = p;

	while (p < n && s[p] != q)
		p += (s[p] == '\\' && p + 1 < n) ? 2 : 1;
	if (p > n)
		p = n;
	t->type = TK_STR;
	t->off = lx->arena.len;
	if (q == '\'')
		esc_single(&lx->arena, s + start, p - start, '\'');
	else
		t->flags |= (unsigned char)decode_dq(&lx->arena, s + start,
		                                     p - start, 1);
	t->len = lx->arena.len - t->off;
	lx->line += count_nl(s + start, p - start);
	lx->pos = p < n ? p + 1 : n;
}

static void
note_ident(struct lexer *lx, const unsigned char *s, size_t n)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
	    {"base64_decode", SEEN_B64},   {"gzinflate", SEEN_INFLATE},
	    {"gzuncompress", SEEN_ZLIB},   {"gzdecode", SEEN_GZIP},
	    {"str_rot13", SEEN_ROT13},     {"strrev", SEEN_REV},
	    {"hex2bin", SEEN_HEX},         {"pack", SEEN_HEX},
	    {"convert_uudecode", SEEN_UU}, {"urldecode", SEEN_URL},
	    {"rawurldecode", SEEN_URL},
	};

	if ((n == 8 && strncasecmp((const char *)s, "__FILE__", 8) == 0) ||
	    (n == 24 &&
	     strncasecmp((const char *)s, "__COMPILER_HALT_OFFSET__", 24) == 0))
		lx->reads_self = 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n &&
		    strncasecmp((const char *)s, names[i].name, n) == 0)
			lx->seen |= names[i].bit;
	if (n == 15 && strncasecmp((const char *)s, "__halt_compiler", 15) == 0)
		lx->halt_state = 1;
}

/*
 * A string literal at s[q] whose value is an identifier ("\x47LOBALS",
 * '_wpx'): decoded into the arena at *off, *len bytes; *end is just
 * past the closing quote. 0 for anything else (nothing is kept).
 */
static int
name_literal(struct lexer *lx, size_t q, size_t *end, size_t *off, size_t *len)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = q + 1, start = lx->arena.len;
	unsigned char quote;
	int ok;

	if (q >= n || ((quote = s[q]) != '\'' && quote != '"'))
		return 0;
	while (p < n && s[p] != quote && p - q < 256)
		p += (s[p] == '\\' && p + 1 < n) ? 2 : 1;
	if (p >= n || s[p] != quote)
		return 0;
	if (quote == '\'')
		esc_single(&lx->arena, s + q + 1, p - q - 1, '\'');
	else if (decode_dq(&lx->arena, s + q + 1, p - q - 1, 1) != 0)
		lx->arena.len = start; /* interpolates: not a constant name */
	ok = lx->arena.len > start && is_ids(lx->arena.p[start]);
	for (size_t k = start; ok && k < lx->arena.len; k++)
		ok = is_idc(lx->arena.p[k]);
	if (!ok) {
		lx->arena.len = start;
		return 0;
	}
	*off = start;
	*len = lx->arena.len - start;
	*end = p + 1;
	return 1;
}

/* The name a variable token stands for. */
static const unsigned char *
tok_name(const struct lexer *lx, const struct tok *t)
{
	return (t->flags & TF_ANAME) ? lx->arena.p + t->name_off
	                             : lx->s + t->name_off;
}

/*
 * $GLOBALS['k'] (or ["k"], or a key written with escapes) at p, just past
 * "$GLOBALS": the variable $k, as PHP has it at file scope (TECHNIQUES.md
 * H3). Takes the subscript into the token and names it k; returns where
 * the token ends.
 */
static size_t
globals_key(struct lexer *lx, size_t p, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, q = p, k, end, off, len;
	unsigned char quote;

	if (t->name_len != 7 || memcmp(tok_name(lx, t), "GLOBALS", 7) != 0)
		return p;
	while (q < n && (s[q] == ' ' || s[q] == '\t'))
		q++;
	if (q + 3 >= n || s[q] != '[' || (s[q + 1] != '\'' && s[q + 1] != '"'))
		return p;
	quote = s[q + 1];
	for (k = q + 2; k < n && is_idc(s[k]); k++)
		;
	if (k > q + 2 && is_ids(s[q + 2]) && k + 1 < n && s[k] == quote &&
	    s[k + 1] == ']') {
		t->flags &= (unsigned char)~TF_ANAME;
		t->name_off = q + 2;
		t->name_len = k - (q + 2);
		return k + 2;
	}
	/* a key written with escapes: $GLOBALS["\x5f\x77"] */
	if (name_literal(lx, q + 1, &end, &off, &len) && end < n &&
	    s[end] == ']') {
		t->flags |= TF_ANAME;
		t->name_off = off;
		t->name_len = len;
		return end + 1;
	}
	return p;
}

/* ${"GLOBALS"}, ${'name'}: a variable named by a constant string. */
static int
braced_var(struct lexer *lx, size_t p, struct tok *t, size_t *after)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, q = p + 2, end, off, len;

	while (q < n && (s[q] == ' ' || s[q] == '\t'))
		q++;
	if (!name_literal(lx, q, &end, &off, &len))
		return 0;
	while (end < n && (s[end] == ' ' || s[end] == '\t'))
		end++;
	if (end >= n || s[end] != '}') {
		lx->arena.len = off;
		return 0;
	}
	t->type = TK_VAR;
	t->flags |= TF_ANAME;
	t->name_off = off;
	t->name_len = len;
	*after = globals_key(lx, end + 1, t);
	return 1;
}

/* The next token of PHP code. */
static void
lex_php(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos;
	unsigned char c = s[p];

	t->off = p;
	if (c == '?' && p + 1 < n && s[p + 1] == '>') {
		t->type = TK_CLOSE;
		p += 2;
		if (p < n && s[p] == '\n')
			p++, lx->line++;
		else if (p + 1 < n && s[p] == '\r' && s[p + 1] == '\n')
			p += 2, lx->line++;
		lx->php = 0;
		if (lx->halt_state == 2) {
			lx->tail_off = p, lx->have_tail = 1;
		}
	} else if (c == '\'' || c == '"') {
		lex_string(lx, t, c);
		return;
	} else if (c == '<' && n - p > 3 && memcmp(s + p, "<<<", 3) == 0 &&
	           (lx->pos = p + 3, lex_heredoc(lx, t))) {
		return;
	} else if (c == '$' && p + 1 < n && is_ids(s[p + 1])) {
		t->type = TK_VAR;
		for (p++; p < n && is_idc(s[p]); p++)
			;
		t->name_off = t->off + 1;
		t->name_len = p - t->name_off;
		p = globals_key(lx, p, t);
	} else if (c == '$' && p + 1 < n && s[p + 1] == '{' &&
	           braced_var(lx, p, t, &p)) {
		/* the token is the variable */
	} else if (is_ids(c)) {
		t->type = TK_ID;
		for (p++; p < n && is_idc(s[p]); p++)
			;
		note_ident(lx, s + t->off, p - t->off);
	} else if (isdigit(c) || (c == '.' && p + 1 < n && isdigit(s[p + 1]))) {
		t->type = TK_NUM;
		for (p++;
		     p < n && (isalnum(s[p]) || s[p] == '_' ||
		               (s[p] == '.' && p + 1 < n && isdigit(s[p + 1])));
		     p++)
			;
	} else if (c == '`') {
		t->type = TK_RAW;
		for (p++; p < n && s[p] != '`'; p += (s[p] == '\\') ? 2 : 1)
			;
		p = p < n ? p + 1 : n;
		lx->line += count_nl(s + t->off, p - t->off);
	} else {
		t->type = TK_OP;
		p += op_len(s + p, n - p);
	}
	t->len = p - t->off;
	lx->pos = p;
}

static void
lex_one(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n;
	int space = 0;

	memset(t, 0, sizeof(*t));
	if (!lx->php) {
		size_t p = lx->pos;
		const unsigned char *o;
		if (p >= n || lx->have_tail) {
			t->type = TK_EOF;
			t->line = lx->line;
			return;
		}
		o = memmem(s + p, n - p, "<?", 2);
		if (o != s + p) {
			size_t e = o ? (size_t)(o - s) : n;
			t->type = TK_HTML;
			t->off = p;
			t->len = e - p;
			t->line = lx->line;
			lx->line += count_nl(s + p, e - p);
			lx->pos = e;
			lx->last_html_off = p;
			lx->last_html_len = e - p;
			return;
		}
		t->type = TK_OPEN;
		t->off = p;
		t->line = lx->line;
		if (n - p >= 5 &&
		    strncasecmp((const char *)s + p, "<?php", 5) == 0)
			p += 5;
		else
			p += (n - p >= 3 && s[p + 2] == '=') ? 3 : 2;
		t->len = p - t->off;
		lx->pos = p;
		lx->php = 1;
		lx->last_html_len = 0;
		return;
	}
	t->nl = skip_gap(lx, &space);
	t->flags = space ? TF_SPACE : 0;
	t->line = lx->line;
	if (lx->pos >= n) {
		t->type = TK_EOF;
		return;
	}
	lex_php(lx, t);
	if (lx->halt_state == 1 && t->type == TK_OP && s[t->off] == ')')
		lx->halt_state = 2;
	else if (lx->halt_state == 2 && t->type == TK_OP && s[t->off] == ';') {
		lx->tail_off = lx->pos;
		lx->have_tail = 1;
		lx->php = 0; /* nothing after this is PHP */
	}
}

/* The token at absolute index i (lexing as needed). */
static struct tok
tok_at(struct lexer *lx, size_t i)
{
	while (i >= lx->base + lx->cnt) {
		struct tok t;
		if (lx->eof) {
			memset(&t, 0, sizeof(t));
			t.line = lx->line;
			return t;
		}
		if (lx->perl)
			perl_lex_one(lx, &t);
		else
			lex_one(lx, &t);
		if (t.type == TK_EOF)
			lx->eof = 1;
		if (lx->cnt == lx->cap) {
			lx->cap = lx->cap ? lx->cap * 2 : 256;
			lx->v = xrealloc(lx->v, lx->cap * sizeof(*lx->v));
		}
		lx->v[lx->cnt++] = t;
	}
	return lx->v[i - lx->base];
}

/* Forgets the tokens before i. */
static void
tok_release(struct lexer *lx, size_t i)
{
	size_t drop = i - lx->base;

	if (drop < 1024 || drop < lx->cnt / 2)
		return;
	if (drop > lx->cnt)
		drop = lx->cnt;
	memmove(lx->v, lx->v + drop, (lx->cnt - drop) * sizeof(*lx->v));
	lx->cnt -= drop;
	lx->base += drop;
}

/* ---------------------------------------------------------------- */
/* Variables holding constants. */

struct var {
	const unsigned char *name; /* a copy */
	size_t nlen;
	struct val *v; /* allocated on the first assignment */
	int known;
	char *req; /* "$_POST["to"]" when it holds request input as is */
};

#define VARS_MAX 2048

struct php {
	struct dctx *c;
	struct lexer lx;
	struct obuf *o;
	int depth;
	const char *chain;
	struct var *vars; /* open addressing, VARS_MAX slots */
	size_t nvars;
	size_t nodecode_until;
	size_t out_line;
	int prev_word, prev_str;
	int nest;
	/* an expression nested past the bound is not tried again from
	 * inside: attempts before skip_eval_until are skipped */
	int too_deep;
	size_t reach, skip_eval_until;
};

static size_t
var_hash(const unsigned char *s, size_t n)
{
	size_t h = 5381;

	for (size_t i = 0; i < n; i++)
		h = h * 33 + s[i];
	return h;
}

static struct var *
var_slot(struct php *p, const unsigned char *name, size_t n, int create)
{
	size_t h = var_hash(name, n);

	if (!p->vars) {
		if (!create)
			return NULL;
		p->vars = xcalloc(VARS_MAX, sizeof(*p->vars));
	}
	for (size_t k = 0; k < VARS_MAX; k++) {
		struct var *v = &p->vars[(h + k) % VARS_MAX];
		if (!v->name) {
			if (!create || p->nvars >= VARS_MAX / 2)
				return NULL;
			/* a copy: a name may live in the arena, which moves */
			v->name = xmalloc(n ? n : 1);
			memcpy((unsigned char *)v->name, name, n);
			v->nlen = n;
			p->nvars++;
			return v;
		}
		if (v->nlen == n && memcmp(v->name, name, n) == 0)
			return v;
	}
	return NULL;
}

/* The name a variable token stands for ($k and $GLOBALS['k'] alike). */
static struct var *
var_of(struct php *p, const struct tok *t, int create)
{
	if (t->name_len)
		return var_slot(p, tok_name(&p->lx, t), t->name_len, create);
	return var_slot(p, p->lx.s + t->off, t->len, create);
}

static const struct val *
var_get(struct php *p, const struct tok *t)
{
	struct var *v = var_of(p, t, 0);

	return v && v->known ? v->v : NULL;
}

static void
var_forget(struct php *p, const struct tok *t)
{
	struct var *v = var_of(p, t, 0);

	if (v) {
		v->known = 0;
		free(v->req);
		v->req = NULL;
	}
}

static void
var_store(struct php *p, const struct tok *t, struct val *val)
{
	struct var *v = var_of(p, t, 1);

	if (!v)
		return;
	if (!v->v) {
		v->v = xmalloc(sizeof(*v->v));
		val_init(v->v);
	}
	val_move(v->v, val);
	v->known = 1;
	free(v->req);
	v->req = NULL;
}

/* ---------------------------------------------------------------- */
/* The evaluator of constant string expressions. */

static int
tok_is(const struct tok *t, const struct lexer *lx, const char *s)
{
	size_t n = strlen(s);

	return (t->type == TK_OP || t->type == TK_ID) && t->len == n &&
	       strncasecmp((const char *)lx->s + t->off, s, n) == 0;
}

static int ev_expr(struct php *p, size_t *i, struct val *out, int decode);
static int try_expr(struct php *p, size_t *j, struct val *val, int decode);

/* Evaluates "( arg, arg ... )" at *i into args (up to max). */
static int
ev_args(struct php *p, size_t *i, struct val *args, int max, int *nargs,
        int decode)
{
	size_t j = *i;
	struct tok t = tok_at(&p->lx, j);
	int n = 0;

	int bare = !tok_is(&t, &p->lx, "(");

	if (bare && !p->lx.perl)
		return 0;
	j += !bare;
	t = tok_at(&p->lx, j);
	if (!bare && tok_is(&t, &p->lx, ")")) {
		*i = j + 1;
		*nargs = 0;
		return 1;
	}
	for (;;) {
		struct val v;
		val_init(&v);
		if (!ev_expr(p, &j, &v, decode)) {
			val_free(&v);
			goto fail;
		}
		if (n < max)
			val_move(&args[n], &v);
		val_free(&v);
		n++;
		t = tok_at(&p->lx, j++);
		if (bare && !tok_is(&t, &p->lx, ",")) {
			j--;
			break;
		}
		if (tok_is(&t, &p->lx, ")"))
			break;
		if (!tok_is(&t, &p->lx, ","))
			goto fail;
	}
	*i = j;
	*nargs = n;
	return 1;
fail:
	for (int k = 0; k < max; k++)
		val_free(&args[k]);
	return 0;
}

enum fn {
	FN_NONE,
	FN_B64,
	FN_INFLATE,
	FN_UNCOMPRESS,
	FN_GZDECODE,
	FN_ROT13,
	FN_REV,
	FN_HEX2BIN,
	FN_URL,
	FN_RAWURL,
	FN_UU,
	FN_CHR,
	FN_PACK,
	FN_REPLACE,
	FN_LOWER,
	FN_UPPER,
	FN_TRIM,
	FN_UNPACK,
};

static const struct {
	const char *name;
	enum fn fn;
} functions[] =
    {
        {"base64_decode", FN_B64},
        {"gzinflate", FN_INFLATE},
        {"gzuncompress", FN_UNCOMPRESS},
        {"gzdecode", FN_GZDECODE},
        {"str_rot13", FN_ROT13},
        {"strrev", FN_REV},
        {"hex2bin", FN_HEX2BIN},
        {"urldecode", FN_URL},
        {"rawurldecode", FN_RAWURL},
        {"convert_uudecode", FN_UU},
        {"chr", FN_CHR},
        {"pack", FN_PACK},
        {"str_replace", FN_REPLACE},
        {"str_ireplace", FN_REPLACE},
        {"strtolower", FN_LOWER},
        {"strtoupper", FN_UPPER},
        {"trim", FN_TRIM},
},
  perl_functions[] = {
      {"decode_base64", FN_B64},
      {"MIME::Base64::decode_base64", FN_B64},
      {"unpack", FN_UNPACK},
      {"pack", FN_PACK},
      {"chr", FN_CHR},
      {"uncompress", FN_UNCOMPRESS},
      {"Compress::Zlib::uncompress", FN_UNCOMPRESS},
      {"memGunzip", FN_GZDECODE},
      {"Compress::Zlib::memGunzip", FN_GZDECODE},
      {"reverse", FN_REV},
      {"lc", FN_LOWER},
      {"uc", FN_UPPER},
};

static enum fn
fn_lookup(int perl, const unsigned char *s, size_t n)
{
	if (perl) {
		for (size_t i = 0;
		     i < sizeof(perl_functions) / sizeof(perl_functions[0]);
		     i++)
			if (strlen(perl_functions[i].name) == n &&
			    memcmp(s, perl_functions[i].name, n) == 0)
				return perl_functions[i].fn;
		return FN_NONE;
	}
	if (n && s[0] == '\\')
		s++, n--;
	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (strlen(functions[i].name) == n &&
		    strncasecmp((const char *)s, functions[i].name, n) == 0)
			return functions[i].fn;
	return FN_NONE;
}

/* The function a token names when called: an identifier, a string, or a
 * variable holding a name. */
static enum fn
callee(struct php *p, const struct tok *t)
{
	const struct val *v;

	if (t->type == TK_ID)
		return fn_lookup(p->lx.perl, p->lx.s + t->off, t->len);
	if (p->lx.perl)
		return FN_NONE;
	if (t->type == TK_STR && !(t->flags & TF_INTERP))
		return fn_lookup(0, p->lx.arena.p + t->off, t->len);
	if (t->type == TK_VAR && (v = var_get(p, t)) != NULL)
		return fn_lookup(0, v->p, v->len);
	return FN_NONE;
}

static long long
num_value(const unsigned char *s, size_t n)
{
	char buf[64];
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < sizeof(buf); i++)
		if (s[i] != '_')
			buf[k++] = (char)s[i];
	buf[k] = '\0';
	if (k > 2 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B'))
		return strtoll(buf + 2, NULL, 2);
	if (k > 2 && buf[0] == '0' && (buf[1] == 'o' || buf[1] == 'O'))
		return strtoll(buf + 2, NULL, 8);
	return strtoll(buf, NULL, 0);
}

/* Applies a decoder to v in place; 0 when it does not apply. */
static int
apply_decoder(struct php *p, enum fn fn, struct val *v)
{
	struct dec_out d = {0};
	size_t max = dctx_budget(p->c);
	const char *name;
	int rc;

	switch (fn) {
	case FN_B64:
		rc = dec_base64(v->p, v->len, max, &d);
		name = "base64_decode";
		break;
	case FN_INFLATE:
		rc = dec_inflate(v->p, v->len, max, DEC_Z_RAW, &d);
		name = "gzinflate";
		break;
	case FN_UNCOMPRESS:
		rc = dec_inflate(v->p, v->len, max, DEC_Z_ZLIB, &d);
		name = "gzuncompress";
		break;
	case FN_GZDECODE:
		rc = dec_inflate(v->p, v->len, max, DEC_Z_GZIP, &d);
		name = "gzdecode";
		break;
	case FN_ROT13:
		rc = dec_rot13(v->p, v->len, max, &d);
		name = "str_rot13";
		break;
	case FN_REV:
		rc = dec_strrev(v->p, v->len, max, &d);
		name = "strrev";
		break;
	case FN_HEX2BIN:
		rc = dec_hex(v->p, v->len, max, 1, &d);
		name = "hex2bin";
		break;
	case FN_PACK:
		rc = dec_hex(v->p, v->len, max, 0, &d);
		name = "pack";
		break;
	case FN_URL:
		rc = dec_url(v->p, v->len, max, 0, &d);
		name = "urldecode";
		break;
	case FN_RAWURL:
		rc = dec_url(v->p, v->len, max, 1, &d);
		name = "rawurldecode";
		break;
	case FN_UU:
		rc = dec_uu(v->p, v->len, max, &d);
		name = "convert_uudecode";
		break;
	default:
		return 0;
	}
	if (rc != 0)
		return 0;
	if (p->lx.perl) {
		static const struct {
			enum fn fn;
			const char *name;
		} pn[] = {
		    {FN_UU, "unpack_u"},        {FN_PACK, "pack_H"},
		    {FN_B64, "decode_base64"},  {FN_UNCOMPRESS, "uncompress"},
		    {FN_GZDECODE, "memGunzip"}, {FN_REV, "reverse"}};
		for (size_t k = 0; k < sizeof(pn) / sizeof(pn[0]); k++)
			if (pn[k].fn == fn)
				name = pn[k].name;
	}
	if (d.capped)
		dctx_limit(p->c, "size");
	dctx_spend(p->c, d.len);
	free(v->p);
	v->p = d.p;
	v->len = d.len;
	v->cap = d.len + 1;
	chain_add(v->chain, name);
	return 1;
}

static void
str_replace(struct php *p, struct val *args, struct val *out)
{
	const struct val *from = &args[0], *to = &args[1], *s = &args[2];
	size_t max = dctx_budget(p->c), i = 0;

	val_init(out);
	memcpy(out->chain, s->chain, sizeof(out->chain));
	if (from->len == 0) {
		val_append(out, s->p, s->len, max);
		return;
	}
	while (i < s->len) {
		const unsigned char *f =
		    memmem(s->p + i, s->len - i, from->p, from->len);
		size_t e = f ? (size_t)(f - s->p) : s->len;
		val_append(out, s->p + i, e - i, max);
		if (!f)
			break;
		val_append(out, to->p, to->len, max);
		i = e + from->len;
		if (out->len >= max) {
			dctx_limit(p->c, "size");
			break;
		}
	}
	if (!out->p)
		val_set(out, "", 0);
	dctx_spend(p->c, out->len);
}

/* A call of a known function at *i (the name token); 1 when constant. */
static int
ev_call(struct php *p, size_t *i, enum fn fn, struct val *out, int decode)
{
	struct val a[3];
	size_t j = *i + 1;
	int n = 0, ok = 0;

	for (int k = 0; k < 3; k++)
		val_init(&a[k]);
	if (!ev_args(p, &j, a, 3, &n, decode))
		return 0;
	switch (fn) {
	case FN_CHR:
		if (n == 1) {
			long long c = num_value(a[0].p, a[0].len);
			unsigned char b =
			    (unsigned char)(((c % 256) + 256) % 256);
			val_set(out, &b, 1);
			ok = 1;
		}
		break;
	case FN_REPLACE:
		if (n == 3) {
			str_replace(p, a, out);
			ok = 1;
		}
		break;
	case FN_LOWER:
	case FN_UPPER:
	case FN_TRIM:
		if (n == 1) {
			val_move(out, &a[0]);
			for (size_t k = 0; k < out->len && fn != FN_TRIM; k++)
				out->p[k] =
				    (unsigned char)(fn == FN_LOWER
				                        ? tolower(out->p[k])
				                        : toupper(out->p[k]));
			ok = 1;
		}
		break;
	case FN_PACK:
		if (n == 2 && decode && a[0].len >= 1 && a[0].p[0] == 'H') {
			val_move(out, &a[1]);
			ok = apply_decoder(p, fn, out);
		}
		break;
	case FN_UNPACK:
		if (n == 2 && decode && a[0].len >= 1 &&
		    strchr("uHm", a[0].p[0])) {
			enum fn f2 = a[0].p[0] == 'u'   ? FN_UU
			             : a[0].p[0] == 'H' ? FN_PACK
			                                : FN_B64;
			val_move(out, &a[1]);
			ok = apply_decoder(p, f2, out);
		}
		break;
	default:
		if (n >= 1 && decode) {
			val_move(out, &a[0]);
			ok = apply_decoder(p, fn, out);
		}
		break;
	}
	for (int k = 0; k < 3; k++)
		val_free(&a[k]);
	if (ok)
		*i = j;
	return ok;
}

static int
ev_term(struct php *p, size_t *i, struct val *out, int decode)
{
	size_t j = *i;
	struct tok t = tok_at(&p->lx, j);
	struct tok nx;
	const struct val *vv;
	enum fn fn;
	int ok = 0;

	while (tok_is(&t, &p->lx, "@"))
		t = tok_at(&p->lx, ++j);
	if (j > p->reach)
		p->reach = j;
	nx = tok_at(&p->lx, j + 1);
	if ((tok_is(&nx, &p->lx, "(") || (p->lx.perl && t.type == TK_ID)) &&
	    (fn = callee(p, &t)) != FN_NONE) {
		if (++p->nest > p->c->lim->max_depth + 16) {
			dctx_limit(p->c, "depth");
			p->too_deep = 1;
		} else if (!dctx_expired(p->c)) {
			ok = ev_call(p, &j, fn, out, decode);
		}
		p->nest--;
		if (ok)
			*i = j;
		return ok;
	}
	switch (t.type) {
	case TK_STR:
		if (t.flags & TF_INTERP)
			return 0;
		val_set(out, p->lx.arena.p + t.off, t.len);
		break;
	case TK_NUM:
		val_set(out, p->lx.s + t.off, t.len);
		break;
	case TK_VAR:
		if (!(vv = var_get(p, &t)))
			return 0;
		if (dctx_budget(p->c) < vv->len) {
			dctx_limit(p->c, "size");
			return 0;
		}
		dctx_spend(p->c, vv->len);
		val_set(out, vv->p, vv->len);
		memcpy(out->chain, vv->chain, sizeof(out->chain));
		out->layered = vv->layered;
		break;
	case TK_OP:
		if (!tok_is(&t, &p->lx, "(") ||
		    ++p->nest > p->c->lim->max_depth + 16) {
			if (tok_is(&t, &p->lx, "(")) {
				p->nest--;
				dctx_limit(p->c, "depth");
				p->too_deep = 1;
			}
			return 0;
		}
		j++;
		ok = ev_expr(p, &j, out, decode);
		p->nest--;
		nx = tok_at(&p->lx, j);
		if (!ok || !tok_is(&nx, &p->lx, ")"))
			return 0;
		break;
	default:
		return 0;
	}
	*i = j + 1;
	return 1;
}

/* term ('.' term)*: the constant prefix; 0 when even the first term is not
 * constant. *i ends after the last constant term. */
static int
ev_expr(struct php *p, size_t *i, struct val *out, int decode)
{
	size_t j = *i;
	struct val rhs;

	if (!ev_term(p, &j, out, decode))
		return 0;
	val_init(&rhs);
	for (;;) {
		struct tok t = tok_at(&p->lx, j);
		size_t k = j + 1;
		if (!tok_is(&t, &p->lx, "."))
			break;
		rhs.len = 0;
		rhs.chain[0] = '\0';
		rhs.layered = 0;
		if (!ev_term(p, &k, &rhs, decode))
			break;
		val_append(out, rhs.p, rhs.len, p->c->lim->max_output);
		if (!out->chain[0])
			memcpy(out->chain, rhs.chain, sizeof(out->chain));
		j = k;
	}
	val_free(&rhs);
	*i = j;
	return 1;
}

/* ---------------------------------------------------------------- */
/* Writing the normalized text. */

static int
word_tok(const struct tok *t)
{
	return t->type == TK_ID || t->type == TK_VAR || t->type == TK_NUM ||
	       t->type == TK_OPEN;
}

static void
emit_gap(struct php *p, const struct tok *t)
{
	if (t->nl) {
		size_t k = t->line > p->out_line ? t->line - p->out_line : 1;
		if (k > t->nl + 64u)
			k = t->nl; /* never invent many lines */
		while (k--) {
			ob_putc(p->o, '\n');
			p->out_line++;
		}
	} else if ((p->prev_word && word_tok(t)) || p->prev_word == 2 ||
	           ((t->flags & TF_SPACE) && (p->prev_word || p->prev_str) &&
	            (word_tok(t) || t->type == TK_STR))) {
		ob_putc(p->o, ' ');
	}
}

static int
is_keyword(struct php *p, const struct tok *t)
{
	static const char *const kw[] = {
	    "include", "include_once", "require",  "require_once", "eval",
	    "echo",    "print",        "function", "return",       "new",
	    "as",      "foreach",      "for",      "while",        "if",
	    "else",    "elseif",       "global",   "static",       "class",
	    "goto",    "die",          "exit",     "isset",        "empty",
	    "array",   "list",         "true",     "false",        "null",
	    NULL};

	for (int k = 0; kw[k]; k++)
		if (tok_is(t, &p->lx, kw[k]))
			return 1;
	return 0;
}

static void
emit_tok(struct php *p, const struct tok *t)
{
	const unsigned char *s = p->lx.s + t->off;
	int lower = 0;

	emit_gap(p, t);
	switch (t->type) {
	case TK_STR:
		ob_put_quoted(p->o, p->lx.arena.p + t->off, t->len);
		break;
	case TK_OPEN:
		ob_put(p->o, t->len == 3 ? "<?=" : "<?php",
		       t->len == 3 ? 3 : 5);
		break;
	case TK_HTML:
		ob_put(p->o, s, t->len);
		p->out_line += count_nl(s, t->len);
		break;
	case TK_ID:
		lower = !p->lx.perl && is_keyword(p, t);
		/* fall through */
	default:
		if (lower) {
			for (size_t k = 0; k < t->len; k++)
				ob_putc(p->o, tolower(s[k]));
		} else {
			ob_put(p->o, s, t->len);
		}
		if (t->type == TK_RAW)
			p->out_line += count_nl(s, t->len);
	}
	p->prev_word = t->type == TK_OPEN ? 2 : word_tok(t);
	p->prev_str = t->type == TK_STR;
}

static void
emit_val(struct php *p, const struct tok *first, const struct val *v)
{
	emit_gap(p, first);
	ob_put_quoted(p->o, v->p, v->len);
	p->prev_word = 0;
	p->prev_str = 1;
}

static const char *
sink_name(struct php *p, const struct tok *t, int *argpos)
{
	static const char *const sinks[] = {
	    "eval",         "assert",       "create_function",
	    "preg_replace", "include",      "include_once",
	    "require",      "require_once", NULL};
	*argpos = 0;
	if (t->type != TK_ID)
		return NULL;
	if (p->lx.perl) {
		return tok_is(t, &p->lx, "eval") ? "eval" : NULL;
	}
	for (int k = 0; sinks[k]; k++)
		if (tok_is(t, &p->lx, sinks[k])) {
			*argpos = k == 2 || k == 3 ? 1 : 0;
			return sinks[k];
		}
	return NULL;
}

/* Does the /e modifier follow the closing delimiter of a regex? */
static int
regex_has_e(const struct val *re)
{
	size_t n = re->len;
	unsigned char d, close;

	if (n < 2)
		return 0;
	d = re->p[0];
	close = d == '('   ? ')'
	        : d == '{' ? '}'
	        : d == '[' ? ']'
	        : d == '<' ? '>'
	                   : d;
	while (n > 1 && re->p[n - 1] != close) {
		if (re->p[n - 1] == 'e')
			return 1;
		n--;
	}
	return 0;
}

/* data:[type][;base64],payload */
static int
data_url(struct php *p, struct val *v)
{
	const unsigned char *comma;
	struct dec_out d;
	int b64;

	if (v->len < 6 || strncasecmp((const char *)v->p, "data:", 5) != 0)
		return 0;
	comma = memchr(v->p, ',', v->len);
	if (!comma)
		return 0;
	b64 = memmem(v->p, (size_t)(comma - v->p), ";base64", 7) != NULL;
	size_t off = (size_t)(comma - v->p) + 1;
	if ((b64 ? dec_base64(v->p + off, v->len - off, dctx_budget(p->c), &d)
	         : dec_url(v->p + off, v->len - off, dctx_budget(p->c), 1,
	                   &d)) != 0)
		return 0;
	dctx_spend(p->c, d.len);
	free(v->p);
	v->p = d.p;
	v->len = d.len;
	v->cap = d.len + 1;
	chain_add(v->chain, b64 ? "data:base64" : "data:");
	return 1;
}

/* A code sink at i: hands its constant argument over as a payload. */
static void
sink(struct php *p, size_t i, const char *name, int argpos)
{
	size_t j = i + 1, start;
	struct val v, re;
	struct tok t = tok_at(&p->lx, j);
	int incl = name[0] == 'i' || name[0] == 'r';
	int ok;

	if (j < p->nodecode_until || j < p->skip_eval_until)
		return;
	if (tok_is(&t, &p->lx, "("))
		j++;
	else if (tok_is(&t, &p->lx, "{") || (!incl && !p->lx.perl))
		return;
	val_init(&v);
	val_init(&re);
	if (argpos == 1) {
		ok = try_expr(p, &j, &re, 0);
		t = tok_at(&p->lx, j++);
		if (!ok || !tok_is(&t, &p->lx, ",") ||
		    (name[0] == 'p' && !regex_has_e(&re)))
			goto out;
	}
	start = j;
	if (!try_expr(p, &j, &v, 1))
		goto out;
	t = tok_at(&p->lx, j);
	if (!tok_is(&t, &p->lx, ")") && !tok_is(&t, &p->lx, ",") &&
	    !tok_is(&t, &p->lx, ";") && t.type != TK_CLOSE && t.type != TK_EOF)
		goto out;
	if (incl && !data_url(p, &v))
		goto out;
	if (!v.layered && v.len) {
		if (!v.chain[0])
			chain_add(v.chain,
			          name[0] == 'p' ? "preg_replace/e" : name);
		dctx_payload(p->c, p->depth, p->chain, v.chain, v.p, v.len);
	}
	p->nodecode_until = j > start ? j : start;
out:
	val_free(&v);
	val_free(&re);
}

/*
 * At a token that can start a constant expression: evaluates it and writes
 * it folded, or leaves it to be written token by token (returns i) after
 * queuing what it decoded. *val gets the value when constant.
 */
/* ev_expr from the top; remembers where nesting went past the bound. */
static int
try_expr(struct php *p, size_t *j, struct val *val, int decode)
{
	int ok;

	p->too_deep = 0;
	p->reach = *j;
	ok = ev_expr(p, j, val, decode);
	if (p->too_deep && p->reach > p->skip_eval_until)
		p->skip_eval_until = p->reach;
	return ok;
}

static size_t
expression(struct php *p, size_t i, struct val *val, int *is_const)
{
	size_t j = i;
	int decode = i >= p->nodecode_until;
	struct tok first = tok_at(&p->lx, i), nx;

	*is_const = 0;
	val_init(val);
	if (i < p->skip_eval_until)
		return i;
	if (!try_expr(p, &j, val, decode))
		return i;
	nx = tok_at(&p->lx, j);
	*is_const = tok_is(&nx, &p->lx, ";") || tok_is(&nx, &p->lx, ")") ||
	            tok_is(&nx, &p->lx, ",") || nx.type == TK_CLOSE ||
	            nx.type == TK_EOF;
	if ((first.type == TK_VAR || first.type == TK_NUM) && j == i + 1)
		return i; /* a lone variable or number stays as written */
	if (!val->chain[0] ||
	    (val->len < DEOBF_INLINE_MAX && text_enough(val->p, val->len) &&
	     !memchr(val->p, '\n', val->len))) {
		emit_val(p, &first, val);
		return j;
	}
	if (text_enough(val->p, val->len) && !val->layered) {
		dctx_payload(p->c, p->depth, p->chain, val->chain, val->p,
		             val->len);
		val->layered = 1;
	}
	p->nodecode_until = j;
	return i;
}

static int
is_assign_target(struct php *p, size_t i, int *append)
{
	struct tok t = tok_at(&p->lx, i + 1);

	*append = tok_is(&t, &p->lx, ".=");
	return *append || tok_is(&t, &p->lx, "=");
}

/* ---------------------------------------------------------------- */
/* Variables holding request input. */

/* The token is one of the words of list; case ignored with nocase (PHP
 * function names), not without (variable names). */
static int
tok_in(const struct lexer *lx, const struct tok *t, const char *const *list,
       int nocase)
{
	const char *w = (const char *)lx->s + t->off;

	for (; *list; list++)
		if (t->len == strlen(*list) &&
		    (nocase ? strncasecmp(w, *list, t->len)
		            : memcmp(w, *list, t->len)) == 0)
			return 1;
	return 0;
}

/* Calls that hand request input on unchanged as far as a rule cares. */
static const char *const passes_input[] = {"isset",
                                           "empty",
                                           "trim",
                                           "stripslashes",
                                           "urldecode",
                                           "rawurldecode",
                                           "base64_decode",
                                           "strip_tags",
                                           "htmlspecialchars",
                                           "addslashes",
                                           "strval",
                                           "strtolower",
                                           "filter_var",
                                           "html_entity_decode",
                                           NULL};

/* The request's superglobals. */
static const char *const request_vars[] = {"$_GET", "$_POST", "$_REQUEST",
                                           "$_COOKIE", NULL};

/*
 * The right-hand side from token i to its ';' is one request field, maybe
 * through isset()/?:/??, trim() and the like: $e = isset($_GET['e']) ?
 * $_GET['e'] : ''. Returns "$_GET["e"]" (malloc'd), or NULL for anything
 * else: a variable that holds a field is then written as the field, so
 * that mail($e, ...) reads mail($_GET["e"], ...) to the rules.
 */
static char *
request_read(struct php *p, size_t i)
{
	struct lexer *lx = &p->lx;
	char *req = NULL;

	for (size_t j = i, n = 0; n < 40; j++, n++) {
		struct tok t = tok_at(lx, j), b, k, e;

		if (tok_is(&t, lx, ";"))
			return req;
		if (t.type == TK_VAR && tok_in(lx, &t, request_vars, 0)) {
			b = tok_at(lx, j + 1);
			k = tok_at(lx, j + 2);
			e = tok_at(lx, j + 3);
			if (!tok_is(&b, lx, "[") || k.type != TK_STR ||
			    (k.flags & TF_INTERP) || !tok_is(&e, lx, "]") ||
			    k.len == 0 || k.len > 40)
				break;
			for (size_t q = 0; q < k.len; q++)
				if (!is_idc(lx->arena.p[k.off + q]) &&
				    lx->arena.p[k.off + q] != '-')
					goto other;
			if (!req)
				req = xasprintf(
				    "%.*s[\"%.*s\"]", (int)t.len,
				    (const char *)lx->s + t.off, (int)k.len,
				    (const char *)lx->arena.p + k.off);
			j += 3, n += 3;
			continue;
		}
		if ((t.type == TK_ID && tok_in(lx, &t, passes_input, 1)) ||
		    t.type == TK_STR || t.type == TK_NUM ||
		    tok_is(&t, lx, "@") || tok_is(&t, lx, "(") ||
		    tok_is(&t, lx, ")") || tok_is(&t, lx, "?") ||
		    tok_is(&t, lx, ":") || tok_is(&t, lx, "??") ||
		    tok_is(&t, lx, ","))
			continue;
		break;
	}
other:
	free(req);
	return NULL;
}

/* $v = EXPR; / $v .= EXPR; */
static size_t
assignment(struct php *p, size_t i, const struct tok *var, int append)
{
	struct tok op = tok_at(&p->lx, i + 1);
	struct val v;
	int is_const;
	size_t next;

	emit_tok(p, var);
	emit_tok(p, &op);
	next = expression(p, i + 2, &v, &is_const);
	if (!is_const) {
		char *req = append ? NULL : request_read(p, i + 2);
		struct var *slot;
		var_forget(p, var);
		if (req && (slot = var_of(p, var, 1)) != NULL)
			slot->req = req;
		else
			free(req);
	} else if (append) {
		struct var *old = var_of(p, var, 0);
		if (old && old->known)
			val_append(old->v, v.p, v.len, p->c->lim->max_output);
	} else {
		var_store(p, var, &v);
	}
	val_free(&v);
	return next;
}

/* $f(...) with $f = 'name': writes the call it is. */
static int
call_by_name(struct php *p, const struct tok *t)
{
	const struct val *fv = var_get(p, t);
	struct tok id = *t;
	int ident = fv && fv->len && is_ids(fv->p[0]);

	for (size_t k = 0; ident && k < fv->len; k++)
		ident = is_idc(fv->p[k]) || fv->p[k] == '\\';
	if (!ident)
		return 0;
	id.type = TK_ID;
	emit_gap(p, &id);
	for (size_t k = 0; k < fv->len; k++)
		ob_putc(p->o, tolower(fv->p[k]));
	p->prev_word = 1;
	p->prev_str = 0;
	return 1;
}

/* A variable holding a request field is written as that field. */
static int
emit_request(struct php *p, const struct tok *t)
{
	struct var *v = var_of(p, t, 0);

	if (!v || !v->req)
		return 0;
	emit_gap(p, t);
	ob_put(p->o, v->req, strlen(v->req));
	p->prev_word = 0;
	p->prev_str = 0;
	return 1;
}

static void
run(struct php *p)
{
	struct lexer *lx = &p->lx;
	size_t i = 0;

	for (;;) {
		struct tok t = tok_at(lx, i), nx;
		const char *sk;
		int argpos, append, is_const;
		struct val v;
		size_t next;

		tok_release(lx, i);
		if (t.type == TK_EOF || p->o->overflow || dctx_expired(p->c))
			break;
		nx = tok_at(lx, i + 1);
		if (t.type == TK_VAR && is_assign_target(p, i, &append)) {
			i = assignment(p, i, &t, append);
			continue;
		}
		if (t.type == TK_VAR && tok_is(&nx, lx, "(") &&
		    callee(p, &t) != FN_NONE) {
			next = expression(p, i, &v, &is_const);
			val_free(&v);
			if (next != i) {
				i = next;
				continue;
			}
		}
		if (t.type == TK_VAR && tok_is(&nx, lx, "(") &&
		    call_by_name(p, &t)) {
			i++;
			continue;
		}
		if ((sk = sink_name(p, &t, &argpos)) != NULL)
			sink(p, i, sk, argpos);
		if (t.type == TK_STR || t.type == TK_VAR ||
		    (t.type == TK_ID && tok_is(&nx, lx, "(") &&
		     callee(p, &t) != FN_NONE)) {
			next = expression(p, i, &v, &is_const);
			val_free(&v);
			if (next != i) {
				i = next;
				continue;
			}
		}
		if (t.type == TK_VAR && !lx->perl && emit_request(p, &t)) {
			i++;
			continue;
		}
		if (t.type == TK_ID && tok_is(&nx, lx, "(") && !lx->perl) {
			emit_gap(p, &t);
			for (size_t k = 0; k < t.len; k++)
				ob_putc(p->o, tolower(lx->s[t.off + k]));
			p->prev_word = 1;
			p->prev_str = 0;
		} else {
			emit_tok(p, &t);
		}
		if (t.type == TK_ID && tok_is(&t, lx, "as") &&
		    nx.type == TK_VAR)
			var_forget(p, &nx);
		i++;
	}
}

static void script_normalize(struct dctx *c, const unsigned char *src,
                             size_t len, int depth, const char *chain,
                             int php_mode, int perl, struct obuf *o);

void
php_normalize(struct dctx *c, const unsigned char *src, size_t len, int depth,
              const char *chain, int php_mode, struct obuf *o)
{
	script_normalize(c, src, len, depth, chain, php_mode, 0, o);
}

void
perl_normalize(struct dctx *c, const unsigned char *src, size_t len, int depth,
               const char *chain, struct obuf *o)
{
	script_normalize(c, src, len, depth, chain, 1, 1, o);
}

static void
script_normalize(struct dctx *c, const unsigned char *src, size_t len,
                 int depth, const char *chain, int php_mode, int perl,
                 struct obuf *o)
{
	struct php p;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.o = o;
	p.depth = depth;
	p.chain = chain;
	p.lx.s = src;
	p.lx.n = len;
	p.lx.line = 1;
	p.lx.php = php_mode;
	p.lx.perl = perl;
	p.out_line = 1;
	val_init(&p.lx.arena);
	run(&p);
	if (perl && p.lx.have_tail && p.lx.reads_self && !dctx_expired(c)) {
		auto_decode_tail(c, depth, chain, "__DATA__",
		                 src + p.lx.tail_off, len - p.lx.tail_off,
		                 p.lx.seen, p.lx.seen_eval);
	} else if (!perl && p.lx.reads_self && !dctx_expired(c)) {
		if (p.lx.have_tail)
			auto_decode_tail(c, depth, chain, "__halt_compiler",
			                 src + p.lx.tail_off,
			                 len - p.lx.tail_off, p.lx.seen, 0);
		else if (p.lx.last_html_len)
			auto_decode_tail(c, depth, chain, "__FILE__",
			                 src + p.lx.last_html_off,
			                 p.lx.last_html_len, p.lx.seen, 0);
	}
	if (p.vars) {
		for (size_t k = 0; k < VARS_MAX; k++) {
			if (p.vars[k].v) {
				val_free(p.vars[k].v);
				free(p.vars[k].v);
			}
			free(p.vars[k].req);
			free((unsigned char *)p.vars[k].name);
		}
		free(p.vars);
	}
	free(p.lx.v);
	val_free(&p.lx.arena);
}
