/*
 * lock.h: one nightly run at a time. An flock(2) on a lock file (default
 * /run/spamsweep.lock): the kernel drops it when the holder dies, so a
 * killed run never blocks the next one, whatever the file still says. The
 * holder writes its pid into the file for the message the next one prints.
 */
#ifndef SS_LOCK_H
#define SS_LOCK_H

#include <stddef.h>
#include <sys/types.h>

/* Exit status of a run that found another one holding the lock. */
#define EXIT_LOCKED 3

/* Returns the locked fd (keep it open for the run), -2 when another
 * process holds the lock (*holder: its pid, or 0 if unknown), or -1 on
 * error (err filled), a pid that cannot be written included. */
int lock_acquire(const char *path, pid_t *holder, char *err, size_t errlen);
void lock_release(int fd, const char *path);

#endif
