/*
 * cache_json.c: a result's findings (signature name, score, evidence) as
 * the compact JSON the cache stores per content, and back.
 */
#include "scanner/cache/cache_json.h"
#include "common/result.h"
#include "common/util.h"

#include <jansson.h>
#include <stdlib.h>

char *
cache_findings_encode(const struct scan_result *r)
{
	json_t *o, *ind = json_array();
	char *s;

	for (size_t i = 0; i < r->n_ind; i++) {
		const struct indicator *in = &r->ind[i];
		json_array_append_new(
		    ind,
		    json_pack("[s?,s?,s?,i,i,s?,I,s?]", in->name, in->category,
		              in->description, in->score, in->layer, in->chain,
		              (json_int_t)in->line, in->excerpt));
	}
	o = json_pack("{s:s?, s:i, s:o}", "name", r->signame, "score", r->score,
	              "ind", ind);
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s ? s : xstrdup("{}");
}

static const char *
str_or_null(json_t *a, size_t i)
{
	return json_string_value(json_array_get(a, i));
}

void
cache_findings_decode(const char *s, struct scan_result *r)
{
	json_t *o = json_loads(s, 0, NULL), *ind, *a;
	size_t i;

	if (!o)
		return;
	free(r->signame);
	r->signame =
	    json_string_value(json_object_get(o, "name"))
	        ? xstrdup(json_string_value(json_object_get(o, "name")))
	        : NULL;
	r->score = (int)json_integer_value(json_object_get(o, "score"));
	ind = json_object_get(o, "ind");
	json_array_foreach(ind, i, a)
	{
		struct indicator in = {
		    .name = (char *)str_or_null(a, 0),
		    .category = (char *)str_or_null(a, 1),
		    .description = (char *)str_or_null(a, 2),
		    .score = (int)json_integer_value(json_array_get(a, 3)),
		    .layer = (int)json_integer_value(json_array_get(a, 4)),
		    .chain = (char *)str_or_null(a, 5),
		    .line = (long)json_integer_value(json_array_get(a, 6)),
		    .excerpt = (char *)str_or_null(a, 7),
		};
		result_add_indicator(r, &in);
	}
	json_decref(o);
}
