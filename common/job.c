/*
 * job.c: reference-counted scan roots and job lifetime. A root's directory
 * fd stays open while any job still needs to open a file beneath it, and
 * no longer: a nightly run over thousands of vhosts must not keep
 * thousands of fds open.
 */
#include "common/job.h"
#include "common/util.h"

#include <stdlib.h>
#include <unistd.h>

struct root *
root_new(const char *path, int fd)
{
	struct root *r = xcalloc(1, sizeof(*r));

	r->fd = fd;
	r->refs = 1;
	r->path = xstrdup(path);
	return r;
}

void
root_ref(struct root *r)
{
	__atomic_add_fetch(&r->refs, 1, __ATOMIC_RELAXED);
}

void
root_unref(struct root *r)
{
	if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (r->fd >= 0)
		close(r->fd);
	free(r->path);
	free(r);
}

void
job_free(struct job *j)
{
	if (!j)
		return;
	if (j->root)
		root_unref(j->root);
	free(j->path);
	free(j);
}
