/*
 * cache.c: opening and closing the incremental-scan cache: the database
 * checked against the schema and signature-set key (emptied on a
 * mismatch, rebuilt when corrupt, kept and left alone when it cannot be
 * used for any other reason) and loaded into memory; at close the
 * pending writes, the forgetting of unseen files, the time of a full
 * run. See cache.h; the tables, loading, writing and lookups have files
 * of their own.
 */
#include "scanner/cache/cache.h"
#include "common/util.h"
#include "scanner/cache/cache_db.h"
#include "scanner/cache/cache_load.h"
#include "scanner/cache/cache_state.h"
#include "scanner/cache/cache_table.h"
#include "scanner/cache/cache_write.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
free_tables(struct cache *c)
{
	ctab_free(&c->t);
	free(c->fdirty);
	free(c->cdirty);
	c->fdirty = NULL;
	c->cdirty = NULL;
	c->nfdirty = c->ncdirty = 0;
	c->capfdirty = c->capcdirty = 0;
}

/* Schema, key check (emptying on mismatch), load. -1: corrupt. */
static int
prepare(struct cache *c, const char *sigkey)
{
	char *schema, *key, *full;
	int ok;

	if (cdb_exec(c, cdb_schema_sql) != 0)
		return -1;
	schema = cdb_meta_get(c, "schema");
	key = cdb_meta_get(c, "sigkey");
	ok = schema && key && strcmp(schema, CACHE_SCHEMA) == 0 &&
	     strcmp(key, sigkey) == 0;
	free(schema);
	free(key);
	if (!ok) {
		/* dropped, not emptied: an older schema's tables have
		 * other columns */
		c->reset = 1;
		if (cdb_exec(c, "BEGIN; DROP TABLE IF EXISTS files;"
		                "DROP TABLE IF EXISTS content;"
		                "DELETE FROM meta;") != 0 ||
		    cdb_exec(c, cdb_tables_sql) != 0 ||
		    cdb_meta_set(c, "schema", CACHE_SCHEMA) != 0 ||
		    cdb_meta_set(c, "sigkey", sigkey) != 0 ||
		    cdb_exec(c, "COMMIT") != 0)
			return -1;
		return 0;
	}
	if (cdb_exec(c, cdb_tables_sql) != 0)
		return -1;
	full = cdb_meta_get(c, "last_full");
	c->last_full = full ? (time_t)strtoll(full, NULL, 10) : 0;
	free(full);
	return cache_load(c);
}

static void
remove_db(const char *path)
{
	const char *sfx[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

/* The SQLite code of the failure that made the open fail. */
static int
open_error(struct cache *c, int rc)
{
	if (rc != SQLITE_OK)
		return rc;
	if (c->load_rc != SQLITE_OK)
		return c->load_rc;
	rc = sqlite3_extended_errcode(c->db);
	return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/* Opens and loads the database: SQLITE_OK, or the code of the failure
 * (with *why set), the connection closed and the tables empty. */
static int
try_open(struct cache *c, const char *sigkey, char *why, size_t whylen)
{
	/* NOMUTEX: every use of the connection is under c->lock already,
	 * and SQLite's own mutex around each column read costs a tenth of
	 * the load */
	int rc = sqlite3_open_v2(c->path, &c->db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                             SQLITE_OPEN_NOMUTEX,
	                         NULL);

	c->quiet = 1;
	c->load_rc = SQLITE_OK;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(c->db, 5000);
		if (prepare(c, sigkey) == 0) {
			c->quiet = 0;
			return SQLITE_OK;
		}
	}
	rc = open_error(c, rc);
	cdb_why(c, rc, why, whylen);
	c->quiet = 0;
	sqlite3_close(c->db);
	c->db = NULL;
	free_tables(c);
	ctab_init(&c->t);
	return rc;
}

static struct cache *
give_up(struct cache *c)
{
	free_tables(c);
	free(c->path);
	pthread_rwlock_destroy(&c->lock);
	free(c);
	return NULL;
}

/*
 * Only a database that SQLite finds damaged is removed and rebuilt. Any
 * other failure (a full disk, an I/O error, a read-only file, a lock) says
 * nothing about the file, which is kept as it is for the next run: this
 * one scans without a cache.
 */
struct cache *
cache_open(const char *path, const char *sigkey)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	char why[256];
	mode_t old;
	int rc;

	pthread_rwlock_init(&c->lock, NULL);
	c->path = xstrdup(path);
	ctab_init(&c->t);
	mkdir_parents(path, 0700);
	old = umask(077);
	rc = try_open(c, sigkey, why, sizeof(why));
	if (rc != SQLITE_OK && !cdb_is_corrupt(rc)) {
		ss_warning("cache %s: cannot use it: %s; scanning without a "
		           "cache (the file is kept)",
		           path, why);
		umask(old);
		return give_up(c);
	}
	if (rc != SQLITE_OK) {
		ss_warning("cache %s: %s: corrupt; rebuilding it (this run "
		           "scans everything)",
		           path, why);
		remove_db(path);
		if (try_open(c, sigkey, why, sizeof(why)) != SQLITE_OK) {
			ss_warning("cache %s: cannot be rebuilt: %s; scanning "
			           "without a cache",
			           path, why);
			umask(old);
			return give_up(c);
		}
		c->reset = 1;
	}
	umask(old);
	return c;
}

int
cache_was_reset(const struct cache *c)
{
	return c->reset;
}

time_t
cache_last_full(const struct cache *c)
{
	return c->last_full;
}

int
cache_same_roots(struct cache *c, const char *roots)
{
	char *old;
	int same;

	pthread_rwlock_wrlock(&c->lock);
	old = c->db ? cdb_meta_get(c, "roots") : NULL;
	same = old && strcmp(old, roots) == 0;
	if (c->db && !same)
		cdb_meta_set(c, "roots", roots);
	pthread_rwlock_unlock(&c->lock);
	free(old);
	return same;
}

size_t
cache_size(const struct cache *c)
{
	return c->t.files.count;
}

int
cache_close(struct cache *c, int complete, int full)
{
	int rc = 0;

	if (!c)
		return 0;
	pthread_rwlock_wrlock(&c->lock);
	if (cache_write_pending(c) != 0)
		rc = -1;
	if (rc == 0 && complete && cache_forget_unseen(c) != 0)
		rc = -1;
	if (rc == 0 && full) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)time(NULL));
		if (cdb_meta_set(c, "last_full", buf) != 0)
			rc = -1;
	}
	pthread_rwlock_unlock(&c->lock);
	if (c->db) {
		sqlite3_exec(c->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL,
		             NULL, NULL);
		if (sqlite3_close(c->db) != SQLITE_OK)
			rc = -1;
	}
	free_tables(c);
	pthread_rwlock_destroy(&c->lock);
	free(c->path);
	free(c);
	return rc;
}
