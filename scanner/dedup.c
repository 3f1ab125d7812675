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
	int pending;          /* claimed, being analyzed */
};

struct dedup {
	pthread_mutex_t lock;
	pthread_cond_t done;
	struct entry **buckets;
	size_t nbuckets, count;
};

struct dedup *
dedup_new(void)
{
	struct dedup *d = xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->done, NULL);
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
	pthread_cond_destroy(&d->done);
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
	if (e && !e->pending)
		result_copy_findings(r, &e->r);
	else
		e = NULL;
	pthread_mutex_unlock(&d->lock);
	return e != NULL;
}

static struct entry *
insert(struct dedup *d, const unsigned char *sha)
{
	struct entry *e = xcalloc(1, sizeof(*e));
	size_t k;

	result_init(&e->r, "");
	memcpy(e->r.sha256, sha, 32);
	e->r.have_hash = 1;
	if (++d->count > d->nbuckets * 2)
		grow(d);
	k = bucket_of(sha, d->nbuckets);
	e->next = d->buckets[k];
	d->buckets[k] = e;
	return e;
}

static void
unlink_entry(struct dedup *d, struct entry *e)
{
	struct entry **pp = &d->buckets[bucket_of(e->r.sha256, d->nbuckets)];

	while (*pp != e)
		pp = &(*pp)->next;
	*pp = e->next;
	d->count--;
	result_free(&e->r);
	free(e);
}

int
dedup_claim(struct dedup *d, struct scan_result *r)
{
	struct entry *e;

	pthread_mutex_lock(&d->lock);
	while ((e = find(d, r->sha256)) != NULL && e->pending)
		pthread_cond_wait(&d->done, &d->lock);
	if (e)
		result_copy_findings(r, &e->r);
	else
		insert(d, r->sha256)->pending = 1;
	pthread_mutex_unlock(&d->lock);
	return e != NULL;
}

void
dedup_store(struct dedup *d, const struct scan_result *r)
{
	int verdict = r->verdict == V_CLEAN || r->verdict == V_SUSPICIOUS ||
	              r->verdict == V_INFECTED;
	struct entry *e;

	pthread_mutex_lock(&d->lock);
	e = find(d, r->sha256);
	if (e && e->pending) {
		if (verdict) {
			result_copy_findings(&e->r, r);
			e->pending = 0;
		} else {
			unlink_entry(d, e);
		}
		pthread_cond_broadcast(&d->done);
	} else if (!e && verdict) {
		result_copy_findings(&insert(d, r->sha256)->r, r);
	}
	pthread_mutex_unlock(&d->lock);
}
