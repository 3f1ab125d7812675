/*
 * qmove.h: `scan --quarantine`, the finding hook (scan.h) that moves each
 * finding into the vault. The move never loses a file: the content is
 * copied from the fd that was scanned and checked against the scanned
 * sha256, fsynced, the metadata written and fsynced, and only then is the
 * original removed, by its parent directory fd, after fstatat shows that
 * the name still refers to the same device, inode, size and mtime that
 * were scanned. A file that changed is left in place (its vault copy
 * dropped) and queued for a second scan (qmove_take_rescan), by its root
 * and its name beneath it, never by a path to resolve afresh.
 */
#ifndef SS_QMOVE_H
#define SS_QMOVE_H

#include <stddef.h>

#include "common/result.h"

struct job;
struct qmove;
struct root;

/* A file to scan again: its path as printed, and the root it was found
 * in (referenced) with its name beneath root->fd at path + rel (rel < 0:
 * a file the user named as a root, root->fd is -1). */
struct qrescan {
	char *path;
	struct root *root;
	long rel;
};

/* min: V_INFECTED (infected only) or V_SUSPICIOUS (both). Opens or
 * creates the vault, recovers it, and holds its shared lock. NULL after
 * printing a one-line error. */
/* The scan id written into every entry's metadata (and, passed as
 * scan_config.scan_id, into the report). */
const char *qmove_scan_id(const struct qmove *q);
struct qmove *qmove_new(const char *vault_dir, enum verdict min,
                        const char *command);
void qmove_free(struct qmove *q);

/* The finding_hook. */
void qmove_on_finding(void *ctx, const struct job *job, int fd,
                      struct scan_result *r);

/* Files that changed between scan and move, to scan again. The next
 * findings are not queued again (one retry). Free with
 * qrescan_free(). */
struct qrescan *qmove_take_rescan(struct qmove *q, size_t *n);
void qrescan_free(struct qrescan *v, size_t n);
/* Moves that failed (vault full, I/O error...). */
unsigned long qmove_failures(const struct qmove *q);

#endif
