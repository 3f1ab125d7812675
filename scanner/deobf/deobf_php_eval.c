/*
 * deobf_php_eval.c: the evaluator of constant string expressions, for PHP
 * and Perl: literals, concatenation, variables holding constants, chr(),
 * str_replace(), case and trim, and the decoder functions
 * (base64_decode, gzinflate, ... and Perl's decode_base64, unpack).
 */
#include "scanner/deobf/deobf_php_eval.h"
#include "common/util.h"
#include "scanner/deobf/decoders.h"
#include "scanner/deobf/deobf_buf.h"
#include "scanner/deobf/deobf_ctx.h"
#include "scanner/deobf/deobf_lex.h"
#include "scanner/deobf/deobf_php_pass.h"
#include "scanner/deobf/deobf_php_vars.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ev_expr(struct php *p, size_t *i, struct val *out, int decode);

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

/* The functions the evaluator knows: PHP's by name (case ignored, a
 * leading backslash allowed), Perl's by name. */
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
enum fn
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

/* Runs the decoder fn names on v (at most max bytes out) into *d, its
 * PHP name into *name; -1 when fn is no decoder or v does not decode. */
static int
run_decoder(enum fn fn, const struct val *v, size_t max, struct dec_out *d,
            const char **name)
{
	switch (fn) {
	case FN_B64:
		*name = "base64_decode";
		return dec_base64(v->p, v->len, max, d);
	case FN_INFLATE:
		*name = "gzinflate";
		return dec_inflate(v->p, v->len, max, DEC_Z_RAW, d);
	case FN_UNCOMPRESS:
		*name = "gzuncompress";
		return dec_inflate(v->p, v->len, max, DEC_Z_ZLIB, d);
	case FN_GZDECODE:
		*name = "gzdecode";
		return dec_inflate(v->p, v->len, max, DEC_Z_GZIP, d);
	case FN_ROT13:
		*name = "str_rot13";
		return dec_rot13(v->p, v->len, max, d);
	case FN_REV:
		*name = "strrev";
		return dec_strrev(v->p, v->len, max, d);
	case FN_HEX2BIN:
		*name = "hex2bin";
		return dec_hex(v->p, v->len, max, 1, d);
	case FN_PACK:
		*name = "pack";
		return dec_hex(v->p, v->len, max, 0, d);
	case FN_URL:
		*name = "urldecode";
		return dec_url(v->p, v->len, max, 0, d);
	case FN_RAWURL:
		*name = "rawurldecode";
		return dec_url(v->p, v->len, max, 1, d);
	case FN_UU:
		*name = "convert_uudecode";
		return dec_uu(v->p, v->len, max, d);
	default:
		return -1;
	}
}

/* The name a Perl script gives the decoder (the PHP one if the same). */
static const char *
perl_name(enum fn fn, const char *name)
{
	static const struct {
		enum fn fn;
		const char *name;
	} pn[] = {{FN_UU, "unpack_u"},        {FN_PACK, "pack_H"},
	          {FN_B64, "decode_base64"},  {FN_UNCOMPRESS, "uncompress"},
	          {FN_GZDECODE, "memGunzip"}, {FN_REV, "reverse"}};

	for (size_t k = 0; k < sizeof(pn) / sizeof(pn[0]); k++)
		if (pn[k].fn == fn)
			name = pn[k].name;
	return name;
}

/* Applies a decoder to v in place; 0 when it does not apply. */
static int
apply_decoder(struct php *p, enum fn fn, struct val *v)
{
	struct dec_out d = {0};
	const char *name = NULL;

	if (run_decoder(fn, v, dctx_budget(p->c), &d, &name) != 0)
		return 0;
	if (p->lx.perl)
		name = perl_name(fn, name);
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

/* ev_expr from the top; remembers where nesting went past the bound. */
int
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
