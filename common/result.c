/*
 * result.c: construction, copying and destruction of scan results and
 * their evidence.
 */
#include "common/result.h"
#include "common/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
verdict_name(enum verdict v)
{
	switch (v) {
	case V_CLEAN:
		return "clean";
	case V_SUSPICIOUS:
		return "suspicious";
	case V_INFECTED:
		return "infected";
	case V_SKIPPED:
		return "skipped";
	case V_ERROR:
		return "error";
	}
	return "unknown";
}

const char *
lang_name(enum lang l)
{
	switch (l) {
	case LANG_PHP:
		return "php";
	case LANG_PERL:
		return "perl";
	case LANG_OTHER:
		return "other";
	case LANG_CONFIG:
		return "config";
	case LANG_NONE:
		break;
	}
	return "none";
}

void
result_init(struct scan_result *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->path = xstrdup(path);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
indicator_free(struct indicator *in)
{
	free(in->name);
	free(in->category);
	free(in->description);
	free(in->chain);
	free(in->excerpt);
}

void
result_free(struct scan_result *r)
{
	for (size_t i = 0; i < r->n_ind; i++)
		indicator_free(&r->ind[i]);
	free(r->ind);
	free(r->path);
	free(r->signame);
	free(r->reason);
	free(r->action);
	free(r->action_id);
	memset(r, 0, sizeof(*r));
}

void
result_add_indicator(struct scan_result *r, const struct indicator *in)
{
	struct indicator *d;

	if (r->n_ind == r->cap_ind) {
		r->cap_ind = r->cap_ind ? r->cap_ind * 2 : 4;
		r->ind = xrealloc(r->ind, r->cap_ind * sizeof(*r->ind));
	}
	d = &r->ind[r->n_ind++];
	d->name = dup_or_null(in->name);
	d->category = dup_or_null(in->category);
	d->description = dup_or_null(in->description);
	d->score = in->score;
	d->layer = in->layer;
	d->chain = xstrdup(in->chain ? in->chain : "");
	d->line = in->line;
	d->excerpt = dup_or_null(in->excerpt);
}

void
result_copy_findings(struct scan_result *dst, const struct scan_result *src)
{
	dst->verdict = src->verdict;
	dst->lang = src->lang;
	dst->score = src->score;
	free(dst->signame);
	dst->signame = dup_or_null(src->signame);
	for (size_t i = 0; i < src->n_ind; i++)
		result_add_indicator(dst, &src->ind[i]);
}

static void
set_reason(struct scan_result *r, enum verdict v, const char *fmt, va_list ap)
{
	free(r->reason);
	if (vasprintf(&r->reason, fmt, ap) < 0)
		r->reason = xstrdup("(no memory for the reason)");
	r->verdict = v;
}

void
result_set_error(struct scan_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_reason(r, V_ERROR, fmt, ap);
	va_end(ap);
}

void
result_set_skipped(struct scan_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_reason(r, V_SKIPPED, fmt, ap);
	va_end(ap);
}

void
result_sha256_hex(const struct scan_result *r, char *buf)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		buf[2 * i] = hex[r->sha256[i] >> 4];
		buf[2 * i + 1] = hex[r->sha256[i] & 15];
	}
	buf[64] = '\0';
}
