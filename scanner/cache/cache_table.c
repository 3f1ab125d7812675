/*
 * cache_table.c: the cache's in-memory tables: files by device and inode,
 * their entries carved from slabs, and contents by SHA-256, both in a
 * hashtab.
 */
#include "scanner/cache/cache_table.h"
#include "common/util.h"

#include <stdlib.h>
#include <string.h>

/* Inode numbers are dense and files of one directory have neighbouring
 * ones, so the inode itself is the hash: the walk's lookups then touch
 * neighbouring buckets (and slab entries, loaded in (dev, ino) order)
 * instead of missing the CPU cache on every file. Nobody picks their
 * inode numbers, so this cannot be steered into long chains. */
static uint64_t
fhash(uint64_t dev, uint64_t ino)
{
	return ino ^ (dev * 0x9E3779B97F4A7C15ULL);
}

static uint64_t
fnode_hash(const struct ht_node *n)
{
	const struct fnode *e = ht_entry(n, const struct fnode, link);

	return fhash(e->dev, e->ino);
}

struct fkey {
	uint64_t dev, ino;
};

static int
fnode_eq(const struct ht_node *n, const void *key)
{
	const struct fnode *e = ht_entry(n, const struct fnode, link);
	const struct fkey *k = key;

	return e->ino == k->ino && e->dev == k->dev;
}

/* The digest's first bytes are uniform already. */
static uint64_t
cnode_hash(const struct ht_node *n)
{
	return ht_digest_hash(ht_entry(n, const struct cnode, link)->sha);
}

static int
cnode_eq(const struct ht_node *n, const void *sha)
{
	return memcmp(ht_entry(n, const struct cnode, link)->sha, sha, 32) == 0;
}

void
ctab_init(struct cache_tables *t)
{
	ht_init(&t->files, 1 << 16, 1, fnode_hash);
	ht_init(&t->contents, 1 << 14, 1, cnode_hash);
	t->fslabs = NULL;
}

void
ctab_free(struct cache_tables *t)
{
	struct ht_iter it;
	struct ht_node *n;

	for (struct fslab *s = t->fslabs, *next; s; s = next) {
		next = s->next;
		free(s);
	}
	t->fslabs = NULL;
	ht_iter_init(&it, &t->contents);
	while ((n = ht_iter_next(&it)) != NULL) {
		struct cnode *e = ht_entry(n, struct cnode, link);
		free(e->findings);
		free(e);
	}
	ht_destroy(&t->files);
	ht_destroy(&t->contents);
}

struct fnode *
ctab_file_alloc(struct fslab **slabs)
{
	if (!*slabs || (*slabs)->used == FSLAB) {
		struct fslab *s = xcalloc(1, sizeof(*s));
		s->next = *slabs;
		*slabs = s;
	}
	return &(*slabs)->n[(*slabs)->used++];
}

void
ctab_file_link(struct cache_tables *t, struct fnode *e)
{
	ht_insert(&t->files, &e->link, fhash(e->dev, e->ino));
}

struct fnode *
ctab_file_add(struct cache_tables *t, uint64_t dev, uint64_t ino)
{
	struct fnode *e = ctab_file_alloc(&t->fslabs);

	e->dev = dev;
	e->ino = ino;
	ctab_file_link(t, e);
	return e;
}

struct fnode *
ctab_file_find(const struct cache_tables *t, uint64_t dev, uint64_t ino)
{
	struct fkey k = {dev, ino};
	struct ht_node *n = ht_find(&t->files, fhash(dev, ino), fnode_eq, &k);

	return n ? ht_entry(n, struct fnode, link) : NULL;
}

struct cnode *
ctab_content_add(struct cache_tables *t, const unsigned char *sha)
{
	struct cnode *e = xcalloc(1, sizeof(*e));

	memcpy(e->sha, sha, 32);
	ht_insert(&t->contents, &e->link, ht_digest_hash(sha));
	return e;
}

struct cnode *
ctab_content_find(const struct cache_tables *t, const unsigned char *sha)
{
	struct ht_node *n =
	    ht_find(&t->contents, ht_digest_hash(sha), cnode_eq, sha);

	return n ? ht_entry(n, struct cnode, link) : NULL;
}
