/*
 * hashtab.c: the chained hash table of intrusive nodes shared by the
 * cache and the dedup (see hashtab.h): buckets, growth by doubling,
 * removal, iteration.
 */
#include "scanner/cache/hashtab.h"
#include "common/util.h"

#include <stdlib.h>

void
ht_init(struct hashtab *t, size_t nb, size_t max_load, ht_hash_fn hash)
{
	size_t n = 1;

	while (n < nb)
		n *= 2;
	t->nb = n;
	t->b = xcalloc(n, sizeof(*t->b));
	t->count = 0;
	t->max_load = max_load ? max_load : 1;
	t->hash = hash;
}

void
ht_destroy(struct hashtab *t)
{
	free(t->b);
	t->b = NULL;
	t->nb = t->count = 0;
}

static void
grow(struct hashtab *t)
{
	size_t n = t->nb * 2;
	struct ht_node **b = xcalloc(n, sizeof(*b)), *e, *next;

	for (size_t i = 0; i < t->nb; i++)
		for (e = t->b[i]; e; e = next) {
			size_t k = (size_t)(t->hash(e) & (n - 1));
			next = e->next;
			e->next = b[k];
			b[k] = e;
		}
	free(t->b);
	t->b = b;
	t->nb = n;
}

void
ht_reserve(struct hashtab *t, size_t n)
{
	while (t->nb * t->max_load < n && t->nb < ((size_t)1 << 40))
		grow(t);
}

void
ht_insert(struct hashtab *t, struct ht_node *n, uint64_t h)
{
	size_t k;

	if (++t->count > t->nb * t->max_load)
		grow(t);
	k = (size_t)(h & (t->nb - 1));
	n->next = t->b[k];
	t->b[k] = n;
}

void
ht_remove(struct hashtab *t, struct ht_node *n, uint64_t h)
{
	struct ht_node **pp = &t->b[h & (t->nb - 1)];

	while (*pp != n)
		pp = &(*pp)->next;
	*pp = n->next;
	t->count--;
}

void
ht_iter_init(struct ht_iter *it, const struct hashtab *t)
{
	it->t = t;
	it->i = 0;
	it->next = NULL;
}

struct ht_node *
ht_iter_next(struct ht_iter *it)
{
	struct ht_node *n = it->next;

	while (!n && it->i < it->t->nb)
		n = it->t->b[it->i++];
	if (n)
		it->next = n->next;
	return n;
}
