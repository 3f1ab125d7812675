/*
 * cache_record.c: the cache's lookups (by file identity before a file is
 * opened, by content after it is hashed) and the recording of results,
 * written to the database in batches.
 */
#include "common/util.h"
#include "scanner/cache/cache.h"
#include "scanner/cache/cache_json.h"
#include "scanner/cache/cache_state.h"
#include "scanner/cache/cache_table.h"
#include "scanner/cache/cache_write.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Changed files kept in memory before they are written, at most. */
#define FLUSH_EVERY 50000

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
	e = ctab_file_find(&c->t, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
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
	e = ctab_content_find(&c->t, r->sha256);
	if (e) {
		hit = 1;
		r->verdict = (enum verdict)e->verdict;
		f = e->findings ? xstrdup(e->findings) : NULL;
	}
	pthread_rwlock_unlock(&c->lock);
	if (f)
		cache_findings_decode(f, r);
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
		f = cache_findings_encode(r);
	pthread_rwlock_wrlock(&c->lock);
	e = ctab_file_find(&c->t, (uint64_t)r->st.st_dev,
	                   (uint64_t)r->st.st_ino);
	if (e && same_file(e, r)) {
		/* a finding read again: nothing to write */
		e->seen = 1;
		pthread_rwlock_unlock(&c->lock);
		free(f);
		return;
	}
	if (!e)
		e = ctab_file_add(&c->t, (uint64_t)r->st.st_dev,
		                  (uint64_t)r->st.st_ino);
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
	if (e->has_sha && !ctab_content_find(&c->t, r->sha256)) {
		struct cnode *ce = ctab_content_add(&c->t, r->sha256);
		ce->verdict = (unsigned char)r->verdict;
		ce->lang = (unsigned char)r->lang;
		ce->findings = f;
		f = NULL;
		ce->dirty = 1;
		push((void ***)&c->cdirty, &c->ncdirty, &c->capcdirty, ce);
	}
	if (c->nfdirty >= FLUSH_EVERY)
		cache_write_pending(c);
	pthread_rwlock_unlock(&c->lock);
	free(f);
}
