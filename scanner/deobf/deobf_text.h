/*
 * deobf_text.h: tests of what decoded bytes look like (deobf_text.c).
 */
#ifndef SS_DEOBF_TEXT_H
#define SS_DEOBF_TEXT_H

#include <stddef.h>

/* Is this text (ASCII printable, whitespace, valid UTF-8) enough to be a
 * layer worth scanning? */
int text_enough(const unsigned char *p, size_t n);
/* Does it look like source code rather than an encoding? */
int code_like(const unsigned char *p, size_t n);
int looks_base64(const unsigned char *p, size_t n);

#endif
