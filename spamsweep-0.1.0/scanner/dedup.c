/*
 * dedup.c: a chained hash table of scan findings keyed by SHA-256. The
 * digest is already uniformly distributed, so its first bytes are the
 * bucket index.
 */
#include "dedup.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	struct entry *next;
	struct scan_result r; /* findings only; path is "" */
};

struct dedup {
	pthread_mutex_t lock;
	struct entry **buckets;
	size_t nbuckets, count;
};

struct dedup *
dedup_new(void)
{
	struct dedup *d = xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	d->nbuckets = 4096;
	d->buckets = xcalloc(d->nbuckets, sizeof(*d->buckets));
	return d;
}

void
dedup_free(struct dedup *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nbuckets; i++) {
		struct entry *e = d->buckets[i], *n;
		for (; e; e = n) {
			n = e->next;
			result_free(&e->r);
			free(e);
		}
	}
	free(d->buckets);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static size_t
bucket_of(const unsigned char *h, size_t n)
{
	size_t v;

	memcpy(&v, h, sizeof(v));
	return v & (n - 1);
}

static struct entry *
find(struct dedup *d, const unsigned char *h)
{
	struct entry *e = d->buckets[bucket_of(h, d->nbuckets)];

	for (; e; e = e->next)
		if (memcmp(e->r.sha256, h, 32) == 0)
			return e;
	return NULL;
}

static void
grow(struct dedup *d)
{
	size_t n = d->nbuckets * 2;
	struct entry **b = xcalloc(n, sizeof(*b));

	for (size_t i = 0; i < d->nbuckets; i++) {
		struct entry *e = d->buckets[i], *next;
		for (; e; e = next) {
			size_t k = bucket_of(e->r.sha256, n);
			next = e->next;
			e->next = b[k];
			b[k] = e;
		}
	}
	free(d->buckets);
	d->buckets = b;
	d->nbuckets = n;
}

int
dedup_lookup(struct dedup *d, struct scan_result *r)
{
	struct entry *e;

	pthread_mutex_lock(&d->lock);
	e = find(d, r->sha256);
	if (e)
		result_copy_findings(r, &e->r);
	pthread_mutex_unlock(&d->lock);
	return e != NULL;
}

void
dedup_store(struct dedup *d, const struct scan_result *r)
{
	struct entry *e;

	if (r->verdict != V_CLEAN && r->verdict != V_SUSPICIOUS &&
	    r->verdict != V_INFECTED)
		return;
	pthread_mutex_lock(&d->lock);
	if (!find(d, r->sha256)) {
		e = xcalloc(1, sizeof(*e));
		result_init(&e->r, "");
		memcpy(e->r.sha256, r->sha256, 32);
		e->r.have_hash = 1;
		result_copy_findings(&e->r, r);
		if (++d->count > d->nbuckets * 2)
			grow(d);
		size_t k = bucket_of(r->sha256, d->nbuckets);
		e->next = d->buckets[k];
		d->buckets[k] = e;
	}
	pthread_mutex_unlock(&d->lock);
}
