/*
 * analyze.h: the verdict for one file's content. Runs the engines over the
 * bytes (and, with heuristics, over each decoded layer) and fills in the
 * verdict, the name printed FOUND and the evidence. Thread-safe: engines
 * are compiled once and shared read-only.
 */
#ifndef SS_ANALYZE_H
#define SS_ANALYZE_H

#include <stddef.h>

#include "common/result.h"
#include "scanner/deobf/deobf.h"

struct clam;
struct heur;

struct engines {
	struct clam *clam; /* always */
	struct heur *heur; /* heuristics; NULL when disabled */
	int threshold;     /* heuristic score that makes "suspicious" */
	struct deobf_limits limits; /* of the deobfuscator (with heur only) */
};

/* r->lang must be set; r->path is used only for engine logs. */
void analyze_buffer(const struct engines *e, const unsigned char *buf,
                    size_t len, struct scan_result *r);

#endif
