/*
 * walk_again.h: one file named again after the walk, for the rescan of a
 * file that changed between its scan and its move. It is found beneath
 * the directory fd of the root it was first found in, with the walk's
 * rule: no symlink anywhere on the way and a regular file at the end;
 * its path is never resolved afresh (the tenant may have made it lead
 * anywhere since).
 */
#ifndef SS_WALK_AGAIN_H
#define SS_WALK_AGAIN_H

struct job;
struct root;

/* A job for path (as printed), whose name beneath root->fd starts at
 * path + rel; rel < 0: a file the user named as a root (root->fd is -1),
 * found by name as the walk did. Takes a reference on root. NULL, with
 * *why set to a one-line reason, when the name is no longer a regular
 * file reached without symlinks. */
struct job *walk_job_again(struct root *root, const char *path, long rel,
                           const char **why);

#endif
