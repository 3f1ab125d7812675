/*
 * report_json.c: summaries and run facts as JSON (schema in
 * doc/report-schema.md); each result is written by result_json.h.
 */
#include "common/result_json.h"
#include "common/util.h"
#include "scanner/report/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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

	json_object_set_new(o, "complete",
	                    json_boolean(!summary_incomplete(s)));
	if (s->stopped)
		json_object_set_new(o, "stopped", json_string(s->stopped));
	else if (s->incomplete)
		json_object_set_new(o, "incomplete",
		                    json_string(s->incomplete));
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
	json_set_opt_bytes(sc, "sigdir", m->sigdir);
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
