/*
 * sigkey.h: the signature-set key (sigkey.c), which names everything a
 * verdict depends on. The cache keeps its verdicts under it; the caller
 * says what the run uses, explicitly.
 */
#ifndef SS_SIGKEY_H
#define SS_SIGKEY_H

#include <stdint.h>

struct sigkey_in {
	const char *schema;    /* of the store: another one, another key */
	const char *sigdir;    /* the signatures (contents hashed) */
	int heuristics;        /* the heuristic engine runs */
	const char *rules_dir; /* its extra YARA rules (hashed if it runs) */
	int use_system_db;     /* the system ClamAV databases are used */
	const char *dbdir;     /* where they are; NULL: ClamAV's default */
	int threshold;
	int all_files;
	uint64_t max_filesize;
	int max_decode_depth;
	uint64_t max_decode_size;
	double max_decode_time;
};

/* SHA-256 (hex, 65 bytes with NUL) over the scanner version, the
 * settings, the contents of every file under sigdir and rules_dir, and
 * the name, size and mtime of the system ClamAV databases when they are
 * used. */
void sigkey_make(const struct sigkey_in *in, char out[65]);

#endif
