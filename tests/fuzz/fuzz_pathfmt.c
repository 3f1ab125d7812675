/*
 * fuzz_pathfmt.c: libFuzzer harness for the escaping of hostile file names
 * (common/pathfmt.c): text_escape() must give one line that
 * text_unescape() turns back into the same bytes, needs_escape() must agree
 * with it, and utf8_valid()/base64_encode() must not overrun.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/pathfmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *esc = text_escape(s, size), *back, *b64;
	size_t elen = strlen(esc);
	long n;

	if (memchr(esc, '\n', elen) || memchr(esc, '\t', elen))
		abort();
	if (needs_escape(s, size) != (elen != size || memcmp(esc, s, size)))
		abort();
	back = malloc(elen + 1);
	n = text_unescape(esc, back);
	if (n < 0 || (size_t)n != size || memcmp(back, s, size) != 0)
		abort();
	(void)utf8_valid(s, size);
	b64 = base64_encode(data, size);
	if (strlen(b64) != (size + 2) / 3 * 4)
		abort();
	/* the unescaper on arbitrary text: must not overrun */
	char *z = malloc(size + 1);
	memcpy(z, data, size);
	z[size] = '\0';
	(void)text_unescape(z, back = realloc(back, size + 1));
	free(z);
	free(back);
	free(b64);
	free(esc);
	return 0;
}
