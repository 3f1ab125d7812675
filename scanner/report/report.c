/*
 * report.c: fans results out to text, JSON lines and the JSON report, and
 * writes a report file atomically (temporary file, fsync, rename) so a
 * monitoring system never reads half a report. Only a regular file (or a
 * new name) is replaced so: "-", standard output, a device, a FIFO or
 * whatever a symlink leads to is written directly, never renamed over.
 */
#include "scanner/report/report.h"
#include "common/result_json.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct report {
	struct report_config cfg;
	json_t *results; /* findings, errors and skips (clean files are
	                    counted, not listed) */
	char *tmp_path;  /* NULL: json_fd is written directly */
	int json_fd;
};

/* The fd of a --json target that is not replaced by a rename, or -1 with
 * errno; -2 when the target is a regular file or a new name. */
static int
direct_fd(const char *path)
{
	struct stat st, out;

	if (strcmp(path, "-") == 0)
		return fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? -2 : -1;
	if (S_ISREG(st.st_mode))
		return -2;
	if (stat(path, &st) == 0 && fstat(STDOUT_FILENO, &out) == 0 &&
	    st.st_dev == out.st_dev && st.st_ino == out.st_ino)
		return fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
	return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC,
	            0644);
}

/* The report's fd: direct, or a temporary file beside the target. */
static int
open_json(struct report *rep, const char *path)
{
	int fd = direct_fd(path);

	if (fd != -2)
		return fd;
	rep->tmp_path = xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(rep->tmp_path);
	if (fd < 0) {
		free(rep->tmp_path);
		rep->tmp_path = NULL;
		return -1;
	}
	fchmod(fd, 0644);
	return fd;
}

struct report *
report_open(const struct report_config *cfg, char *err, size_t errlen)
{
	struct report *rep = xcalloc(1, sizeof(*rep));

	rep->cfg = *cfg;
	rep->json_fd = -1;
	rep->results = json_array();
	if (cfg->json_path) {
		rep->json_fd = open_json(rep, cfg->json_path);
		if (rep->json_fd < 0) {
			snprintf(err, errlen, "%s: cannot write the report: %s",
			         cfg->json_path, strerror(errno));
			report_free(rep);
			return NULL;
		}
	}
	return rep;
}

static void
jsonl_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);

	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
}

void
report_result(struct report *rep, const struct scan_result *r)
{
	int listed = r->verdict != V_CLEAN;
	int finding = r->verdict == V_INFECTED || r->verdict == V_SUSPICIOUS;

	if (!rep->cfg.quiet && !rep->cfg.jsonl &&
	    (finding || !rep->cfg.findings_only))
		text_result(stdout, stderr, r, rep->cfg.infected_only,
		            rep->cfg.explain);
	if (rep->cfg.jsonl && listed) {
		json_t *o = json_result(r);
		json_object_set_new(o, "type", json_string("result"));
		jsonl_line(o);
		json_decref(o);
	}
	if (rep->json_fd >= 0 && listed)
		json_array_append_new(rep->results, json_result(r));
}

static int
write_json(struct report *rep, json_t *doc, char *err, size_t errlen)
{
	int rc =
	    json_dumpfd(doc, rep->json_fd, JSON_INDENT(2) | JSON_SORT_KEYS);

	if (rc == 0 && write(rep->json_fd, "\n", 1) != 1)
		rc = -1;
	if (rc == 0 && rep->tmp_path && fsync(rep->json_fd) != 0)
		rc = -1;
	if (close(rep->json_fd) != 0)
		rc = -1;
	rep->json_fd = -1;
	if (rc == 0 && rep->tmp_path &&
	    rename(rep->tmp_path, rep->cfg.json_path) != 0)
		rc = -1;
	if (rc != 0) {
		snprintf(err, errlen, "%s: cannot write the report: %s",
		         rep->cfg.json_path, strerror(errno));
		if (rep->tmp_path)
			unlink(rep->tmp_path);
	}
	return rc;
}

int
report_finish(struct report *rep, const struct report_meta *meta,
              const struct scan_summary *s, char *err, size_t errlen)
{
	int rc = 0;

	if (!rep->cfg.quiet && !rep->cfg.jsonl && !rep->cfg.no_summary &&
	    (!rep->cfg.findings_only || s->infected || s->suspicious))
		summary_print(stdout, s);
	if (rep->cfg.jsonl) {
		json_t *o = json_summary(s);
		json_object_set_new(o, "type", json_string("summary"));
		jsonl_line(o);
		json_decref(o);
	}
	flush_stdout(); /* a failure is main's to report */
	if (rep->json_fd >= 0) {
		json_t *doc = json_meta(meta, rep->cfg.command);
		json_object_update_new(doc, json_times(s->start, s->end));
		json_object_set_new(doc, "summary", json_summary(s));
		json_object_set(doc, "results", rep->results);
		rc = write_json(rep, doc, err, errlen);
		json_decref(doc);
	}
	return rc;
}

void
report_free(struct report *rep)
{
	if (!rep)
		return;
	if (rep->json_fd >= 0) {
		close(rep->json_fd);
		if (rep->tmp_path)
			unlink(rep->tmp_path);
	}
	json_decref(rep->results);
	free(rep->tmp_path);
	free(rep);
}
