/*
 * qmeta.h: the metadata record of a quarantine entry (ID.json). It is the
 * scan's JSON result for the file (result_json.h: path, path_base64 when the
 * name is not UTF-8, verdict, name, score, sha256, size, uid, gid, mode,
 * mtime, ctime, dev, ino, evidence) plus:
 *   schema "spamsweep-quarantine", schema_version, id, path made absolute
 *   (the name as printed is kept in scanned_as), root (the scan root it
 *   was found under, absolute, bytes like path), user, group, nlink, atime,
 *   atime_nsec, mtime_nsec, ctime_nsec, quarantined_at (ISO 8601 UTC),
 *   quarantined_epoch, scan {id, host, scanner, version, command}.
 */
#ifndef SS_QMETA_H
#define SS_QMETA_H

#include <jansson.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "common/result.h"

struct qscan {
	const char *scan_id;
	const char *host;
	const char *command; /* "scan" or "nightly" */
};

/* path and root: absolute (r->path is the name as printed; it goes in
 * "scanned_as"). */
json_t *qmeta_build(const char *id, const struct scan_result *r,
                    const char *path, const char *root,
                    const struct qscan *scan);

/* The original path as bytes (malloc'd), or NULL when missing/bad. */
char *qmeta_path(json_t *m);
/* An integer member, or def. */
long long qmeta_int(json_t *m, const char *key, long long def);
/* A string member, or def. */
const char *qmeta_str(json_t *m, const char *key, const char *def);
/* The sha256; 0 or -1. */
int qmeta_sha256(json_t *m, unsigned char out[32]);
/* 1 when the original path still names the file the entry was taken
 * from, untouched since: same device, inode, size, mtime, ctime, link
 * count and sha256 (recover.h). A name linked back to the file after its
 * move has another ctime. */
int qmeta_original_in_place(json_t *m);

/* Name of a uid/gid, or NULL (buf holds it). */
const char *user_name(uid_t uid, char *buf, size_t n);
const char *group_name(gid_t gid, char *buf, size_t n);
/* sha256 of a file's whole content by pread; 0 or -1. */
int sha256_fd(int fd, unsigned char out[32]);
void hex_encode(const unsigned char *p, size_t n, char *out);
/* "2026-11-27T03:00:00Z" */
void iso8601(time_t t, char *buf, size_t n);

#endif
