/*
 * nightly_action.c: applying the configured Action through the
 * quarantine's finding hook (qmove.h), as `spamsweep scan --quarantine`
 * does: files that changed between the scan and the move are scanned once
 * more, and a move that failed makes the run end with errors.
 */
#include "nightly.h"
#include "nightly_config.h"
#include "qmove.h"
#include "scan.h"
#include "util.h"

#include <stdlib.h>

struct nightly_action {
	struct qmove *q; /* NULL: report only */
};

struct nightly_action *
nightly_action_new(const struct nightly_config *c, struct scan_config *s)
{
	struct nightly_action *a = xcalloc(1, sizeof(*a));
	enum verdict min;

	if (c->action == ACTION_REPORT)
		return a;
	min = c->action == ACTION_QUARANTINE_SUSPICIOUS ? V_SUSPICIOUS
	                                                : V_INFECTED;
	a->q = qmove_new(c->quarantine_dir, min, "nightly");
	if (!a->q) {
		free(a);
		return NULL;
	}
	s->on_finding = qmove_on_finding;
	s->hook_ctx = a->q;
	return a;
}

/* Files that changed between scan and move: scanned once more, without
 * a report of their own (the first pass wrote it) and without a summary. */
static int
rescan(struct nightly_action *a, const struct scan_config *s)
{
	struct scan_config again = *s;
	size_t n;
	char **paths = qmove_take_rescan(a->q, &n);
	int rc = 0;

	if (n > 0) {
		again.report.json_path = NULL;
		again.report.no_summary = 1;
		again.summary_out = NULL;
		again.progress = 0;
		rc = scan_run(&again, paths, n);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

int
nightly_action_run(struct nightly_action *a, struct scan_config *s,
                   char *const *paths, size_t n)
{
	int rc = scan_run(s, paths, n), rc2;

	if (!a->q)
		return rc;
	rc2 = rescan(a, s);
	if (rc2 == 1 || (rc2 == 2 && rc == 0))
		rc = rc2;
	if (qmove_failures(a->q) > 0 && rc == 0)
		rc = 2;
	return rc;
}

void
nightly_action_free(struct nightly_action *a)
{
	if (!a)
		return;
	qmove_free(a->q);
	free(a);
}
