/*
 * classify.c: script detection by extension, shebang and content, and the
 * configuration files known by name.
 */
#include "classify.h"

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

/* "<?php" (any case) or "<?=" anywhere in buf. "<?xml" is not PHP. */
static int
has_php_tag(const unsigned char *buf, size_t len)
{
	const unsigned char *p = buf, *end = buf + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && p[1] == '?' && p[2] == '=')
			return 1;
		if (end - p >= 5 && p[1] == '?' &&
		    strncasecmp((const char *)p + 2, "php", 3) == 0)
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
