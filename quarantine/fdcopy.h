/*
 * fdcopy.h: whole writes and hashing copies between file descriptors.
 */
#ifndef SS_FDCOPY_H
#define SS_FDCOPY_H

#include <stddef.h>

/* Writes all n bytes (retrying EINTR and short writes); 0 or -1. */
int write_all(int fd, const void *p, size_t n);

/* Copies src to dst (both fds; src by pread from 0), hashing as it goes
 * (sha may be NULL). Returns bytes copied or -1 (errno). */
long long copy_fd_hash(int src, int dst, unsigned char sha[32]);

#endif
