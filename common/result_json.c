/*
 * result_json.c: one scan result as JSON (schema in doc/report-schema.md),
 * shared by the report and the quarantine's metadata records. A name that
 * is valid UTF-8 is written as is; one that is not is written escaped
 * (pathfmt.h) in "path" with the exact bytes in "path_base64", which then
 * is the authority.
 */
#include "common/result_json.h"
#include "common/pathfmt.h"
#include "common/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void
json_set_bytes(json_t *obj, const char *key, const char *s)
{
	size_t n = strlen(s);

	if (utf8_valid(s, n)) {
		json_object_set_new(obj, key, json_stringn(s, n));
		return;
	}
	char *esc = text_escape(s, n);
	char *b64 = base64_encode((const unsigned char *)s, n);
	char *k64 = xasprintf("%s_base64", key);
	json_object_set_new(obj, key, json_string(esc));
	json_object_set_new(obj, k64, json_string(b64));
	free(esc);
	free(b64);
	free(k64);
}

void
json_set_opt_bytes(json_t *o, const char *key, const char *s)
{
	if (s)
		json_set_bytes(o, key, s);
	else
		json_object_set_new(o, key, json_null());
}

static json_t *
json_indicator(const struct indicator *in)
{
	json_t *o = json_object();

	json_set_opt_bytes(o, "name", in->name);
	json_set_opt_bytes(o, "category", in->category);
	json_set_opt_bytes(o, "description", in->description);
	json_object_set_new(o, "score", json_integer(in->score));
	json_object_set_new(o, "layer", json_integer(in->layer));
	json_set_opt_bytes(o, "chain", in->chain ? in->chain : "");
	json_object_set_new(o, "line", json_integer(in->line));
	json_set_opt_bytes(o, "excerpt", in->excerpt);
	return o;
}

static void
set_stat(json_t *o, const struct stat *st)
{
	json_object_set_new(o, "size", json_integer((json_int_t)st->st_size));
	json_object_set_new(o, "uid", json_integer((json_int_t)st->st_uid));
	json_object_set_new(o, "gid", json_integer((json_int_t)st->st_gid));
	json_object_set_new(o, "mode",
	                    json_integer((json_int_t)(st->st_mode & 07777)));
	json_object_set_new(o, "mtime", json_integer((json_int_t)st->st_mtime));
	json_object_set_new(o, "ctime", json_integer((json_int_t)st->st_ctime));
	json_object_set_new(o, "dev", json_integer((json_int_t)st->st_dev));
	json_object_set_new(o, "ino", json_integer((json_int_t)st->st_ino));
}

json_t *
json_result(const struct scan_result *r)
{
	json_t *o = json_object(), *ev = json_array();
	char hex[65];

	json_set_bytes(o, "path", r->path);
	json_object_set_new(o, "verdict",
	                    json_string(verdict_name(r->verdict)));
	json_set_opt_bytes(o, "name", r->signame);
	json_object_set_new(o, "score", json_integer(r->score));
	json_object_set_new(o, "lang", json_string(lang_name(r->lang)));
	json_set_opt_bytes(o, "reason", r->reason);
	if (r->have_hash) {
		result_sha256_hex(r, hex);
		json_object_set_new(o, "sha256", json_string(hex));
	}
	if (r->have_stat)
		set_stat(o, &r->st);
	for (size_t i = 0; i < r->n_ind; i++)
		json_array_append_new(ev, json_indicator(&r->ind[i]));
	json_object_set_new(o, "evidence", ev);
	if (r->action) {
		json_object_set_new(o, "action", json_string(r->action));
		json_set_opt_bytes(o, "action_id", r->action_id);
	}
	return o;
}
