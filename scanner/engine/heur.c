/*
 * heur.c: libyara rules over text layers, and scoring.
 *
 * Why yr_rules_scan_mem: it is safe to call from many threads on one
 * compiled YR_RULES (libyara keeps per-thread scan state), so workers need
 * no scanner objects of their own.
 */
#include "scanner/engine/heur.h"
#include "common/util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yara.h>

#define EXCERPT_MAX 120

struct heur {
	YR_RULES *rules;
	unsigned int nrules;
};

static pthread_once_t yr_once = PTHREAD_ONCE_INIT;
static int yr_init_rc;

static void
yr_global_init(void)
{
	yr_init_rc = yr_initialize();
}

struct compile_err {
	char *buf;
	size_t len;
	int errors;
};

static void
compiler_cb(int level, const char *file, int line, const YR_RULE *rule,
            const char *msg, void *user)
{
	struct compile_err *ce = user;

	if (level != YARA_ERROR_LEVEL_ERROR || ce->errors++)
		return;
	snprintf(ce->buf, ce->len, "%s:%d: YARA rule error: %s",
	         file ? file : "?", line, msg);
}

static int
is_yara_file(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' &&
	       ((n > 4 && strcmp(name + n - 4, ".yar") == 0) ||
	        (n > 5 && strcmp(name + n - 5, ".yara") == 0));
}

/* Adds every .yar in dir. Missing dir: 0 if optional, else error. */
static int
add_dir(YR_COMPILER *c, const char *dir, int optional, struct compile_err *ce)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		if (optional && errno == ENOENT)
			return 0;
		snprintf(ce->buf, ce->len,
		         "%s: cannot read rules directory: %s", dir,
		         strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char *path;
		FILE *f;

		if (!is_yara_file(de->d_name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		f = fopen(path, "r");
		if (!f) {
			snprintf(ce->buf, ce->len, "%s: cannot read: %s", path,
			         strerror(errno));
			rc = -1;
		} else {
			if (yr_compiler_add_file(c, f, NULL, path) != 0 ||
			    ce->errors)
				rc = -1;
			fclose(f);
		}
		free(path);
	}
	closedir(d);
	return rc;
}

struct heur *
heur_load(const char *sigdir, const char *rules_dir, char *err, size_t errlen)
{
	struct compile_err ce = {err, errlen, 0};
	YR_COMPILER *c = NULL;
	struct heur *h;
	char *dir;
	int rc;

	pthread_once(&yr_once, yr_global_init);
	if (yr_init_rc != ERROR_SUCCESS || yr_compiler_create(&c) != 0) {
		snprintf(err, errlen, "libyara: cannot initialise");
		return NULL;
	}
	yr_compiler_set_callback(c, compiler_cb, &ce);
	/* rules may ask which layer they see: 0 is the file as written,
	 * 1 and up are what the deobfuscator decoded from it */
	if (yr_compiler_define_integer_variable(c, "layer", 0) !=
	    ERROR_SUCCESS) {
		snprintf(err, errlen, "libyara: cannot define 'layer'");
		yr_compiler_destroy(c);
		return NULL;
	}
	dir = xasprintf("%s/yara", sigdir);
	rc = add_dir(c, dir, 1, &ce);
	free(dir);
	if (rc == 0 && rules_dir)
		rc = add_dir(c, rules_dir, 0, &ce);
	h = xcalloc(1, sizeof(*h));
	if (rc == 0 && yr_compiler_get_rules(c, &h->rules) != ERROR_SUCCESS) {
		snprintf(err, errlen, "libyara: cannot build the rules");
		rc = -1;
	}
	yr_compiler_destroy(c);
	if (rc != 0) {
		free(h);
		return NULL;
	}
	YR_RULE *rule;
	yr_rules_foreach(h->rules, rule) h->nrules++;
	return h;
}

void
heur_free(struct heur *h)
{
	if (!h)
		return;
	if (h->rules)
		yr_rules_destroy(h->rules);
	free(h);
}

unsigned int
heur_rule_count(const struct heur *h)
{
	return h->nrules;
}

struct match_ctx {
	const unsigned char *buf;
	size_t len;
	int layer;
	const char *chain;
	struct scan_result *r;
};

static int
already_matched(const struct scan_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_ind; i++)
		if (r->ind[i].score >= 0 && strcmp(r->ind[i].name, name) == 0 &&
		    strcmp(r->ind[i].category, "signature") != 0)
			return 1;
	return 0;
}

/* Line number and a one-line excerpt around offset. */
static void
locate(const unsigned char *buf, size_t len, size_t off, long *line,
       char **excerpt)
{
	size_t start, end, n = 0;
	char *ex;

	if (off > len)
		off = len;
	*line = 1;
	for (const unsigned char *p = buf;
	     (p = memchr(p, '\n', (size_t)(buf + off - p))); p++)
		(*line)++;
	start = off;
	while (start > 0 && buf[start - 1] != '\n' && off - start < 40)
		start--;
	for (end = off;
	     end < len && buf[end] != '\n' && end - start < EXCERPT_MAX; end++)
		;
	ex = xmalloc(end - start + 1);
	for (size_t i = start; i < end; i++)
		ex[n++] =
		    (buf[i] == '\t' || buf[i] == '\r') ? ' ' : (char)buf[i];
	ex[n] = '\0';
	*excerpt = ex;
}

/*
 * The earliest offset any of the rule's strings matched at, or SIZE_MAX.
 * Why memcpy: libyara 4.2 allocates YR_MATCH records in a notebook that
 * does not keep them aligned, so a plain match->offset is a misaligned
 * access (UBSan says so; x86 forgives it, other CPUs may not).
 */
static size_t
first_offset(YR_SCAN_CONTEXT *ctx, YR_RULE *rule)
{
	YR_STRING *s;
	size_t off = SIZE_MAX;

	yr_rule_strings_foreach(rule, s)
	{
		const void *p = ctx->matches[s->idx].head;

		while (p) {
			YR_MATCH match;

			memcpy(&match, p, sizeof(match));
			if (!match.is_private && (size_t)match.offset < off)
				off = (size_t)match.offset;
			p = match.next;
		}
	}
	return off;
}

static void
rule_matched(YR_SCAN_CONTEXT *ctx, YR_RULE *rule, struct match_ctx *m)
{
	struct indicator in = {0};
	YR_META *meta;
	size_t off;

	if (already_matched(m->r, rule->identifier))
		return;
	in.name = (char *)rule->identifier;
	in.category = (char *)"heuristic";
	yr_rule_metas_foreach(rule, meta)
	{
		if (strcmp(meta->identifier, "score") == 0 &&
		    meta->type == META_TYPE_INTEGER)
			in.score = (int)meta->integer;
		else if (strcmp(meta->identifier, "category") == 0 &&
		         meta->type == META_TYPE_STRING)
			in.category = (char *)meta->string;
		else if (strcmp(meta->identifier, "description") == 0 &&
		         meta->type == META_TYPE_STRING)
			in.description = (char *)meta->string;
	}
	off = first_offset(ctx, rule);
	in.layer = m->layer;
	in.chain = (char *)m->chain;
	if (off != SIZE_MAX)
		locate(m->buf, m->len, off, &in.line, &in.excerpt);
	result_add_indicator(m->r, &in);
	free(in.excerpt);
}

static int
scan_cb(YR_SCAN_CONTEXT *ctx, int message, void *data, void *user)
{
	if (message == CALLBACK_MSG_RULE_MATCHING)
		rule_matched(ctx, data, user);
	return CALLBACK_CONTINUE;
}

int
heur_scan_layer(const struct heur *h, const unsigned char *buf, size_t len,
                int layer, const char *chain, int timeout_sec,
                struct scan_result *r)
{
	struct match_ctx m = {buf, len, layer, chain ? chain : "", r};
	YR_SCANNER *s;
	int rc;

	if (!h->nrules)
		return 0;
	/* a scanner of its own per call: the layer number is a variable of
	 * the scan, and other threads scan with the same rules meanwhile */
	if (yr_scanner_create(h->rules, &s) != ERROR_SUCCESS)
		return -1;
	yr_scanner_set_callback(s, scan_cb, &m);
	yr_scanner_set_flags(s, SCAN_FLAGS_FAST_MODE);
	yr_scanner_set_timeout(s, timeout_sec > 0 ? timeout_sec : 1);
	rc = yr_scanner_define_integer_variable(s, "layer", layer);
	if (rc == ERROR_SUCCESS)
		rc = yr_scanner_scan_mem(s, buf, len);
	yr_scanner_destroy(s);
	return rc == ERROR_SUCCESS ? 0 : -1;
}

static void
capitalise_into(char *dst, size_t n, const char *cat)
{
	size_t j = 0;
	int up = 1;

	for (size_t i = 0; cat[i] && j + 1 < n; i++) {
		if (!isalnum((unsigned char)cat[i])) {
			up = 1;
			continue;
		}
		dst[j++] = up ? (char)toupper((unsigned char)cat[i]) : cat[i];
		up = 0;
	}
	dst[j] = '\0';
}

void
heur_verdict(struct scan_result *r, int threshold)
{
	const struct indicator *best = NULL;
	char cat[64];
	int sum = 0;

	for (size_t i = 0; i < r->n_ind; i++) {
		const struct indicator *in = &r->ind[i];
		if (strcmp(in->category, "signature") == 0)
			continue;
		sum += in->score;
		if (!best || in->score > best->score)
			best = in;
	}
	r->score = sum;
	if (r->verdict == V_INFECTED || !best || sum < threshold)
		return;
	r->verdict = V_SUSPICIOUS;
	capitalise_into(cat, sizeof(cat), best->category);
	free(r->signame);
	r->signame = xasprintf("SpamSweep.Heuristic.%s", cat);
}
