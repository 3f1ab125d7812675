/*
 * classify.h: decides which files are scripts worth scanning. PHP and Perl
 * are recognised by name, by a shebang, or by content (a PHP open tag or a
 * Perl shebang in the first CLASSIFY_HEAD bytes: PHP hidden in a .jpg or
 * .ico is the classic hiding place).
 */
#ifndef SS_CLASSIFY_H
#define SS_CLASSIFY_H

#include <stddef.h>

#include "result.h"

#define CLASSIFY_HEAD (64 * 1024)

/* By file name (the last path component). LANG_NONE when unknown. */
enum lang classify_name(const char *name);
/* By the first bytes of the content. LANG_NONE when neither. */
enum lang classify_content(const unsigned char *buf, size_t len);

#endif
