/*
 * fuzz_config.c: libFuzzer harness for the nightly configuration parser
 * (scanner/nightly/nightly_config.c, config_parse_stream() on the input as a file):
 * /etc/spamsweep/spamsweep.conf is root's, but a parser must not crash on
 * whatever a broken or hostile file holds.
 */
#include <stdint.h>
#include <stdio.h>

#include "scanner/nightly/nightly_config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nightly_config c;
	char err[512];
	FILE *f;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	config_defaults(&c);
	(void)config_parse_stream(&c, f, "fuzz.conf", err, sizeof(err));
	fclose(f);
	config_free(&c);
	return 0;
}
