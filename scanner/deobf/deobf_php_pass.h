/*
 * deobf_php_pass.h: the state of one normalizing pass over a script (PHP
 * or Perl), shared by the files of the pass: deobf_php.c drives it,
 * deobf_php_emit.c writes, deobf_php_eval.c evaluates, deobf_php_vars.c
 * keeps the variables.
 */
#ifndef SS_DEOBF_PHP_PASS_H
#define SS_DEOBF_PHP_PASS_H

#include <stddef.h>

#include "scanner/deobf/deobf_lex.h"

struct dctx;
struct obuf;
struct var;

struct php {
	struct dctx *c;
	struct lexer lx;
	struct obuf *o;
	int depth;
	const char *chain;
	struct var *vars; /* open addressing, VARS_MAX slots */
	size_t nvars;
	size_t nodecode_until;
	size_t out_line;
	int prev_word, prev_str;
	int nest;
	/* an expression nested past the bound is not tried again from
	 * inside: attempts before skip_eval_until are skipped */
	int too_deep;
	size_t reach, skip_eval_until;
};

#endif
