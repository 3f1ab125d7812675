/*
 * decoders.h: the byte-level decoders the deobfuscator applies to literal
 * payloads (PHP's base64_decode, gzinflate, str_rot13, ..., Perl's
 * unpack 'u'). Pure functions, no state, safe from any thread.
 *
 * Every decoder writes at most `max` bytes: output past the cap is cut off
 * and reported through `capped`, so a gzip bomb stops at the cap without
 * inflating further. The output buffer is always NUL-terminated (one byte
 * past len) and owned by the caller.
 */
#ifndef SS_DECODERS_H
#define SS_DECODERS_H

#include <stddef.h>

struct dec_out {
	unsigned char *p; /* xmalloc'd, NUL-terminated; NULL on failure */
	size_t len;
	int capped; /* output reached max and was cut */
};

/* Each returns 0 with out filled, or -1 (out->p NULL) when the input is not
 * something that decoder accepts. */

/* Lenient, like PHP's non-strict base64_decode: characters outside the
 * alphabet are skipped, missing padding is fine. -1 if nothing decodes. */
int dec_base64(const unsigned char *in, size_t n, size_t max,
               struct dec_out *out);
/* hex2bin (strict: even length, hex digits only) or pack('H*') (lenient:
 * whitespace skipped, odd length padded, stops at the first non-hex). */
int dec_hex(const unsigned char *in, size_t n, size_t max, int strict,
            struct dec_out *out);
int dec_rot13(const unsigned char *in, size_t n, size_t max,
              struct dec_out *out);
int dec_strrev(const unsigned char *in, size_t n, size_t max,
               struct dec_out *out);
/* urldecode ('+' is a space) or rawurldecode (raw != 0). */
int dec_url(const unsigned char *in, size_t n, size_t max, int raw,
            struct dec_out *out);
/* convert_uudecode / Perl unpack('u'). */
int dec_uu(const unsigned char *in, size_t n, size_t max, struct dec_out *out);

enum dec_zfmt { DEC_Z_RAW, DEC_Z_ZLIB, DEC_Z_GZIP };
/* gzinflate (raw deflate), gzuncompress (zlib), gzdecode (gzip). A stream
 * that is corrupt or truncated after producing output returns what was
 * produced; -1 only when nothing could be inflated. */
int dec_inflate(const unsigned char *in, size_t n, size_t max,
                enum dec_zfmt fmt, struct dec_out *out);

#endif
