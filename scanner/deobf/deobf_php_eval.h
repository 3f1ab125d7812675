/*
 * deobf_php_eval.h: the evaluator of constant string expressions
 * (deobf_php_eval.c), for PHP and Perl.
 */
#ifndef SS_DEOBF_PHP_EVAL_H
#define SS_DEOBF_PHP_EVAL_H

#include <stddef.h>

struct php;
struct tok;
struct val;

/* The functions the evaluator knows. */
enum fn {
	FN_NONE,
	FN_B64,
	FN_INFLATE,
	FN_UNCOMPRESS,
	FN_GZDECODE,
	FN_ROT13,
	FN_REV,
	FN_HEX2BIN,
	FN_URL,
	FN_RAWURL,
	FN_UU,
	FN_CHR,
	FN_PACK,
	FN_REPLACE,
	FN_LOWER,
	FN_UPPER,
	FN_TRIM,
	FN_UNPACK,
};

/* The function a token names when called: an identifier, a string, or a
 * variable holding a name. */
enum fn callee(struct php *p, const struct tok *t);
/* Evaluates the constant prefix of the expression at *j into *val (decode:
 * apply decoder functions too); 0 when even its first term is not
 * constant. Remembers where nesting went past the bound. */
int try_expr(struct php *p, size_t *j, struct val *val, int decode);

#endif
