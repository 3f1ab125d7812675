/*
 * test_vault.c: the vault's pieces: ids, durable writes with the sha256
 * check, metadata round trip (names as bytes), recovery of debris, and
 * the symlink-refusing directory walk used by restore.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/util.h"
#include "quarantine/qmeta.h"
#include "quarantine/restore.h"
#include "quarantine/recover.h"
#include "quarantine/vault.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static int
setup(void **state)
{
	char tmpl[] = "/tmp/ss-vault-unit.XXXXXX";

	if (!mkdtemp(tmpl))
		return -1;
	snprintf(dir, sizeof(dir), "%s/vault", tmpl);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd =
	    xasprintf("rm -rf '%.*s'", (int)(strrchr(dir, '/') - dir), dir);
	int rc = system(cmd);

	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
test_ids(void **state)
{
	char id[VAULT_ID_MAX];

	vault_new_id(id, sizeof(id));
	assert_true(vault_id_valid(id));
	assert_false(vault_id_valid(""));
	assert_false(vault_id_valid("../etc/passwd"));
	assert_false(vault_id_valid("a/b"));
	assert_false(vault_id_valid("-rf"));
	assert_false(vault_id_valid("x.json"));
}

static struct vault *
open_fresh(void)
{
	char err[512];
	struct vault *v = vault_open(dir, 1, NULL, err, sizeof(err));

	assert_non_null(v);
	return v;
}

static void
test_open_checks_mode(void **state)
{
	char err[512];
	struct vault *v = open_fresh();
	struct stat st;

	assert_int_equal(fstat(v->fd, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	vault_close(v);
	assert_int_equal(chmod(dir, 0755), 0);
	assert_null(vault_open(dir, 0, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "mode 0700"));
	assert_int_equal(chmod(dir, 0700), 0);
}

static int
tmpfile_with(const char *text)
{
	char path[] = "/tmp/ss-vault-src.XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	return fd;
}

static void
test_store_data(void **state)
{
	struct vault *v = open_fresh();
	unsigned char sha[32], want[32], wrong[32] = {0};
	char err[512], id[VAULT_ID_MAX];
	unsigned int n;
	struct stat st;
	int fd = tmpfile_with("<?php mail($to, $s, $b);\n");

	EVP_Digest("<?php mail($to, $s, $b);\n", 25, want, &n, EVP_sha256(),
	           NULL);
	vault_new_id(id, sizeof(id));
	assert_int_equal(vault_begin(v, id, VAULT_MOVING, err, sizeof(err)), 0);
	assert_int_equal(
	    vault_store_data(v, id, fd, wrong, sha, err, sizeof(err)), 1);
	/* a mismatch leaves nothing behind */
	assert_int_equal(vault_open_data(v, id), -1);
	assert_int_equal(
	    vault_store_data(v, id, fd, want, sha, err, sizeof(err)), 0);
	assert_memory_equal(sha, want, 32);
	int dfd = vault_open_data(v, id);
	assert_true(dfd >= 0);
	assert_int_equal(fstat(dfd, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0400);
	assert_int_equal(st.st_size, 25);
	close(dfd);
	/* O_EXCL: an id is never written twice */
	assert_int_equal(
	    vault_store_data(v, id, fd, want, sha, err, sizeof(err)), -1);
	close(fd);
	/* content without metadata, of a journaled move, is debris:
	 * recovery removes it, and the journal entry */
	assert_int_equal(vault_recover(v, stderr), 1);
	assert_int_equal(vault_open_data(v, id), -1);
	assert_int_equal(vault_recover(v, stderr), 0);
	vault_close(v);
}

static void
test_meta_round_trip(void **state)
{
	struct vault *v = open_fresh();
	struct scan_result r;
	struct qscan scan = {"scan-1", "host.example", "scan"};
	char err[512], id[VAULT_ID_MAX], *path;
	const char name[] = "/srv/www/a\nb\xff.php";
	char **ids;
	size_t n;
	json_t *m, *back;

	result_init(&r, name);
	r.verdict = V_INFECTED;
	r.signame = xstrdup("Test.Mailer.UNOFFICIAL");
	r.have_stat = 1;
	r.st.st_mode = S_IFREG | 0644;
	r.st.st_size = 10;
	vault_new_id(id, sizeof(id));
	m = qmeta_build(id, &r, name, "/srv/www", &scan);
	assert_int_equal(vault_store_meta(v, id, m, err, sizeof(err)), 0);
	back = vault_load_meta(v, id, err, sizeof(err));
	assert_non_null(back);
	path = qmeta_path(back);
	assert_string_equal(path, name);
	assert_string_equal(qmeta_str(back, "verdict", ""), "infected");
	assert_int_equal(qmeta_int(back, "mode", 0), 0644);
	ids = vault_list(v, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], id);
	vault_list_free(ids, n);
	assert_int_equal(vault_remove(v, id, err, sizeof(err)), 0);
	assert_null(vault_load_meta(v, id, err, sizeof(err)));
	assert_non_null(strstr(err, "no quarantine entry"));
	assert_null(vault_load_meta(v, "../x", err, sizeof(err)));
	free(path);
	json_decref(m);
	json_decref(back);
	result_free(&r);
	vault_close(v);
}

static void
test_dir_nofollow(void **state)
{
	char err[512], *real, *link, *via;
	int fd;

	real = xasprintf("%s/real", dir);
	link = xasprintf("%s/link", dir);
	via = xasprintf("%s/link/sub", dir);
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, link), 0);
	fd = open_dir_nofollow(real, err, sizeof(err));
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(open_dir_nofollow(link, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "symlink"));
	assert_int_equal(open_dir_nofollow(via, err, sizeof(err)), -1);
	unlink(link);
	rmdir(real);
	free(real);
	free(link);
	free(via);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ids),
	    cmocka_unit_test(test_open_checks_mode),
	    cmocka_unit_test(test_store_data),
	    cmocka_unit_test(test_meta_round_trip),
	    cmocka_unit_test(test_dir_nofollow),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
