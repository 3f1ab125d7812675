/*
 * action.c: the finding hook of the quarantine (qmove.h) wired into a
 * scan run, the rescan of files that changed between the scan and the
 * move, and the exit status that follows from both.
 */
#include "scanner/run/action.h"
#include "common/util.h"
#include "quarantine/qmove.h"
#include "quarantine/vault.h"
#include "scanner/run/scan.h"

#include <stdlib.h>

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

/* Files that changed between scan and move: scanned once more, without a
 * report or summary of their own (the first pass wrote them). */
static int
rescan(struct action *a, const struct scan_config *cfg)
{
	struct scan_config again = *cfg;
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
