/*
 * cache.h: the incremental-scan cache (SQLite, one file). It remembers,
 * per file identity (device, inode, size, mtime, ctime), the content hash
 * and the verdict, and per content hash the verdict and evidence, all for
 * one signature set (its key: sigkey.h). At open the whole table is loaded
 * into memory; lookups never touch the database. New results are written
 * in batched transactions (WAL) and at cache_close(), which also forgets
 * the files the run did not see. A cache for another signature set,
 * scanner version or schema is emptied; a corrupt one is rebuilt with a
 * warning; one that cannot be used for another reason (a full disk, an
 * I/O error, a read-only file) is left as it is, with a warning, and the
 * run goes without. Thread-safe.
 */
#ifndef SS_CACHE_H
#define SS_CACHE_H

#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include "common/result.h"

struct cache;

/* The version of the cache's tables. A cache of another schema is emptied
 * at open; it is also part of the signature-set key (sigkey.h), so that a
 * key is never shared between schemas.
 * 3: configuration files (.htaccess, .user.ini, php.ini) became scanned;
 * a cache of schema 2 remembers them as "not a script" and would skip
 * them while they stay unchanged. */
#define CACHE_SCHEMA "3"

/* Opens (creating, or rebuilding with a warning) the cache at path. NULL
 * (with a one-line warning) when no cache can be had: then scan without. */
struct cache *cache_open(const char *path, const char *sigkey);
/* Writes what is pending, forgets unseen files when complete is set,
 * records a full run when full is set, and closes. 0, or -1 (warned). */
int cache_close(struct cache *c, int complete, int full);

/* 1 when the cache was created or emptied by this open (so the run is
 * in effect a full scan). */
int cache_was_reset(const struct cache *c);
/* When the last full run finished (0: never). */
time_t cache_last_full(const struct cache *c);
/* Records the list of roots of this run ("\n"-joined); 1 when it is the
 * same as the last run's, so that a complete run may forget the files it
 * did not see (an ad-hoc run over fewer roots must not). */
int cache_same_roots(struct cache *c, const char *roots);
/* Number of files known. */
size_t cache_size(const struct cache *c);

/*
 * The identity lookup, done before the file is opened: 1 when a file with
 * this identity was seen with the same signature set. *verdict and *lang
 * tell what it was (V_CLEAN with LANG_NONE: not a script). Marks the file
 * as seen by this run.
 */
int cache_lookup_file(struct cache *c, const struct stat *st,
                      enum verdict *verdict, enum lang *lang);
/* The content lookup: copies the stored verdict and evidence for
 * r->sha256 into r; 1 if found. */
int cache_lookup_content(struct cache *c, struct scan_result *r);
/* Records the result of a file (identity from r->st, which must be set);
 * results other than clean / suspicious / infected are not cached. */
void cache_record(struct cache *c, const struct scan_result *r);

#endif
