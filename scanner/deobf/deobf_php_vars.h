/*
 * deobf_php_vars.h: the variables a normalizing pass tracks
 * (deobf_php_vars.c): constants they hold, request fields they copy.
 */
#ifndef SS_DEOBF_PHP_VARS_H
#define SS_DEOBF_PHP_VARS_H

#include <stddef.h>

struct php;
struct tok;
struct val;

/* Slots of a pass's table of variables (it holds at most half). */
#define VARS_MAX 2048

struct var {
	const unsigned char *name; /* a copy */
	size_t nlen;
	struct val *v; /* allocated on the first assignment */
	int known;
	char *req; /* "$_POST["to"]" when it holds request input as is */
};

/* The variable a token names ($k and $GLOBALS['k'] alike); create: add
 * it when new. NULL when unknown (or the table is full). */
struct var *var_of(struct php *p, const struct tok *t, int create);
/* Its constant value, or NULL when it has none known. */
const struct val *var_get(struct php *p, const struct tok *t);
/* It no longer holds a known value nor a request field. */
void var_forget(struct php *p, const struct tok *t);
/* It holds *val now (moved from val). */
void var_store(struct php *p, const struct tok *t, struct val *val);
/* Frees the table. */
void vars_free(struct php *p);

#endif
