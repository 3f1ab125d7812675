/*
 * fuzz_classify.c: libFuzzer harness for scanner/engine/classify.c: the content
 * sniffing of the first bytes of a file (PHP open tag, shebangs) and the
 * name classifier, on arbitrary bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine/classify.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = malloc(size + 1);

	(void)classify_content(data, size);
	memcpy(name, data, size);
	name[size] = '\0';
	(void)classify_name(name);
	free(name);
	return 0;
}
