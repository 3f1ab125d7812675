/*
 * deobf_lex.c: what the PHP and Perl lexers share: character classes,
 * the escapes both languages' strings have, and the window of tokens the
 * normalizing pass reads (lexing on demand with the language's lexer,
 * forgetting what the pass has written).
 */
#include "scanner/deobf/deobf_lex.h"
#include "common/util.h"

#include <ctype.h>
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
/* The name a variable token stands for. */
const unsigned char *
tok_name(const struct lexer *lx, const struct tok *t)
{
	return (t->flags & TF_ANAME) ? lx->arena.p + t->name_off
	                             : lx->s + t->name_off;
}

/* The token at absolute index i (lexing as needed). */
struct tok
tok_at(struct lexer *lx, size_t i)
{
	while (i >= lx->base + lx->cnt) {
		struct tok t;
		if (lx->eof) {
			memset(&t, 0, sizeof(t));
			t.line = lx->line;
			return t;
		}
		lx->lex_one(lx, &t);
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
void
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

int
tok_is(const struct tok *t, const struct lexer *lx, const char *s)
{
	size_t n = strlen(s);

	return (t->type == TK_OP || t->type == TK_ID) && t->len == n &&
	       strncasecmp((const char *)lx->s + t->off, s, n) == 0;
}
