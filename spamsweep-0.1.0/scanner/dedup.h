/*
 * dedup.h: verdicts by content within one run. The same WordPress file sits
 * in hundreds of vhosts; its content is scanned once and every copy gets
 * the stored verdict and evidence. Keyed by SHA-256, thread-safe.
 */
#ifndef SS_DEDUP_H
#define SS_DEDUP_H

#include "result.h"

struct dedup;

struct dedup *dedup_new(void);
void dedup_free(struct dedup *d);
/* Copies the stored findings for r->sha256 into r; 1 if found, else 0. */
int dedup_lookup(struct dedup *d, struct scan_result *r);
/* Stores r's findings under r->sha256 (first writer wins). */
void dedup_store(struct dedup *d, const struct scan_result *r);

#endif
