/*
 * zipstream.h: a libzip source that streams a sample from its open file,
 * so that a zip of many large samples never holds one in memory. It reads
 * the first len bytes by pread and checks, at their end, that they still
 * hash to the sha256 the sample was collected with: content that changed
 * in between fails the zip instead of going in under a wrong name.
 */
#ifndef SS_ZIPSTREAM_H
#define SS_ZIPSTREAM_H

#include <stddef.h>
#include <zip.h>

/* A source over fd (not closed, not owned), len bytes, expected sha256
 * (hex). *changed is set to 1 when the content read differs. NULL on
 * error. */
zip_source_t *zipstream_new(zip_t *za, int fd, size_t len,
                            const char *sha256_hex, int *changed);

#endif
