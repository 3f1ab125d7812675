/*
 * pathfmt.h: file names are bytes. These helpers print any name (newlines,
 * tabs, invalid UTF-8) on one line without ambiguity, and tell JSON writers
 * when a name needs its raw bytes carried alongside.
 *
 * Text escaping: backslash becomes "\\", \n \t \r become "\n" "\t" "\r",
 * other control bytes, DEL and bytes that are not valid UTF-8 become
 * "\xNN". Valid UTF-8 is kept as is. The mapping is reversible.
 */
#ifndef SS_PATHFMT_H
#define SS_PATHFMT_H

#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Escaped copy for text output (malloc'd). */
char *text_escape(const char *s, size_t n);
/* 1 when text_escape would change s. */
int needs_escape(const char *s, size_t n);
/* Standard base64 (malloc'd, NUL-terminated). */
char *base64_encode(const unsigned char *p, size_t n);
/* Reverses text_escape into out (at most strlen(s) bytes + NUL).
 * Returns the length, or -1 on a malformed escape. */
long text_unescape(const char *s, char *out);

#endif
