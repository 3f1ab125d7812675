/*
 * restore.h: putting a quarantined file back. The content is written to
 * a temporary file in the target directory, checked against the recorded
 * sha256, given back its owner, group, mode, atime and mtime, fsynced, and
 * renamed into place without replacing anything (RENAME_NOREPLACE) unless
 * forced; only then is the vault entry removed. The restore is journaled
 * in the vault (".pending/ID.restore", holding the target path), so that
 * a restore killed at any point is finished by the vault's recovery or by
 * the next restore: the temporary copy it was writing is removed, and an
 * entry whose content is already back in place is dropped. A temporary
 * found without that journal is removed when it is a regular file holding
 * the entry's content; anything else by that name is refused and left
 * alone. The target directory is
 * reached one component at a time with O_NOFOLLOW: a symlink where a
 * directory was is refused, never written through.
 */
#ifndef SS_RESTORE_H
#define SS_RESTORE_H

#include <stddef.h>
#include <stdio.h>

#include "quarantine/vault.h"

/* to: NULL for the original path. 0, or -1 + a one-line err (nothing
 * changed). *where gets the path written (malloc'd). */
int vault_restore(struct vault *v, const char *id, const char *to, int force,
                  char **where, char *err, size_t errlen);

/* Recovery of a restore that was killed (journal: VAULT_RESTORING, its
 * note the target path): a copy of the entry left by its temporary name
 * is removed; an entry whose content is already back in place is dropped.
 * The number of repairs, each logged on log. */
int restore_recover(struct vault *v, const char *id, const char *path,
                    FILE *log);

/* Opens the directory dir (absolute, or relative to the cwd) without
 * following any symlink on the way. -1 + err. */
int open_dir_nofollow(const char *dir, char *err, size_t errlen);

#endif
