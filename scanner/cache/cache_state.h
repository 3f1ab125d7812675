/*
 * cache_state.h: the state of an open cache, shared by the cache's files
 * (cache.c opens and closes, cache_load.c reads the database,
 * cache_write.c writes it, cache_record.c looks up and records). Not a
 * public API: see cache.h.
 */
#ifndef SS_CACHE_STATE_H
#define SS_CACHE_STATE_H

#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "scanner/cache/cache_table.h"

struct cache {
	pthread_rwlock_t lock; /* lookups read; records and writes write */
	sqlite3 *db;
	char *path;
	struct cache_tables t;
	/* entries changed since the last write */
	struct fnode **fdirty;
	size_t nfdirty, capfdirty;
	struct cnode **cdirty;
	size_t ncdirty, capcdirty;
	int reset, changed;
	time_t last_full;
	int quiet;        /* opening: failures are told once, by cache_open */
	int load_rc;      /* the SQLite code that made the load fail */
	int write_failed; /* a write failed (warned): write nothing more */
};

#endif
