/*
 * roots.c: docroot discovery. The Apache and nginx readers understand just
 * enough of each syntax to follow includes and find document roots; they
 * never fail: what they cannot read they skip.
 */
#include "scanner/nightly/roots.h"
#include "common/util.h"

#include <ctype.h>
#include <dirent.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 16

struct disc {
	struct rootlist *l;
	const char *prefix; /* "" for none */
	char *server_root;  /* Apache's, unprefixed */
	char **seen;        /* config files already read (prefixed) */
	size_t nseen;
	char **defs; /* Apache Define: name, value, name, value... */
	size_t ndefs;
};

void
roots_add(struct rootlist *l, const char *path, const char *why)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct scan_root){xstrdup(path), xstrdup(why), NULL, 0};
}

void
roots_add_configured(struct rootlist *l, const char *path, const char *why)
{
	roots_add(l, path, why);
	l->v[l->n - 1].configured = 1;
}

static char *
prefixed(const struct disc *d, const char *path)
{
	return xasprintf("%s%s", d->prefix, path);
}

/* A root from a config file: absolute, no variables. */
static void
add_found(struct disc *d, const char *path, const char *what, const char *file,
          long line)
{
	char *p, *why;

	if (path[0] != '/' || strchr(path, '$'))
		return;
	p = prefixed(d, path);
	why = xasprintf("%s (%s:%ld)", what, file + strlen(d->prefix), line);
	roots_add(d->l, p, why);
	free(p);
	free(why);
}

static int
already_read(struct disc *d, const char *path)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return 1;
	for (size_t i = 0; i < d->nseen; i++)
		if (strcmp(d->seen[i], real) == 0)
			return 1;
	d->seen = xrealloc(d->seen, (d->nseen + 1) * sizeof(*d->seen));
	d->seen[d->nseen++] = xstrdup(real);
	return 0;
}

/*
 * path (prefixed) with every symlink resolved as if the prefix were /, or
 * NULL (a loop, too long). Without a prefix the kernel does it right. With
 * one, an absolute link target must stay under the prefix: Debian's
 * nginx-common postinst enables the default site with "ln -s
 * /etc/nginx/sites-available/default /etc/nginx/sites-enabled/default" and
 * admins enable theirs the same way, so the kernel would follow such a link
 * in a fake tree to the machine's own /etc: read its configuration (or
 * nothing) instead of the tree's. Relative targets resolve alike either way.
 */
static char *
under_prefix(const struct disc *d, const char *path)
{
	size_t plen = strlen(d->prefix);
	char done[PATH_MAX] = "", todo[PATH_MAX], target[PATH_MAX], *s = todo;
	int links = 0;

	if (plen == 0)
		return xstrdup(path);
	if (strncmp(path, d->prefix, plen) != 0 ||
	    strlen(path + plen) >= sizeof(todo))
		return NULL;
	strcpy(todo, path + plen);
	for (;;) {
		size_t n, dl = strlen(done);
		struct stat st;
		ssize_t k = -1;
		char *comp, *full, *slash;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		comp = s;
		n = strcspn(s, "/");
		s += n;
		if (n == 1 && comp[0] == '.')
			continue;
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			if ((slash = strrchr(done, '/')))
				*slash = '\0';
			continue;
		}
		if (dl + 1 + n >= sizeof(done))
			return NULL;
		done[dl] = '/';
		memcpy(done + dl + 1, comp, n);
		done[dl + 1 + n] = '\0';
		full = xasprintf("%s%s", d->prefix, done);
		if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
			k = readlink(full, target, sizeof(target) - 1);
		free(full);
		if (k < 0)
			continue; /* not a link (a missing one fails later) */
		target[k] = '\0';
		if (++links > 40 || (size_t)k + strlen(s) >= sizeof(todo))
			return NULL;
		/* the target in place of the link, then what was left */
		done[target[0] == '/' ? 0 : dl] = '\0';
		memmove(todo + k, s, strlen(s) + 1);
		memcpy(todo, target, (size_t)k);
		s = todo;
	}
	return xasprintf("%s%s", d->prefix, done[0] ? done : "/");
}

/* A config file to read, once; the caller closes it. */
static FILE *
open_config(struct disc *d, const char *path)
{
	char *real = under_prefix(d, path);
	FILE *f = NULL;

	if (real && !already_read(d, real))
		f = fopen(real, "re");
	free(real);
	return f;
}

typedef void (*reader_fn)(struct disc *d, const char *path, int depth);

/* Reads every file a pattern names; a directory means all its files. The
 * readers get the name the pattern matched (sites-enabled/x, which the
 * reasons show) and open it through open_config(). */
static void
read_pattern(struct disc *d, const char *pattern, reader_fn fn, int depth)
{
	glob_t g;
	struct stat st;

	if (depth > MAX_DEPTH || glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *p = g.gl_pathv[i];
		char *real = under_prefix(d, p);
		if (real && stat(real, &st) == 0) {
			if (S_ISREG(st.st_mode)) {
				fn(d, p, depth + 1);
			} else if (S_ISDIR(st.st_mode)) {
				char *sub = xasprintf("%s/*", real);
				read_pattern(d, sub, fn, depth + 1);
				free(sub);
			}
		}
		free(real);
	}
	globfree(&g);
}

/* ---- Apache ---- */

static char *
unquote(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s[n - 1] = '\0';
		s++;
	}
	return s;
}

static void apache_file(struct disc *d, const char *path, int depth);

static void
apache_include(struct disc *d, const char *arg, int depth)
{
	char *pat;

	if (arg[0] == '/')
		pat = prefixed(d, arg);
	else
		pat = xasprintf("%s%s/%s", d->prefix, d->server_root, arg);
	read_pattern(d, pat, apache_file, depth);
	free(pat);
}

/* "Define NAME value" (a Define without a value only defines a name) */
static void
apache_define(struct disc *d, char *arg)
{
	char *name = arg, *value;

	while (isspace((unsigned char)*name))
		name++;
	value = name;
	while (*value && !isspace((unsigned char)*value))
		value++;
	if (*value)
		*value++ = '\0';
	if (!*name)
		return;
	d->defs = xrealloc(d->defs, (d->ndefs + 2) * sizeof(*d->defs));
	d->defs[d->ndefs++] = xstrdup(name);
	d->defs[d->ndefs++] = xstrdup(unquote(value));
}

/* ${NAME} replaced by the last Define of NAME; unknown ones are kept
 * (and the root is then skipped as variable). */
static char *
expand(struct disc *d, const char *s)
{
	char *out = xstrdup(s), *p, *e;
	int rounds = 0;

	while ((p = strstr(out, "${")) && (e = strchr(p, '}')) &&
	       rounds++ < 16) {
		const char *val = NULL;
		char *n;
		for (size_t i = d->ndefs; i >= 2 && !val; i -= 2)
			if ((size_t)(e - p - 2) == strlen(d->defs[i - 2]) &&
			    strncmp(p + 2, d->defs[i - 2], e - p - 2) == 0)
				val = d->defs[i - 1];
		if (!val)
			break;
		n = xasprintf("%.*s%s%s", (int)(p - out), out, val, e + 1);
		free(out);
		out = n;
	}
	return out;
}

static void
apache_line(struct disc *d, char *s, const char *path, long lineno, int depth)
{
	char *arg;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '#' || *s == '<' || *s == '\0')
		return;
	arg = s;
	while (*arg && !isspace((unsigned char)*arg))
		arg++;
	if (*arg)
		*arg++ = '\0';
	if (strcasecmp(s, "Define") == 0) {
		apache_define(d, arg);
		return;
	}
	arg = expand(d, unquote(arg));
	if (strcasecmp(s, "DocumentRoot") == 0)
		add_found(d, arg, "apache DocumentRoot", path, lineno);
	else if (strcasecmp(s, "Include") == 0 ||
	         strcasecmp(s, "IncludeOptional") == 0)
		apache_include(d, arg, depth);
	else if (strcasecmp(s, "ServerRoot") == 0 && arg[0] == '/') {
		free(d->server_root);
		d->server_root = xstrdup(arg);
	}
	free(arg);
}

static void
apache_file(struct disc *d, const char *path, int depth)
{
	FILE *f;
	char *line = NULL, *acc = NULL;
	size_t cap = 0;
	long lineno = 0, start = 0;

	if (depth > MAX_DEPTH || !(f = open_config(d, path)))
		return;
	while (getline(&line, &cap, f) >= 0) {
		size_t n = strlen(line);
		lineno++;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!acc)
			start = lineno;
		char *joined = xasprintf("%s%s", acc ? acc : "", line);
		free(acc);
		acc = joined;
		if (n && line[n - 1] == '\\') {
			acc[strlen(acc) - 1] = ' ';
			continue;
		}
		apache_line(d, acc, path, start, depth);
		free(acc);
		acc = NULL;
	}
	free(acc);
	free(line);
	fclose(f);
}

/* Debian's /etc/apache2/envvars: "export NAME=value" lines, which
 * apache2ctl puts in the environment, where ${NAME} finds them. */
static void
apache_envvars(struct disc *d)
{
	char *path = prefixed(d, "/etc/apache2/envvars"), *line = NULL;
	FILE *f = fopen(path, "re");
	size_t cap = 0;

	free(path);
	if (!f)
		return;
	while (getline(&line, &cap, f) >= 0) {
		char *s = line, *eq;
		while (isspace((unsigned char)*s))
			s++;
		if (strncmp(s, "export ", 7) != 0 || !(eq = strchr(s, '=')))
			continue;
		*eq = ' ';
		s[strcspn(s, "\n")] = '\0';
		if (!strchr(eq + 1, '$'))
			apache_define(d, s + 7);
	}
	free(line);
	fclose(f);
}

static void
discover_apache(struct disc *d)
{
	static const struct {
		const char *conf, *root;
	} mains[] = {
	    {"/etc/apache2/apache2.conf", "/etc/apache2"},
	    {"/etc/apache2/conf/httpd.conf", "/etc/apache2"},
	    {"/etc/apache2/httpd.conf", "/etc/apache2"},
	    {"/etc/httpd/conf/httpd.conf", "/etc/httpd"},
	    {"/usr/local/apache/conf/httpd.conf", "/usr/local/apache"},
	};

	apache_envvars(d);
	for (size_t i = 0; i < sizeof(mains) / sizeof(mains[0]); i++) {
		char *p = prefixed(d, mains[i].conf);
		free(d->server_root);
		d->server_root = xstrdup(mains[i].root);
		apache_file(d, p, 0);
		free(p);
	}
}

/* ---- nginx ---- */

struct ntok {
	char *s;
	long line;
};

static void nginx_file(struct disc *d, const char *path, int depth);

static void
nginx_statement(struct disc *d, struct ntok *t, size_t n, const char *path,
                int depth)
{
	if (n < 2)
		return;
	if (strcmp(t[0].s, "root") == 0) {
		add_found(d, t[1].s, "nginx root", path, t[0].line);
	} else if (strcmp(t[0].s, "include") == 0) {
		char *pat = t[1].s[0] == '/' ? prefixed(d, t[1].s)
		                             : xasprintf("%s/etc/nginx/%s",
		                                         d->prefix, t[1].s);
		read_pattern(d, pat, nginx_file, depth);
		free(pat);
	}
}

/* Next token from *p: a word, a quoted string, or one of ; { } */
static char *
nginx_token(char **p, long *line)
{
	char *s = *p, *out;

	for (;;) {
		while (isspace((unsigned char)*s))
			if (*s++ == '\n')
				(*line)++;
		if (*s != '#')
			break;
		while (*s && *s != '\n')
			s++;
	}
	if (!*s)
		return NULL;
	if (*s == ';' || *s == '{' || *s == '}') {
		out = xstrndup(s, 1);
		*p = s + 1;
		return out;
	}
	if (*s == '"' || *s == '\'') {
		char q = *s++, *e = strchr(s, q);
		if (!e)
			e = s + strlen(s);
		out = xstrndup(s, (size_t)(e - s));
		*p = *e ? e + 1 : e;
		return out;
	}
	char *e = s;
	while (*e && !isspace((unsigned char)*e) && !strchr(";{}", *e))
		e++;
	out = xstrndup(s, (size_t)(e - s));
	*p = e;
	return out;
}

/* The whole of f (up to 8 MiB), which it closes. */
static char *
slurp(FILE *f)
{
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (!f)
		return NULL;
	do {
		if (cap - n < 4096)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 8192);
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
	} while (k > 0 && n < (8u << 20));
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
nginx_file(struct disc *d, const char *path, int depth)
{
	char *text, *p, *tok;
	struct ntok t[64];
	size_t n = 0;
	long line = 1;

	if (depth > MAX_DEPTH || !(text = slurp(open_config(d, path))))
		return;
	p = text;
	while ((tok = nginx_token(&p, &line)) != NULL) {
		if (strcmp(tok, ";") == 0 || strcmp(tok, "{") == 0 ||
		    strcmp(tok, "}") == 0) {
			nginx_statement(d, t, n, path, depth);
			for (size_t i = 0; i < n; i++)
				free(t[i].s);
			n = 0;
			free(tok);
		} else if (n < 64) {
			t[n++] = (struct ntok){tok, line};
		} else {
			free(tok);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(t[i].s);
	free(text);
}

/* ---- control panels ---- */

static void
discover_userdatadomains(struct disc *d)
{
	char *path = prefixed(d, "/etc/userdatadomains");
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	free(path);
	if (!f)
		return;
	/* "dom.example: user==owner==type==main==/home/u/public_html==..." */
	while (getline(&line, &cap, f) >= 0) {
		char *v = strstr(line, ": "), *field[6] = {0}, *s;
		int k = 0;
		lineno++;
		if (!v)
			continue;
		s = v + 2;
		while (k < 6 && s) {
			field[k++] = s;
			s = strstr(s, "==");
			if (s) {
				*s = '\0';
				s += 2;
			}
		}
		if (k >= 5) {
			char *root = unquote(field[4]);
			char *p = prefixed(d, root);
			char *why = xasprintf("cPanel /etc/userdatadomains:%ld",
			                      lineno);
			if (root[0] == '/')
				roots_add(d->l, p, why);
			free(p);
			free(why);
		}
	}
	free(line);
	fclose(f);
}

static void
discover_glob(struct disc *d, const char *pattern, const char *what)
{
	char *pat = prefixed(d, pattern);
	char *why = xasprintf("%s %s", what, pattern);
	glob_t g;

	if (glob(pat, GLOB_ONLYDIR, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			roots_add(d->l, g.gl_pathv[i], why);
		globfree(&g);
	}
	free(pat);
	free(why);
}

void
roots_discover(struct rootlist *l, const char *prefix, int temp_dirs)
{
	struct disc d = {l, prefix ? prefix : "", NULL, NULL, 0, NULL, 0};

	l->prefix_len = strlen(d.prefix);

	discover_apache(&d);
	{
		char *p = prefixed(&d, "/etc/nginx/nginx.conf");
		nginx_file(&d, p, 0);
		free(p);
	}
	discover_userdatadomains(&d);
	discover_glob(&d, "/home*/*/public_html", "cPanel");
	discover_glob(&d, "/var/www/vhosts/*/httpdocs", "Plesk");
	discover_glob(&d, "/var/www/vhosts/*/subdomains/*/httpdocs", "Plesk");
	discover_glob(&d, "/home/*/domains/*/public_html", "DirectAdmin");
	if (temp_dirs) {
		static const char *tmp[] = {"/tmp", "/var/tmp", "/dev/shm"};
		for (size_t i = 0; i < 3; i++) {
			char *p = prefixed(&d, tmp[i]);
			roots_add(l, p, "temporary directory");
			free(p);
		}
	}
	for (size_t i = 0; i < d.nseen; i++)
		free(d.seen[i]);
	free(d.seen);
	for (size_t i = 0; i < d.ndefs; i++)
		free(d.defs[i]);
	free(d.defs);
	free(d.server_root);
}

/* ---- symlinks a user controls ---- */

static char *
user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw ? xasprintf("user %s", pw->pw_name)
	          : xasprintf("uid %lu", (unsigned long)uid);
}

/* Who besides root may replace the entries of directory st, or NULL. In a
 * sticky directory an entry is its owner's (owned_by checks that). */
static char *
dir_controller(const struct stat *st)
{
	struct group *gr;

	if (st->st_uid != 0)
		return user_name(st->st_uid);
	if (st->st_mode & S_ISVTX)
		return NULL;
	if (st->st_mode & S_IWOTH)
		return xstrdup("every user");
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0) {
		gr = getgrgid(st->st_gid);
		return gr ? xasprintf("group %s", gr->gr_name)
		          : xasprintf("gid %lu", (unsigned long)st->st_gid);
	}
	return NULL;
}

/* Walks path's components below the prefix with lstat: NULL, or why
 * the root is left out (a symlink where a user other than root can put
 * one). Root's own symlinks are followed, and the walk goes on from
 * their target. */
static char *
user_symlink(const char *path, size_t prefix_len)
{
	char *cur = xstrndup(path, prefix_len), *who = NULL, *why = NULL;
	const char *p = path + prefix_len;
	struct stat st;

	while (*p && !why) {
		size_t n;
		char *next;
		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0)
			break;
		next = xasprintf("%s/%.*s", cur, (int)n, p);
		free(cur);
		cur = next;
		p += n;
		if (lstat(cur, &st) != 0)
			break; /* missing: realpath says so */
		if (!who && st.st_uid != 0)
			who = user_name(st.st_uid);
		if (S_ISLNK(st.st_mode) && who) {
			why = xasprintf("a symlink in a path that %s controls",
			                who);
		} else if (S_ISLNK(st.st_mode)) {
			char *real = realpath(cur, NULL);
			if (!real || stat(real, &st) != 0) {
				free(real);
				break;
			}
			free(cur);
			cur = real;
			if (st.st_uid != 0)
				who = user_name(st.st_uid);
		}
		if (!why && !who && S_ISDIR(st.st_mode))
			who = dir_controller(&st);
	}
	free(cur);
	free(who);
	return why;
}

/* ---- resolving ---- */

static int
inside(const char *child, const char *parent)
{
	size_t n = strlen(parent);

	if (strcmp(parent, "/") == 0)
		return 1;
	return strncmp(child, parent, n) == 0 && child[n] == '/';
}

void
roots_resolve(struct rootlist *l)
{
	char real[PATH_MAX];
	struct stat st;

	for (size_t i = 0; i < l->n; i++) {
		struct scan_root *r = &l->v[i];
		if (!r->configured &&
		    (r->dropped = user_symlink(r->path, l->prefix_len)) != NULL)
			continue;
		if (!realpath(r->path, real) || stat(real, &st) != 0) {
			if (!r->configured)
				r->dropped = xstrdup("does not exist");
			continue;
		}
		free(r->path);
		r->path = xstrdup(real);
	}
	for (size_t i = 0; i < l->n; i++) {
		struct scan_root *r = &l->v[i];
		for (size_t j = 0; j < l->n && !r->dropped; j++) {
			struct scan_root *o = &l->v[j];
			if (i == j || o->dropped)
				continue;
			if (strcmp(r->path, o->path) == 0 && j < i)
				r->dropped = xasprintf("same as %s", o->path);
			else if (inside(r->path, o->path))
				r->dropped = xasprintf("inside %s", o->path);
		}
	}
}

char **
roots_paths(const struct rootlist *l, size_t *n)
{
	char **v = xcalloc(l->n + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].dropped)
			v[(*n)++] = l->v[i].path;
	return v;
}

void
roots_free(struct rootlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].why);
		free(l->v[i].dropped);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
