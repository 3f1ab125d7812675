/*
 * cache_write.c: writing an open cache back: the entries changed since
 * the last write, in one transaction, and at the end of a complete run
 * the forgetting of the files it did not see. The first write that fails
 * (a full disk) is warned about once, and the run writes nothing more.
 */
#include "scanner/cache/cache_write.h"
#include "common/util.h"
#include "scanner/cache/cache_db.h"
#include "scanner/cache/cache_state.h"
#include "scanner/cache/cache_table.h"
#include "scanner/cache/hashtab.h"

#include <sqlite3.h>

static int
write_files(struct cache *c)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db,
	                       "INSERT OR REPLACE INTO files VALUES"
	                       " (?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < c->nfdirty && rc == SQLITE_DONE; i++) {
		struct fnode *e = c->fdirty[i];
		unsigned char stat[CDB_STAT_LEN];
		cdb_pack_stat(e, stat);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)e->dev);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)e->ino);
		sqlite3_bind_blob(st, 3, stat, CDB_STAT_LEN, SQLITE_TRANSIENT);
		if (e->has_sha)
			sqlite3_bind_blob(st, 4, e->sha, 32, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 4);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		e->dirty = 0;
		e->indb = 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
write_content(struct cache *c)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db,
	                       "INSERT OR REPLACE INTO content VALUES"
	                       " (?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < c->ncdirty && rc == SQLITE_DONE; i++) {
		struct cnode *e = c->cdirty[i];
		sqlite3_bind_blob(st, 1, e->sha, 32, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, e->verdict);
		sqlite3_bind_int(st, 3, e->lang);
		if (e->findings)
			sqlite3_bind_text(st, 4, e->findings, -1,
			                  SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 4);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		e->dirty = 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Forgets the pending entries (written, or given up). */
static void
clear_pending(struct cache *c)
{
	for (size_t i = 0; i < c->nfdirty; i++)
		c->fdirty[i]->dirty = 0;
	for (size_t i = 0; i < c->ncdirty; i++)
		c->cdirty[i]->dirty = 0;
	c->nfdirty = c->ncdirty = 0;
}

/* After a failed write (a full disk), the rest of the run writes nothing:
 * one warning, and the database keeps what it had. */
static int
write_failed(struct cache *c, int rc)
{
	char why[256];

	cdb_why(c, rc, why, sizeof(why));
	ss_warning("cache %s: cannot write: %s; this run's results are not "
	           "saved",
	           c->path, why);
	c->write_failed = 1;
	return -1;
}

int
cache_write_pending(struct cache *c)
{
	int rc = 0;

	if (c->write_failed) {
		clear_pending(c);
		return -1;
	}
	if (!c->db || (c->nfdirty == 0 && c->ncdirty == 0))
		return 0;
	c->changed = 1;
	c->quiet = 1;
	if (cdb_exec(c, "BEGIN") != 0 || write_content(c) != 0 ||
	    write_files(c) != 0 || cdb_exec(c, "COMMIT") != 0) {
		rc = write_failed(c, sqlite3_extended_errcode(c->db));
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	}
	c->quiet = 0;
	clear_pending(c);
	return rc;
}

int
cache_forget_unseen(struct cache *c)
{
	sqlite3_stmt *st;
	struct ht_iter it;
	struct ht_node *n;
	size_t gone = 0;
	int rc = SQLITE_DONE;

	if (c->write_failed)
		return -1;
	c->quiet = 1;
	if (sqlite3_prepare_v2(c->db,
	                       "DELETE FROM files WHERE dev = ? AND ino = ?",
	                       -1, &st, NULL) != SQLITE_OK ||
	    cdb_exec(c, "BEGIN") != 0) {
		c->quiet = 0;
		return write_failed(c, sqlite3_extended_errcode(c->db));
	}
	ht_iter_init(&it, &c->t.files);
	while (rc == SQLITE_DONE && (n = ht_iter_next(&it)) != NULL) {
		struct fnode *e = ht_entry(n, struct fnode, link);
		if (e->seen || !e->indb)
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)e->dev);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)e->ino);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		gone++;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && (gone || c->changed) &&
	    cdb_exec(
	        c, "DELETE FROM content WHERE sha256 NOT IN"
	           " (SELECT sha256 FROM files WHERE sha256 IS NOT NULL)") != 0)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE || cdb_exec(c, "COMMIT") != 0) {
		rc = write_failed(c, sqlite3_extended_errcode(c->db));
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	} else {
		rc = 0;
	}
	c->quiet = 0;
	return rc;
}
