/*
 * nightly_action.c: applying the configured Action. Until the quarantine
 * is part of the build, a quarantine action is reported as unavailable and
 * the run reports only.
 */
#include "nightly.h"
#include "nightly_config.h"
#include "scan.h"
#include "util.h"

#include <stdlib.h>

struct nightly_action {
	enum action_kind action;
};

struct nightly_action *
nightly_action_new(const struct nightly_config *c, struct scan_config *s)
{
	struct nightly_action *a = xcalloc(1, sizeof(*a));

	a->action = c->action;
	if (c->action != ACTION_REPORT)
		ss_warning("Action %s: this build has no quarantine; "
			   "reporting only",
			   action_name(c->action));
	(void)s;
	return a;
}

int
nightly_action_run(struct nightly_action *a, struct scan_config *s,
		   char *const *paths, size_t n)
{
	(void)a;
	return scan_run(s, paths, n);
}

void
nightly_action_free(struct nightly_action *a)
{
	free(a);
}
