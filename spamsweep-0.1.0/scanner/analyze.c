/*
 * analyze.c: combines the engines into one verdict. A signature match
 * (infected) always wins over heuristics (suspicious).
 */
#include "analyze.h"
#include "clam.h"
#include "heur.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void
add_signature(struct scan_result *r, const char *virname, int layer)
{
	struct indicator in = {
	    .name = (char *)virname,
	    .category = (char *)"signature",
	    .description = (char *)"ClamAV signature match",
	    .layer = layer,
	};

	result_add_indicator(r, &in);
	if (r->verdict != V_INFECTED) {
		r->verdict = V_INFECTED;
		free(r->signame);
		r->signame = xstrdup(virname);
	}
}

void
analyze_buffer(const struct engines *e, const unsigned char *buf, size_t len,
               struct scan_result *r)
{
	const char *virname = NULL;
	unsigned long scanned = 0;
	char err[512];
	int rc;

	r->verdict = V_CLEAN;
	r->bytes_scanned = len;
	if (len == 0)
		return; /* nothing to match; libclamav refuses empty maps */
	rc = clam_scan_mem(e->clam, buf, len, r->path, &virname, &scanned, err,
	                   sizeof(err));
	if (rc < 0) {
		result_set_error(r, "%s", err);
		return;
	}
	if (rc == 1)
		add_signature(r, virname, 0);
	if (e->heur) {
		if (heur_scan_layer(e->heur, buf, len, 0, "", r) != 0)
			result_set_error(r, "heuristics: the rules engine "
			                    "failed (time or memory limit)");
		else
			heur_verdict(r, e->threshold);
	}
}
