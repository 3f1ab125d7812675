/*
 * test_roots.c: discovery over a fake tree in a temporary directory (the
 * prefix), and the resolving of duplicate, nested and missing roots.
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

#include "scanner/nightly/roots.h"

static char base[64];

static void
mkpath(const char *rel)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", base, rel);
	for (char *s = p + strlen(base) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

static void
put(const char *rel, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", base, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const struct scan_root *
find(const struct rootlist *l, const char *rel)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", base, rel);
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].path, p) == 0)
			return &l->v[i];
	return NULL;
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/ss-roots.XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	/* realpath of the prefix, so that resolved paths compare */
	assert_non_null(realpath(tmpl, base));
	mkpath("/etc/apache2/sites-enabled");
	mkpath("/etc/nginx");
	mkpath("/var/www/a");
	mkpath("/var/www/a/inner");
	mkpath("/srv/n");
	mkpath("/var/www/vhosts/p.example/httpdocs");
	put("/etc/apache2/apache2.conf",
	    "IncludeOptional sites-enabled/*.conf\n");
	put("/etc/apache2/sites-enabled/a.conf",
	    "<VirtualHost *:80>\n DocumentRoot /var/www/a\n"
	    " DocumentRoot /var/www/a/inner\n DocumentRoot /var/www/gone\n"
	    "</VirtualHost>\n");
	put("/etc/nginx/nginx.conf",
	    "http { server { root /srv/n; } server { root /var/www/a; } }\n");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_discover(void **state)
{
	struct rootlist l = {0};
	const struct scan_root *r;
	char **paths;
	size_t n;

	roots_discover(&l, base, 0);
	roots_resolve(&l);
	r = find(&l, "/var/www/a");
	assert_non_null(r);
	assert_null(r->dropped);
	assert_non_null(strstr(r->why, "apache DocumentRoot"));
	assert_non_null(strstr(r->why, "/etc/apache2/sites-enabled/a.conf:2"));
	r = find(&l, "/var/www/a/inner");
	assert_non_null(r);
	assert_non_null(r->dropped);
	assert_non_null(strstr(r->dropped, "inside"));
	r = find(&l, "/srv/n");
	assert_non_null(r);
	assert_null(r->dropped);
	assert_non_null(strstr(r->why, "nginx root"));
	r = find(&l, "/var/www/vhosts/p.example/httpdocs");
	assert_non_null(r);
	assert_non_null(strstr(r->why, "Plesk"));
	paths = roots_paths(&l, &n);
	/* /var/www/a (once: nginx's copy is a duplicate), /srv/n, Plesk */
	assert_int_equal(n, 3);
	free(paths);
	roots_free(&l);
}

static void
test_resolve(void **state)
{
	struct rootlist l = {0};
	char p[512];

	snprintf(p, sizeof(p), "%s/var/www/a/", base);
	roots_add(&l, p, "one");
	snprintf(p, sizeof(p), "%s/var/www/../www/a", base);
	roots_add(&l, p, "two");
	snprintf(p, sizeof(p), "%s/nowhere", base);
	roots_add(&l, p, "three");
	roots_resolve(&l);
	assert_null(l.v[0].dropped);
	assert_non_null(strstr(l.v[1].dropped, "same as"));
	assert_string_equal(l.v[2].dropped, "does not exist");
	roots_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_discover),
	    cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
