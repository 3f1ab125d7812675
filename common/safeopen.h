/*
 * safeopen.h: opening and reading files in trees owned by untrusted users.
 * A file is opened relative to the directory fd of its scan root, with no
 * symlink allowed anywhere on the way (openat2 RESOLVE_NO_SYMLINKS where the
 * kernel has it, O_NOFOLLOW on the last component otherwise), never blocks
 * on a FIFO, never becomes a controlling tty, and is checked with fstat
 * before a byte is read.
 */
#ifndef SS_SAFEOPEN_H
#define SS_SAFEOPEN_H

#include <stddef.h>
#include <sys/stat.h>

/*
 * Opens relpath beneath dirfd for reading. Returns an fd or -1 with errno
 * set (ELOOP when a symlink was in the way).
 */
int open_beneath(int dirfd, const char *relpath);

/* The same for a directory the walk descends into (O_DIRECTORY). */
int open_dir_beneath(int dirfd, const char *relpath);

/* Opens the subdirectory `name` (one component, no slash) of dirfd; a
 * symlink there is refused (O_NOFOLLOW). */
int open_subdir(int dirfd, const char *name);

/* Opens a path named by the user (a symlink is followed, as clamscan
 * does for command-line arguments). */
int open_named(const char *path);

/*
 * Appends up to `want` bytes from fd to *buf (length *len, capacity *cap,
 * grown as needed). Stops early at end of file. Returns 0 or -1 (errno).
 */
int read_more(int fd, unsigned char **buf, size_t *len, size_t *cap,
              size_t want);

#endif
