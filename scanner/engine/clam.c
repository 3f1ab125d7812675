/*
 * clam.c: libclamav setup and scanning.
 *
 * Why a private temporary directory on tmpfs: libclamav 1.4 creates and
 * removes a directory under CL_ENGINE_TMPDIR for every scan; on a disk
 * that is half of clamscan's time for small files, on tmpfs it is cheap.
 *
 * Why load sigs/ file by file: cl_load() on a directory reports
 * "Can't open file or directory" without saying which; loading each file
 * ourselves lets the error name it.
 */
#include "scanner/engine/clam.h"
#include "common/util.h"

#include <clamav.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct clam {
	struct cl_engine *engine;
	unsigned int signo;
	int system_db;
	char *tmpdir;
	char dbver[256];
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static cl_error_t init_rc;

/* libclamav's last error message on this thread, folded into ours so
 * that an error names both the file and libclamav's reason. */
static __thread char last_msg[256];

static void
clam_msg(enum cl_msg severity, const char *fullmsg, const char *msg,
         void *context)
{
	size_t n;

	if (severity != CL_MSG_ERROR || last_msg[0])
		return; /* the first error says most: "... at line N" */
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
	n = strlen(last_msg);
	while (n > 0 && (last_msg[n - 1] == '\n' || last_msg[n - 1] == ' '))
		last_msg[--n] = '\0';
}

static void
clam_global_init(void)
{
	/* libclamav prints to stderr otherwise; spamsweep reports errors
	 * itself, one line each. */
	cl_set_clcb_msg(clam_msg);
	init_rc = cl_init(CL_INIT_DEFAULT);
}

static const char *const clam_exts[] = {
    ".hdb", ".hsb", ".hdu",  ".hsu", ".mdb", ".msb", ".mdu",
    ".msu", ".ndb", ".ndu",  ".ldb", ".ldu", ".cdb", ".fp",
    ".sfp", ".ign", ".ign2", ".idb", ".ftm", ".pdb", ".gdb",
    ".wdb", ".crb", ".cbc",  ".cvd", ".cld", ".cud", NULL,
};

static int
is_clam_db(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.')
		return 0;
	for (const char *const *e = clam_exts; *e; e++) {
		size_t m = strlen(*e);
		if (n > m && strcmp(name + n - m, *e) == 0)
			return 1;
	}
	return 0;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The database files of dir, sorted. NULL + errno on error. */
static char **
list_dbs(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (!is_clam_db(de->d_name))
			continue;
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (!v)
		v = xcalloc(1, sizeof(*v));
	qsort(v, *n, sizeof(*v), cmpstr);
	v[*n] = NULL;
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
load_sigdir(struct clam *c, const char *dir, char *err, size_t errlen)
{
	size_t n;
	char **files = list_dbs(dir, &n);
	int rc = 0;

	if (!files) {
		snprintf(err, errlen, "%s: cannot read signature directory: %s",
		         dir, strerror(errno));
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: no signature files found", dir);
		free_list(files, n);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		cl_error_t e;

		if (access(files[i], R_OK) != 0) {
			snprintf(err, errlen, "%s: cannot read: %s", files[i],
			         strerror(errno));
			rc = -1;
			break;
		}
		last_msg[0] = '\0';
		e = cl_load(files[i], c->engine, &c->signo, CL_DB_STDOPT);
		if (e != CL_SUCCESS) {
			snprintf(err, errlen, "%s: cannot load: %s%s%s%s",
			         files[i], cl_strerror(e),
			         *last_msg ? " (" : "", last_msg,
			         *last_msg ? ")" : "");
			rc = -1;
		}
	}
	free_list(files, n);
	return rc;
}

/* The databases of a directory named with -d must be there (as clamscan
 * says); the default directory may be missing or empty. */
static int
db_missing(const char *dbdir, char **files, char *err, size_t errlen)
{
	if (!files)
		snprintf(err, errlen,
		         "%s: cannot read the database directory: %s", dbdir,
		         strerror(errno));
	else
		snprintf(err, errlen, "%s: no database files found", dbdir);
	return -1;
}

/* Loads the system databases when the directory has any (given: the
 * directory was named by the user). */
static int
load_system_db(struct clam *c, const char *dbdir, int given, char *err,
               size_t errlen)
{
	size_t n;
	char **files = list_dbs(dbdir, &n);
	cl_error_t e;
	struct cl_cvd *cvd;
	size_t used = 0;

	if (!files || n == 0) {
		int rc = given ? db_missing(dbdir, files, err, errlen) : 0;
		if (files)
			free_list(files, n);
		return rc; /* not given: the project's sigs still work */
	}
	e = cl_load(dbdir, c->engine, &c->signo, CL_DB_STDOPT);
	if (e != CL_SUCCESS) {
		snprintf(err, errlen, "%s: cannot load system databases: %s",
		         dbdir, cl_strerror(e));
		free_list(files, n);
		return -1;
	}
	c->system_db = 1;
	c->dbver[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		cvd = cl_cvdhead(files[i]);
		if (!cvd)
			continue;
		const char *base = strrchr(files[i], '/') + 1;
		used += (size_t)snprintf(
		    c->dbver + used,
		    used < sizeof(c->dbver) ? sizeof(c->dbver) - used : 0,
		    "%s%.*s:%u", used ? " " : "", (int)strcspn(base, "."), base,
		    cvd->version);
		if (used >= sizeof(c->dbver))
			used = sizeof(c->dbver) - 1;
		cl_cvdfree(cvd);
	}
	free_list(files, n);
	return 0;
}

static char *
make_tmpdir(void)
{
	static const char *const bases[] = {"/dev/shm", "/run", NULL};
	const char *env = getenv("TMPDIR");

	for (const char *const *b = bases; *b; b++) {
		char *t = xasprintf("%s/spamsweep-XXXXXX", *b);
		if (mkdtemp(t))
			return t;
		free(t);
	}
	char *t = xasprintf("%s/spamsweep-XXXXXX", env && *env ? env : "/tmp");
	if (mkdtemp(t))
		return t;
	free(t);
	return NULL;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void
set_limits(struct clam *c, const struct clam_config *cfg)
{
	long long maxsize = (long long)cfg->max_filesize;

	cl_engine_set_num(c->engine, CL_ENGINE_MAX_FILESIZE, maxsize);
	cl_engine_set_num(c->engine, CL_ENGINE_MAX_SCANSIZE, maxsize * 4);
	cl_engine_set_num(c->engine, CL_ENGINE_MAX_RECURSION, 16);
	cl_engine_set_num(c->engine, CL_ENGINE_MAX_FILES, 10000);
	cl_engine_set_num(c->engine, CL_ENGINE_MAX_SCANTIME, 60000);
	cl_engine_set_num(c->engine, CL_ENGINE_PCRE_MATCH_LIMIT, 100000);
	cl_engine_set_num(c->engine, CL_ENGINE_PCRE_RECMATCH_LIMIT, 2000);
	cl_engine_set_num(c->engine, CL_ENGINE_PCRE_MAX_FILESIZE, maxsize);
	if (c->tmpdir)
		cl_engine_set_str(c->engine, CL_ENGINE_TMPDIR, c->tmpdir);
}

struct clam *
clam_load(const struct clam_config *cfg, char *err, size_t errlen)
{
	struct clam *c;
	cl_error_t e;

	pthread_once(&init_once, clam_global_init);
	if (init_rc != CL_SUCCESS) {
		snprintf(err, errlen, "libclamav: cannot initialise: %s",
		         cl_strerror(init_rc));
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	strcpy(c->dbver, "none");
	c->engine = cl_engine_new();
	if (!c->engine) {
		snprintf(err, errlen, "libclamav: cannot create an engine");
		free(c);
		return NULL;
	}
	c->tmpdir = make_tmpdir();
	set_limits(c, cfg);
	if (load_sigdir(c, cfg->sigdir, err, errlen) != 0)
		goto fail;
	if (cfg->use_system_db &&
	    load_system_db(c, cfg->dbdir ? cfg->dbdir : cl_retdbdir(),
	                   cfg->dbdir != NULL, err, errlen) != 0)
		goto fail;
	e = cl_engine_compile(c->engine);
	if (e != CL_SUCCESS) {
		snprintf(err, errlen,
		         "libclamav: cannot compile signatures: %s",
		         cl_strerror(e));
		goto fail;
	}
	return c;
fail:
	clam_free(c);
	return NULL;
}

void
clam_free(struct clam *c)
{
	if (!c)
		return;
	if (c->engine)
		cl_engine_free(c->engine);
	if (c->tmpdir) {
		nftw(c->tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(c->tmpdir);
	}
	free(c);
}

unsigned int
clam_signature_count(const struct clam *c)
{
	return c->signo;
}

int
clam_system_db_loaded(const struct clam *c)
{
	return c->system_db;
}

const char *
clam_engine_version(void)
{
	return cl_retver();
}

const char *
clam_db_versions(const struct clam *c)
{
	return c->dbver;
}

int
clam_scan_mem(const struct clam *c, const void *buf, size_t len,
              const char *name, const char **virname, unsigned long *scanned,
              char *err, size_t errlen)
{
	struct cl_scan_options opts;
	cl_fmap_t *map;
	cl_error_t e;

	memset(&opts, 0, sizeof(opts));
	opts.general = CL_SCAN_GENERAL_HEURISTICS;
	opts.parse = ~0u;
	*virname = NULL;
	map = cl_fmap_open_memory(buf, len);
	if (!map) {
		snprintf(err, errlen, "libclamav: cannot map the content");
		return -1;
	}
	e = cl_scanmap_callback(map, name, virname, scanned, c->engine, &opts,
	                        NULL);
	cl_fmap_close(map);
	if (e == CL_VIRUS)
		return 1;
	if (e == CL_CLEAN)
		return 0;
	snprintf(err, errlen, "libclamav: %s", cl_strerror(e));
	return -1;
}
