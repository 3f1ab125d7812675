/*
 * deobf_perl_lex.c: the Perl lexer of the deobfuscator (comments and POD
 * dropped, '' "" q qq qw heredocs, regexes kept as written,
 * __END__/__DATA__ ends the code). The pass that reads its tokens, the
 * evaluator and the writer of the normalized text are PHP's
 * (deobf_php.c), with Perl's functions (decode_base64, unpack
 * 'u'/'H*'/'m', pack 'H*', uncompress, reverse, chr) and its one code
 * sink, eval EXPR (not eval BLOCK).
 */
#include "scanner/deobf/deobf_perl_lex.h"
#include "common/util.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_tail.h"

#include <ctype.h>
#include <string.h>

/* A Perl double-quoted escape: s[i] follows the backslash. Appends what
 * it stands for; returns the index of its last character. */
static size_t
perl_esc(struct val *a, const unsigned char *s, size_t n, size_t i)
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
	case 'f':
		o = '\f';
		break;
	case 'a':
		o = 7;
		break;
	case 'e':
		o = 27;
		break;
	case 'x':
		if (i + 1 < n && s[i + 1] == '{' &&
		    esc_braced_hex(s, n, i, 1, &cp, &i)) {
			if (cp < 256) {
				o = (unsigned char)cp;
				val_append(a, &o, 1, (size_t)-1);
			} else {
				put_utf8(a, cp);
			}
			return i;
		}
		o = 0;
		for (int k = 0; k < 2 && i + 1 < n && hex_digit(s[i + 1]) >= 0;
		     k++)
			o = (unsigned char)(o * 16 + hex_digit(s[++i]));
		break;
	case 'c':
		o = i + 1 < n ? (unsigned char)(toupper(s[++i]) ^ 64) : 'c';
		break;
	default:
		if (c >= '0' && c <= '7') {
			i = esc_octal(s, n, i, &o);
		} else {
			o = c; /* \\ \" \$ \@ and the rest: the char */
		}
	}
	val_append(a, &o, 1, (size_t)-1);
	return i;
}

/* Perl double-quoted escapes; TF_INTERP when $x or @x interpolate. */
static int
perl_dq(struct val *a, const unsigned char *s, size_t n)
{
	int flags = 0;
	size_t run = 0, i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];
		if ((c == '$' || c == '@') && i + 1 < n &&
		    (is_ids(s[i + 1]) || s[i + 1] == '{' ||
		     (c == '$' && s[i + 1] == ':')))
			flags |= TF_INTERP;
		if (c != '\\' || i + 1 >= n) {
			run++;
			continue;
		}
		val_append(a, s + i - run, run, (size_t)-1);
		run = 0;
		i = perl_esc(a, s, n, i + 1);
	}
	val_append(a, s + i - run, run, (size_t)-1);
	return flags;
}

static int
at_line_start(const struct lexer *lx, size_t p)
{
	return p == 0 || lx->s[p - 1] == '\n';
}

static size_t
line_end(const struct lexer *lx, size_t p)
{
	const unsigned char *e = memchr(lx->s + p, '\n', lx->n - p);

	return e ? (size_t)(e - lx->s) : lx->n;
}

/* POD starting at q (an "=word" line): its end, the end of the "=cut"
 * line (or of the text). */
static size_t
pod_end(const struct lexer *lx, size_t q)
{
	while (q < lx->n && !(at_line_start(lx, q) && lx->n - q >= 4 &&
	                      memcmp(lx->s + q, "=cut", 4) == 0)) {
		size_t e = line_end(lx, q);
		q = e + 1 < lx->n ? e + 1 : lx->n;
	}
	return q < lx->n ? line_end(lx, q) : lx->n;
}

/* Whitespace, comments, POD, and heredoc bodies already taken. */
static unsigned
perl_gap(struct lexer *lx, int *space)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos, nl = 0;

	while (p < n) {
		if (s[p] == '\n' && lx->hd_pending && p == lx->hd_at) {
			nl += count_nl(s + p, lx->hd_resume - p);
			p = lx->hd_resume;
			lx->hd_pending = 0;
			*space = 1;
		} else if (isspace(s[p])) {
			if (s[p] == '\n' && p + 1 < n && s[p + 1] == '=' &&
			    p + 2 < n && isalpha(s[p + 2])) {
				size_t q = pod_end(lx, p + 1);
				nl += count_nl(s + p, q - p);
				p = q;
			} else {
				nl += s[p] == '\n';
				p++;
			}
			*space = 1;
		} else if (s[p] == '#') {
			p = line_end(lx, p);
			*space = 1;
		} else if (p == 0 && s[p] == '=' && p + 1 < n &&
		           isalpha(s[p + 1])) {
			size_t q = pod_end(lx, p);
			nl += count_nl(s + p, q - p);
			p = q;
		} else
			break;
	}
	lx->pos = p;
	lx->line += nl;
	return (unsigned)(nl > 0xffff ? 0xffff : nl);
}

static unsigned char
closing(unsigned char d)
{
	return d == '('   ? ')'
	       : d == '[' ? ']'
	       : d == '{' ? '}'
	       : d == '<' ? '>'
	                  : d;
}

/* End of a delimited body starting after the opening delimiter d. */
static size_t
delimited(const struct lexer *lx, size_t p, unsigned char d)
{
	unsigned char c = closing(d);
	int level = 0;

	while (p < lx->n) {
		unsigned char x = lx->s[p];
		if (x == '\\' && p + 1 < lx->n) {
			p += 2;
			continue;
		}
		if (x == c && level == 0)
			return p;
		if (c != d && x == d)
			level++;
		else if (c != d && x == c)
			level--;
		p++;
	}
	return lx->n;
}

static void
str_token(struct lexer *lx, struct tok *t, size_t b, size_t e, int dq,
          unsigned char close)
{
	t->type = TK_STR;
	t->off = lx->arena.len;
	if (dq)
		t->flags |=
		    (unsigned char)perl_dq(&lx->arena, lx->s + b, e - b);
	else
		esc_single(&lx->arena, lx->s + b, e - b, close);
	t->len = lx->arena.len - t->off;
}

/* q qq qw qx m qr s tr y followed by a delimiter. */
static int
quote_like(struct lexer *lx, struct tok *t, size_t idend)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = idend, b, e, start = t->off;
	size_t idlen = idend - start;
	int parts;
	unsigned char d;

#define IS(w) (idlen == strlen(w) && memcmp(s + start, w, idlen) == 0)
	if (IS("q") || IS("qq") || IS("qw") || IS("qx") || IS("m") || IS("qr"))
		parts = 1;
	else if (IS("s") || IS("tr") || IS("y"))
		parts = 2;
	else
		return 0;
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p >= n || isalnum(s[p]) || s[p] == '_' || s[p] == ',' ||
	    s[p] == ';' || s[p] == ')' ||
	    (s[p] == '=' && p + 1 < n && s[p + 1] == '>') ||
	    (s[p] == '#' && p > idend) || isspace(s[p]))
		return 0;
	d = s[p];
	b = p + 1;
	e = delimited(lx, b, d);
	if (parts == 1 && (IS("q") || IS("qq"))) {
		str_token(lx, t, b, e, IS("qq"), closing(d));
	} else {
		if (parts == 2) {
			size_t q = e + 1;
			if (closing(d) != d) { /* s{...}{...} */
				while (q < n && isspace(s[q]))
					q++;
				if (q < n)
					e = delimited(lx, q + 1, s[q]);
				else
					e = n;
			} else {
				e = delimited(lx, q, d);
			}
		}
		e = e < n ? e + 1 : n;
		while (e < n && isalpha(s[e]))
			e++;
		t->type = TK_RAW;
		t->off = start;
		t->len = e - start;
		lx->line += count_nl(s + start, e - start);
		lx->pos = e;
		return 1;
	}
#undef IS
	lx->line += count_nl(s + b, e - b);
	lx->pos = e < n ? e + 1 : n;
	return 1;
}

/* <<"EOF" <<'EOF' <<EOF <<~EOF: the body is on the lines that follow. */
static int
heredoc(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos + 2, id, idlen, body, q, le;
	int indent = 0, quote = 0;

	if (p < n && s[p] == '~')
		indent = 1, p++;
	if (p < n && (s[p] == '"' || s[p] == '\''))
		quote = s[p++];
	id = p;
	while (p < n && is_idc(s[p]))
		p++;
	idlen = p - id;
	if (idlen == 0 || (quote && (p >= n || s[p] != quote)))
		return 0;
	if (quote)
		p++;
	le = line_end(lx, p);
	body = lx->hd_pending ? lx->hd_resume : (le < n ? le + 1 : n);
	for (q = body; q < n;) {
		size_t k = q, e = line_end(lx, q);
		while (indent && k < e && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (e - k == idlen && memcmp(s + k, s + id, idlen) == 0)
			break;
		q = e < n ? e + 1 : n;
	}
	t->type = TK_STR;
	t->off = lx->arena.len;
	if (quote == '\'')
		esc_single(&lx->arena, s + body, q - body, 0);
	else
		t->flags |=
		    (unsigned char)perl_dq(&lx->arena, s + body, q - body);
	t->len = lx->arena.len - t->off;
	if (!lx->hd_pending)
		lx->hd_at = le;
	lx->hd_pending = 1;
	lx->hd_resume = q < n ? line_end(lx, q) : n;
	lx->pos = p;
	return 1;
}

static void
note(struct lexer *lx, const unsigned char *s, size_t n)
{
	static const struct {
		const char *w;
		unsigned bit;
	} names[] = {
	    {"decode_base64", SEEN_B64},
	    {"unpack", SEEN_UU | SEEN_HEX | SEEN_B64},
	    {"pack", SEEN_HEX},
	    {"uncompress", SEEN_ZLIB},
	    {"memGunzip", SEEN_GZIP},
	    {"reverse", SEEN_REV},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t k = strlen(names[i].w);
		if (n >= k && memcmp(s + n - k, names[i].w, k) == 0)
			lx->seen |= names[i].bit;
	}
	if (n == 4 && memcmp(s, "DATA", 4) == 0)
		lx->reads_self = 1;
	if (n == 4 && memcmp(s, "eval", 4) == 0)
		lx->seen_eval = 1;
}

static void
lex_word(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p = lx->pos;

	t->type = TK_ID;
	for (;;) {
		while (p < n && is_idc(s[p]))
			p++;
		if (p + 2 < n && s[p] == ':' && s[p + 1] == ':' &&
		    is_ids(s[p + 2]))
			p += 2;
		else
			break;
	}
	if (quote_like(lx, t, p))
		return;
	t->len = p - t->off;
	lx->pos = p;
	note(lx, s + t->off, t->len);
	if ((t->len == 7 && memcmp(s + t->off, "__END__", 7) == 0) ||
	    (t->len == 8 && memcmp(s + t->off, "__DATA__", 8) == 0)) {
		size_t e = line_end(lx, p);
		lx->tail_off = e < n ? e + 1 : n;
		lx->have_tail = 1;
	}
}

static int
term_ender(const struct lexer *lx, const struct tok *t)
{
	static const char *const ops[] = {
	    "split",  "grep",   "map",   "and",   "or",   "not", "if",
	    "unless", "return", "while", "until", "join", "x",   NULL};
	unsigned char c;

	if (t->type == TK_VAR || t->type == TK_NUM || t->type == TK_STR)
		return 1;
	if (t->type == TK_ID) {
		for (int k = 0; ops[k]; k++)
			if (t->len == strlen(ops[k]) &&
			    memcmp(lx->s + t->off, ops[k], t->len) == 0)
				return 0;
		return 1;
	}
	if (t->type != TK_OP || t->len != 1)
		return 0;
	c = lx->s[t->off]; /* t->off is in the arena for strings */
	return (c == ')' || c == ']' || c == '}');
}

/* A variable at p ($x, @x, $::x, $#x, $_ and the other punctuation
 * variables); 0 when there is none. */
static int
lex_var(struct lexer *lx, struct tok *t, size_t p)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n;
	unsigned char c = s[p];

	if (p + 1 < n && (is_ids(s[p + 1]) || (c == '$' && s[p + 1] == ':'))) {
		t->type = TK_VAR;
		lx->pos = p + 1;
		lex_word(lx, t);
		t->type = TK_VAR;
		t->off = p;
		t->len = lx->pos - p;
	} else if (c == '$' && p + 1 < n && s[p + 1] == '#') {
		t->type = TK_VAR;
		p += 2;
		while (p < n && (is_idc(s[p]) || s[p] == '$'))
			p++;
		t->len = p - t->off;
		lx->pos = p;
	} else if (c == '$' && p + 1 < n && !isspace(s[p + 1]) &&
	           s[p + 1] != '{') {
		t->type = TK_VAR;
		t->len = 2;
		lx->pos = p + 2;
	} else {
		return 0;
	}
	return 1;
}

/* A regex /.../flags or a command `...` at p, kept as written. */
static void
raw_token(struct lexer *lx, struct tok *t, size_t p, unsigned char d)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, e = delimited(lx, p + 1, d);

	e = e < n ? e + 1 : n;
	while (d == '/' && e < n && isalpha(s[e]))
		e++;
	t->type = TK_RAW;
	t->len = e - p;
	lx->line += count_nl(s + p, e - p);
	lx->pos = e;
}

/* The length of the operator at s (1 when it is no longer one). */
static size_t
op_len(const unsigned char *s, size_t n)
{
	static const char *const ops[] = {
	    "=~", "!~", "->", "=>", "::", "==", "!=", "<=", ">=",  "&&", "||",
	    "//", "..", ".=", "+=", "-=", "++", "--", "**", "<=>", NULL};
	size_t k = 1;

	for (int i = 0; ops[i]; i++) {
		size_t l = strlen(ops[i]);
		if (n >= l && memcmp(s, ops[i], l) == 0 && l > k)
			k = l;
	}
	return k;
}

void
perl_lex_one(struct lexer *lx, struct tok *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->n, p;
	int space = 0;
	unsigned char c;

	memset(t, 0, sizeof(*t));
	if (!lx->have_tail)
		t->nl = perl_gap(lx, &space);
	t->flags = space ? TF_SPACE : 0;
	t->line = lx->line;
	p = lx->pos;
	if (p >= n || lx->have_tail) {
		t->type = TK_EOF;
		return;
	}
	c = s[p];
	t->off = p;
	if (c == '\'' || c == '"') {
		size_t e = delimited(lx, p + 1, c);
		str_token(lx, t, p + 1, e, c == '"', c);
		lx->line += count_nl(s + p, e - p);
		lx->pos = e < n ? e + 1 : n;
	} else if (c == '<' && p + 2 < n && s[p + 1] == '<' &&
	           (s[p + 2] == '"' || s[p + 2] == '\'' || s[p + 2] == '~' ||
	            is_ids(s[p + 2])) &&
	           heredoc(lx, t)) {
		/* the token is the heredoc's string */
	} else if ((c == '$' || c == '@') && lex_var(lx, t, p)) {
		/* the token is the variable */
	} else if (is_ids(c)) {
		lex_word(lx, t);
	} else if (isdigit(c)) {
		t->type = TK_NUM;
		for (p++;
		     p < n && (isalnum(s[p]) || s[p] == '_' ||
		               (s[p] == '.' && p + 1 < n && isdigit(s[p + 1])));
		     p++)
			;
		t->len = p - t->off;
		lx->pos = p;
	} else if ((c == '/' && !lx->prev_term) || c == '`') {
		raw_token(lx, t, p, c);
	} else {
		t->type = TK_OP;
		t->len = op_len(s + p, n - p);
		lx->pos = p + t->len;
	}
	lx->prev_term = term_ender(lx, t);
}
