/*
 * cache_db.c: the cache's SQLite side: statements run with a warning on
 * failure, the meta table (schema, key, roots, last full run), the
 * tables' schema, and the packed form of a file's identity and verdict.
 */
#include "scanner/cache/cache_db.h"
#include "common/util.h"
#include "scanner/cache/cache_state.h"
#include "scanner/cache/cache_table.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cdb_exec(struct cache *c, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		if (!c->quiet)
			ss_warning("cache %s: %s", c->path,
			           msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
cdb_is_corrupt(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

void
cdb_why(struct cache *c, int rc, char *buf, size_t len)
{
	int e = 0;

	/* SQLite keeps the system's error for these two only */
	if (c->db &&
	    ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN))
		e = sqlite3_system_errno(c->db);
	if (e)
		snprintf(buf, len, "%s (%s)", sqlite3_errstr(rc), strerror(e));
	else
		snprintf(buf, len, "%s", sqlite3_errstr(rc));
}

char *
cdb_meta_get(struct cache *c, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

int
cdb_meta_set(struct cache *c, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(c->db,
	                       "INSERT OR REPLACE INTO meta VALUES (?, ?)", -1,
	                       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

const char cdb_schema_sql[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);";

const char cdb_tables_sql[] =
    "CREATE TABLE IF NOT EXISTS files (dev INTEGER, ino INTEGER,"
    " stat BLOB, sha256 BLOB, PRIMARY KEY (dev, ino)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS content (sha256 BLOB PRIMARY KEY,"
    " verdict INTEGER, lang INTEGER, findings TEXT) WITHOUT ROWID;";

static void
put64(unsigned char *p, int64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)((uint64_t)v >> (8 * i));
}

static int64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return (int64_t)v;
}

void
cdb_pack_stat(const struct fnode *e, unsigned char out[CDB_STAT_LEN])
{
	put64(out, e->size);
	put64(out + 8, e->mtime);
	put64(out + 16, e->ctime);
	out[24] = e->lang;
	out[25] = e->verdict;
}

/* 0, or -1 for a blob of the wrong size (the row is then ignored). */
int
cdb_unpack_stat(struct fnode *e, const unsigned char *in, int len)
{
	if (!in || len != CDB_STAT_LEN)
		return -1;
	e->size = get64(in);
	e->mtime = get64(in + 8);
	e->ctime = get64(in + 16);
	e->lang = in[24];
	e->verdict = in[25];
	return 0;
}
