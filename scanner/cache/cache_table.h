/*
 * cache_table.h: the cache's in-memory tables (cache_table.c): files by
 * device and inode (entries from slabs), contents by SHA-256. No locking:
 * the cache's rwlock covers them.
 */
#ifndef SS_CACHE_TABLE_H
#define SS_CACHE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/cache/hashtab.h"

struct fnode {
	struct ht_node link;
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
	struct ht_node link;
	unsigned char sha[32];
	unsigned char verdict, lang, dirty;
	char *findings; /* JSON; NULL when clean */
};

struct cache_tables {
	struct hashtab files;    /* of struct fnode */
	struct hashtab contents; /* of struct cnode */
	struct fslab *fslabs;    /* where the fnodes live */
};

void ctab_init(struct cache_tables *t);
/* Frees every entry and the tables. */
void ctab_free(struct cache_tables *t);

/* A zeroed file entry from the slabs (which may be a loader's own). */
struct fnode *ctab_file_alloc(struct fslab **slabs);
/* Adds a file entry (dev and ino set) to the files table. */
void ctab_file_link(struct cache_tables *t, struct fnode *e);
/* A new file entry in the table, from the table's slabs. */
struct fnode *ctab_file_add(struct cache_tables *t, uint64_t dev, uint64_t ino);
struct fnode *ctab_file_find(const struct cache_tables *t, uint64_t dev,
                             uint64_t ino);

/* A new content entry (only sha set) in the table. */
struct cnode *ctab_content_add(struct cache_tables *t,
                               const unsigned char *sha);
struct cnode *ctab_content_find(const struct cache_tables *t,
                                const unsigned char *sha);

#endif
