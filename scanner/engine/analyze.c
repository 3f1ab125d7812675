/*
 * analyze.c: combines the engines into one verdict. A signature match
 * (infected) always wins over heuristics (suspicious).
 *
 * With heuristics on, PHP and Perl files are deobfuscated (deobf.h): the
 * rules run over the raw bytes, the normalized text (both layer 0) and
 * every decoded layer; libclamav runs over the raw bytes and every decoded
 * layer. Other files (configuration files, anything under --all-files)
 * get both engines over their raw bytes only. A deobfuscation bound hit
 * is itself an indicator.
 */
#include "scanner/engine/analyze.h"
#include "common/util.h"
#include "scanner/deobf/deobf.h"
#include "scanner/engine/clam.h"
#include "scanner/engine/heur.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_SCORE 5

static void
add_signature(struct scan_result *r, const char *virname, int layer,
              const char *chain)
{
	char *desc = layer ? xasprintf("ClamAV signature match in decoded "
	                               "layer %d (%s)",
	                               layer, chain)
	                   : NULL;
	struct indicator in = {
	    .name = (char *)virname,
	    .category = (char *)"signature",
	    .description = desc ? desc : (char *)"ClamAV signature match",
	    .layer = layer,
	    .chain = (char *)chain,
	};

	result_add_indicator(r, &in);
	free(desc);
	if (r->verdict != V_INFECTED) {
		r->verdict = V_INFECTED;
		free(r->signame);
		r->signame = xstrdup(virname);
	}
}

static void
add_limit(struct scan_result *r, const char *which, const struct layers *l)
{
	char name[64];
	char *desc;
	struct indicator in = {
	    .category = (char *)"obfuscation",
	    .score = LIMIT_SCORE,
	    .chain = (char *)"",
	};

	snprintf(name, sizeof(name), "SpamSweep.Limit.%c%s",
	         which[0] - 'a' + 'A', which + 1);
	desc = xasprintf("deobfuscation stopped at its %s bound after %zu "
	                 "layers: the file nests or expands its payload beyond "
	                 "what legitimate code does",
	                 which, l->n);
	in.name = name;
	in.description = desc;
	if (l->n) {
		in.layer = l->v[l->n - 1].depth;
		in.chain = l->v[l->n - 1].chain;
	}
	result_add_indicator(r, &in);
	free(desc);
}

/*
 * The rules engine gave up on a layer (its time or memory limit). Why an
 * indicator and not an error: a file crafted to stall the rules must not
 * lose the verdict the other layers and libclamav already gave it.
 */
static void
add_rules_limit(struct scan_result *r, int layer, const char *chain)
{
	struct indicator in = {
	    .name = (char *)"SpamSweep.Limit.Rules",
	    .category = (char *)"obfuscation",
	    .description = (char *)"the rules engine hit its time or memory "
	                           "limit on this layer",
	    .score = LIMIT_SCORE,
	    .layer = layer,
	    .chain = (char *)chain,
	};

	for (size_t i = 0; i < r->n_ind; i++)
		if (strcmp(r->ind[i].name, in.name) == 0)
			return;
	result_add_indicator(r, &in);
}

/*
 * One layer through the rules, within what is left of the file's time
 * budget (*deadline, monotonic seconds): a file cannot make the rules run
 * longer than HEUR_FILE_BUDGET_SEC in all, however many layers it has.
 */
static void
rules_on_layer(const struct engines *e, const unsigned char *buf, size_t len,
               int depth, const char *chain, double deadline,
               struct scan_result *r)
{
	double left = deadline - now_seconds();

	if (left < 0.5 || heur_scan_layer(e->heur, buf, len, depth, chain,
	                                  (int)(left + 0.5), r) != 0)
		add_rules_limit(r, depth, chain);
}

/* Rules over every layer, signatures over the decoded ones. */
static void
scan_layers(const struct engines *e, const struct layers *l, double deadline,
            struct scan_result *r)
{
	char err[512];

	for (size_t i = 0; i < l->n; i++) {
		const struct layer *ly = &l->v[i];
		const char *virname = NULL;
		unsigned long scanned = 0;

		rules_on_layer(e, ly->data, ly->len, ly->depth, ly->chain,
		               deadline, r);
		if (ly->depth < 1)
			continue;
		/* signatures are written against code as written: the payload
		 * as decoded first, then its normalized text */
		if (ly->raw_len &&
		    clam_scan_mem(e->clam, ly->raw, ly->raw_len, r->path,
		                  &virname, &scanned, err, sizeof(err)) == 1) {
			add_signature(r, virname, ly->depth, ly->chain);
			continue;
		}
		if (ly->len &&
		    clam_scan_mem(e->clam, ly->data, ly->len, r->path, &virname,
		                  &scanned, err, sizeof(err)) == 1)
			add_signature(r, virname, ly->depth, ly->chain);
	}
}

/* The rules' budget for one file. SPAMSWEEP_TEST_RULES_BUDGET_SEC lowers
 * it for the test suite only, so that a test of a stalling rule does not
 * wait ten seconds; read once, as workers call this for every file. */
static double rules_budget = HEUR_FILE_BUDGET_SEC;
static pthread_once_t budget_once = PTHREAD_ONCE_INIT;

static void
read_budget(void)
{
	const char *v = getenv("SPAMSWEEP_TEST_RULES_BUDGET_SEC");
	double d = v ? atof(v) : 0;

	if (d >= 1 && d < HEUR_FILE_BUDGET_SEC)
		rules_budget = d;
}

static void
run_heuristics(const struct engines *e, const unsigned char *buf, size_t len,
               struct scan_result *r)
{
	double deadline;
	struct layers l;

	pthread_once(&budget_once, read_budget);
	deadline = now_seconds() + rules_budget;

	rules_on_layer(e, buf, len, 0, "", deadline, r);
	if (r->lang != LANG_PHP && r->lang != LANG_PERL)
		return;
	memset(&l, 0, sizeof(l));
	deobfuscate(buf, len, r->lang, &e->limits, &l);
	scan_layers(e, &l, deadline, r);
	if (l.limit_hit)
		add_limit(r, l.limit_hit, &l);
	layers_free(&l);
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
		add_signature(r, virname, 0, "");
	if (e->heur) {
		run_heuristics(e, buf, len, r);
		heur_verdict(r, e->threshold);
	}
}
