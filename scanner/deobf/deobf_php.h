/*
 * deobf_php.h: the front ends (deobf_php.c): one normalizing pass over a
 * PHP or Perl script, with the language's lexer.
 */
#ifndef SS_DEOBF_PHP_H
#define SS_DEOBF_PHP_H

#include <stddef.h>

struct dctx;
struct obuf;

/* Write the normalized text of src into o, queuing the payloads found
 * (at depth+1). php_mode: start in PHP code, not HTML. */
void php_normalize(struct dctx *c, const unsigned char *src, size_t len,
                   int depth, const char *chain, int php_mode, struct obuf *o);
void perl_normalize(struct dctx *c, const unsigned char *src, size_t len,
                    int depth, const char *chain, struct obuf *o);

#endif
