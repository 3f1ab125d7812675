/*
 * fuzz_deobf_php.c: libFuzzer harness for the PHP front end of the
 * deobfuscator: deobfuscate(input, LANG_PHP) with the default limits and a
 * 0.5 s time limit (scanner/deobf/).
 */
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_deobf(data, size, LANG_PHP);
	return 0;
}
