/*
 * deobf_php_lex.c: the PHP lexer of the deobfuscator: inline HTML,
 * open/close tags, strings with their escapes, heredoc/nowdoc, comments
 * dropped; $GLOBALS['k'] and ${'k'} named as the variable $k; the decoder
 * names and __FILE__ met (for the payload a file keeps after
 * __halt_compiler or its last ?>).
 */
#include "scanner/deobf/deobf_php_lex.h"
#include "common/util.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_tail.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A PHP double-quoted escape: s[i] follows the backslash (dq: '"' is one
 * too). Appends what it stands for; returns the index of its last
 * character. */
static size_t
php_esc(struct val *a, const unsigned char *s, size_t n, size_t i, int dq)
{
	unsigned char c = s[i], o;
	unsigned long cp;

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
			return i;
		}
		goto literal;
	default:
		if (c >= '0' && c <= '7') {
			i = esc_octal(s, n, i, &o);
			break;
		}
	literal:
		val_append(a, s + i - 1, 2, (size_t)-1);
		return i;
	}
	val_append(a, &o, 1, (size_t)-1);
	return i;
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
		unsigned char c = s[i];
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
		i = php_esc(a, s, n, i + 1, dq);
	}
	val_append(a, s + i - run, run, (size_t)-1);
	return flags;
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

/*
 * $GLOBALS['k'] (or ["k"], or a key written with escapes) at p, just past
 * "$GLOBALS": the variable $k, as PHP has it at file scope (mailers hide
 * their variable names this way). Takes the subscript into the token and
 * names it k; returns where the token ends.
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

/* The next token: inline HTML, an open tag, or a token of PHP code. */
void
php_lex_one(struct lexer *lx, struct tok *t)
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
