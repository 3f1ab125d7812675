/*
 * restore.h: putting a quarantined file back. The content is written to
 * a temporary file in the target directory, checked against the recorded
 * sha256, given back its owner, group, mode, atime and mtime, fsynced, and
 * renamed into place without replacing anything (RENAME_NOREPLACE) unless
 * forced; only then is the vault entry removed. A temporary left by a
 * restore killed before its rename is removed by the next one when it is
 * a regular file holding the entry's content; anything else by that name
 * is refused and left alone. The target directory is
 * reached one component at a time with O_NOFOLLOW: a symlink where a
 * directory was is refused, never written through.
 */
#ifndef SS_RESTORE_H
#define SS_RESTORE_H

#include <stddef.h>

#include "quarantine/vault.h"

/* to: NULL for the original path. 0, or -1 + a one-line err (nothing
 * changed). *where gets the path written (malloc'd). */
int vault_restore(struct vault *v, const char *id, const char *to, int force,
                  char **where, char *err, size_t errlen);

/* Opens the directory dir (absolute, or relative to the cwd) without
 * following any symlink on the way. -1 + err. */
int open_dir_nofollow(const char *dir, char *err, size_t errlen);

#endif
