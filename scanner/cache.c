/*
 * cache.c: the incremental-scan cache. Two in-memory hash tables (files by
 * device and inode, contents by SHA-256) loaded from SQLite at open, and a
 * list of entries changed since the last write. See cache.h.
 */
#include "cache.h"
#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLUSH_EVERY  50000

struct fnode {
	struct fnode *next;
	uint64_t dev, ino;
	int64_t size, mtime, ctime;
	unsigned char sha[32];
	unsigned char has_sha, lang, verdict, seen, dirty, indb;
};

/* File entries come from slabs: a cache of a million files is not a
 * million mallocs at open and a million frees at close. */
#define FSLAB 4096
struct fslab {
	struct fslab *next;
	size_t used;
	struct fnode n[FSLAB];
};

struct cnode {
	struct cnode *next;
	unsigned char sha[32];
	unsigned char verdict, lang, dirty;
	char *findings; /* JSON; NULL when clean */
};

struct cache {
	pthread_rwlock_t lock; /* lookups read; records and writes write */
	sqlite3 *db;
	char *path;
	struct fnode **fb;
	size_t nfb, nfiles;
	struct fslab *fslabs;
	struct cnode **cb;
	size_t ncb, ncontent;
	struct fnode **fdirty;
	size_t nfdirty, capfdirty;
	struct cnode **cdirty;
	size_t ncdirty, capcdirty;
	int reset, changed;
	time_t last_full;
};

/* ---- in-memory tables ---- */

/* Inode numbers are dense and files of one directory have neighbouring
 * ones, so the inode itself is the hash: the walk's lookups then touch
 * neighbouring buckets (and slab entries, loaded in (dev, ino) order)
 * instead of missing the CPU cache on every file. Nobody picks their
 * inode numbers, so this cannot be steered into long chains. */
static size_t
fbucket(uint64_t dev, uint64_t ino, size_t n)
{
	return (size_t)(ino ^ (dev * 0x9E3779B97F4A7C15ULL)) & (n - 1);
}

static size_t
cbucket(const unsigned char *sha, size_t n)
{
	size_t v;

	memcpy(&v, sha, sizeof(v));
	return v & (n - 1);
}

static struct fnode *
ffind(struct cache *c, uint64_t dev, uint64_t ino)
{
	struct fnode *e = c->fb[fbucket(dev, ino, c->nfb)];

	for (; e; e = e->next)
		if (e->ino == ino && e->dev == dev)
			return e;
	return NULL;
}

static struct cnode *
cfind(struct cache *c, const unsigned char *sha)
{
	struct cnode *e = c->cb[cbucket(sha, c->ncb)];

	for (; e; e = e->next)
		if (memcmp(e->sha, sha, 32) == 0)
			return e;
	return NULL;
}

static void
fgrow(struct cache *c)
{
	size_t n = c->nfb * 2;
	struct fnode **b = xcalloc(n, sizeof(*b)), *e, *next;

	for (size_t i = 0; i < c->nfb; i++)
		for (e = c->fb[i]; e; e = next) {
			size_t k = fbucket(e->dev, e->ino, n);
			next = e->next;
			e->next = b[k];
			b[k] = e;
		}
	free(c->fb);
	c->fb = b;
	c->nfb = n;
}

static void
cgrow(struct cache *c)
{
	size_t n = c->ncb * 2;
	struct cnode **b = xcalloc(n, sizeof(*b)), *e, *next;

	for (size_t i = 0; i < c->ncb; i++)
		for (e = c->cb[i]; e; e = next) {
			size_t k = cbucket(e->sha, n);
			next = e->next;
			e->next = b[k];
			b[k] = e;
		}
	free(c->cb);
	c->cb = b;
	c->ncb = n;
}

static struct fnode *
fnode_new(struct fslab **slabs)
{
	if (!*slabs || (*slabs)->used == FSLAB) {
		struct fslab *s = xcalloc(1, sizeof(*s));
		s->next = *slabs;
		*slabs = s;
	}
	return &(*slabs)->n[(*slabs)->used++];
}

static void
flink(struct cache *c, struct fnode *e)
{
	size_t k;

	if (++c->nfiles > c->nfb)
		fgrow(c);
	k = fbucket(e->dev, e->ino, c->nfb);
	e->next = c->fb[k];
	c->fb[k] = e;
}

static struct fnode *
fadd(struct cache *c, uint64_t dev, uint64_t ino)
{
	struct fnode *e = fnode_new(&c->fslabs);

	e->dev = dev;
	e->ino = ino;
	flink(c, e);
	return e;
}

static struct cnode *
cadd(struct cache *c, const unsigned char *sha)
{
	struct cnode *e = xcalloc(1, sizeof(*e));
	size_t k;

	memcpy(e->sha, sha, 32);
	if (++c->ncontent > c->ncb)
		cgrow(c);
	k = cbucket(sha, c->ncb);
	e->next = c->cb[k];
	c->cb[k] = e;
	return e;
}

static void
free_tables(struct cache *c)
{
	for (struct fslab *s = c->fslabs, *n; s; s = n) {
		n = s->next;
		free(s);
	}
	c->fslabs = NULL;
	for (size_t i = 0; i < c->ncb; i++)
		for (struct cnode *e = c->cb[i], *n; e; e = n) {
			n = e->next;
			free(e->findings);
			free(e);
		}
	free(c->fb);
	free(c->cb);
	free(c->fdirty);
	free(c->cdirty);
	c->fb = NULL;
	c->cb = NULL;
	c->fdirty = NULL;
	c->cdirty = NULL;
	c->nfiles = c->ncontent = c->nfdirty = c->ncdirty = 0;
	c->capfdirty = c->capcdirty = 0;
}

static void
init_tables(struct cache *c)
{
	c->nfb = 1 << 16;
	c->fb = xcalloc(c->nfb, sizeof(*c->fb));
	c->ncb = 1 << 14;
	c->cb = xcalloc(c->ncb, sizeof(*c->cb));
}

/* ---- findings as JSON ---- */

static char *
findings_encode(const struct scan_result *r)
{
	json_t *o, *ind = json_array();
	char *s;

	for (size_t i = 0; i < r->n_ind; i++) {
		const struct indicator *in = &r->ind[i];
		json_array_append_new(
		    ind,
		    json_pack("[s?,s?,s?,i,i,s?,I,s?]", in->name, in->category,
		              in->description, in->score, in->layer, in->chain,
		              (json_int_t)in->line, in->excerpt));
	}
	o = json_pack("{s:s?, s:i, s:o}", "name", r->signame, "score", r->score,
	              "ind", ind);
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s ? s : xstrdup("{}");
}

static const char *
str_or_null(json_t *a, size_t i)
{
	return json_string_value(json_array_get(a, i));
}

static void
findings_decode(const char *s, struct scan_result *r)
{
	json_t *o = json_loads(s, 0, NULL), *ind, *a;
	size_t i;

	if (!o)
		return;
	free(r->signame);
	r->signame =
	    json_string_value(json_object_get(o, "name"))
	        ? xstrdup(json_string_value(json_object_get(o, "name")))
	        : NULL;
	r->score = (int)json_integer_value(json_object_get(o, "score"));
	ind = json_object_get(o, "ind");
	json_array_foreach(ind, i, a)
	{
		struct indicator in = {
		    .name = (char *)str_or_null(a, 0),
		    .category = (char *)str_or_null(a, 1),
		    .description = (char *)str_or_null(a, 2),
		    .score = (int)json_integer_value(json_array_get(a, 3)),
		    .layer = (int)json_integer_value(json_array_get(a, 4)),
		    .chain = (char *)str_or_null(a, 5),
		    .line = (long)json_integer_value(json_array_get(a, 6)),
		    .excerpt = (char *)str_or_null(a, 7),
		};
		result_add_indicator(r, &in);
	}
	json_decref(o);
}

/* ---- SQLite ---- */

static int
exec(struct cache *c, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		ss_warning("cache %s: %s", c->path,
		           msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static char *
meta_get(struct cache *c, const char *key)
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

static int
meta_set(struct cache *c, const char *key, const char *value)
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

static const char schema_sql[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);";

/*
 * files.stat is the rest of a file's identity and its verdict packed in
 * STAT_LEN bytes (size, mtime, ctime in ns, as little-endian int64; lang;
 * verdict): every row is read at every run, and SQLite decodes one blob
 * in about the time it takes for one integer column, so eight columns made
 * the load twice as slow. sha256 stays a column of its own, so that
 * `sqlite3 cache.db` can still answer "where is this content".
 */
static const char tables_sql[] =
    "CREATE TABLE IF NOT EXISTS files (dev INTEGER, ino INTEGER,"
    " stat BLOB, sha256 BLOB, PRIMARY KEY (dev, ino)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS content (sha256 BLOB PRIMARY KEY,"
    " verdict INTEGER, lang INTEGER, findings TEXT) WITHOUT ROWID;";

#define STAT_LEN 26

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

static void
pack_stat(const struct fnode *e, unsigned char out[STAT_LEN])
{
	put64(out, e->size);
	put64(out + 8, e->mtime);
	put64(out + 16, e->ctime);
	out[24] = e->lang;
	out[25] = e->verdict;
}

/* 0, or -1 for a blob of the wrong size (the row is then ignored). */
static int
unpack_stat(struct fnode *e, const unsigned char *in, int len)
{
	if (!in || len != STAT_LEN)
		return -1;
	e->size = get64(in);
	e->mtime = get64(in + 8);
	e->ctime = get64(in + 16);
	e->lang = in[24];
	e->verdict = in[25];
	return 0;
}

/* ---- loading ---- */

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

	p->rc = SQLITE_ERROR;
	if (sqlite3_prepare_v2(p->db, p->sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (p->bound) {
		sqlite3_bind_int64(st, 1, p->dev);
		sqlite3_bind_int64(st, 2, p->ino);
	}
	while ((p->rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fnode *e = fnode_new(&p->slabs);
		const void *stat = sqlite3_column_blob(st, 2);
		e->dev = (uint64_t)sqlite3_column_int64(st, 0);
		e->ino = (uint64_t)sqlite3_column_int64(st, 1);
		if (unpack_stat(e, stat, sqlite3_column_bytes(st, 2)) != 0) {
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
			flink(c, &s->n[i]);
		s->next = c->fslabs;
		c->fslabs = s;
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

	while ((sqlite3_int64)c->nfb < n && c->nfb < ((size_t)1 << 40))
		fgrow(c);
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
		if (p[i].rc != SQLITE_DONE)
			rc = -1;
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
		e = cadd(c, sqlite3_column_blob(st, 0));
		e->verdict = (unsigned char)sqlite3_column_int(st, 1);
		e->lang = (unsigned char)sqlite3_column_int(st, 2);
		if (sqlite3_column_text(st, 3))
			e->findings =
			    xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Schema, key check (emptying on mismatch), load. -1: corrupt. */
static int
prepare(struct cache *c, const char *sigkey)
{
	char *schema, *key, *full;
	int ok;

	if (exec(c, schema_sql) != 0)
		return -1;
	schema = meta_get(c, "schema");
	key = meta_get(c, "sigkey");
	ok = schema && key && strcmp(schema, CACHE_SCHEMA) == 0 &&
	     strcmp(key, sigkey) == 0;
	free(schema);
	free(key);
	if (!ok) {
		/* dropped, not emptied: an older schema's tables have
		 * other columns */
		c->reset = 1;
		if (exec(c, "BEGIN; DROP TABLE IF EXISTS files;"
		            "DROP TABLE IF EXISTS content;"
		            "DELETE FROM meta;") != 0 ||
		    exec(c, tables_sql) != 0 ||
		    meta_set(c, "schema", CACHE_SCHEMA) != 0 ||
		    meta_set(c, "sigkey", sigkey) != 0 ||
		    exec(c, "COMMIT") != 0)
			return -1;
		return 0;
	}
	if (exec(c, tables_sql) != 0)
		return -1;
	full = meta_get(c, "last_full");
	c->last_full = full ? (time_t)strtoll(full, NULL, 10) : 0;
	free(full);
	if (load_files(c) != 0 || load_content(c) != 0)
		return -1;
	return 0;
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

static int
try_open(struct cache *c, const char *sigkey)
{
	/* NOMUTEX: every use of the connection is under c->lock already,
	 * and SQLite's own mutex around each column read costs a tenth of
	 * the load */
	int rc = sqlite3_open_v2(c->path, &c->db,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                             SQLITE_OPEN_NOMUTEX,
	                         NULL);

	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(c->db, 5000);
		if (prepare(c, sigkey) == 0)
			return 0;
	} else {
		ss_warning("cache %s: %s", c->path, sqlite3_errstr(rc));
	}
	sqlite3_close(c->db);
	c->db = NULL;
	free_tables(c);
	init_tables(c);
	return -1;
}

struct cache *
cache_open(const char *path, const char *sigkey)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	mode_t old;

	pthread_rwlock_init(&c->lock, NULL);
	c->path = xstrdup(path);
	init_tables(c);
	mkdir_parents(path, 0700);
	old = umask(077);
	if (try_open(c, sigkey) != 0) {
		ss_warning("cache %s: unreadable or corrupt; rebuilding it "
		           "(this run scans everything)",
		           path);
		remove_db(path);
		c->reset = 1;
		if (try_open(c, sigkey) != 0) {
			ss_warning("cache %s: cannot be rebuilt; scanning "
			           "without a cache",
			           path);
			umask(old);
			free_tables(c);
			free(c->path);
			pthread_rwlock_destroy(&c->lock);
			free(c);
			return NULL;
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
	old = c->db ? meta_get(c, "roots") : NULL;
	same = old && strcmp(old, roots) == 0;
	if (c->db && !same)
		meta_set(c, "roots", roots);
	pthread_rwlock_unlock(&c->lock);
	free(old);
	return same;
}

size_t
cache_size(const struct cache *c)
{
	return c->nfiles;
}

/* ---- writing ---- */

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
		unsigned char stat[STAT_LEN];
		pack_stat(e, stat);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)e->dev);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)e->ino);
		sqlite3_bind_blob(st, 3, stat, STAT_LEN, SQLITE_TRANSIENT);
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

/* Writes the pending entries in one transaction; lock held. */
static int
flush(struct cache *c)
{
	int rc = 0;

	if (!c->db || (c->nfdirty == 0 && c->ncdirty == 0))
		return 0;
	c->changed = 1;
	if (exec(c, "BEGIN") != 0)
		return -1;
	if (write_content(c) != 0 || write_files(c) != 0) {
		ss_warning("cache %s: cannot write: %s", c->path,
		           sqlite3_errmsg(c->db));
		exec(c, "ROLLBACK");
		rc = -1;
	} else if (exec(c, "COMMIT") != 0) {
		rc = -1;
	}
	for (size_t i = 0; i < c->nfdirty; i++)
		c->fdirty[i]->dirty = 0;
	for (size_t i = 0; i < c->ncdirty; i++)
		c->cdirty[i]->dirty = 0;
	c->nfdirty = c->ncdirty = 0;
	return rc;
}

/* Forgets the files this run did not see, and contents no file has. */
static int
forget_unseen(struct cache *c)
{
	sqlite3_stmt *st;
	size_t gone = 0;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(c->db,
	                       "DELETE FROM files WHERE dev = ? AND ino = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	exec(c, "BEGIN");
	for (size_t i = 0; i < c->nfb && rc == SQLITE_DONE; i++)
		for (struct fnode *e = c->fb[i]; e; e = e->next) {
			if (e->seen || !e->indb)
				continue;
			sqlite3_bind_int64(st, 1, (sqlite3_int64)e->dev);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)e->ino);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			gone++;
		}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && (gone || c->changed))
		exec(c, "DELETE FROM content WHERE sha256 NOT IN"
		        " (SELECT sha256 FROM files WHERE sha256 IS NOT NULL)");
	if (rc != SQLITE_DONE) {
		exec(c, "ROLLBACK");
		return -1;
	}
	return exec(c, "COMMIT");
}

int
cache_close(struct cache *c, int complete, int full)
{
	int rc = 0;

	if (!c)
		return 0;
	pthread_rwlock_wrlock(&c->lock);
	if (flush(c) != 0)
		rc = -1;
	if (rc == 0 && complete && forget_unseen(c) != 0)
		rc = -1;
	if (rc == 0 && full) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", (long long)time(NULL));
		if (meta_set(c, "last_full", buf) != 0)
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

/* ---- lookups and records ---- */

static int64_t
ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int
cache_lookup_file(struct cache *c, const struct stat *st, enum verdict *verdict,
                  enum lang *lang)
{
	struct fnode *e;
	int hit = 0;

	pthread_rwlock_rdlock(&c->lock);
	e = ffind(c, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
	if (e && e->size == (int64_t)st->st_size &&
	    e->mtime == ns(&st->st_mtim) && e->ctime == ns(&st->st_ctim)) {
		/* readers share the lock; they only ever set this flag */
		__atomic_store_n(&e->seen, 1, __ATOMIC_RELAXED);
		*verdict = (enum verdict)e->verdict;
		*lang = (enum lang)e->lang;
		hit = 1;
	}
	pthread_rwlock_unlock(&c->lock);
	return hit;
}

int
cache_lookup_content(struct cache *c, struct scan_result *r)
{
	struct cnode *e;
	char *f = NULL;
	int hit = 0;

	if (!r->have_hash)
		return 0;
	pthread_rwlock_rdlock(&c->lock);
	e = cfind(c, r->sha256);
	if (e) {
		hit = 1;
		r->verdict = (enum verdict)e->verdict;
		f = e->findings ? xstrdup(e->findings) : NULL;
	}
	pthread_rwlock_unlock(&c->lock);
	if (f)
		findings_decode(f, r);
	free(f);
	return hit;
}

static void
push(void ***v, size_t *n, size_t *cap, void *e)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = e;
}

static int
same_file(const struct fnode *e, const struct scan_result *r)
{
	int has_sha = r->lang != LANG_NONE && r->have_hash;

	return e->size == (int64_t)r->st.st_size &&
	       e->mtime == ns(&r->st.st_mtim) &&
	       e->ctime == ns(&r->st.st_ctim) && e->lang == r->lang &&
	       e->verdict == r->verdict && e->has_sha == has_sha &&
	       (!has_sha || memcmp(e->sha, r->sha256, 32) == 0);
}

void
cache_record(struct cache *c, const struct scan_result *r)
{
	int finding = r->verdict == V_INFECTED || r->verdict == V_SUSPICIOUS;
	char *f = NULL;
	struct fnode *e;

	if (!r->have_stat || (r->verdict != V_CLEAN && !finding))
		return;
	if (r->lang != LANG_NONE && !r->have_hash)
		return;
	if (finding)
		f = findings_encode(r);
	pthread_rwlock_wrlock(&c->lock);
	e = ffind(c, (uint64_t)r->st.st_dev, (uint64_t)r->st.st_ino);
	if (e && same_file(e, r)) {
		/* a finding read again: nothing to write */
		e->seen = 1;
		pthread_rwlock_unlock(&c->lock);
		free(f);
		return;
	}
	if (!e)
		e = fadd(c, (uint64_t)r->st.st_dev, (uint64_t)r->st.st_ino);
	e->size = r->st.st_size;
	e->mtime = ns(&r->st.st_mtim);
	e->ctime = ns(&r->st.st_ctim);
	e->lang = (unsigned char)r->lang;
	e->verdict = (unsigned char)r->verdict;
	e->has_sha = (unsigned char)(r->lang != LANG_NONE && r->have_hash);
	if (e->has_sha)
		memcpy(e->sha, r->sha256, 32);
	e->seen = 1;
	if (!e->dirty) {
		e->dirty = 1;
		push((void ***)&c->fdirty, &c->nfdirty, &c->capfdirty, e);
	}
	if (e->has_sha && !cfind(c, r->sha256)) {
		struct cnode *ce = cadd(c, r->sha256);
		ce->verdict = (unsigned char)r->verdict;
		ce->lang = (unsigned char)r->lang;
		ce->findings = f;
		f = NULL;
		ce->dirty = 1;
		push((void ***)&c->cdirty, &c->ncdirty, &c->capcdirty, ce);
	}
	if (c->nfdirty >= FLUSH_EVERY)
		flush(c);
	pthread_rwlock_unlock(&c->lock);
	free(f);
}
