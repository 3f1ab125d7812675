/*
 * test_deobf_php.c: the PHP normalizer and deobfuscator: lexing and
 * folding, every decoder chain and code sink, payloads kept in the file
 * (H4), and hostile input (deep nesting, bombs, huge lines, unterminated
 * tokens) that must end within the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "deobf_testutil.h"

#define CODE "$s = fsockopen($mx, 25); fputs($s, \"HELO x\\r\\n\");"

static struct layers L;

static int
teardown(void **state)
{
	layers_free(&L);
	return 0;
}

static void
php(const char *src)
{
	layers_free(&L);
	run_deobf(src, strlen(src), LANG_PHP, NULL, &L);
	dump_layers(&L);
}

static void
test_normalize(void **state)
{
	php("<html><b>hi</b>\n<?php\n/* a\ncomment */ $a = \"fso\".'ck' . "
	    "\"open\"; // x\n"
	    "# hash\n$b = chr(102).chr(0x73).chr(0157);\n"
	    "$c = \"\\x66\\163\\u{6f}\\$x\";\n"
	    "EvAl/*x*/($_POST['c']);\n?>\n<p>after</p>");
	assert_int_equal(L.n, 1);
	assert_null(L.limit_hit);
	assert_true(has(&L, 0, "<html><b>hi</b>"));
	assert_true(has(&L, 0, "$a=\"fsockopen\";"));
	assert_true(has(&L, 0, "$b=\"fso\";"));
	assert_true(has(&L, 0, "$c=\"fso$x\";"));
	assert_true(has(&L, 0, "eval($_POST[\"c\"]);"));
	assert_true(has(&L, 0, "<p>after</p>"));
	assert_false(has(&L, 0, "comment"));
	assert_false(has(&L, 0, "hash"));
	assert_false(has(&L, 0, "// x"));
	/* line numbers follow the source */
	assert_true(has(&L, 0, "<?php\n\n$a=")); /* $a on line 4 */
}

static void
test_names_resolved(void **state)
{
	php("<?php $f = 'base'.'64_decode'; $g = str_replace('X', '', "
	    "'gXzXiXnflate');\n"
	    "$h = $f('ZnNvY2tvcGVu');\n$h($mx, 25);\n$x = "
	    "\"\\x62ase64_decode\";\n"
	    "$u = 'str_'; $u .= 'rot13';\n$u($y);");
	assert_true(has(&L, 0, "$f=\"base64_decode\";"));
	assert_true(has(&L, 0, "$g=\"gzinflate\";"));
	assert_true(has(&L, 0, "$h=\"fsockopen\";"));
	assert_true(has(&L, 0, "fsockopen($mx,25);"));
	assert_true(has(&L, 0, "$x=\"base64_decode\";"));
	assert_true(has(&L, 0, "str_rot13($y);"));
}

/* $GLOBALS['k'] is $k at file scope, both ways round. */
static void
test_globals_resolved(void **state)
{
	php("<?php $GLOBALS['k'] = 'fso'.'ckopen';\n$k($mx, 25);\n"
	    "$m = 'ma'.'il';\n$GLOBALS[\"m\"]($to, $s, $b);\n"
	    "$GLOBALS['a'.'b']($x);");
	assert_true(has(&L, 0, "fsockopen($mx,25);"));
	assert_true(has(&L, 0, "mail($to,$s,$b);"));
	/* a subscript that is not a plain constant name is left alone */
	assert_true(has(&L, 0, "$GLOBALS[\"ab\"]($x);"));
	/* ${"GLOBALS"} and keys written with escapes are the same names */
	php("<?php ${\"\\x47LOBALS\"}[\"\\x6d\"] = 'ma'.'il';\n"
	    "${'GLOBALS'}['m']($to, $s, $b);\n"
	    "$GLOBALS[\"\\x6b\"] = 'fso'.'ckopen';\n$k($mx, 25);\n"
	    "${'na' . 'me'} = 1; ${\"a b\"} = 2; ${\"\\x47");
	assert_true(has(&L, 0, "mail($to,$s,$b);"));
	assert_true(has(&L, 0, "fsockopen($mx,25);"));
}

/* A variable holding one request field is written as that field; one
 * that holds anything more (or is assigned again) is left alone. */
static void
test_request_vars(void **state)
{
	php("<?php $e = isset($_REQUEST['e']) ? trim($_REQUEST['e']) : '';\n"
	    "$s = $_POST['s'] ?? '';\n$c = @$_GET['c'];\n"
	    "mail($e, $s, $m);\nsystem($c);\n"
	    "$n = 'x' . $_POST['n'];\nmail($n, 1, 2);\n"
	    "$k = $_POST[$key];\nmail($k, 1, 2);\n"
	    "$c = 'ls';\nsystem($c);\n");
	assert_true(has(&L, 0, "mail($_REQUEST[\"e\"],$_POST[\"s\"],$m);"));
	assert_true(has(&L, 0, "system($_GET[\"c\"]);"));
	assert_true(has(&L, 0, "mail($n,1,2);"));
	assert_true(has(&L, 0, "mail($k,1,2);"));
	/* assigned a constant again: no longer the request */
	assert_true(has(&L, 0, "$c=\"ls\";\nsystem($c);"));
}

static void
test_chain(void **state)
{
	char *b = b64z(CODE, -15), src[4096];
	int i;

	snprintf(
	    src, sizeof(src),
	    "<?php @eval(gzinflate(base64_decode('%s')));\n"
	    "$f = 'base'.'64_decode'; $g = 'gzinflate'; eval($g($f(\"%s\")));\n"
	    "$p = gzinflate(base64_decode('%s')); eval($p);",
	    b, b, b);
	php(src);
	i = find_chain(&L, "base64_decode>gzinflate");
	assert_true(i > 0);
	assert_int_equal(L.v[i].depth, 1);
	assert_true(has(&L, i, "$s=fsockopen($mx,25);"));
	/* the payload as decoded is kept too, for signatures */
	assert_non_null(L.v[i].raw);
	assert_memory_equal(L.v[i].raw, CODE, strlen(CODE));
	assert_null(L.v[0].raw);
	assert_true(has(&L, i, "\"HELO x\\r\\n\""));
	assert_int_equal(L.n, 2); /* the same payload is one layer */
	assert_true(has(&L, 0, "@eval(gzinflate(base64_decode(\""));
	free(b);
}

static void
check_one(const char *call, const char *arg, const char *chain)
{
	char src[8192];
	int i;

	snprintf(src, sizeof(src), "<?php eval(%s('%s'));", call, arg);
	php(src);
	i = find_chain(&L, chain);
	assert_true(i > 0);
	assert_true(has(&L, i, "fsockopen($mx,25)"));
}

static void
test_each_decoder(void **state)
{
	char buf[4096], *b;
	size_t n = strlen(CODE), k;
	unsigned char *z;

	b = b64enc((const unsigned char *)CODE, n);
	check_one("base64_decode", b, "base64_decode");
	free(b);
	for (k = 0; k < n; k++) {
		char c = CODE[k];
		buf[k] =
		    (c >= 'a' && c <= 'z')   ? (char)('a' + (c - 'a' + 13) % 26)
		    : (c >= 'A' && c <= 'Z') ? (char)('A' + (c - 'A' + 13) % 26)
		                             : c;
	}
	buf[n] = 0;
	check_one("str_rot13", buf, "str_rot13");
	for (k = 0; k < n; k++)
		buf[k] = CODE[n - 1 - k];
	check_one("strrev", buf, "strrev");
	for (k = 0; k < n; k++)
		sprintf(buf + 2 * k, "%02x", (unsigned char)CODE[k]);
	check_one("hex2bin", buf, "hex2bin");
	{
		char src[4096 + 64];
		snprintf(src, sizeof(src), "<?php eval(pack('H*', '%s'));",
		         buf);
		php(src);
		assert_true(has(&L, find_chain(&L, "pack"), "fsockopen"));
	}
	for (k = 0; k < n; k++)
		sprintf(buf + 3 * k, "%%%02x", (unsigned char)CODE[k]);
	check_one("urldecode", buf, "urldecode");
	check_one("rawurldecode", buf, "rawurldecode");
	for (int w = 0; w < 2; w++) {
		z = zcompress(CODE, n, w ? 31 : 15, &k);
		b = b64enc(z, k);
		snprintf(buf, sizeof(buf), "base64_decode('%s')", b);
		{
			char src[4096 + 64];
			snprintf(src, sizeof(src), "<?php eval(%s(%s));",
			         w ? "gzdecode" : "gzuncompress", buf);
			php(src);
			assert_true(has(
			    &L,
			    find_chain(&L, w ? "base64_decode>gzdecode"
			                     : "base64_decode>gzuncompress"),
			    "fsockopen"));
		}
		free(z);
		free(b);
	}
	/* convert_uuencode('echo fsockopen($mx,25);') */
	php("<?php "
	    "eval(convert_uudecode('796-H;R!F<V]C:V]P96XH)&UX+#(U*3L`\n`\n'))"
	    ";");
	assert_true(has(&L, find_chain(&L, "convert_uudecode"),
	                "echo fsockopen($mx,25);"));
}

static void
test_sinks(void **state)
{
	char src[4096], *b = b64enc((const unsigned char *)CODE, strlen(CODE));

	php("<?php assert('mail($_GET[\"to\"], \"s\", \"m\");');");
	assert_true(has(&L, find_chain(&L, "assert"),
	                "mail($_GET[\"to\"],\"s\",\"m\");"));
	php("<?php preg_replace('/x/e', 'mail($to, 1, 2)', 'x'); "
	    "preg_replace('/x/', 'not_code()', 'x');");
	assert_true(has(&L, find_chain(&L, "preg_replace/e"), "mail($to,1,2)"));
	assert_int_equal(L.n, 2);
	php("<?php $f = create_function('', 'mail($to, 1, 2);'); $f();");
	assert_true(
	    has(&L, find_chain(&L, "create_function"), "mail($to,1,2);"));
	snprintf(src, sizeof(src), "<?php include 'data:text/plain;base64,%s';",
	         b);
	php(src);
	assert_true(has(&L, find_chain(&L, "data:base64"), "fsockopen"));
	php("<?php eval(<<<'E'\necho 'nowdoc';\nE\n); eval(\"\\x65cho 1;\");");
	assert_true(has(&L, find_chain(&L, "eval"), "echo \"nowdoc\";"));
	free(b);
}

static void
test_payload_in_file(void **state)
{
	char *b = b64z("<?php " CODE, -15), src[4096];

	snprintf(
	    src, sizeof(src),
	    "<?php "
	    "eval(gzinflate(base64_decode(substr(file_get_contents(__FILE__), "
	    "__COMPILER_HALT_OFFSET__))));\n__halt_compiler();%s",
	    b);
	php(src);
	assert_true(
	    has(&L, find_chain(&L, "__halt_compiler>base64_decode>gzinflate"),
	        "fsockopen($mx,25)"));
	assert_false(has(&L, 0, b)); /* data, not code */
	snprintf(src, sizeof(src),
	         "<?php $d = explode('?>', file_get_contents(__FILE__)); "
	         "eval(gzinflate(base64_decode($d[1]))); ?>\n%s\n",
	         b);
	php(src);
	assert_true(has(&L, find_chain(&L, "__FILE__>base64_decode>gzinflate"),
	                "fsockopen($mx,25)"));
	/* an ordinary template that mentions __FILE__ gives no layer */
	php("<?php include dirname(__FILE__) . '/x.php'; "
	    "?>\n<html>hello</html>\n");
	assert_int_equal(L.n, 1);
	free(b);
}

static void
test_deep_nesting(void **state)
{
	size_t depth = 10000, cap = depth * 40 + 100, n = 0;
	char *src = malloc(cap);
	double t0 = mono();

	/* eval(<<<'E1'\neval(<<<'E2'\n ... \nE2\n);\nE1\n); */
	n += (size_t)sprintf(src + n, "<?php ");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(src + n, "eval(<<<'E%zu'\n", i);
	n += (size_t)sprintf(src + n, "echo 1;\n");
	for (size_t i = depth; i-- > 0;)
		n += (size_t)sprintf(src + n, "E%zu\n);\n", i);
	layers_free(&L);
	run_deobf(src, n, LANG_PHP, NULL, &L);
	assert_string_equal(L.limit_hit, "depth");
	assert_true(L.n <= 64);
	assert_int_equal(L.v[L.n - 1].depth, 32);
	/* 10,000 decoders nested in one expression */
	n = (size_t)sprintf(src, "<?php eval(");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(src + n, "base64_decode(");
	n += (size_t)sprintf(src + n, "'ZWNobyAxOw=='");
	for (size_t i = 0; i < depth; i++)
		src[n++] = ')';
	n += (size_t)sprintf(src + n, ");");
	layers_free(&L);
	run_deobf(src, n, LANG_PHP, NULL, &L);
	assert_non_null(L.limit_hit);
	assert_true(L.n >= 1);
	/* 100,000 nested chr( around one number: one linear pass */
	free(src);
	src = malloc(100000 * 5 + 64);
	n = (size_t)sprintf(src, "<?php $a = ");
	for (size_t i = 0; i < 100000; i++)
		n += (size_t)sprintf(src + n, "chr(");
	n += (size_t)sprintf(src + n, "65");
	for (size_t i = 0; i < 100000; i++)
		src[n++] = ')';
	layers_free(&L);
	run_deobf(src, n, LANG_PHP, NULL, &L);
	assert_string_equal(L.limit_hit, "depth");
	assert_true(mono() - t0 < 30);
	free(src);
}

static void
test_bomb(void **state)
{
	size_t n = 200u << 20, zl;
	char *zeros = calloc(1, n), *src, *b;
	unsigned char *z = zcompress(zeros, n, -15, &zl);
	struct deobf_limits lim;

	free(zeros);
	b = b64enc(z, zl);
	free(z);
	src = malloc(strlen(b) + 100);
	sprintf(src, "<?php eval(gzinflate(base64_decode('%s')));", b);
	deobf_limits_default(&lim);
	lim.max_output = 8u << 20;
	layers_free(&L);
	run_deobf(src, strlen(src), LANG_PHP, &lim, &L);
	assert_string_equal(L.limit_hit, "size");
	for (size_t i = 0; i < L.n; i++)
		assert_true(L.v[i].len <= lim.max_output);
	free(b);
	free(src);
}

static void
test_huge_line(void **state)
{
	size_t n = 50u << 20, k = 0;
	char *src = malloc(n + 1);
	const char *unit = "$a.='x'.chr(65);eval($b);";
	size_t ul = strlen(unit);
	double t0 = mono();

	k = (size_t)sprintf(src, "<?php ");
	while (k + ul < n) {
		memcpy(src + k, unit, ul);
		k += ul;
	}
	layers_free(&L);
	run_deobf(src, k, LANG_PHP, NULL, &L);
	assert_true(L.n >= 1);
	assert_true(mono() - t0 < 30);
	/* one string literal of 50 MB */
	memset(src, 'A', n);
	memcpy(src, "<?php $x='", 10);
	layers_free(&L);
	run_deobf(src, n, LANG_PHP, NULL, &L);
	assert_true(L.n >= 1);
	assert_true(mono() - t0 < 60);
	free(src);
}

static void
test_unterminated(void **state)
{
	const char *cases[] = {
	    "<?php $a = 'abc",
	    "<?php $a = \"abc\\",
	    "<?php $a = <<<EOT\nabc",
	    "<?php $a = <<<'EOT'\nabc\n",
	    "<?php /* abc",
	    "<?php // abc",
	    "<?php eval(base64_decode('ZWNo",
	    "<?php eval(",
	    "<?php $",
	    "<?php `ls",
	    "<?php \"\\u{",
	    "<?php \"\\x",
	    "<?php \"\\",
	    "<?php eval(gzinflate(base64_decode('!!!')));",
	    "<?",
	    "<?php <<<",
	    "<?php __halt_compiler",
	    "<?php __halt_compiler();",
	    "<?php eval(str_replace('', 'x', ''));",
	    "<?php chr();",
	    "<?php pack('H*');",
	    "<?php preg_replace('",
	    "<?php $f = 'eval'; $f(",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		layers_free(&L);
		run_deobf(cases[i], strlen(cases[i]), LANG_PHP, NULL, &L);
		assert_true(L.n >= 1);
		assert_int_equal(L.v[0].depth, 0);
		assert_string_equal(L.v[0].chain, "");
	}
	/* and every prefix of a realistic sample */
	char *b = b64z(CODE, -15), src[2048];
	snprintf(src, sizeof(src),
	         "<?php $f = 'base'.'64_decode'; /* c */ "
	         "eval(gzinflate($f(\"%s\")));"
	         " $h = <<<EOT\nx $y\nEOT;\n?>html",
	         b);
	for (size_t k = 0; k <= strlen(src); k++) {
		layers_free(&L);
		run_deobf(src, k, LANG_PHP, NULL, &L);
		assert_true(L.n >= 1);
	}
	free(b);
}

/* Random mutations of small samples (a fixed seed): whatever the bytes,
 * deobfuscate() returns with layer 0 (run under ASan/UBSan in CI). */
static void
test_mutations(void **state)
{
	static const char *const seeds[] = {
	    "<?php $f = 'base'.'64_decode'; $g = "
	    "str_replace('X','','gXzinflate');"
	    " eval($g($f('S03OyFdQyshUslZQKVawVUgrzk/"
	    "Ozi9IzdNQydBRMDLVtFZIKygtKdZQKdZRUPJw9fFXqIgpislT0rQGAA==')));",
	    "<?php eval(<<<'E'\necho \"x\\x41\\u{41}\\101 $a {$b}\";\nE\n); "
	    "$a=\"a\".chr(65).'b'; $a($b); ?>h<?= 1 ?>",
	    "<?php preg_replace('/x/e', 'mail($to)', 'x'); create_function('', "
	    "'x();');"
	    " include 'data:text/plain;base64,ZWNobyAxOw=='; "
	    "__halt_compiler();ZWNobyAxOw==",
	    "<?php $d = file_get_contents(__FILE__); "
	    "eval(gzinflate(base64_decode($d))); ?>\nS03OyFdQ\n",
	    "#!/usr/bin/perl\n=pod\nx\n=cut\nmy $x = \"a\\x{41}\" . q{b}; "
	    "s#a#b#; $#a;"
	    " eval decode_base64('ZWNobyAxOw=='); print <<\"E\" . <<'F';\na "
	    "$x\nE\nb\nF\n"
	    "eval join '', <DATA>;\n__DATA__\nprint 1;\n",
	};
	static unsigned char buf[1 << 14];
	unsigned int rnd = 12345;

	for (int it = 0; it < 20000; it++) {
		size_t which = (rnd = rnd * 1103515245 + 12345) % 5;
		size_t n = strlen(seeds[which]);
		memcpy(buf, seeds[which], n);
		for (int m = (int)((rnd >> 8) % 6); m > 0; m--) {
			size_t pos =
			    n ? (rnd = rnd * 1103515245 + 12345) % n : 0;
			switch ((rnd >> 16) % 3) {
			case 0:
				buf[pos] = (unsigned char)(rnd >> 3);
				break;
			case 1:
				n = pos;
				break;
			default:
				if (n + 1 < sizeof(buf)) {
					memmove(buf + pos + 1, buf + pos,
					        n - pos);
					buf[pos] =
					    (unsigned char)"'\"\\$(){}<>?;.#/"
					                   "`=\n*"[(rnd >> 5) %
					                           19];
					n++;
				}
			}
		}
		layers_free(&L);
		run_deobf((const char *)buf, n,
		          which == 4 ? LANG_PERL : LANG_PHP, NULL, &L);
		assert_true(L.n >= 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_normalize, teardown),
	    cmocka_unit_test_teardown(test_names_resolved, teardown),
	    cmocka_unit_test_teardown(test_globals_resolved, teardown),
	    cmocka_unit_test_teardown(test_request_vars, teardown),
	    cmocka_unit_test_teardown(test_chain, teardown),
	    cmocka_unit_test_teardown(test_each_decoder, teardown),
	    cmocka_unit_test_teardown(test_sinks, teardown),
	    cmocka_unit_test_teardown(test_payload_in_file, teardown),
	    cmocka_unit_test_teardown(test_deep_nesting, teardown),
	    cmocka_unit_test_teardown(test_bomb, teardown),
	    cmocka_unit_test_teardown(test_huge_line, teardown),
	    cmocka_unit_test_teardown(test_unterminated, teardown),
	    cmocka_unit_test_teardown(test_mutations, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
