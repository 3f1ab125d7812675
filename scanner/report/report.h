/*
 * report.h: where results go. One report per run fans each result out to
 * the text output (clamscan-style lines on stdout, problems on stderr),
 * the JSON-lines stream and the JSON report file. Callers serialise calls
 * (the scan holds a lock); the report itself is not thread-safe.
 */
#ifndef SS_REPORT_H
#define SS_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "common/result.h"
#include "common/summary.h"

#define REPORT_SCHEMA_VERSION 1

struct report_config {
	int infected_only; /* -i: print findings only */
	int no_summary;
	int explain;           /* print every indicator under a finding */
	int quiet;             /* no text output at all (jsonl or nightly) */
	int findings_only;     /* text: findings only, no errors, and the
	                          summary only when something was found */
	int jsonl;             /* stream JSON lines on stdout */
	const char *json_path; /* write the JSON report there */
	const char *command;   /* "scan" or "nightly" */
};

/* Facts about the run that go in the JSON report header. */
struct report_meta {
	const char *scan_id;
	const char *host;
	const char *const *roots;
	size_t nroots;
	unsigned int signatures;
	const char *engine_version;
	const char *db_versions;
	const char *sigdir;
	int threshold;
};

struct report;

/* Opens the outputs now, so a bad --json path fails before the scan. */
struct report *report_open(const struct report_config *cfg, char *err,
                           size_t errlen);
void report_result(struct report *rep, const struct scan_result *r);
/* Prints the summary and writes the JSON report. 0, or -1 + err. */
int report_finish(struct report *rep, const struct report_meta *meta,
                  const struct scan_summary *s, char *err, size_t errlen);
void report_free(struct report *rep);

/* Text output pieces (report_text.c). */
void text_result(FILE *out, FILE *errout, const struct scan_result *r,
                 int infected_only, int explain);

/* JSON pieces (report_json.c; results: result_json.h); the json_t types
 * stay inside. */
struct json_t;
struct json_t *json_summary(const struct scan_summary *s);
struct json_t *json_meta(const struct report_meta *m, const char *command);
struct json_t *json_times(time_t start, time_t end);

#endif
