/*
 * deobf.h: the normalizer and deobfuscator contract (PHP and Perl).
 *
 * Turns a script into text layers for the engines, never running it:
 * layer 0 is the file normalized (comments removed, literal concatenations
 * folded, escapes and chr() chains decoded, constant names resolved);
 * layers 1.. are payloads decoded from it (eval(gzinflate(base64_decode(..)))
 * and the other decoder chains obfuscated mailers use), each normalized in
 * turn, each naming the decoder chain that produced it. Every layer is
 * bounded (depth, total output, time); hitting a bound is recorded, never
 * a crash or a hang.
 *
 * The normalized text (doc/deobfuscation.md has the details): comments
 * and POD removed; no spaces except between two words (newlines kept so
 * that line numbers follow the source); every constant string literal
 * written "in double quotes" with \\ \" \n \r \t and \xHH escapes
 * for control bytes, other bytes as they are; PHP function names called
 * and keywords in lower case; $f(...) written as the function $f names.
 */
#ifndef SS_DEOBF_H
#define SS_DEOBF_H

#include <stddef.h>

#include "common/result.h"
#include "scanner/deobf/deobf_layers.h"

/*
 * Fills out (zeroed by the caller) with the layers of src. Returns 0; the
 * only failure is running out of a limit, recorded in out->limit_hit with
 * the layers produced so far kept.
 */
int deobfuscate(const unsigned char *src, size_t len, enum lang lang,
                const struct deobf_limits *lim, struct layers *out);

#endif
