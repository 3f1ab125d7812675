/*
 * deobf_buf.h: the deobfuscator's byte buffers (deobf_buf.c): a bounded
 * output buffer, and string values with their decoder chain.
 */
#ifndef SS_DEOBF_BUF_H
#define SS_DEOBF_BUF_H

#include <stddef.h>

/* The longest chain of decoder names kept with a value. */
#define DEOBF_CHAIN_MAX 160

/* A growable output buffer that stops growing at max (overflow set). */
struct obuf {
	unsigned char *p;
	size_t len, cap, max;
	int overflow;
};

void ob_init(struct obuf *o, size_t max);
void ob_put(struct obuf *o, const void *s, size_t n);
void ob_putc(struct obuf *o, int c);
/* The canonical form of a string literal in normalized text: in double
 * quotes, with \\ \" \n \r \t and \xHH for other control bytes; every
 * other byte (printable ASCII, UTF-8) as is. */
void ob_put_quoted(struct obuf *o, const unsigned char *s, size_t n);
void ob_free(struct obuf *o);

/* A string value computed by an evaluator, and the decoders it went
 * through ("" when it is only folded literals). */
struct val {
	unsigned char *p;
	size_t len, cap;
	char chain[DEOBF_CHAIN_MAX];
	int layered; /* already handed over as a payload */
};

void val_init(struct val *v);
void val_set(struct val *v, const void *s, size_t n);
void val_append(struct val *v, const void *s, size_t n, size_t max);
void val_free(struct val *v);
void val_move(struct val *dst, struct val *src);
/* Appends ">step" to a chain (the head is kept when it is full). */
void chain_add(char *chain, const char *step);

#endif
