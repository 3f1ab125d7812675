/*
 * test_hashtab.c: the intrusive hash table shared by the cache and the
 * dedup: entries are found by key after growth, keys that share a hash
 * (and a bucket) stay apart, removal and iteration (freeing as it goes)
 * see every entry once, reserve grows ahead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/cache/hashtab.h"

struct item {
	int payload;
	struct ht_node link; /* not first: ht_entry must get it right */
	uint64_t key;
};

static int collide; /* every key hashes to the same value */

static uint64_t
key_hash(uint64_t k)
{
	return collide ? 42 : k * 0x9E3779B97F4A7C15ULL;
}

static uint64_t
item_hash(const struct ht_node *n)
{
	return key_hash(ht_entry(n, const struct item, link)->key);
}

static int
item_eq(const struct ht_node *n, const void *key)
{
	return ht_entry(n, const struct item, link)->key ==
	       *(const uint64_t *)key;
}

static struct item *
find(struct hashtab *t, uint64_t k)
{
	struct ht_node *n = ht_find(t, key_hash(k), item_eq, &k);

	return n ? ht_entry(n, struct item, link) : NULL;
}

static struct item *
add(struct hashtab *t, uint64_t k)
{
	struct item *it = calloc(1, sizeof(*it));

	it->key = k;
	it->payload = (int)k * 3;
	ht_insert(t, &it->link, key_hash(k));
	return it;
}

/* Frees every entry through the iterator; returns how many there were. */
static size_t
free_all(struct hashtab *t)
{
	struct ht_iter it;
	struct ht_node *n;
	size_t k = 0;

	ht_iter_init(&it, t);
	while ((n = ht_iter_next(&it)) != NULL) {
		free(ht_entry(n, struct item, link));
		k++;
	}
	ht_destroy(t);
	return k;
}

static void
test_grow_and_find(void **state)
{
	struct hashtab t;
	const uint64_t n = 10000;

	(void)state;
	collide = 0;
	ht_init(&t, 3, 1, item_hash);
	assert_int_equal(t.nb, 4);
	for (uint64_t k = 0; k < n; k++)
		add(&t, k);
	assert_int_equal(t.count, n);
	assert_true(t.nb >= n && t.nb < 4 * n);
	for (uint64_t k = 0; k < n; k++) {
		struct item *it = find(&t, k);
		assert_non_null(it);
		assert_int_equal(it->key, k);
		assert_int_equal(it->payload, (int)k * 3);
	}
	assert_null(find(&t, n));
	assert_null(find(&t, n + 12345));
	assert_int_equal(free_all(&t), n);
}

static void
test_collisions(void **state)
{
	struct hashtab t;

	(void)state;
	collide = 1;
	ht_init(&t, 16, 2, item_hash);
	for (uint64_t k = 1; k <= 100; k++)
		add(&t, k);
	assert_int_equal(t.nb, 64); /* 100 > 32 * 2 */
	for (uint64_t k = 1; k <= 100; k++)
		assert_int_equal(find(&t, k)->key, k);
	assert_null(find(&t, 0));
	assert_int_equal(free_all(&t), 100);
	collide = 0;
}

static void
test_remove(void **state)
{
	struct hashtab t;
	struct item *v[300];

	(void)state;
	for (int c = 0; c < 2; c++) {
		collide = c;
		ht_init(&t, 8, 2, item_hash);
		for (int k = 0; k < 300; k++)
			v[k] = add(&t, (uint64_t)k);
		/* every third, from the middle of chains and their ends */
		for (int k = 0; k < 300; k += 3) {
			ht_remove(&t, &v[k]->link, key_hash((uint64_t)k));
			free(v[k]);
		}
		assert_int_equal(t.count, 200);
		for (int k = 0; k < 300; k++) {
			struct item *it = find(&t, (uint64_t)k);
			if (k % 3 == 0)
				assert_null(it);
			else
				assert_ptr_equal(it, v[k]);
		}
		assert_int_equal(free_all(&t), 200);
	}
	collide = 0;
}

static void
test_iterate_once(void **state)
{
	struct hashtab t;
	struct ht_iter it;
	struct ht_node *n;
	unsigned char seen[500] = {0};
	size_t k = 0;

	(void)state;
	ht_init(&t, 1, 1, item_hash);
	ht_iter_init(&it, &t);
	assert_null(ht_iter_next(&it)); /* empty */
	for (uint64_t i = 0; i < 500; i++)
		add(&t, i);
	ht_iter_init(&it, &t);
	while ((n = ht_iter_next(&it)) != NULL) {
		struct item *e = ht_entry(n, struct item, link);
		assert_int_equal(seen[e->key], 0);
		seen[e->key] = 1;
		k++;
	}
	assert_int_equal(k, 500);
	assert_int_equal(free_all(&t), 500);
}

static void
test_reserve(void **state)
{
	struct hashtab t;
	size_t nb;

	(void)state;
	ht_init(&t, 16, 1, item_hash);
	ht_reserve(&t, 1000);
	assert_int_equal(t.nb, 1024);
	nb = t.nb;
	for (uint64_t k = 0; k < 1000; k++)
		add(&t, k);
	assert_int_equal(t.nb, nb); /* no growth while loading */
	ht_reserve(&t, 10);         /* never shrinks */
	assert_int_equal(t.nb, nb);
	assert_int_equal(free_all(&t), 1000);
}

static void
test_digest_hash(void **state)
{
	unsigned char d[32];
	uint64_t v;

	(void)state;
	for (int i = 0; i < 32; i++)
		d[i] = (unsigned char)(i * 37 + 1);
	memcpy(&v, d, 8);
	assert_true(ht_digest_hash(d) == v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grow_and_find),
	    cmocka_unit_test(test_collisions),
	    cmocka_unit_test(test_remove),
	    cmocka_unit_test(test_iterate_once),
	    cmocka_unit_test(test_reserve),
	    cmocka_unit_test(test_digest_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
