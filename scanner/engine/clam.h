/*
 * clam.h: the libclamav engine. Loaded and compiled once per process from
 * the project's signatures and (when present) the system databases, then
 * shared read-only by every worker thread.
 */
#ifndef SS_CLAM_H
#define SS_CLAM_H

#include <stddef.h>
#include <stdint.h>

struct clam;

struct clam_config {
	const char *sigdir;    /* the project's sigs/ (required) */
	const char *dbdir;     /* system databases, NULL = cl_retdbdir() */
	int use_system_db;     /* load dbdir when it holds databases */
	uint64_t max_filesize; /* engine limits follow --max-filesize */
	int all_files;         /* scan archives etc. deeper */
};

/* Initialises libclamav and loads everything. NULL + err on failure. */
struct clam *clam_load(const struct clam_config *cfg, char *err, size_t errlen);
void clam_free(struct clam *c);

unsigned int clam_signature_count(const struct clam *c);
int clam_system_db_loaded(const struct clam *c);
const char *clam_engine_version(void);
/* "daily:27400 main:62 ..." of the system databases, or "none". */
const char *clam_db_versions(const struct clam *c);

/*
 * Scans a buffer. Returns 1 when a signature matched (*virname points into
 * the engine and stays valid while it lives), 0 when clean, -1 on error
 * (err filled). `name` is the file name, for libclamav's logs only.
 */
int clam_scan_mem(const struct clam *c, const void *buf, size_t len,
                  const char *name, const char **virname,
                  unsigned long *scanned, char *err, size_t errlen);

#endif
