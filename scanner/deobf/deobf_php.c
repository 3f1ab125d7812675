/*
 * deobf_php.c: the front ends of the deobfuscator: one pass over a PHP or
 * Perl script (its tokens from the language's lexer) that writes the
 * normalized text and evaluates constant string expressions on the way
 * (deobf_php_emit.c, deobf_php_eval.c). This file drives the pass:
 * assignments (variables holding constants or request fields), calls
 * through a variable naming a function, and at the end the payload a
 * file keeps after __halt_compiler, its last ?> or __DATA__ when the code
 * reads itself.
 *
 * Tokens live in a sliding window: the pass releases what it has written,
 * so memory follows the longest expression, not the file.
 */
#include "scanner/deobf/deobf_php.h"
#include "common/util.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_ctx.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_perl_lex.h"
#include "scanner/deobf/deobf_php_emit.h"
#include "scanner/deobf/deobf_php_eval.h"
#include "scanner/deobf/deobf_php_lex.h"
#include "scanner/deobf/deobf_php_pass.h"
#include "scanner/deobf/deobf_php_vars.h"
#include "scanner/deobf/deobf_tail.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
is_assign_target(struct php *p, size_t i, int *append)
{
	struct tok t = tok_at(&p->lx, i + 1);

	*append = tok_is(&t, &p->lx, ".=");
	return *append || tok_is(&t, &p->lx, "=");
}

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
	p.lx.lex_one = perl ? perl_lex_one : php_lex_one;
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
	vars_free(&p);
	free(p.lx.v);
	val_free(&p.lx.arena);
}

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
