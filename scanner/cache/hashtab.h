/*
 * hashtab.h: a chained hash table of intrusive nodes (hashtab.c). The
 * caller embeds a struct ht_node in its entries, computes a 64-bit hash of
 * the key and says how two keys compare; the table never allocates or
 * frees entries, only its buckets, which double when the entries outnumber
 * max_load per bucket. A bucket is the low bits of the hash, so a hash
 * that is already uniform (a digest's first bytes) is used as is. No
 * locking: the owner locks.
 */
#ifndef SS_HASHTAB_H
#define SS_HASHTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ht_node {
	struct ht_node *next;
};

/* The hash of an entry's key, for moving it when the table grows. */
typedef uint64_t (*ht_hash_fn)(const struct ht_node *n);
/* Whether an entry has this key. */
typedef int (*ht_eq_fn)(const struct ht_node *n, const void *key);

struct hashtab {
	struct ht_node **b;
	size_t nb; /* buckets, a power of two */
	size_t count;
	size_t max_load; /* entries per bucket before it doubles */
	ht_hash_fn hash;
};

/* The entry a node is embedded in. */
#define ht_entry(node, type, member)                                           \
	((type *)(void *)((char *)(node)-offsetof(type, member)))

/* nb (rounded up to a power of two) buckets to start with. */
void ht_init(struct hashtab *t, size_t nb, size_t max_load, ht_hash_fn hash);
/* Frees the buckets (the entries are the caller's) and empties t. */
void ht_destroy(struct hashtab *t);
/* Grows ahead so that n entries fit without growing. */
void ht_reserve(struct hashtab *t, size_t n);
/* Adds n (hash h); a key already present is the caller's business. */
void ht_insert(struct hashtab *t, struct ht_node *n, uint64_t h);
/* Takes n (hash h), which must be in t, out of t. */
void ht_remove(struct hashtab *t, struct ht_node *n, uint64_t h);

/* The entry with this key (hash h), or NULL. Inline so that eq inlines
 * too: the cache looks up every file of every run. */
static inline struct ht_node *
ht_find(const struct hashtab *t, uint64_t h, ht_eq_fn eq, const void *key)
{
	struct ht_node *n = t->b[h & (t->nb - 1)];

	for (; n; n = n->next)
		if (eq(n, key))
			return n;
	return NULL;
}

/* The hash of a digest (SHA-256 ...): its first eight bytes. */
static inline uint64_t
ht_digest_hash(const unsigned char *d)
{
	uint64_t v;

	memcpy(&v, d, sizeof(v));
	return v;
}

/* Every entry once, in no order; the entry returned may be freed (or
 * removed) before the next call, no other change is allowed meanwhile.
 *   struct ht_iter it; ht_iter_init(&it, t);
 *   while ((n = ht_iter_next(&it)) != NULL) ... */
struct ht_iter {
	const struct hashtab *t;
	size_t i;
	struct ht_node *next;
};

void ht_iter_init(struct ht_iter *it, const struct hashtab *t);
struct ht_node *ht_iter_next(struct ht_iter *it);

#endif
