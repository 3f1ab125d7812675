/*
 * test_config.c: the spamsweep.conf parser: values, comments, quoting,
 * errors that name the line, and the command line beating the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "scanner/nightly/nightly_config.h"

static int
parse(struct nightly_config *c, const char *text, char *err, size_t n)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = config_parse_stream(c, f, "t.conf", err, n);

	fclose(f);
	return rc;
}

static void
test_defaults(void **state)
{
	struct nightly_config c;

	config_defaults(&c);
	assert_int_equal(c.discover, 1);
	assert_int_equal(c.temp_dirs, 1);
	assert_int_equal(c.action, ACTION_REPORT);
	assert_int_equal(c.cache, 1);
	assert_int_equal(c.full_scan_every, 7);
	assert_string_equal(c.lock_file, "/run/spamsweep.lock");
	assert_non_null(strstr(c.cache_file, "/lib/spamsweep/cache.db"));
	assert_int_equal(c.roots.n, 0);
	config_free(&c);
}

static void
test_values(void **state)
{
	struct nightly_config c;
	char err[256] = "";

	config_defaults(&c);
	assert_int_equal(parse(&c,
	                       "# comment\n"
	                       "\n"
	                       "  ScanRoot /var/www\n"
	                       "scanroot \"/srv/with space\"  \n"
	                       "Action quarantine-suspicious\n"
	                       "MaxFileSize 2M\n"
	                       "Threshold 15\n"
	                       "Cache no\n"
	                       "CacheFile /tmp/c.db\n"
	                       "FullScanEvery 0\n"
	                       "SyslogFacility local3\n"
	                       "ExcludeDir ^/var/www/cache/\n"
	                       "CrossFilesystems false\n",
	                       err, sizeof(err)),
	                 0);
	assert_int_equal(c.roots.n, 2);
	assert_string_equal(c.roots.v[0], "/var/www");
	assert_string_equal(c.roots.v[1], "/srv/with space");
	assert_int_equal(c.action, ACTION_QUARANTINE_SUSPICIOUS);
	assert_int_equal(c.max_filesize, 2 << 20);
	assert_int_equal(c.threshold, 15);
	assert_int_equal(c.cache, 0);
	assert_string_equal(c.cache_file, "/tmp/c.db");
	assert_int_equal(c.full_scan_every, 0);
	assert_int_equal(c.syslog_facility, LOG_LOCAL3);
	assert_int_equal(c.exclude_dir.n, 1);
	assert_int_equal(c.cross_fs, 0);
	config_free(&c);
}

static void
expect_error(const char *text, const char *msg)
{
	struct nightly_config c;
	char err[256] = "";

	config_defaults(&c);
	assert_int_equal(parse(&c, text, err, sizeof(err)), -1);
	if (!strstr(err, msg))
		fail_msg("'%s' does not contain '%s'", err, msg);
	config_free(&c);
}

static void
test_errors(void **state)
{
	expect_error("Cache yes\nBogus 1\n", "t.conf:2: unknown key 'Bogus'");
	expect_error("\n\nThreshold 0\n", "t.conf:3: Threshold: '0'");
	expect_error("Threads lots\n", "t.conf:1: Threads");
	expect_error("MaxFileSize 12Q\n", "t.conf:1: MaxFileSize: '12Q'");
	expect_error("Action nuke\n", "t.conf:1: Action: 'nuke'");
	expect_error("Syslog perhaps\n", "t.conf:1: Syslog takes yes or no");
	expect_error("SyslogFacility kern9\n", "t.conf:1: SyslogFacility");
	expect_error("ExcludePath [\n", "t.conf:1: bad regular expression");
	expect_error("ReportDir   \n", "t.conf:1: ReportDir needs a value");
}

static void
test_cmdline_wins(void **state)
{
	struct nightly_config c;
	char err[256] = "";

	config_defaults(&c);
	assert_int_equal(parse(&c, "ScanRoot /a\nScanRoot /b\nReportDir /r\n",
	                       err, sizeof(err)),
	                 0);
	assert_int_equal(config_set(&c, "ScanRoot", "/c", 1, err, sizeof(err)),
	                 0);
	assert_int_equal(config_set(&c, "scan-root", "/d", 1, err, sizeof(err)),
	                 0);
	assert_int_equal(config_set(&c, "ReportDir", "/x", 1, err, sizeof(err)),
	                 0);
	assert_int_equal(c.roots.n, 2);
	assert_string_equal(c.roots.v[0], "/c");
	assert_string_equal(c.roots.v[1], "/d");
	assert_string_equal(c.report_dir, "/x");
	config_free(&c);
}

static void
test_every_key_has_an_option(void **state)
{
	size_t n;
	const struct config_key *k = config_keys(&n);
	struct nightly_config c;
	char err[256];

	assert_true(n >= 25);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(k[i].option);
		config_defaults(&c);
		/* a value no key accepts as valid except strings and lists */
		config_set(&c, k[i].name, "x", 0, err, sizeof(err));
		config_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_cmdline_wins),
	    cmocka_unit_test(test_every_key_has_an_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
