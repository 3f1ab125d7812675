/*
 * safeopen.c: symlink-proof opens and bounded reads.
 */
#include "common/safeopen.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#if defined(HAVE_LINUX_OPENAT2_H) && defined(HAVE_SYS_SYSCALL_H)
#include <linux/openat2.h>
#include <sys/syscall.h>
#define SS_HAVE_OPENAT2 1
#endif

#define OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
#define DIR_FLAGS  (OPEN_FLAGS | O_DIRECTORY)

#ifdef SS_HAVE_OPENAT2
static int openat2_works = 1; /* cleared once the kernel refuses it */

static int
try_openat2(int dirfd, const char *relpath, int flags)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)flags;
	how.resolve =
	    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, dirfd, relpath, &how, sizeof(how));
}
#endif

/* One attempt with the given flags, openat2 when the kernel has it. */
static int
open_once(int dirfd, const char *relpath, int flags)
{
#ifdef SS_HAVE_OPENAT2
	if (__atomic_load_n(&openat2_works, __ATOMIC_RELAXED)) {
		int fd = try_openat2(dirfd, relpath, flags);
		/* ENOSYS: old kernel; EPERM without O_NOATIME: a seccomp
		 * filter. Either way, fall back for good. */
		if (fd >= 0 || !(errno == ENOSYS ||
		                 (errno == EPERM && !(flags & O_NOATIME))))
			return fd;
		__atomic_store_n(&openat2_works, 0, __ATOMIC_RELAXED);
	}
#endif
	/* Fallback: protects the last component only. The walk never
	 * descends through symlinks, so a swap needs a race. */
	return openat(dirfd, relpath, flags);
}

/*
 * O_NOATIME keeps the evidence: reading a suspect file (or listing its
 * directory) as root must not change its access time. Only the owner (or
 * root) may ask for it; anyone else gets EPERM and opens without it.
 * beneath: no symlink on the way (open_once); else one name, O_NOFOLLOW.
 */
static int
open_noatime(int dirfd, const char *rel, int flags, int beneath)
{
	int fd = beneath ? open_once(dirfd, rel, flags | O_NOATIME)
	                 : openat(dirfd, rel, flags | O_NOATIME);

	if (fd < 0 && errno == EPERM)
		fd = beneath ? open_once(dirfd, rel, flags)
		             : openat(dirfd, rel, flags);
	return fd;
}

int
open_beneath(int dirfd, const char *relpath)
{
	return open_noatime(dirfd, relpath, OPEN_FLAGS, 1);
}

int
open_dir_beneath(int dirfd, const char *relpath)
{
	return open_noatime(dirfd, relpath, DIR_FLAGS, 1);
}

int
open_subdir(int dirfd, const char *name)
{
	return open_noatime(dirfd, name, DIR_FLAGS, 0);
}

int
open_named(const char *path)
{
	int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	int fd = open(path, flags | O_NOATIME);

	if (fd < 0 && errno == EPERM)
		fd = open(path, flags);
	return fd;
}

int
read_more(int fd, unsigned char **buf, size_t *len, size_t *cap, size_t want)
{
	size_t goal = *len + want;

	if (goal < *len) /* overflow */
		goal = SIZE_MAX;
	while (*len < goal) {
		ssize_t n;
		size_t chunk;

		if (*len == *cap) {
			size_t ncap = *cap ? *cap * 2 : 65536;
			if (ncap > goal)
				ncap = goal;
			*buf = xrealloc(*buf, ncap);
			*cap = ncap;
		}
		chunk = *cap - *len;
		n = read(fd, *buf + *len, chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	return 0;
}
