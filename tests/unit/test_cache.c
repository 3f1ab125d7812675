/*
 * test_cache.c: the incremental cache: a record survives a reopen and is
 * found by identity and by content (findings and evidence included), a
 * changed identity misses, another signature key empties it, a corrupt
 * file is rebuilt, unseen files are forgotten by a complete run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/cache/cache.h"

static char dir[64], db[128];

static int
setup(void **state)
{
	strcpy(dir, "/tmp/ss-cache.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/sub/cache.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
fake_result(struct scan_result *r, const char *path, ino_t ino, enum verdict v,
            unsigned char fill)
{
	result_init(r, path);
	r->have_stat = 1;
	r->st.st_dev = 42;
	r->st.st_ino = ino;
	r->st.st_size = 100 + (off_t)ino;
	r->st.st_mtim.tv_sec = 1700000000;
	r->st.st_mtim.tv_nsec = 123;
	r->st.st_ctim.tv_sec = 1700000001;
	r->st.st_ctim.tv_nsec = 456;
	r->lang = LANG_PHP;
	r->verdict = v;
	memset(r->sha256, fill, 32);
	r->have_hash = 1;
	if (v == V_INFECTED) {
		struct indicator in = {.name = "Sig.One",
		                       .category = "signature",
		                       .description = "a test",
		                       .score = 0,
		                       .layer = 1,
		                       .chain = "base64_decode",
		                       .line = 7,
		                       .excerpt = "mail("};
		r->signame = strdup("Sig.One.UNOFFICIAL");
		r->score = 3;
		result_add_indicator(r, &in);
	}
}

static void
test_round_trip(void **state)
{
	struct cache *c = cache_open(db, "key1");
	struct scan_result r, q;
	enum verdict v;
	enum lang l;
	struct stat st;

	assert_non_null(c);
	assert_true(cache_was_reset(c));
	fake_result(&r, "/a/clean.php", 1, V_CLEAN, 0x11);
	cache_record(c, &r);
	result_free(&r);
	fake_result(&r, "/a/bad.php", 2, V_INFECTED, 0x22);
	cache_record(c, &r);
	st = r.st;
	result_free(&r);
	assert_int_equal(cache_same_roots(c, "/a\n"), 0);
	assert_int_equal(cache_close(c, 1, 1), 0);

	c = cache_open(db, "key1");
	assert_non_null(c);
	assert_false(cache_was_reset(c));
	assert_int_equal(cache_size(c), 2);
	assert_true(cache_last_full(c) > 0);
	assert_int_equal(cache_lookup_file(c, &st, &v, &l), 1);
	assert_int_equal(v, V_INFECTED);
	assert_int_equal(l, LANG_PHP);
	st.st_mtim.tv_nsec++;
	assert_int_equal(cache_lookup_file(c, &st, &v, &l), 0);

	result_init(&q, "/elsewhere/copy.php");
	memset(q.sha256, 0x22, 32);
	q.have_hash = 1;
	assert_int_equal(cache_lookup_content(c, &q), 1);
	assert_int_equal(q.verdict, V_INFECTED);
	assert_string_equal(q.signame, "Sig.One.UNOFFICIAL");
	assert_int_equal(q.score, 3);
	assert_int_equal(q.n_ind, 1);
	assert_string_equal(q.ind[0].chain, "base64_decode");
	assert_int_equal(q.ind[0].line, 7);
	assert_string_equal(q.ind[0].excerpt, "mail(");
	result_free(&q);
	/* same roots, and only bad.php seen: clean.php is forgotten */
	assert_int_equal(cache_same_roots(c, "/a\n"), 1);
	assert_int_equal(cache_close(c, 1, 0), 0);
	c = cache_open(db, "key1");
	assert_int_equal(cache_size(c), 1);
	assert_int_equal(cache_close(c, 0, 0), 0);
}

static void
test_new_key_empties(void **state)
{
	struct cache *c = cache_open(db, "key2");

	assert_non_null(c);
	assert_true(cache_was_reset(c));
	assert_int_equal(cache_size(c), 0);
	assert_int_equal(cache_close(c, 1, 0), 0);
}

static void
test_corrupt_rebuilt(void **state)
{
	FILE *f = fopen(db, "w");
	struct cache *c;

	assert_non_null(f);
	for (int i = 0; i < 512; i++)
		fputs("garbage!", f);
	fclose(f);
	c = cache_open(db, "key2");
	assert_non_null(c);
	assert_true(cache_was_reset(c));
	assert_int_equal(cache_size(c), 0);
	assert_int_equal(cache_close(c, 1, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_new_key_empties),
	    cmocka_unit_test(test_corrupt_rebuilt),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
