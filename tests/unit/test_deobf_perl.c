/*
 * test_deobf_perl.c: the Perl normalizer and deobfuscator: comments and
 * POD, strings and heredocs, eval unpack 'u' / pack 'H*' / decode_base64,
 * eval of __DATA__ (also reversed), and hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "deobf_testutil.h"

#define CODE                                                                   \
	"my $s = IO::Socket::INET->new(PeerAddr => $mx, PeerPort => 25); "     \
	"print $s \"HELO x\\r\\n\";"

static struct layers L;

static int
teardown(void **state)
{
	layers_free(&L);
	return 0;
}

static void
perl(const char *src)
{
	layers_free(&L);
	run_deobf(src, strlen(src), LANG_PERL, NULL, &L);
	dump_layers(&L);
}

static void
test_normalize(void **state)
{
	perl("#!/usr/bin/perl\n# a comment\nuse strict;\n\n=head1 "
	     "NAME\n\nsecret pod\n\n=cut\n"
	     "my $x = \"IO::\" . 'Socket' . \"::\\x49NET\"; # tail\n"
	     "my $n = $#list; my $r = $x =~ s#a#b#g; my $q = q{it's}; my $d = "
	     "$a / 2; # c\n"
	     "my $h = <<\"EOT\" . 'x';\nbody $x\nEOT\nprint $h;\n"
	     "my $e = \"\\x{53}\\115\\x{54}P\";\n");
	assert_int_equal(L.n, 1);
	assert_false(has(&L, 0, "comment"));
	assert_false(has(&L, 0, "secret pod"));
	assert_false(has(&L, 0, "tail"));
	assert_true(has(&L, 0, "my $x=\"IO::Socket::INET\";"));
	assert_true(has(&L, 0, "s#a#b#g"));
	assert_true(has(&L, 0, "$#list"));
	assert_true(has(&L, 0, "\"it's\""));
	assert_true(has(&L, 0, "\"body $x\\n\""));
	assert_true(has(&L, 0, "print $h;"));
	assert_true(has(&L, 0, "my $e=\"SMTP\";"));
}

static void
test_evals(void **state)
{
	char src[4096], hex[1024];
	char *b = b64enc((const unsigned char *)CODE, strlen(CODE));

	snprintf(src, sizeof(src),
	         "use MIME::Base64;\neval decode_base64('%s');\n", b);
	perl(src);
	assert_true(has(&L, find_chain(&L, "decode_base64"), "PeerPort=>25"));
	snprintf(src, sizeof(src), "eval(MIME::Base64::decode_base64(\"%s\"));",
	         b);
	perl(src);
	assert_true(has(&L, find_chain(&L, "decode_base64"), "PeerPort=>25"));
	for (size_t k = 0; k < strlen(CODE); k++)
		sprintf(hex + 2 * k, "%02x", (unsigned char)CODE[k]);
	snprintf(src, sizeof(src), "eval pack('H*', '%s');", hex);
	perl(src);
	assert_true(has(&L, find_chain(&L, "pack_H"), "PeerPort=>25"));
	snprintf(src, sizeof(src), "eval unpack(\"H*\", \"%s\");", hex);
	perl(src);
	/* pack('u', 'print "x";') */
	perl("eval unpack 'u', q{*<')I;G0@(G@B.P``};\n");
	assert_true(has(&L, find_chain(&L, "unpack_u"), "print \"x\";"));
	perl("eval \"print 'hello';\"; eval { print 1 };");
	assert_true(has(&L, find_chain(&L, "eval"), "print \"hello\";"));
	assert_int_equal(L.n, 2);
	free(b);
}

static void
test_data(void **state)
{
	char src[4096];
	char *b = b64enc((const unsigned char *)CODE, strlen(CODE));

	perl("local $/; my $c = <DATA>; eval $c;\n__DATA__\n" CODE "\n");
	assert_true(has(&L, find_chain(&L, "__DATA__"), "PeerPort=>25"));
	assert_false(has(&L, 0, "PeerPort"));
	snprintf(src, sizeof(src),
	         "use MIME::Base64; eval decode_base64(join '', "
	         "<DATA>);\n__END__\n%s\n",
	         b);
	perl(src);
	assert_true(
	    has(&L, find_chain(&L, "__DATA__>base64_decode"), "PeerPort=>25"));
	/* a module's documentation after __END__ is no layer */
	perl("package X; 1;\n__END__\n=head1 NAME\n\nX - a module\n");
	assert_int_equal(L.n, 1);
	free(b);
}

/* base64 written backwards after __DATA__, turned round by "reverse":
 * with padding (then first) and without (then only the forward decoding
 * tells it is not plain base64) */
static void
test_data_reversed(void **state)
{
	for (int pad = 0; pad < 3; pad++) {
		char code[512], src[4096];
		char *b;
		size_t n;

		snprintf(code, sizeof(code), "%s%.*s", CODE, pad, "  ");
		b = b64enc((const unsigned char *)code, strlen(code));
		n = strlen(b);
		for (size_t i = 0; i < n / 2; i++) {
			char t = b[i];
			b[i] = b[n - 1 - i];
			b[n - 1 - i] = t;
		}
		snprintf(
		    src, sizeof(src),
		    "use MIME::Base64; my $p = join('', <DATA>); "
		    "eval decode_base64(scalar reverse $p);\n__DATA__\n%s\n",
		    b);
		perl(src);
		assert_true(has(&L,
		                find_chain(&L, "__DATA__>strrev>base64_decode"),
		                "PeerPort=>25"));
		free(b);
	}
}

static void
test_deep_nesting(void **state)
{
	size_t depth = 10000, n = 0;
	char *src = malloc(depth * 16 + 64);
	double t0 = mono();

	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(src + n, "eval q{");
	n += (size_t)sprintf(src + n, "print 1;");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(src + n, "};");
	layers_free(&L);
	run_deobf(src, n, LANG_PERL, NULL, &L);
	assert_string_equal(L.limit_hit, "depth");
	assert_int_equal(L.v[L.n - 1].depth, 32);
	assert_true(mono() - t0 < 30);
	free(src);
}

static void
test_huge_line(void **state)
{
	size_t n = 50u << 20, k;
	char *src = malloc(n + 1);
	const char *unit = "$a .= 'x' . chr(65); print $a / 2; ";
	size_t ul = strlen(unit);
	double t0 = mono();

	for (k = 0; k + ul < n; k += ul)
		memcpy(src + k, unit, ul);
	layers_free(&L);
	run_deobf(src, k, LANG_PERL, NULL, &L);
	assert_true(L.n >= 1);
	assert_true(mono() - t0 < 30);
	free(src);
}

static void
test_unterminated(void **state)
{
	const char *cases[] = {
	    "my $a = 'abc",
	    "my $a = \"abc\\",
	    "print <<EOT;\nabc",
	    "print <<'EOT';\n",
	    "=pod\n\nno cut",
	    "# only a comment",
	    "eval decode_base64('ZWNo",
	    "eval(",
	    "$",
	    "q{abc",
	    "s{a}",
	    "s{a}{b",
	    "tr/a",
	    "m/abc",
	    "`ls",
	    "\"\\x{",
	    "\"\\x",
	    "\"\\",
	    "<<",
	    "__END__",
	    "__DATA__\n",
	    "eval unpack 'u', 'M';",
	    "eval pack('H*');",
	    "my $x = $y / 2; /unterminated regex",
	    "$#",
	    "$#{",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		layers_free(&L);
		run_deobf(cases[i], strlen(cases[i]), LANG_PERL, NULL, &L);
		assert_true(L.n >= 1);
		assert_int_equal(L.v[0].depth, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_normalize, teardown),
	    cmocka_unit_test_teardown(test_evals, teardown),
	    cmocka_unit_test_teardown(test_data, teardown),
	    cmocka_unit_test_teardown(test_data_reversed, teardown),
	    cmocka_unit_test_teardown(test_deep_nesting, teardown),
	    cmocka_unit_test_teardown(test_huge_line, teardown),
	    cmocka_unit_test_teardown(test_unterminated, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
