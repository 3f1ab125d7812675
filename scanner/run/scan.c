/*
 * scan.c: a scan run. Loads the engines, walks the roots on the calling
 * thread, scans on the workers, reports under one lock, and computes the
 * exit status (a finding is never masked by an error).
 */
#include "scanner/run/scan.h"
#include "common/job.h"
#include "common/summary.h"
#include "common/util.h"
#include "scanner/cache/cache.h"
#include "scanner/cache/dedup.h"
#include "scanner/engine/analyze.h"
#include "scanner/engine/clam.h"
#include "scanner/engine/heur.h"
#include "scanner/run/scanfile.h"
#include "scanner/walk/pool.h"
#include "scanner/walk/walk.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

struct run {
	const struct scan_config *cfg;
	struct engines eng;
	struct scanfile_ctx sf;
	struct scan_summary sum;
	struct report *rep;
	pthread_mutex_t report_lock;
	struct pool *pool;
	const char *current_root;
	const char *sigdir;
	pthread_mutex_t eng_lock;
	int eng_state; /* 0 not loaded yet, 1 loaded, -1 failed */
	int progress, progress_stop;
	pthread_t progress_thread;
};

void
scan_config_defaults(struct scan_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cross_fs = 1;
	cfg->max_filesize = SCAN_DEFAULT_MAX_FILESIZE;
	cfg->use_system_db = 1;
	cfg->heuristics = 1;
	cfg->threshold = SCAN_DEFAULT_THRESHOLD;
	cfg->report.command = "scan";
}

const char *
default_sigdir(void)
{
	static char buf[PATH_MAX];
	char self[PATH_MAX], built[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		if (realpath(SS_BUILDDIR "/spamsweep", built) &&
		    strcmp(self, built) == 0) {
			snprintf(buf, sizeof(buf), "%s/sigs", SS_SRCDIR);
			return buf;
		}
	}
	return SS_PKGDATADIR "/sigs";
}

static void
report_locked(struct run *run, const struct scan_result *r)
{
	pthread_mutex_lock(&run->report_lock);
	report_result(run->rep, r);
	pthread_mutex_unlock(&run->report_lock);
}

static void
work(void *arg, struct job *job)
{
	struct run *run = arg;
	struct scan_result r;
	int fd;

	if (run->cfg->stop && *run->cfg->stop) {
		/* interrupted: drop what is still queued; the run is
		 * incomplete even when the walk had already finished */
		__atomic_store_n(&run->sum.stopped, "interrupted by a signal",
		                 __ATOMIC_RELAXED);
		job_free(job);
		return;
	}
	result_init(&r, job->path);
	fd = scan_file(&run->sf, job, &r);
	if (fd >= 0) {
		if (run->cfg->on_finding)
			run->cfg->on_finding(run->cfg->hook_ctx, job, fd, &r);
		close(fd);
		if (r.action && strcmp(r.action, "quarantined") == 0)
			SUMMARY_ADD(&run->sum, quarantined, 1);
	}
	if (run->cfg->cache)
		cache_record(run->cfg->cache, &r);
	if (!(r.verdict == V_CLEAN && r.lang == LANG_NONE))
		report_locked(run, &r);
	result_free(&r);
	job_free(job);
}

static void
on_job(void *arg, struct job *j)
{
	struct run *run = arg;

	pool_push(run->pool, j);
}

/* Unchanged and clean last time: neither opened nor read (the walk counts
 * it as a cache hit). */
static int
unchanged(void *arg, const struct stat *st)
{
	struct run *run = arg;
	enum verdict v;
	enum lang l;

	return cache_lookup_file(run->cfg->cache, st, &v, &l) && v == V_CLEAN;
}

/* "12345 files, 2345/s, /var/www/vhosts/a" on a terminal, once a second */
static void *
progress_main(void *arg)
{
	struct run *run = arg;
	double t0 = now_seconds();

	/* at least one line, however short the run: the terminal shows
	 * the run started (and the test can see the line) */
	do {
		double dt = now_seconds() - t0;
		unsigned long n =
		    __atomic_load_n(&run->sum.seen, __ATOMIC_RELAXED);
		const char *root =
		    __atomic_load_n(&run->current_root, __ATOMIC_RELAXED);
		fprintf(stderr, "\r\033[K%lu files, %.0f/s, %.60s", n,
		        dt > 0 ? n / dt : 0.0, root ? root : "");
		fflush(stderr);
		for (int i = 0; i < 10 && !__atomic_load_n(&run->progress_stop,
		                                           __ATOMIC_RELAXED);
		     i++)
			usleep(50000);
	} while (!__atomic_load_n(&run->progress_stop, __ATOMIC_RELAXED));
	fputs("\r\033[K", stderr);
	fflush(stderr);
	return NULL;
}

static void
progress_start(struct run *run)
{
	if (!run->cfg->progress || !isatty(STDERR_FILENO))
		return;
	if (pthread_create(&run->progress_thread, NULL, progress_main, run) ==
	    0)
		run->progress = 1;
}

static void
progress_end(struct run *run)
{
	if (!run->progress)
		return;
	__atomic_store_n(&run->progress_stop, 1, __ATOMIC_RELAXED);
	pthread_join(run->progress_thread, NULL);
}

static void
on_walk_error(void *arg, const char *path, const char *reason)
{
	struct run *run = arg;
	struct scan_result r;

	result_init(&r, path);
	result_set_error(&r, "%s", reason);
	SUMMARY_ADD(&run->sum, errors, 1);
	report_locked(run, &r);
	result_free(&r);
}

static int
load_engines(struct run *run, const char *sigdir)
{
	const struct scan_config *cfg = run->cfg;
	struct clam_config cc = {
	    .sigdir = sigdir,
	    .dbdir = cfg->dbdir,
	    .use_system_db = cfg->use_system_db,
	    .max_filesize = cfg->max_filesize,
	    .all_files = cfg->all_files,
	};
	char err[1024];
	double t0 = now_seconds();

	run->eng.clam = clam_load(&cc, err, sizeof(err));
	if (!run->eng.clam) {
		ss_error("%s", err);
		return -1;
	}
	run->eng.threshold = cfg->threshold;
	deobf_limits_default(&run->eng.limits);
	if (cfg->max_decode_depth > 0)
		run->eng.limits.max_depth = cfg->max_decode_depth;
	if (cfg->max_decode_size > 0)
		run->eng.limits.max_output = (size_t)cfg->max_decode_size;
	if (cfg->max_decode_time > 0)
		run->eng.limits.max_seconds = cfg->max_decode_time;
	if (cfg->heuristics) {
		run->eng.heur =
		    heur_load(sigdir, cfg->rules_dir, err, sizeof(err));
		if (!run->eng.heur) {
			ss_error("%s", err);
			return -1;
		}
	}
	run->sum.load_seconds = now_seconds() - t0;
	run->sum.engines_loaded = 1;
	run->sum.known_sigs =
	    clam_signature_count(run->eng.clam) +
	    (run->eng.heur ? heur_rule_count(run->eng.heur) : 0);
	run->sum.engine_version = clam_engine_version();
	return 0;
}

/* The walk's poll (from its threads): a signal or the deadline stops it. */
static int
should_stop(void *arg)
{
	struct run *run = arg;
	const char *why = NULL;

	if (__atomic_load_n(&run->sum.stopped, __ATOMIC_RELAXED))
		return 1;
	if (run->cfg->stop && *run->cfg->stop)
		why = "interrupted by a signal";
	else if (run->cfg->deadline > 0 && now_seconds() >= run->cfg->deadline)
		why = "time limit reached";
	if (why)
		__atomic_store_n(&run->sum.stopped, why, __ATOMIC_RELAXED);
	return why != NULL;
}

/* Walking is stat(2) and getdents(2): a thread per core keeps the disk
 * and the dentry cache busy; past four the kernel's locks win. The tests
 * set the number with SPAMSWEEP_TEST_WALK_THREADS. */
static int
walk_threads(void)
{
	const char *v = getenv("SPAMSWEEP_TEST_WALK_THREADS");
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (v && parse_long(v, 1, 4, &n) != 0)
		n = 1;

	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/* Lazy loading: the first worker that needs the engines loads them. */
static int
need_engines(void *arg)
{
	struct run *run = arg;
	int st = __atomic_load_n(&run->eng_state, __ATOMIC_ACQUIRE);

	if (st != 0)
		return st > 0 ? 0 : -1;
	pthread_mutex_lock(&run->eng_lock);
	if (run->eng_state == 0) {
		st = load_engines(run, run->sigdir) == 0 ? 1 : -1;
		__atomic_store_n(&run->eng_state, st, __ATOMIC_RELEASE);
	}
	st = run->eng_state;
	pthread_mutex_unlock(&run->eng_lock);
	return st > 0 ? 0 : -1;
}

static void
make_scan_id(char *buf, size_t n)
{
	unsigned char rnd[4] = {0};
	struct tm tm;
	time_t t = time(NULL);
	char ts[32];

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		memset(rnd, 0, sizeof(rnd));
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, n, "%s-%02x%02x%02x%02x", ts, rnd[0], rnd[1], rnd[2],
	         rnd[3]);
}

static int
finish(struct run *run, const char *sigdir, char *const *paths, size_t npaths)
{
	char host[256] = "unknown", scan_id[64], err[1024];
	struct report_meta meta;

	gethostname(host, sizeof(host) - 1);
	if (run->cfg->scan_id)
		snprintf(scan_id, sizeof(scan_id), "%s", run->cfg->scan_id);
	else
		make_scan_id(scan_id, sizeof(scan_id));
	meta = (struct report_meta){
	    .scan_id = scan_id,
	    .host = host,
	    .roots = (const char *const *)paths,
	    .nroots = npaths,
	    .signatures = run->sum.known_sigs,
	    .engine_version = run->sum.engine_version,
	    .db_versions = run->eng.clam ? clam_db_versions(run->eng.clam)
	                                 : "not loaded (nothing new)",
	    .sigdir = sigdir,
	    .threshold = run->cfg->threshold,
	};
	if (report_finish(run->rep, &meta, &run->sum, err, sizeof(err)) != 0) {
		ss_error("%s", err);
		return -1;
	}
	return 0;
}

static long
test_open_delay(void)
{
	const char *v = getenv("SPAMSWEEP_TEST_OPEN_DELAY_MS");
	long ms = 0;

	if (v && parse_long(v, 0, 60000, &ms) != 0)
		ms = 0;
	return ms;
}

/* The run's part of the exit-status table (action.h): a report that was
 * asked for and not written is an error even after a finding, since the
 * finding then reaches no one who reads the reports. */
static int
exit_status(const struct scan_summary *s, int failed)
{
	if (failed)
		return 2;
	if (s->infected || s->suspicious)
		return 1;
	if (s->errors || summary_incomplete(s))
		return 2;
	return 0;
}

/* The run's engines, report and workers; 0, or 2 after an error. */
static int
run_begin(struct run *run, const struct scan_config *cfg)
{
	const char *sigdir = cfg->sigdir ? cfg->sigdir : default_sigdir();
	char err[1024];
	int nthreads = cfg->threads;

	memset(run, 0, sizeof(*run));
	run->cfg = cfg;
	run->sum.start = time(NULL);
	run->rep = report_open(&cfg->report, err, sizeof(err));
	if (!run->rep) {
		ss_error("%s", err);
		return 2;
	}
	run->sigdir = sigdir;
	run->sum.engine_version = clam_engine_version();
	pthread_mutex_init(&run->eng_lock, NULL);
	if (!cfg->lazy_engines && load_engines(run, sigdir) != 0) {
		report_free(run->rep);
		clam_free(run->eng.clam);
		heur_free(run->eng.heur);
		pthread_mutex_destroy(&run->eng_lock);
		return 2;
	}
	pthread_mutex_init(&run->report_lock, NULL);
	run->sf = (struct scanfile_ctx){
	    .eng = &run->eng,
	    .dedup = dedup_new(),
	    .sum = &run->sum,
	    .max_filesize = cfg->max_filesize,
	    .all_files = cfg->all_files,
	    .open_delay_ms = test_open_delay(),
	    .cache = cfg->cache,
	    .cache_lookup = !cfg->cache_full,
	    .need_engines = cfg->lazy_engines ? need_engines : NULL,
	    .need_arg = run,
	};
	if (nthreads <= 0)
		nthreads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	run->pool = pool_new(nthreads > 0 ? nthreads : 1, work, run);
	progress_start(run);
	return 0;
}

/* Waits for the workers, writes the report, frees; the exit status. */
static int
run_end(struct run *run, double t0, char *const *paths, size_t npaths)
{
	const struct scan_config *cfg = run->cfg;
	int failed = 0;

	pool_finish(run->pool);
	progress_end(run);
	run->sum.elapsed = now_seconds() - t0;
	run->sum.end = time(NULL);
	if (finish(run, run->sigdir, paths, npaths) != 0)
		failed = 1;
	if (cfg->summary_out)
		*cfg->summary_out = run->sum;
	pthread_mutex_destroy(&run->report_lock);
	pthread_mutex_destroy(&run->eng_lock);
	if (run->eng_state < 0)
		failed = 1;
	dedup_free(run->sf.dedup);
	report_free(run->rep);
	heur_free(run->eng.heur);
	clam_free(run->eng.clam);
	return exit_status(&run->sum, failed);
}

int
scan_run(const struct scan_config *cfg, char *const *paths, size_t npaths)
{
	struct run run;
	double t0 = now_seconds();

	if (run_begin(&run, cfg) != 0)
		return 2;
	struct walk_ctx w = {
	    .opts = {cfg->exclude, cfg->nexclude, cfg->exclude_dir,
	             cfg->nexclude_dir, cfg->cross_fs, cfg->roots_resolved},
	    .sum = &run.sum,
	    .on_job = on_job,
	    .on_error = on_walk_error,
	    .arg = &run,
	    .unchanged = cfg->cache && !cfg->cache_full ? unchanged : NULL,
	    .should_stop = cfg->stop || cfg->deadline > 0 ? should_stop : NULL,
	    .current_root = &run.current_root,
	};
	struct walk *wk = walk_start(&w, walk_threads());
	for (size_t i = 0; i < npaths; i++)
		walk_root(wk, paths[i]);
	walk_finish(wk);
	return run_end(&run, t0, paths, npaths);
}

int
scan_run_jobs(const struct scan_config *cfg, struct job **jobs, size_t njobs)
{
	struct run run;
	double t0 = now_seconds();
	char **paths = xcalloc(njobs + 1, sizeof(*paths));
	int rc;

	if (run_begin(&run, cfg) != 0) {
		for (size_t i = 0; i < njobs; i++)
			job_free(jobs[i]);
		free(paths);
		return 2;
	}
	for (size_t i = 0; i < njobs; i++) {
		paths[i] = xstrdup(jobs[i]->path);
		SUMMARY_ADD(&run.sum, seen, 1);
		pool_push(run.pool, jobs[i]);
	}
	rc = run_end(&run, t0, paths, njobs);
	for (size_t i = 0; i < njobs; i++)
		free(paths[i]);
	free(paths);
	return rc;
}
