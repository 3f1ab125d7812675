/*
 * fuzz_deobf_perl.c: libFuzzer harness for the Perl front end of the
 * deobfuscator: deobfuscate(input, LANG_PERL) with the default limits and a
 * 0.5 s time limit (scanner/deobf/).
 */
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_deobf(data, size, LANG_PERL);
	return 0;
}
