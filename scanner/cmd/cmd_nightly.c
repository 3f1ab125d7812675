/*
 * cmd_nightly.c: `spamsweep nightly`, the cron job, and `spamsweep roots`,
 * which shows what it would scan. Both read the configuration file and
 * then the command line (which wins), one option per configuration key.
 */
#include "common/summary.h"
#include "common/util.h"
#include "quarantine/vault.h"
#include "scanner/cache/cache.h"
#include "scanner/cmd/commands.h"
#include "scanner/engine/sigkey.h"
#include "scanner/nightly/lock.h"
#include "scanner/nightly/nightly_config.h"
#include "scanner/nightly/roots.h"
#include "scanner/run/action.h"
#include "scanner/run/scan.h"
#include "scanner/run/stop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

enum {
	OPT_CONFIG = 'c',
	OPT_QUIET = 'q',
	OPT_HELP = 'h',
	OPT_VERBOSE = 'v',
	OPT_FULL = 256,
	OPT_ROOT_PREFIX,
	OPT_NO_PROGRESS,
	OPT_NO_CACHE,
	OPT_NO_SYSTEM_DB,
	OPT_KEY = 1000,
};

struct nightly_opts {
	const char *config;
	int config_given;
	int full, quiet, verbose, no_progress;
	const char *root_prefix;
	char **keys, **values; /* command-line settings, applied last */
	size_t nset;
};

static const char nightly_usage[] =
    "usage: spamsweep nightly [options]\n"
    "       spamsweep roots [options]\n"
    "\n"
    "nightly scans the configured ScanRoots, or the document roots it\n"
    "discovers (see 'spamsweep roots'), under a lock, skipping files that\n"
    "have not changed since a scan with the same signatures; applies the\n"
    "configured Action, writes a JSON report to ReportDir and a summary\n"
    "to syslog, and prints the findings, if any, on standard output.\n"
    "roots prints what nightly would scan, and why.\n"
    "\n"
    "  -c, --config FILE       configuration (" CONFIG_DEFAULT_PATH ")\n"
    "      --full              ignore the cache: scan every file\n"
    "  -q, --quiet             nothing on standard output\n"
    "  -v, --verbose           also print per-file errors (nightly); also\n"
    "                          the roots left out, and why (roots)\n"
    "      --no-progress       no progress line on a terminal\n"
    "      --root-prefix DIR   discover under DIR instead of / (tests)\n"
    "      --no-cache          same as --cache=no\n"
    "      --no-system-db      same as --system-db=no\n"
    "  Every configuration key is also an option, e.g. --scan-root DIR,\n"
    "  --action quarantine-infected, --cache-file FILE, --report-dir DIR,\n"
    "  --lock-file FILE, --full-scan-every DAYS (see spamsweep.conf(5)).\n"
    "\n"
    "Exit status: 0 nothing found, 1 something found, 2 errors and\n"
    "nothing found, or a quarantine move that failed, 3 another nightly\n"
    "run holds the lock.\n";

static struct option *
build_options(void)
{
	static const struct option fixed[] = {
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    {"verbose", no_argument, NULL, OPT_VERBOSE},
	    {"help", no_argument, NULL, OPT_HELP},
	    {"full", no_argument, NULL, OPT_FULL},
	    {"root-prefix", required_argument, NULL, OPT_ROOT_PREFIX},
	    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
	    {"no-system-db", no_argument, NULL, OPT_NO_SYSTEM_DB},
	};
	size_t nf = sizeof(fixed) / sizeof(fixed[0]), nk;
	const struct config_key *k = config_keys(&nk);
	struct option *o = xcalloc(nf + nk + 1, sizeof(*o));

	memcpy(o, fixed, sizeof(fixed));
	for (size_t i = 0; i < nk; i++)
		o[nf + i] = (struct option){k[i].option, required_argument,
		                            NULL, OPT_KEY + (int)i};
	return o;
}

static void
add_setting(struct nightly_opts *o, const char *key, const char *value)
{
	o->keys = xrealloc(o->keys, (o->nset + 1) * sizeof(*o->keys));
	o->values = xrealloc(o->values, (o->nset + 1) * sizeof(*o->values));
	o->keys[o->nset] = (char *)key;
	o->values[o->nset++] = (char *)value;
}

/* 0 ok, 1 help printed, -1 usage error. */
static int
parse_args(int argc, char **argv, struct nightly_opts *o)
{
	struct option *opts = build_options();
	size_t nk;
	const struct config_key *k = config_keys(&nk);
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	o->config = CONFIG_DEFAULT_PATH;
	optind = 1;
	while (rc == 0 &&
	       (c = getopt_long(argc, argv, "c:qvh", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CONFIG:
			o->config = optarg;
			o->config_given = 1;
			break;
		case OPT_QUIET:
			o->quiet = 1;
			break;
		case OPT_VERBOSE:
			o->verbose = 1;
			break;
		case OPT_HELP:
			fputs(nightly_usage, stdout);
			rc = 1;
			break;
		case OPT_FULL:
			o->full = 1;
			break;
		case OPT_ROOT_PREFIX:
			o->root_prefix = optarg;
			break;
		case OPT_NO_PROGRESS:
			o->no_progress = 1;
			break;
		case OPT_NO_CACHE:
			add_setting(o, "Cache", "no");
			break;
		case OPT_NO_SYSTEM_DB:
			add_setting(o, "UseSystemDatabases", "no");
			break;
		default:
			if (c >= OPT_KEY && c < OPT_KEY + (int)nk) {
				add_setting(o, k[c - OPT_KEY].name, optarg);
				break;
			}
			fputs("see 'spamsweep nightly --help'\n", stderr);
			rc = -1;
		}
	}
	if (rc == 0 && optind < argc) {
		ss_error("unexpected argument '%s'; see 'spamsweep nightly "
		         "--help'",
		         argv[optind]);
		rc = -1;
	}
	free(opts);
	return rc;
}

/* File first, then the command line. 0, or -1 (printed). */
static int
load_config(struct nightly_config *cfg, struct nightly_opts *o)
{
	char err[1024];

	config_defaults(cfg);
	if (config_load(cfg, o->config, o->config_given, err, sizeof(err)) !=
	    0) {
		ss_error("%s", err);
		return -1;
	}
	for (size_t i = 0; i < o->nset; i++)
		if (config_set(cfg, o->keys[i], o->values[i], 1, err,
		               sizeof(err)) != 0) {
			ss_error("command line: %s", err);
			return -1;
		}
	return 0;
}

static void
collect_roots(const struct nightly_config *cfg, const char *prefix,
              struct rootlist *l)
{
	if (cfg->roots.n) {
		const char *why =
		    cfg->roots.from_cmdline ? "--scan-root" : "ScanRoot";
		for (size_t i = 0; i < cfg->roots.n; i++)
			roots_add_configured(l, cfg->roots.v[i], why);
	} else if (cfg->discover) {
		roots_discover(l, prefix, cfg->temp_dirs);
	}
	roots_resolve(l);
}

static void
free_opts(struct nightly_opts *o)
{
	free(o->keys);
	free(o->values);
}

/* Options, then the configuration. -1: go on; else exit with it now (0
 * after --help, 2 on an error). */
static int
setup(int argc, char **argv, struct nightly_opts *o, struct nightly_config *cfg)
{
	int rc = parse_args(argc, argv, o);

	if (rc != 0) {
		free_opts(o);
		return rc > 0 ? 0 : 2;
	}
	if (load_config(cfg, o) != 0) {
		config_free(cfg);
		free_opts(o);
		return 2;
	}
	return -1;
}

int
cmd_roots(int argc, char **argv)
{
	struct nightly_opts o;
	struct nightly_config cfg;
	struct rootlist l = {0};
	size_t n = 0;
	int rc = setup(argc, argv, &o, &cfg);

	if (rc >= 0)
		return rc;
	collect_roots(&cfg, o.root_prefix, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (!l.v[i].dropped) {
			printf("%s\t%s\n", l.v[i].path, l.v[i].why);
			n++;
		} else if (o.verbose) {
			printf("# %s\t%s; left out: %s\n", l.v[i].path,
			       l.v[i].why, l.v[i].dropped);
		}
	}
	if (n == 0)
		ss_warning("nothing to scan: no ScanRoot configured and no "
		           "document root found");
	roots_free(&l);
	config_free(&cfg);
	free_opts(&o);
	return n ? 0 : 2;
}

/* ---- nightly ---- */

static int
compile_list(const struct strlist *l, regex_t **v, size_t *n)
{
	*v = xcalloc(l->n + 1, sizeof(**v));
	*n = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (regcomp(&(*v)[i], l->v[i], REG_EXTENDED | REG_NOSUB) != 0)
			return -1;
		(*n)++;
	}
	return 0;
}

static void
free_list(regex_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		regfree(&v[i]);
	free(v);
}

static void
fill_scan_config(const struct nightly_config *c, const struct nightly_opts *o,
                 struct scan_config *s)
{
	scan_config_defaults(s);
	s->cross_fs = c->cross_fs;
	s->roots_resolved = 1; /* roots_resolve() */
	s->all_files = c->all_files;
	s->max_filesize = c->max_filesize;
	compile_list(&c->exclude, &s->exclude, &s->nexclude);
	compile_list(&c->exclude_dir, &s->exclude_dir, &s->nexclude_dir);
	s->sigdir = c->sigdir;
	s->dbdir = c->dbdir;
	s->use_system_db = c->use_system_db;
	s->heuristics = c->heuristics;
	s->rules_dir = c->rules_dir;
	s->threshold = (int)c->threshold;
	s->threads = (int)c->threads;
	s->report.command = "nightly";
	s->report.findings_only = !o->verbose;
	s->report.infected_only = 1;
	s->report.quiet = o->quiet;
	s->progress = !o->quiet && !o->no_progress;
}

/* The signature-set key of what this run scans with. */
static void
run_sigkey(const struct scan_config *s, char key[65])
{
	struct sigkey_in in = {
	    .schema = CACHE_SCHEMA,
	    .sigdir = s->sigdir ? s->sigdir : default_sigdir(),
	    .heuristics = s->heuristics,
	    .rules_dir = s->rules_dir,
	    .use_system_db = s->use_system_db,
	    .dbdir = s->dbdir,
	    .threshold = s->threshold,
	    .all_files = s->all_files,
	    .max_filesize = s->max_filesize,
	    .max_decode_depth = s->max_decode_depth,
	    .max_decode_size = s->max_decode_size,
	    .max_decode_time = s->max_decode_time,
	};

	sigkey_make(&in, key);
}

/* Opens the cache and decides whether this run is a full one. */
static struct cache *
open_cache(const struct nightly_config *c, const struct nightly_opts *o,
           struct scan_config *s, int *full)
{
	char key[65];
	struct cache *cache;
	time_t last;

	*full = 1;
	if (!c->cache)
		return NULL;
	run_sigkey(s, key);
	cache = cache_open(c->cache_file, key);
	if (!cache)
		return NULL;
	last = cache_last_full(cache);
	*full = o->full || cache_was_reset(cache) || last == 0 ||
	        (c->full_scan_every > 0 &&
	         time(NULL) - last >= c->full_scan_every * 86400L);
	s->cache = cache;
	s->cache_full = *full;
	s->lazy_engines = !*full;
	return cache;
}

static char *
report_path(const char *dir, time_t t)
{
	char ts[32], *p;
	struct tm tm;
	struct stat st;

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	p = xasprintf("%s/spamsweep-%s.json", dir, ts);
	for (int i = 2; lstat(p, &st) == 0 && i < 1000; i++) {
		free(p);
		p = xasprintf("%s/spamsweep-%s-%d.json", dir, ts, i);
	}
	return p;
}

/* latest.json -> the newest report, once it is there (a report that
 * failed to write is not: the link keeps the last good one) */
static void
point_latest(const char *dir, const char *path)
{
	char *tmp = xasprintf("%s/.latest.json.tmp", dir);
	char *latest = xasprintf("%s/latest.json", dir);
	const char *base = strrchr(path, '/') + 1;
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		unlink(tmp);
		if (symlink(base, tmp) != 0 || rename(tmp, latest) != 0)
			unlink(tmp);
	}
	free(tmp);
	free(latest);
}

/* latest.json; old reports go after ReportKeep days */
static void
tidy_reports(const char *dir, const char *path, long keep_days)
{
	const char *base = strrchr(path, '/') + 1;
	DIR *d;
	struct dirent *de;

	point_latest(dir, path);
	if (keep_days <= 0 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		size_t n = strlen(de->d_name);
		if (strncmp(de->d_name, "spamsweep-", 10) != 0 || n < 6 ||
		    strcmp(de->d_name + n - 5, ".json") != 0 ||
		    strcmp(de->d_name, base) == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		        0 &&
		    S_ISREG(st.st_mode) &&
		    time(NULL) - st.st_mtime > keep_days * 86400L)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

static void
log_summary(const struct nightly_config *c, const struct scan_summary *s,
            int full, const char *report, int rc, int echo)
{
	/* --verbose: the line on standard error too */
	openlog("spamsweep", LOG_PID | (echo ? LOG_PERROR : 0),
	        c->syslog_facility);
	syslog(s->infected || s->suspicious ? LOG_WARNING : LOG_NOTICE,
	       "nightly: found=%lu suspicious=%lu quarantined=%lu errors=%lu "
	       "files=%lu scanned=%lu cached=%lu duration=%.1fs mode=%s "
	       "complete=%s report=%s exit=%d",
	       s->infected, s->suspicious, s->quarantined, s->errors, s->seen,
	       s->analyzed, s->cache_hits, s->elapsed,
	       full ? "full" : "incremental",
	       summary_incomplete(s) ? "no" : "yes", report ? report : "none",
	       rc);
	closelog();
}

static char *
join(char *const *v, size_t n)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s%s\n", s, v[i]);
		free(s);
		s = t;
	}
	return s;
}

/* The configured Action as the verdicts it moves (V_CLEAN: none). */
static enum verdict
quarantine_min(enum action_kind a)
{
	if (a == ACTION_QUARANTINE_SUSPICIOUS)
		return V_SUSPICIOUS;
	return a == ACTION_QUARANTINE_INFECTED ? V_INFECTED : V_CLEAN;
}

static int
run_nightly(struct nightly_config *c, struct nightly_opts *o)
{
	struct scan_config s;
	struct scan_summary sum;
	struct rootlist l = {0};
	struct cache *cache;
	struct action *act;
	char **paths, *report = NULL, *joined = NULL;
	size_t n;
	int full, rc, same_roots;

	collect_roots(c, o->root_prefix, &l);
	test_point("roots-resolved");
	paths = roots_paths(&l, &n);
	if (n == 0) {
		ss_error("nothing to scan: no ScanRoot configured and no "
		         "document root found (see 'spamsweep roots -v')");
		free(paths);
		roots_free(&l);
		return 2;
	}
	fill_scan_config(c, o, &s);
	if (mkdir_parents(c->report_dir, 0750) != 0 ||
	    (mkdir(c->report_dir, 0750) != 0 && errno != EEXIST))
		ss_warning("%s: cannot create: %s", c->report_dir,
		           strerror(errno));
	report = report_path(c->report_dir, time(NULL));
	s.report.json_path = report;
	memset(&sum, 0, sizeof(sum));
	s.summary_out = &sum;
	s.stop = stop_on_signals();
	if (c->max_run_time > 0)
		s.deadline = now_seconds() + (double)c->max_run_time;
	act = action_open(&(struct action_config){quarantine_min(c->action),
	                                          c->quarantine_dir, "nightly"},
	                  &s);
	if (!act) {
		rc = 2;
		goto out;
	}
	cache = open_cache(c, o, &s, &full);
	same_roots = cache && cache_same_roots(cache, joined = join(paths, n));
	rc = action_run(act, &s, paths, n);
	if (sum.stopped)
		ss_warning("stopped early (%s): %lu files seen; the next run "
		           "goes on from the cache",
		           sum.stopped, sum.seen);
	if (cache &&
	    cache_close(cache,
	                same_roots && sum.end && !summary_incomplete(&sum),
	                full && !summary_incomplete(&sum)) != 0)
		ss_warning("%s: the cache could not be saved", c->cache_file);
	if (sum.end)
		tidy_reports(c->report_dir, report, c->report_keep);
	if (c->syslog)
		log_summary(c, &sum, full, sum.end ? report : NULL, rc,
		            o->verbose);
out:
	action_close(act);
	free_list(s.exclude, s.nexclude);
	free_list(s.exclude_dir, s.nexclude_dir);
	free(report);
	free(joined);
	free(paths);
	roots_free(&l);
	return rc;
}

int
cmd_nightly(int argc, char **argv)
{
	struct nightly_opts o;
	struct nightly_config cfg;
	char err[1024];
	pid_t holder;
	int rc = setup(argc, argv, &o, &cfg), lock;

	if (rc >= 0)
		return rc;
	lock = lock_acquire(cfg.lock_file, &holder, err, sizeof(err));
	if (lock == -2) {
		if (holder > 0)
			ss_error("another nightly run (pid %ld) holds %s; "
			         "exiting",
			         (long)holder, cfg.lock_file);
		else
			ss_error("another nightly run holds %s; exiting",
			         cfg.lock_file);
		rc = EXIT_LOCKED;
	} else if (lock < 0) {
		ss_error("%s", err);
		rc = 2;
	} else {
		rc = run_nightly(&cfg, &o);
		lock_release(lock, cfg.lock_file);
	}
	config_free(&cfg);
	free_opts(&o);
	return rc;
}
