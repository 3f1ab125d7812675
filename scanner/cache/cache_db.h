/*
 * cache_db.h: the cache's SQLite helpers and schema (cache_db.c).
 */
#ifndef SS_CACHE_DB_H
#define SS_CACHE_DB_H

#include <stddef.h>

struct cache;
struct fnode;

/* Runs sql on the cache's database; 0, or -1 with a warning (none while
 * c->quiet is set). */
int cdb_exec(struct cache *c, const char *sql);
/* The value of a meta key (malloc'd), NULL when unset. */
char *cdb_meta_get(struct cache *c, const char *key);
int cdb_meta_set(struct cache *c, const char *key, const char *value);

/* 1 when a SQLite result code says the file is damaged (SQLITE_CORRUPT,
 * SQLITE_NOTADB): the only failures that may discard the cache. A full
 * disk, an I/O error or a read-only file leave it as it is. */
int cdb_is_corrupt(int rc);
/* Why the last call on c's database failed with rc, for a warning:
 * SQLite's message and, when it has one, the system's ("disk I/O error
 * (No space left on device)"). */
void cdb_why(struct cache *c, int rc, char *buf, size_t len);

/* Journal settings and the meta table. */
extern const char cdb_schema_sql[];
/* The files and content tables. */
extern const char cdb_tables_sql[];

/*
 * files.stat is the rest of a file's identity and its verdict packed in
 * CDB_STAT_LEN bytes (size, mtime, ctime in ns, as little-endian int64;
 * lang; verdict): every row is read at every run, and SQLite decodes one
 * blob in about the time it takes for one integer column, so eight
 * columns made the load twice as slow. sha256 stays a column of its own,
 * so that `sqlite3 cache.db` can still answer "where is this content".
 */
#define CDB_STAT_LEN 26

void cdb_pack_stat(const struct fnode *e, unsigned char out[CDB_STAT_LEN]);
/* 0, or -1 for a blob of the wrong size (the row is then ignored). */
int cdb_unpack_stat(struct fnode *e, const unsigned char *in, int len);

#endif
