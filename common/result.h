/*
 * result.h: what a scan says about one file. Every file the walk hands to
 * the workers ends with exactly one scan_result; reports, the quarantine
 * and the cache read it, and nothing else carries per-file state.
 */
#ifndef SS_RESULT_H
#define SS_RESULT_H

#include <stddef.h>
#include <sys/stat.h>

enum verdict {
	V_CLEAN = 0,
	V_SUSPICIOUS,
	V_INFECTED,
	V_SKIPPED, /* not scanned on purpose (too big, not a script) */
	V_ERROR,   /* could not be scanned: vanished, unreadable, ... */
};

const char *verdict_name(enum verdict v);

/* The values are stored in the nightly cache: append, never renumber.
 * LANG_CONFIG: a per-directory configuration file the web server or PHP
 * reads (.htaccess, .user.ini, php.ini), scanned without deobfuscation. */
enum lang { LANG_NONE = 0, LANG_PHP, LANG_PERL, LANG_OTHER, LANG_CONFIG };

const char *lang_name(enum lang l);

/* One piece of evidence: a signature or a heuristic indicator. */
struct indicator {
	char *name;        /* rule or signature name */
	char *category;    /* e.g. "mailer-socket", "signature" */
	char *description; /* one human sentence, may be NULL */
	int score;         /* 0 for signatures */
	int layer;         /* 0 = file as written, 1.. = decoded layers */
	char *chain;       /* decoders that produced the layer, "" for 0 */
	long line;         /* 1-based line in that layer, 0 if unknown */
	char *excerpt;     /* short excerpt of the match, may be NULL */
};

struct scan_result {
	char *path;     /* the name as found (bytes, NUL-terminated) */
	struct stat st; /* of the file as opened and scanned */
	int have_stat;
	enum verdict verdict;
	enum lang lang;
	char *signame; /* infected/suspicious: the name printed FOUND */
	char *reason;  /* error or skip: one line, no path */
	int score;     /* heuristic score */
	struct indicator *ind;
	size_t n_ind, cap_ind;
	unsigned char sha256[32];
	int have_hash;
	unsigned long long bytes_scanned;
	int dedup_hit;   /* verdict copied from identical content */
	char *action;    /* what was done about it, e.g. "quarantined" */
	char *action_id; /* e.g. the quarantine id, may be NULL */
};

void result_init(struct scan_result *r, const char *path);
void result_free(struct scan_result *r);
/* Adds a copy of *in (strings duplicated) to r's evidence. */
void result_add_indicator(struct scan_result *r, const struct indicator *in);
/* Copies verdict, names, score and evidence of src into dst. */
void result_copy_findings(struct scan_result *dst,
                          const struct scan_result *src);
void result_set_error(struct scan_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void result_set_skipped(struct scan_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Lowercase hex of the sha256, into buf of at least 65 bytes. */
void result_sha256_hex(const struct scan_result *r, char *buf);

#endif
