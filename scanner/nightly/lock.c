/*
 * lock.c: the nightly run's lock file.
 */
#include "scanner/nightly/lock.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static pid_t
read_pid(int fd)
{
	char buf[32] = "";
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (pid_t)strtol(buf, NULL, 10);
}

/* The holder's pid into the locked file; 0, or -1 + err (a full disk). */
static int
write_pid(int fd, const char *path, char *err, size_t errlen)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	errno = ENOSPC; /* a short write sets none */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		snprintf(err, errlen, "%s: cannot write the pid: %s", path,
		         strerror(errno));
		return -1;
	}
	return 0;
}

int
lock_acquire(const char *path, pid_t *holder, char *err, size_t errlen)
{
	int fd;

	*holder = 0;
	/* its directory, if missing (a LockFile under /run/spamsweep/) */
	mkdir_parents(path, 0755);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open the lock file: %s", path,
		         strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EWOULDBLOCK) {
			*holder = read_pid(fd);
			close(fd);
			return -2;
		}
		snprintf(err, errlen, "%s: cannot lock: %s", path, strerror(e));
		close(fd);
		return -1;
	}
	/* a run that cannot say who holds the lock does not start: the
	 * disk that holds it is full, and so, likely, the reports' */
	if (write_pid(fd, path, err, errlen) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void
lock_release(int fd, const char *path)
{
	if (fd < 0)
		return;
	/* empty it rather than unlink: unlinking a lock file lets a waiting
	 * process lock the old inode while a third creates a new one */
	if (ftruncate(fd, 0) != 0)
		(void)path;
	close(fd);
}
