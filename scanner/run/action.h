/*
 * action.h: what happens after a finding, for `scan --quarantine` and
 * `nightly` alike: the quarantine's finding hook, the one rescan of files
 * that changed between the scan and the move, and the exit status. Both
 * commands go through action_run(), so the two cannot drift apart.
 */
#ifndef SS_ACTION_H
#define SS_ACTION_H

#include <stddef.h>

#include "common/result.h"

struct scan_config;
struct action;

struct action_config {
	enum verdict quarantine; /* V_CLEAN: report only; V_INFECTED:
	                            infected findings; V_SUSPICIOUS: both */
	const char *vault_dir;   /* NULL: VAULT_DEFAULT_DIR */
	const char *command;     /* "scan" or "nightly", for the vault */
};

/* Opens the vault when the action moves files, and sets cfg's finding
 * hook and scan id (the same id in the report and the vault). NULL after
 * a one-line error: the vault cannot be opened. */
struct action *action_open(const struct action_config *ac,
                           struct scan_config *cfg);

/* scan_run() with the action applied, then the rescan; returns the exit
 * status of action_status(). */
int action_run(struct action *a, struct scan_config *cfg, char *const *paths,
               size_t n);

void action_close(struct action *a);

/*
 * The exit status of a run, the one table of README, spamsweep(1) and
 * doc/: 0 nothing found; 1 something found (per-file errors and an
 * incomplete run do not mask it); 2 errors and nothing found, or a
 * quarantine move that was asked for and failed (whatever was found: the
 * finding is still in place); scan_run() itself gives 2 for a JSON report
 * that was asked for and not written. `first` and `again` are scan_run()'s
 * statuses of the main pass and the rescan (0 when there was none).
 */
int action_status(int first, int again, unsigned long failed_moves);

#endif
