/*
 * deobf_php_vars.c: the variables of a normalizing pass: which hold a
 * known constant value, and which hold a request field as it came
 * ($e = $_GET['e']). One open-addressed table per pass, bounded.
 */
#include "scanner/deobf/deobf_php_vars.h"
#include "common/util.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_php_pass.h"

#include <stdlib.h>
#include <string.h>

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
struct var *
var_of(struct php *p, const struct tok *t, int create)
{
	if (t->name_len)
		return var_slot(p, tok_name(&p->lx, t), t->name_len, create);
	return var_slot(p, p->lx.s + t->off, t->len, create);
}

const struct val *
var_get(struct php *p, const struct tok *t)
{
	struct var *v = var_of(p, t, 0);

	return v && v->known ? v->v : NULL;
}

void
var_forget(struct php *p, const struct tok *t)
{
	struct var *v = var_of(p, t, 0);

	if (v) {
		v->known = 0;
		free(v->req);
		v->req = NULL;
	}
}

void
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

void
vars_free(struct php *p)
{
	if (!p->vars)
		return;
	for (size_t k = 0; k < VARS_MAX; k++) {
		if (p->vars[k].v) {
			val_free(p->vars[k].v);
			free(p->vars[k].v);
		}
		free(p->vars[k].req);
		free((unsigned char *)p->vars[k].name);
	}
	free(p->vars);
	p->vars = NULL;
}
