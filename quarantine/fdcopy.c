/*
 * fdcopy.c: writing a whole buffer, and copying one open file to another
 * while hashing it, with EINTR and short writes handled. The vault stores
 * content with it; the metadata hashes files with it.
 */
#include "quarantine/fdcopy.h"
#include "common/util.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

long long
copy_fd_hash(int src, int dst, unsigned char sha[32])
{
	EVP_MD_CTX *md = sha ? EVP_MD_CTX_new() : NULL;
	static const size_t bufsize = 1 << 16;
	unsigned char *buf = xmalloc(bufsize);
	long long off = 0;
	int saved = 0;

	if (md)
		EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (;;) {
		ssize_t n = pread(src, buf, bufsize, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (n > 0 && write_all(dst, buf, (size_t)n) != 0)) {
			saved = errno;
			off = -1;
			break;
		}
		if (n == 0)
			break;
		if (md)
			EVP_DigestUpdate(md, buf, (size_t)n);
		off += n;
	}
	if (md) {
		if (off >= 0)
			EVP_DigestFinal_ex(md, sha, NULL);
		EVP_MD_CTX_free(md);
	}
	free(buf);
	if (off < 0)
		errno = saved;
	return off;
}
