/*
 * deobf_php_emit.c: writing the normalized text of a pass: tokens with
 * the gaps between them reduced, keywords in lower case, constant
 * expressions folded into one literal; decoded values and the constant
 * arguments of code sinks (eval, assert, preg_replace /e, ...) queued as
 * payloads.
 */
#include "scanner/deobf/deobf_php_emit.h"
#include "scanner/deobf/decoders.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_ctx.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_php_eval.h"
#include "scanner/deobf/deobf_php_pass.h"
#include "scanner/deobf/deobf_text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A decoded value shorter than this and printable is folded inline
 * instead of becoming a layer. */
#define DEOBF_INLINE_MAX 64

static int
word_tok(const struct tok *t)
{
	return t->type == TK_ID || t->type == TK_VAR || t->type == TK_NUM ||
	       t->type == TK_OPEN;
}

void
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

void
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

const char *
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
void
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
size_t
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
