/*
 * heur.h: the heuristic engine (libyara). Indicator rules live in
 * <sigdir>/yara/ *.yar (and the user's --rules DIR); each rule carries
 * meta: score = N, category = "...", description = "...". The rules are
 * compiled once and shared by every worker thread.
 */
#ifndef SS_HEUR_H
#define SS_HEUR_H

#include <stddef.h>

#include "common/result.h"

struct heur;

/* NULL + err (naming the file and line) when a rule does not compile. */
struct heur *heur_load(const char *sigdir, const char *rules_dir, char *err,
                       size_t errlen);
void heur_free(struct heur *h);
unsigned int heur_rule_count(const struct heur *h);

/*
 * Runs the rules over one layer of text and adds an indicator to r for
 * every matched rule not already matched in an earlier layer (evidence is
 * kept per rule, first layer wins). The engine gives up after
 * timeout_sec seconds (at least 1). Returns 0, or -1 if the engine failed
 * (timeout, memory); rules matched before that are kept.
 */
int heur_scan_layer(const struct heur *h, const unsigned char *buf, size_t len,
                    int layer, const char *chain, int timeout_sec,
                    struct scan_result *r);

/* The rules' time budget for one file, over all its layers (seconds). */
#define HEUR_FILE_BUDGET_SEC 10

/* Sums the scores of the distinct matched rules into r->score, and when
 * it reaches threshold (and r is not infected) makes r suspicious, named
 * SpamSweep.Heuristic.<Category> after the strongest indicator. */
void heur_verdict(struct scan_result *r, int threshold);

#endif
