/*
 * action.c: the finding hook of the quarantine (qmove.h) wired into a
 * scan run, the rescan of files that changed between the scan and the
 * move (each found again beneath the root it was found in, never by its
 * path), and the exit status that follows from both.
 */
#include "scanner/run/action.h"
#include "common/job.h"
#include "common/pathfmt.h"
#include "common/util.h"
#include "quarantine/qmove.h"
#include "quarantine/vault.h"
#include "scanner/run/scan.h"
#include "scanner/walk/walk_again.h"

#include <stdlib.h>
#include <string.h>

struct action {
	struct qmove *q; /* NULL: report only */
};

struct action *
action_open(const struct action_config *ac, struct scan_config *cfg)
{
	struct action *a = xcalloc(1, sizeof(*a));

	if (ac->quarantine == V_CLEAN)
		return a;
	a->q = qmove_new(ac->vault_dir ? ac->vault_dir : VAULT_DEFAULT_DIR,
	                 ac->quarantine, ac->command);
	if (!a->q) {
		free(a);
		return NULL;
	}
	cfg->on_finding = qmove_on_finding;
	cfg->hook_ctx = a->q;
	cfg->scan_id = qmove_scan_id(a->q);
	return a;
}

/* The job for one file to scan again, or NULL after a one-line warning:
 * it is found beneath its root again, never by its path. */
static struct job *
again_job(const struct qrescan *e)
{
	const char *why;
	struct job *j = walk_job_again(e->root, e->path, e->rel, &why);
	char *p;

	if (j)
		return j;
	p = text_escape(e->path, strlen(e->path));
	ss_warning("%s: not scanned again: %s", p, why);
	free(p);
	return NULL;
}

/* Files that changed between scan and move: scanned once more, without a
 * report or summary of their own (the first pass wrote them). */
static int
rescan(struct action *a, const struct scan_config *cfg)
{
	struct scan_config again = *cfg;
	size_t n, nj = 0;
	struct qrescan *v = qmove_take_rescan(a->q, &n);
	struct job **jobs = xcalloc(n + 1, sizeof(*jobs));
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if ((jobs[nj] = again_job(&v[i])) != NULL)
			nj++;
	qrescan_free(v, n);
	if (nj > 0) {
		again.report.json_path = NULL;
		again.report.no_summary = 1;
		again.summary_out = NULL;
		again.progress = 0;
		rc = scan_run_jobs(&again, jobs, nj);
	}
	free(jobs);
	return rc;
}

int
action_status(int first, int again, unsigned long failed_moves)
{
	if (failed_moves > 0)
		return 2;
	if (first == 1 || again == 1)
		return 1;
	if (first == 2 || again == 2)
		return 2;
	return 0;
}

int
action_run(struct action *a, struct scan_config *cfg, char *const *paths,
           size_t n)
{
	int first = scan_run(cfg, paths, n);

	if (!a->q)
		return action_status(first, 0, 0);
	return action_status(first, rescan(a, cfg), qmove_failures(a->q));
}

void
action_close(struct action *a)
{
	if (!a)
		return;
	qmove_free(a->q);
	free(a);
}
