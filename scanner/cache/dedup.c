/*
 * dedup.c: scan findings keyed by SHA-256, in a hash table (hashtab.c)
 * under one mutex. The digest is already uniformly distributed, so its
 * first bytes are the hash.
 */
#include "scanner/cache/dedup.h"
#include "common/util.h"
#include "scanner/cache/hashtab.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	struct ht_node link;
	struct scan_result r; /* findings only; path is "" */
	int pending;          /* claimed, being analyzed */
};

struct dedup {
	pthread_mutex_t lock;
	pthread_cond_t done;
	struct hashtab t;
};

static uint64_t
entry_hash(const struct ht_node *n)
{
	return ht_digest_hash(ht_entry(n, const struct entry, link)->r.sha256);
}

static int
entry_eq(const struct ht_node *n, const void *sha)
{
	return memcmp(ht_entry(n, const struct entry, link)->r.sha256, sha,
	              32) == 0;
}

struct dedup *
dedup_new(void)
{
	struct dedup *d = xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->done, NULL);
	ht_init(&d->t, 4096, 2, entry_hash);
	return d;
}

void
dedup_free(struct dedup *d)
{
	struct ht_iter it;
	struct ht_node *n;

	if (!d)
		return;
	ht_iter_init(&it, &d->t);
	while ((n = ht_iter_next(&it)) != NULL) {
		struct entry *e = ht_entry(n, struct entry, link);
		result_free(&e->r);
		free(e);
	}
	ht_destroy(&d->t);
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->done);
	free(d);
}

static struct entry *
find(struct dedup *d, const unsigned char *h)
{
	struct ht_node *n = ht_find(&d->t, ht_digest_hash(h), entry_eq, h);

	return n ? ht_entry(n, struct entry, link) : NULL;
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

	result_init(&e->r, "");
	memcpy(e->r.sha256, sha, 32);
	e->r.have_hash = 1;
	ht_insert(&d->t, &e->link, ht_digest_hash(sha));
	return e;
}

static void
unlink_entry(struct dedup *d, struct entry *e)
{
	ht_remove(&d->t, &e->link, ht_digest_hash(e->r.sha256));
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
