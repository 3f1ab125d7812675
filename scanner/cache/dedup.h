/*
 * dedup.h: verdicts by content within one run. The same WordPress file sits
 * in hundreds of vhosts; its content is scanned once and every copy gets
 * the stored verdict and evidence. Keyed by SHA-256, thread-safe.
 */
#ifndef SS_DEDUP_H
#define SS_DEDUP_H

#include "common/result.h"

struct dedup;

struct dedup *dedup_new(void);
void dedup_free(struct dedup *d);
/* Copies the stored findings for r->sha256 into r; 1 if found, else 0. */
int dedup_lookup(struct dedup *d, struct scan_result *r);
/* Like dedup_lookup, but a miss claims the content: other threads that
 * ask for it wait until the claimer calls dedup_store (which must follow
 * a 0 return), so identical content is analyzed once even when its
 * copies reach the workers at the same time. */
int dedup_claim(struct dedup *d, struct scan_result *r);
/* Stores r's findings under r->sha256 (first writer wins); a result that
 * is not a verdict (an error) only releases a claim. */
void dedup_store(struct dedup *d, const struct scan_result *r);

#endif
