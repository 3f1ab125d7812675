/*
 * report_text.c: clamscan-style text lines. Findings go to stdout as
 * "PATH: NAME FOUND"; errors and skipped files go to stderr as
 * "spamsweep: PATH: reason" so that stdout stays a list of verdicts.
 * Names are escaped (pathfmt.h) so one file is always one line.
 */
#include "common/pathfmt.h"
#include "scanner/report/report.h"

#include <stdlib.h>
#include <string.h>

static void
explain(FILE *out, const struct scan_result *r)
{
	for (size_t i = 0; i < r->n_ind; i++) {
		const struct indicator *in = &r->ind[i];
		char *ex = in->excerpt
		               ? text_escape(in->excerpt, strlen(in->excerpt))
		               : NULL;

		fprintf(out, "  %+d %s [%s] layer %d%s%s", in->score, in->name,
		        in->category ? in->category : "-", in->layer,
		        in->chain && *in->chain ? " via " : "",
		        in->chain ? in->chain : "");
		if (in->line > 0)
			fprintf(out, " line %ld", in->line);
		if (ex)
			fprintf(out, ": %s", ex);
		fputc('\n', out);
		if (in->description && *in->description)
			fprintf(out, "      %s\n", in->description);
		free(ex);
	}
	if (r->score)
		fprintf(out, "  score %d\n", r->score);
}

void
text_result(FILE *out, FILE *errout, const struct scan_result *r,
            int infected_only, int explain_all)
{
	char *p = text_escape(r->path, strlen(r->path));

	switch (r->verdict) {
	case V_INFECTED:
	case V_SUSPICIOUS:
		fprintf(out, "%s: %s FOUND\n", p, r->signame);
		if (r->action)
			fprintf(out, "%s: %s%s%s\n", p, r->action,
			        r->action_id ? " as " : "",
			        r->action_id ? r->action_id : "");
		if (explain_all)
			explain(out, r);
		break;
	case V_CLEAN:
		if (!infected_only)
			fprintf(out, "%s: OK\n", p);
		break;
	case V_SKIPPED:
		fprintf(errout, "spamsweep: %s: skipped: %s\n", p, r->reason);
		break;
	case V_ERROR:
		fprintf(errout, "spamsweep: %s: %s\n", p, r->reason);
		break;
	}
	free(p);
}
