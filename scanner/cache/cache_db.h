/*
 * cache_db.h: the cache's SQLite helpers and schema (cache_db.c).
 */
#ifndef SS_CACHE_DB_H
#define SS_CACHE_DB_H

struct cache;
struct fnode;

/* Runs sql on the cache's database; 0, or -1 with a warning. */
int cdb_exec(struct cache *c, const char *sql);
/* The value of a meta key (malloc'd), NULL when unset. */
char *cdb_meta_get(struct cache *c, const char *key);
int cdb_meta_set(struct cache *c, const char *key, const char *value);

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
