/*
 * deobf_php_emit.h: writing a pass's normalized text (deobf_php_emit.c).
 */
#ifndef SS_DEOBF_PHP_EMIT_H
#define SS_DEOBF_PHP_EMIT_H

#include <stddef.h>

struct php;
struct tok;
struct val;

/* Writes what separates the last token written from t: newlines to keep
 * line numbers, or one space between two words. */
void emit_gap(struct php *p, const struct tok *t);
/* Writes a token as normalized text. */
void emit_tok(struct php *p, const struct tok *t);
/* The code sink t names (eval, assert, ...; NULL if none); *argpos: which
 * argument is code. */
const char *sink_name(struct php *p, const struct tok *t, int *argpos);
/* A code sink at i: hands its constant argument over as a payload. */
void sink(struct php *p, size_t i, const char *name, int argpos);
/*
 * At a token that can start a constant expression: evaluates it and writes
 * it folded, or leaves it to be written token by token (returns i) after
 * queuing what it decoded. *val gets the value when constant.
 */
size_t expression(struct php *p, size_t i, struct val *val, int *is_const);

#endif
