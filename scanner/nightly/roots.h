/*
 * roots.h: what a nightly run scans. Either the configured ScanRoots, or
 * the document roots discovered from the web servers' own configuration
 * (Apache DocumentRoot following Include/IncludeOptional from
 * /etc/apache2 and /etc/httpd, nginx root following include from
 * /etc/nginx) and the control panels' layouts (cPanel: /etc/userdatadomains
 * and each user's public_html under /home*; Plesk: each domain's httpdocs
 * under /var/www/vhosts, and its subdomains'; DirectAdmin: each domain's
 * public_html under /home/USER/domains), plus the temporary directories.
 * Every root carries the reason it is there. A prefix (--root-prefix) is
 * prepended to every path read or found, so that tests run discovery over a
 * fake /etc tree; a config file reached through a symlink with an absolute
 * target is looked for under the prefix too (as in a chroot).
 */
#ifndef SS_ROOTS_H
#define SS_ROOTS_H

#include <stddef.h>

struct scan_root {
	char *path;     /* resolved (realpath), prefix included */
	char *why;      /* where it came from */
	char *dropped;  /* NULL when scanned, else why not */
	int configured; /* named by the admin: scanned (and its absence
	                   reported as an error) even when missing */
};

struct rootlist {
	struct scan_root *v;
	size_t n;
	size_t prefix_len; /* of --root-prefix: not checked for symlinks */
};

void roots_add(struct rootlist *l, const char *path, const char *why);
void roots_add_configured(struct rootlist *l, const char *path,
                          const char *why);
/* Adds every discovered root (prefix may be NULL or ""). */
void roots_discover(struct rootlist *l, const char *prefix, int temp_dirs);
/* Resolves each path, and marks as dropped the missing ones, the
 * duplicates and those inside another root (which covers them). A
 * discovered root whose path has a symlink at or below the first entry
 * a user other than root controls (owns, or may write the directory
 * of) is dropped too: that user would choose what is scanned. Symlinks
 * only root controls are followed; configured roots are taken as
 * given. */
void roots_resolve(struct rootlist *l);
/* The scanned paths, in order; the array is the caller's, the strings
 * belong to l. */
char **roots_paths(const struct rootlist *l, size_t *n);
void roots_free(struct rootlist *l);

#endif
