/*
 * classify.c: script detection by extension, shebang and content, and the
 * configuration files known by name.
 */
#include "scanner/engine/classify.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const php_ext[] = {
    "php", "php3", "php4", "php5", "php6",   "php7", "php8", "phtml",
    "pht", "phps", "phar", "inc",  "module", "ctp",  NULL,
};
static const char *const perl_ext[] = {
    "pl", "pm", "cgi", "plx", "pls", "perl", "t", NULL,
};

/*
 * Read from the directory of the files they affect, so an attacker who can
 * write to a docroot can write them: .htaccess (Apache, LiteSpeed: AddType
 * or SetHandler makes images run as PHP), .user.ini (PHP-FPM and CGI read
 * it per directory: auto_prepend_file loads a payload into every page),
 * php.ini (PHP as CGI reads the one in the script's directory, and suPHP
 * setups point at one in the account). Matched exactly, case included, as
 * the server does on Linux.
 */
static const char *const config_names[] = {
    ".htaccess",
    ".user.ini",
    "php.ini",
    NULL,
};

static int
in_list(const char *ext, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(ext, *list) == 0)
			return 1;
	return 0;
}

enum lang
classify_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	for (const char *const *c = config_names; *c; c++)
		if (strcmp(name, *c) == 0)
			return LANG_CONFIG;
	if (!dot || dot == name)
		return LANG_NONE;
	if (in_list(dot + 1, php_ext))
		return LANG_PHP;
	if (in_list(dot + 1, perl_ext))
		return LANG_PERL;
	return LANG_NONE;
}

/* The interpreter named on a "#!" first line, if any. */
static enum lang
shebang(const unsigned char *buf, size_t len)
{
	size_t end;

	if (len < 3 || buf[0] != '#' || buf[1] != '!')
		return LANG_NONE;
	for (end = 2; end < len && end < 256 && buf[end] != '\n'; end++)
		;
	if (memmem(buf, end, "perl", 4))
		return LANG_PERL;
	if (memmem(buf, end, "php", 3))
		return LANG_PHP;
	return LANG_NONE;
}

/*
 * Text after an open tag: n bytes (fewer at the end of buf) of printable
 * ASCII or whitespace. Binary data (a compressed image) holds "<?=" by
 * chance once in 16 MB; eight more text bytes make that rare.
 */
static int
text_follows(const unsigned char *p, const unsigned char *end, size_t n)
{
	for (; n && p < end; p++, n--)
		if (!(*p >= 0x20 && *p < 0x7f) && !strchr("\t\r\n", *p))
			return 0;
	return 1;
}

/*
 * After "<?=", an expression: within 16 bytes of text, a space, a
 * variable, a call, a string, or the end of the statement. A JPEG's
 * Huffman tables are runs of rising bytes and can spell "<?=@BAIBQC_D";
 * they never hold one of these.
 */
static int
expr_follows(const unsigned char *p, const unsigned char *end)
{
	for (size_t n = 0; n < 16 && p < end; p++, n++) {
		if (strchr(" \t\r\n$(\"';?", *p) && *p)
			return 1;
		if (*p < 0x20 || *p >= 0x7f)
			return 0;
	}
	return p == end;
}

/*
 * "<?php" (any case) then whitespace or the end, as PHP itself wants it,
 * then text; or "<?=" then an expression. "<?xml" is not PHP.
 */
static int
has_php_tag(const unsigned char *buf, size_t len)
{
	const unsigned char *p = buf, *end = buf + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p >= 4 && p[1] == '?' && p[2] == '=' &&
		    expr_follows(p + 3, end))
			return 1;
		if (end - p >= 5 && p[1] == '?' &&
		    strncasecmp((const char *)p + 2, "php", 3) == 0 &&
		    (end - p == 5 || isspace(p[5])) &&
		    text_follows(p + 5, end, 8))
			return 1;
		p++;
	}
	return 0;
}

enum lang
classify_content(const unsigned char *buf, size_t len)
{
	enum lang l;

	if (len > CLASSIFY_HEAD)
		len = CLASSIFY_HEAD;
	l = shebang(buf, len);
	if (l != LANG_NONE)
		return l;
	if (has_php_tag(buf, len))
		return LANG_PHP;
	return LANG_NONE;
}
