/*
 * deobf_text.c: what decoded bytes look like: text worth a layer of its
 * own, source code rather than an encoding, base64.
 */
#include "scanner/deobf/deobf_text.h"

#include <stddef.h>

static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t k;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

int
text_enough(const unsigned char *p, size_t n)
{
	size_t good = 0;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t k;
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' ||
		    c == '\t') {
			good++;
			i++;
		} else if (c >= 0x80 && (k = utf8_seq(p + i, n - i)) > 0) {
			good += k;
			i += k;
		} else
			i++;
	}
	return good * 100 >= n * 85;
}

int
code_like(const unsigned char *p, size_t n)
{
	size_t punct = 0, sp = 0;

	if (!text_enough(p, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ';' || p[i] == '(' || p[i] == '$' || p[i] == '{')
			punct++;
		else if (p[i] == ' ' || p[i] == '\n')
			sp++;
	}
	return punct > 0 && (punct + sp) * 50 >= n;
}

int
looks_base64(const unsigned char *p, size_t n)
{
	size_t ok = 0, ws = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=')
			ok++;
		else if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
			ws++;
	}
	return ok >= 8 && (ok + ws) * 100 >= n * 98;
}
