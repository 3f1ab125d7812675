/*
 * recover.h: repairing the vault after an interrupted run, from its
 * journal (vault.h) alone: each ".pending/ID.move", ".pending/ID.remove"
 * or ".pending/ID.restore" names the one entry whose work was cut short.
 *
 * An interrupted move: "ID.json.tmp", and "ID.data" without "ID.json",
 * are debris of a move cut short before the original was touched: they
 * are removed. An entry whose original path still names the very file it
 * was taken from (same device, inode, size, mtime, ctime, link count and
 * sha256) is a move cut short before its unlink: the file is in place, the
 * entry is dropped. Anything else keeps the entry: a name linked back
 * later has another ctime. An interrupted removal is finished.
 *
 * Recovery needs the vault's exclusive lock and is skipped while another
 * process uses it.
 */
#ifndef SS_RECOVER_H
#define SS_RECOVER_H

#include <stdio.h>

struct vault;

/* Logs each repair on log. Returns the number of repairs, or -1 when the
 * vault is busy (nothing done). Leaves the vault locked shared. */
int vault_recover(struct vault *v, FILE *log);

#endif
