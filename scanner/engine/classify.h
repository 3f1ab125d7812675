/*
 * classify.h: decides which files are worth scanning. PHP and Perl are
 * recognised by name, by a shebang, or by content (a PHP open tag or a
 * Perl shebang in the first CLASSIFY_HEAD bytes: PHP hidden in a .jpg or
 * .ico is the classic hiding place). The per-directory configuration files
 * that can make other files run as PHP (.htaccess, .user.ini, php.ini) are
 * recognised by their exact name, as LANG_CONFIG; content that is a script
 * wins over that name (PHP written into an .htaccess).
 */
#ifndef SS_CLASSIFY_H
#define SS_CLASSIFY_H

#include <stddef.h>

#include "common/result.h"

#define CLASSIFY_HEAD (64 * 1024)

/* By file name (the last path component). LANG_NONE when unknown. */
enum lang classify_name(const char *name);
/* By the first bytes of the content. LANG_NONE when neither. */
enum lang classify_content(const unsigned char *buf, size_t len);

#endif
