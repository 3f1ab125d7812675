/*
 * cache_load.c: reading the whole database into the in-memory tables at
 * open: the files table (in two key ranges on two threads when it is
 * large), then the content table.
 */
#include "scanner/cache/cache_load.h"
#include "common/util.h"
#include "scanner/cache/cache_db.h"
#include "scanner/cache/cache_state.h"
#include "scanner/cache/cache_table.h"
#include "scanner/cache/hashtab.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#define FILES_SELECT "SELECT dev, ino, stat, sha256 FROM files"

/* Below this many rows one thread loads the table. */
#define LOAD_SPLIT_MIN 20000

/* A key range of the files table, read on a connection of its own into
 * slabs of its own (linked into the table once both halves are read). */
struct load_part {
	sqlite3 *db;
	const char *sql;
	int bound; /* binds the split key */
	sqlite3_int64 dev, ino;
	struct fslab *slabs;
	int rc;
};

static void *
load_part(void *arg)
{
	struct load_part *p = arg;
	sqlite3_stmt *st;

	p->rc = sqlite3_prepare_v2(p->db, p->sql, -1, &st, NULL);
	if (p->rc != SQLITE_OK)
		return NULL;
	if (p->bound) {
		sqlite3_bind_int64(st, 1, p->dev);
		sqlite3_bind_int64(st, 2, p->ino);
	}
	while ((p->rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fnode *e = ctab_file_alloc(&p->slabs);
		const void *stat = sqlite3_column_blob(st, 2);
		e->dev = (uint64_t)sqlite3_column_int64(st, 0);
		e->ino = (uint64_t)sqlite3_column_int64(st, 1);
		if (cdb_unpack_stat(e, stat, sqlite3_column_bytes(st, 2)) !=
		    0) {
			/* unusable: a miss (the file is scanned again) that
			 * the next write replaces */
			e->size = -1;
		}
		if (sqlite3_column_bytes(st, 3) == 32) {
			memcpy(e->sha, sqlite3_column_blob(st, 3), 32);
			e->has_sha = 1;
		}
		e->indb = 1;
	}
	sqlite3_finalize(st);
	return NULL;
}

static sqlite3_int64
count_files(struct cache *c)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM files", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The key of the middle row: the two halves' boundary. */
static int
split_key(struct cache *c, sqlite3_int64 n, struct load_part *p)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT dev, ino FROM files LIMIT 1 OFFSET ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, n / 2);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->dev = sqlite3_column_int64(st, 0);
		p->ino = sqlite3_column_int64(st, 1);
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* Links a part's entries into the table and hands over its slabs. */
static void
adopt(struct cache *c, struct load_part *p)
{
	struct fslab *s, *next;

	for (s = p->slabs; s; s = next) {
		next = s->next;
		for (size_t i = 0; i < s->used; i++)
			ctab_file_link(&c->t, &s->n[i]);
		s->next = c->t.fslabs;
		c->t.fslabs = s;
	}
	p->slabs = NULL;
}

/*
 * The whole files table into memory. Decoding SQLite rows is most of what
 * a run with nothing changed costs besides stat(2), so a large table is
 * read in two key ranges at once, the second on its own read-only
 * connection (WAL lets both read the same snapshot-free, writer-free file;
 * the nightly lock keeps writers out).
 */
static int
load_files(struct cache *c)
{
	sqlite3_int64 n = count_files(c);
	struct load_part p[2] = {{c->db, FILES_SELECT, 0, 0, 0, NULL, 0}};
	sqlite3 *db2 = NULL;
	pthread_t t;
	int nparts = 1, threaded = 0, rc = 0;

	ht_reserve(&c->t.files, (size_t)n);
	if (n >= LOAD_SPLIT_MIN && split_key(c, n, &p[0]) == 0 &&
	    sqlite3_open_v2(c->path, &db2,
	                    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db2, 5000);
		p[0].sql = FILES_SELECT " WHERE (dev, ino) < (?, ?)";
		p[0].bound = 1;
		p[1] = p[0];
		p[1].db = db2;
		p[1].sql = FILES_SELECT " WHERE (dev, ino) >= (?, ?)";
		nparts = 2;
		threaded = pthread_create(&t, NULL, load_part, &p[1]) == 0;
	}
	load_part(&p[0]);
	if (threaded)
		pthread_join(t, NULL);
	else if (nparts == 2)
		load_part(&p[1]);
	sqlite3_close(db2);
	for (int i = 0; i < nparts; i++) {
		if (p[i].rc != SQLITE_DONE && rc == 0) {
			c->load_rc = p[i].rc;
			rc = -1;
		}
		adopt(c, &p[i]);
	}
	return rc;
}

static int
load_content(struct cache *c)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT sha256, verdict, lang, findings"
	                       " FROM content",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cnode *e;
		if (sqlite3_column_bytes(st, 0) != 32)
			continue;
		e = ctab_content_add(&c->t, sqlite3_column_blob(st, 0));
		e->verdict = (unsigned char)sqlite3_column_int(st, 1);
		e->lang = (unsigned char)sqlite3_column_int(st, 2);
		if (sqlite3_column_text(st, 3))
			e->findings =
			    xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		c->load_rc = rc;
		return -1;
	}
	return 0;
}

int
cache_load(struct cache *c)
{
	if (load_files(c) != 0 || load_content(c) != 0)
		return -1;
	return 0;
}
