/*
 * safeopen.c: symlink-proof opens and bounded reads.
 */
#include "safeopen.h"
#include "util.h"

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

#ifdef SS_HAVE_OPENAT2
static int openat2_works = 1; /* cleared once the kernel says ENOSYS */

static int
try_openat2(int dirfd, const char *relpath)
{
	struct open_how how;
	long fd;

	memset(&how, 0, sizeof(how));
	how.flags = OPEN_FLAGS;
	how.resolve =
	    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, dirfd, relpath, &how, sizeof(how));
	if (fd < 0 && (errno == ENOSYS || errno == EPERM)) {
		/* old kernel, or a seccomp filter: fall back for good */
		__atomic_store_n(&openat2_works, 0, __ATOMIC_RELAXED);
		return -2;
	}
	return (int)fd;
}
#endif

int
open_beneath(int dirfd, const char *relpath)
{
#ifdef SS_HAVE_OPENAT2
	if (__atomic_load_n(&openat2_works, __ATOMIC_RELAXED)) {
		int fd = try_openat2(dirfd, relpath);
		if (fd != -2)
			return fd;
	}
#endif
	/* Fallback: protects the last component only. The walk never
	 * descends through symlinks, so a swap needs a race. */
	return openat(dirfd, relpath, OPEN_FLAGS);
}

int
open_named(const char *path)
{
	return open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
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
