/*
 * report_json.c: results, summaries and run facts as JSON (schema in
 * doc/report-schema.md). A name that is valid UTF-8 is written as is; one
 * that is not is written escaped (pathfmt.h) in "path" with the exact bytes
 * in "path_base64", which then is the authority.
 */
#include "report.h"
#include "pathfmt.h"
#include "util.h"

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

static void
set_opt_bytes(json_t *o, const char *key, const char *s)
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

	set_opt_bytes(o, "name", in->name);
	set_opt_bytes(o, "category", in->category);
	set_opt_bytes(o, "description", in->description);
	json_object_set_new(o, "score", json_integer(in->score));
	json_object_set_new(o, "layer", json_integer(in->layer));
	set_opt_bytes(o, "chain", in->chain ? in->chain : "");
	json_object_set_new(o, "line", json_integer(in->line));
	set_opt_bytes(o, "excerpt", in->excerpt);
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
	set_opt_bytes(o, "name", r->signame);
	json_object_set_new(o, "score", json_integer(r->score));
	json_object_set_new(o, "lang", json_string(lang_name(r->lang)));
	set_opt_bytes(o, "reason", r->reason);
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
		set_opt_bytes(o, "action_id", r->action_id);
	}
	return o;
}

static json_t *
json_summary_counts(const struct scan_summary *s)
{
	return json_pack(
	    "{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
	    " s:I, s:I, s:I, s:I, s:f, s:f}",
	    "directories", (json_int_t)s->dirs, "files_seen",
	    (json_int_t)s->seen, "scanned", (json_int_t)s->scanned, "skipped",
	    (json_int_t)s->skipped, "not_scripts", (json_int_t)s->not_scripts,
	    "special_files", (json_int_t)s->special, "symlinks",
	    (json_int_t)s->symlinks, "infected", (json_int_t)s->infected,
	    "suspicious", (json_int_t)s->suspicious, "errors",
	    (json_int_t)s->errors, "identical_content_reused",
	    (json_int_t)s->dedup_hits, "cache_hits", (json_int_t)s->cache_hits,
	    "analyzed", (json_int_t)s->analyzed, "quarantined",
	    (json_int_t)s->quarantined, "bytes_scanned",
	    (json_int_t)s->bytes_scanned, "bytes_read",
	    (json_int_t)s->bytes_read, "load_seconds", s->load_seconds,
	    "seconds", s->elapsed);
}

json_t *
json_summary(const struct scan_summary *s)
{
	json_t *o = json_summary_counts(s);

	json_object_set_new(o, "complete", json_boolean(!s->stopped));
	if (s->stopped)
		json_object_set_new(o, "stopped", json_string(s->stopped));
	return o;
}

static json_t *
iso_time(time_t t)
{
	char buf[64];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

json_t *
json_meta(const struct report_meta *m, const char *command)
{
	json_t *o = json_object(), *roots = json_array(), *sc;

	json_object_set_new(o, "schema", json_string("spamsweep-report"));
	json_object_set_new(o, "schema_version",
	                    json_integer(REPORT_SCHEMA_VERSION));
	json_object_set_new(o, "command", json_string(command));
	json_object_set_new(o, "scan_id", json_string(m->scan_id));
	json_object_set_new(o, "host", json_string(m->host));
	sc = json_pack("{s:s, s:s, s:s, s:I, s:s, s:i}", "name", PACKAGE_NAME,
	               "version", PACKAGE_VERSION, "engine", m->engine_version,
	               "signatures", (json_int_t)m->signatures, "databases",
	               m->db_versions, "threshold", m->threshold);
	set_opt_bytes(sc, "sigdir", m->sigdir);
	json_object_set_new(o, "scanner", sc);
	for (size_t i = 0; i < m->nroots; i++) {
		json_t *r = json_object();
		json_set_bytes(r, "path", m->roots[i]);
		json_array_append_new(roots, r);
	}
	json_object_set_new(o, "roots", roots);
	return o;
}

json_t *
json_times(time_t start, time_t end)
{
	return json_pack("{s:o, s:o}", "started", iso_time(start), "finished",
	                 iso_time(end));
}
