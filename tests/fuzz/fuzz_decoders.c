/*
 * fuzz_decoders.c: libFuzzer harness for the byte decoders of
 * scanner/deobf/decoders.h. The first byte picks the decoder (and its flag), the
 * second the output cap; the rest is the payload. Checks the contract:
 * out.len <= max, out.p NUL-terminated, NULL exactly on failure.
 */
#include <stdint.h>
#include <stdlib.h>

#include "scanner/deobf/decoders.h"

static const size_t caps[] = {0, 1, 2, 3, 4, 7, 16, 63, 64, 65, 4096, 1 << 20};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dec_out out = {0};
	size_t max;
	int rc = -1;

	if (size < 2)
		return 0;
	max = caps[data[1] % (sizeof(caps) / sizeof(caps[0]))];
	const unsigned char *in = data + 2;
	size_t n = size - 2;

	switch (data[0] % 10) {
	case 0:
		rc = dec_base64(in, n, max, &out);
		break;
	case 1:
		rc = dec_hex(in, n, max, 0, &out);
		break;
	case 2:
		rc = dec_hex(in, n, max, 1, &out);
		break;
	case 3:
		rc = dec_rot13(in, n, max, &out);
		break;
	case 4:
		rc = dec_strrev(in, n, max, &out);
		break;
	case 5:
		rc = dec_url(in, n, max, 0, &out);
		break;
	case 6:
		rc = dec_url(in, n, max, 1, &out);
		break;
	case 7:
		rc = dec_uu(in, n, max, &out);
		break;
	case 8:
		rc =
		    dec_inflate(in, n, max, DEC_Z_RAW + data[0] / 10 % 3, &out);
		break;
	case 9:
		rc = dec_inflate(in, n, max, DEC_Z_GZIP, &out);
		break;
	}
	if (rc == 0) {
		if (!out.p || out.len > max || out.p[out.len] != '\0')
			abort();
	} else if (rc != -1 || out.p) {
		abort();
	}
	free(out.p);
	return 0;
}
