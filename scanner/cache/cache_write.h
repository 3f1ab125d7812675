/*
 * cache_write.h: writing an open cache's changes to its database
 * (cache_write.c). The caller holds the cache's lock for writing.
 */
#ifndef SS_CACHE_WRITE_H
#define SS_CACHE_WRITE_H

struct cache;

/* Writes the entries changed since the last write in one transaction;
 * 0, or -1 (warned once: after a failed write, nothing more is written
 * and every later call returns -1). */
int cache_write_pending(struct cache *c);
/* Forgets the files this run did not see, and contents no file has;
 * 0, or -1 (warned as above). */
int cache_forget_unseen(struct cache *c);

#endif
