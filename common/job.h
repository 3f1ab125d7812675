/*
 * job.h: one file handed from the walk to a worker. The walk owns roots
 * (directory fds shared by reference count); the worker owns the job.
 */
#ifndef SS_JOB_H
#define SS_JOB_H

#include <sys/stat.h>
#include <sys/types.h>

#include "common/result.h"

struct root {
	int fd;     /* directory fd of the scan root, -1 for a file root */
	int refs;   /* jobs still holding it, plus the walk */
	char *path; /* as given, trailing slashes removed */
};

struct job {
	char *path;      /* full path as printed */
	const char *rel; /* inside path: relative to root->fd, or NULL */
	struct root *root;
	dev_t dev; /* identity seen by the walk */
	ino_t ino;
	off_t size;
	struct stat st;    /* the walk's whole stat (the cache's identity) */
	enum lang by_name; /* classification by name */
};

struct root *root_new(const char *path, int fd);
void root_ref(struct root *r);
void root_unref(struct root *r);

void job_free(struct job *j);

#endif
