/*
 * scanfile.c: the per-file work of a worker thread.
 */
#include "scanner/run/scanfile.h"
#include "common/job.h"
#include "common/safeopen.h"
#include "common/summary.h"
#include "common/util.h"
#include "scanner/cache/cache.h"
#include "scanner/cache/dedup.h"
#include "scanner/engine/classify.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
open_job(const struct job *job)
{
	if (job->rel)
		return open_beneath(job->root->fd, job->rel);
	return open_named(job->path);
}

static const char *
open_error(int err)
{
	switch (err) {
	case ELOOP:
	case EXDEV:
		return "not opened: a symlink is in the way (changed during "
		       "scan?)";
	case ENOENT:
		return "vanished during scan";
	case EACCES:
	case EPERM:
		return "cannot open: permission denied";
	default:
		return NULL;
	}
}

/* The file must still be the regular file the walk saw. */
static int
check_identity(const struct job *job, int fd, struct scan_result *r)
{
	if (fstat(fd, &r->st) != 0) {
		result_set_error(r, "cannot stat: %s", strerror(errno));
		return -1;
	}
	r->have_stat = 1;
	if (!S_ISREG(r->st.st_mode)) {
		result_set_error(r, "not a regular file any more (replaced "
		                    "during scan)");
		return -1;
	}
	if (r->st.st_dev != job->dev || r->st.st_ino != job->ino) {
		result_set_error(r, "replaced during scan (different inode)");
		return -1;
	}
	return 0;
}

static void
hash_content(const unsigned char *buf, size_t len, struct scan_result *r)
{
	unsigned int n = 0;

	if (EVP_Digest(buf, len, r->sha256, &n, EVP_sha256(), NULL) == 1)
		r->have_hash = 1;
}

/* Reads the head, classifies; 1 = script (or all files), 0 = not, -1 err */
static int
read_and_classify(const struct scanfile_ctx *ctx, const struct job *job, int fd,
                  unsigned char **buf, size_t *len, size_t *cap,
                  struct scan_result *r)
{
	size_t cap_bytes = (size_t)ctx->max_filesize;

	if (read_more(fd, buf, len, cap, CLASSIFY_HEAD) != 0) {
		result_set_error(r, "read error: %s", strerror(errno));
		return -1;
	}
	r->lang = job->by_name;
	if (r->lang == LANG_NONE || r->lang == LANG_CONFIG) {
		/* a configuration file holding a script is that script */
		enum lang by_content = classify_content(*buf, *len);
		if (by_content != LANG_NONE)
			r->lang = by_content;
	}
	if (r->lang == LANG_NONE && !ctx->all_files)
		return 0;
	if (r->lang == LANG_NONE)
		r->lang = LANG_OTHER;
	/* the rest, one byte past the limit to notice a file that grew */
	if (*len < cap_bytes + 1 &&
	    read_more(fd, buf, len, cap, cap_bytes + 1 - *len) != 0) {
		result_set_error(r, "read error: %s", strerror(errno));
		return -1;
	}
	if (*len > cap_bytes) {
		result_set_skipped(r, "grew past --max-filesize during scan");
		return -1;
	}
	return 1;
}

static void
count(const struct scanfile_ctx *ctx, const struct scan_result *r)
{
	switch (r->verdict) {
	case V_INFECTED:
		SUMMARY_ADD(ctx->sum, infected, 1);
		break;
	case V_SUSPICIOUS:
		SUMMARY_ADD(ctx->sum, suspicious, 1);
		break;
	case V_ERROR:
		SUMMARY_ADD(ctx->sum, errors, 1);
		break;
	case V_SKIPPED:
		SUMMARY_ADD(ctx->sum, skipped, 1);
		break;
	case V_CLEAN:
		break;
	}
}

static void
judge(const struct scanfile_ctx *ctx, const unsigned char *buf, size_t len,
      struct scan_result *r)
{
	hash_content(buf, len, r);
	SUMMARY_ADD(ctx->sum, scanned, 1);
	if (ctx->dedup && r->have_hash && dedup_claim(ctx->dedup, r)) {
		r->dedup_hit = 1;
		SUMMARY_ADD(ctx->sum, dedup_hits, 1);
		return;
	}
	/* claimed: every way out below stores (or releases) the claim */
	if (ctx->cache && ctx->cache_lookup && r->have_hash &&
	    cache_lookup_content(ctx->cache, r)) {
		SUMMARY_ADD(ctx->sum, cache_hits, 1);
	} else if (ctx->need_engines && ctx->need_engines(ctx->need_arg) != 0) {
		result_set_error(r, "not scanned: the engines failed to load");
	} else {
		analyze_buffer(ctx->eng, buf, len, r);
		SUMMARY_ADD(ctx->sum, analyzed, 1);
		SUMMARY_ADD(ctx->sum, bytes_scanned, len);
	}
	if (ctx->dedup && r->have_hash)
		dedup_store(ctx->dedup, r);
}

/* The test hook's wait. With SPAMSWEEP_TEST_DELAY_READY=FILE too, FILE is
 * created as the wait starts, so that a test's attacker changes the tree
 * while the job is queued, however slow the machine (a sanitizer build
 * loading its engines under load), instead of after a guessed sleep. */
static void
test_delay(long ms)
{
	const char *ready = getenv("SPAMSWEEP_TEST_DELAY_READY");
	int fd;

	if (ready &&
	    (fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) >= 0)
		close(fd);
	usleep((useconds_t)ms * 1000);
}

int
scan_file(const struct scanfile_ctx *ctx, const struct job *job,
          struct scan_result *r)
{
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd, rc;

	if (ctx->open_delay_ms > 0)
		test_delay(ctx->open_delay_ms);
	fd = open_job(job);
	if (fd < 0) {
		const char *why = open_error(errno);
		if (why)
			result_set_error(r, "%s", why);
		else
			result_set_error(r, "cannot open: %s", strerror(errno));
		count(ctx, r);
		return -1;
	}
	if (check_identity(job, fd, r) != 0)
		goto done;
	if ((uint64_t)r->st.st_size > ctx->max_filesize) {
		result_set_skipped(
		    r, "larger than --max-filesize (%lld > %llu bytes)",
		    (long long)r->st.st_size,
		    (unsigned long long)ctx->max_filesize);
		goto done;
	}
	rc = read_and_classify(ctx, job, fd, &buf, &len, &cap, r);
	SUMMARY_ADD(ctx->sum, bytes_read, len);
	if (rc == 0)
		SUMMARY_ADD(ctx->sum, not_scripts, 1);
	if (rc == 1)
		judge(ctx, buf, len, r);
done:
	free(buf);
	count(ctx, r);
	if (r->verdict == V_INFECTED || r->verdict == V_SUSPICIOUS)
		return fd;
	close(fd);
	return -1;
}
