/*
 * deobf_php_lex.h: the PHP lexer (deobf_php_lex.c).
 */
#ifndef SS_DEOBF_PHP_LEX_H
#define SS_DEOBF_PHP_LEX_H

struct lexer;
struct tok;

/* The next token of a PHP file (inline HTML or code) into t. */
void php_lex_one(struct lexer *lx, struct tok *t);

#endif
