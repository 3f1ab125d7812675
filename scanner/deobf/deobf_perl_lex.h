/*
 * deobf_perl_lex.h: the Perl lexer (deobf_perl_lex.c).
 */
#ifndef SS_DEOBF_PERL_LEX_H
#define SS_DEOBF_PERL_LEX_H

struct lexer;
struct tok;

/* The next token of a Perl script into t. */
void perl_lex_one(struct lexer *lx, struct tok *t);

#endif
