/*
 * vault.h: the quarantine vault, a root-owned 0700 directory holding, for
 * each entry ID, "ID.data" (the content, mode 0400) and "ID.json" (the
 * metadata record, qmeta.h). Every name is opened relative to the vault's
 * directory fd with O_NOFOLLOW, and created with O_EXCL.
 *
 * Write order (what makes a move safe): ID.data written, fsynced, checked
 * against the expected sha256; then ID.json written to ID.json.tmp,
 * fsynced, renamed, and the directory fsynced. An entry exists when its
 * ID.json exists. Removal goes the other way: ID.json first, then ID.data.
 *
 * The journal: before a move or a removal touches anything, it writes
 * ".pending/ID.move" or ".pending/ID.remove" (fsynced), and removes it
 * when done. Recovery (recover.h) looks at these alone, so it costs what
 * is unfinished, not what the vault holds.
 */
#ifndef SS_VAULT_H
#define SS_VAULT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Fixed, whatever the prefix: where an administrator expects it. */
#define VAULT_DEFAULT_DIR "/var/lib/spamsweep/quarantine"
#define VAULT_ID_MAX      64
#define VAULT_PENDING_DIR ".pending"
#define VAULT_MOVING      "move"
#define VAULT_REMOVING    "remove"
#define VAULT_RESTORING   "restore"
#define VAULT_RECORD_MAX  (16 << 20)

struct vault {
	int fd;      /* the vault directory */
	int pending; /* its journal directory, or -1 (read-only) */
	char *path;
};

/* Opens (create: and makes, 0700, with missing parents 0755) the vault
 * and checks it is a directory owned by root with mode 0700. NULL and a
 * one-line err on failure; *missing set to 1 when it does not exist. */
struct vault *vault_open(const char *dir, int create, int *missing, char *err,
                         size_t errlen);
void vault_close(struct vault *v);

/* flock on the vault directory; 0 or -1. */
int vault_lock(struct vault *v, int exclusive, int nonblock);

/* A fresh id, "YYYYMMDDTHHMMSSZ-xxxxxxxx". */
void vault_new_id(char *buf, size_t n);
/* 1 when id could be an entry id (letters, digits, '-', bounded). */
int vault_id_valid(const char *id);

/* Copies the whole content of src (read with pread from offset 0) into
 * ID.data, fsyncs it, and puts its sha256 in sha_out. When want is not
 * NULL and differs, the copy is removed and 1 is returned. 0 ok, -1 err
 * (the partial copy removed). */
int vault_store_data(struct vault *v, const char *id, int src,
                     const unsigned char *want, unsigned char sha_out[32],
                     char *err, size_t errlen);
/* Writes ID.json atomically and durably. 0 or -1. */
int vault_store_meta(struct vault *v, const char *id, json_t *meta, char *err,
                     size_t errlen);
/* Journals work on entry id (kind: VAULT_MOVING, VAULT_REMOVING,
 * VAULT_RESTORING) before it starts; 0 or -1 + err. vault_end when it is
 * done. vault_begin_note also writes note (a restore's target path) into
 * the journal, for recovery to read back with vault_journal_note. */
int vault_begin(struct vault *v, const char *id, const char *kind, char *err,
                size_t errlen);
int vault_begin_note(struct vault *v, const char *id, const char *kind,
                     const char *note, char *err, size_t errlen);
/* The note of a journal file (malloc'd), or NULL. */
char *vault_journal_note(struct vault *v, const char *name);
void vault_end(struct vault *v, const char *id, const char *kind);
/* Removes an entry (ID.json, then ID.data), journaled. 0 or -1 + err. */
int vault_remove(struct vault *v, const char *id, char *err, size_t errlen);
/* The same without the journal (recovery; a move's own undo). */
int vault_remove_files(struct vault *v, const char *id, char *err,
                       size_t errlen);
/* The metadata of an entry; NULL + err (unknown id, bad record). */
json_t *vault_load_meta(struct vault *v, const char *id, char *err,
                        size_t errlen);
/* Opens ID.data for reading; -1 + errno. */
int vault_open_data(struct vault *v, const char *id);
/* Sorted ids of the entries (those with an ID.json). */
char **vault_list(struct vault *v, size_t *n);
void vault_list_free(char **ids, size_t n);

/* SPAMSWEEP_TEST_CRASH_AT=step kills the process (SIGKILL) at that step,
 * SPAMSWEEP_TEST_STOP_AT=step stops it (SIGSTOP, the first time only):
 * tests only. Steps of a move: scanned, copied, fsynced, meta,
 * before-unlink, unlinked; of a restore: restore-written; of a nightly
 * run: roots-resolved. */
void test_point(const char *step);

#endif
