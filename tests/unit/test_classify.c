/*
 * test_classify.c: which files are scripts: by name, by shebang, and by
 * a PHP open tag hidden in any file; which are configuration files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scanner/engine/classify.h"

#define CONTENT(s) classify_content((const unsigned char *)(s), strlen(s))

static void
test_by_name(void **state)
{
	assert_int_equal(classify_name("index.php"), LANG_PHP);
	assert_int_equal(classify_name("OLD.PHP5"), LANG_PHP);
	assert_int_equal(classify_name("x.phtml"), LANG_PHP);
	assert_int_equal(classify_name("config.inc"), LANG_PHP);
	assert_int_equal(classify_name("mail.pl"), LANG_PERL);
	assert_int_equal(classify_name("form.cgi"), LANG_PERL);
	assert_int_equal(classify_name("Lib.pm"), LANG_PERL);
	assert_int_equal(classify_name("logo.jpg"), LANG_NONE);
	assert_int_equal(classify_name(".php"), LANG_NONE);
	assert_int_equal(classify_name("php"), LANG_NONE);
}

static void
test_config_by_exact_name(void **state)
{
	assert_int_equal(classify_name(".htaccess"), LANG_CONFIG);
	assert_int_equal(classify_name(".user.ini"), LANG_CONFIG);
	assert_int_equal(classify_name("php.ini"), LANG_CONFIG);
	/* the servers match these names exactly, case included */
	assert_int_equal(classify_name(".HTACCESS"), LANG_NONE);
	assert_int_equal(classify_name("PHP.INI"), LANG_NONE);
	assert_int_equal(classify_name("old.htaccess"), LANG_NONE);
	assert_int_equal(classify_name(".htaccess.bak"), LANG_NONE);
	assert_int_equal(classify_name("user.ini"), LANG_NONE);
	assert_int_equal(classify_name("php.ini-production"), LANG_NONE);
	assert_int_equal(classify_name(".htpasswd"), LANG_NONE);
}

static void
test_by_content(void **state)
{
	assert_int_equal(CONTENT("#!/usr/bin/perl -w\nprint 1;"), LANG_PERL);
	assert_int_equal(CONTENT("#!/usr/bin/env php\n<?php"), LANG_PHP);
	assert_int_equal(CONTENT("GIF89a\x01\x02<?php eval($x);"), LANG_PHP);
	assert_int_equal(CONTENT("junk <?= $a ?>"), LANG_PHP);
	assert_int_equal(CONTENT("<?PhP echo 1;"), LANG_PHP);
	assert_int_equal(CONTENT("<?xml version=\"1.0\"?><a/>"), LANG_NONE);
	assert_int_equal(CONTENT("plain text <? no"), LANG_NONE);
	assert_int_equal(CONTENT("#!/bin/sh\necho"), LANG_NONE);
	assert_int_equal(CONTENT("<?ph"), LANG_NONE); /* truncated tag */
	assert_int_equal(CONTENT("<?=$a?>"), LANG_PHP);
	assert_int_equal(CONTENT("x<?=\"hi\"?>"), LANG_PHP);
	assert_int_equal(CONTENT("<?php"), LANG_PHP);
	assert_int_equal(CONTENT("<?php\r\nmail($t);"), LANG_PHP);
	/* not an open tag for PHP either */
	assert_int_equal(CONTENT("<?phpinfo();"), LANG_NONE);
	/* compressed image data holding the bytes by chance */
	assert_int_equal(CONTENT("\x89PNG\r\n\x1a\n..\x1c<?=\x8fV\x18\xb6x_"),
	                 LANG_NONE);
	assert_int_equal(CONTENT("GIF89a\x01<?=\xb9$\x8e\xdd\xdc\xc5o"),
	                 LANG_NONE);
	assert_int_equal(CONTENT(""), LANG_NONE);
}

static void
test_tag_beyond_head_ignored(void **state)
{
	size_t n = CLASSIFY_HEAD + 100;
	unsigned char *buf = malloc(n);

	memset(buf, 'A', n);
	memcpy(buf + CLASSIFY_HEAD + 10, "<?php", 5);
	assert_int_equal(classify_content(buf, n), LANG_NONE);
	memcpy(buf + CLASSIFY_HEAD - 5, "<?php", 5);
	assert_int_equal(classify_content(buf, n), LANG_PHP);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_name),
	    cmocka_unit_test(test_config_by_exact_name),
	    cmocka_unit_test(test_by_content),
	    cmocka_unit_test(test_tag_beyond_head_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
