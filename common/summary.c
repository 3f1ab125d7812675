/*
 * summary.c: printing the SCAN SUMMARY block in clamscan's layout, with
 * spamsweep's extra lines after clamscan's own so that scripts parsing
 * clamscan's block keep working.
 */
#include "common/summary.h"

static void
date_line(FILE *out, const char *label, time_t t)
{
	char buf[64];
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y:%m:%d %H:%M:%S", &tm);
	fprintf(out, "%s: %s\n", label, buf);
}

const char *
summary_incomplete(const struct scan_summary *s)
{
	return s->stopped ? s->stopped : s->incomplete;
}

void
summary_print(FILE *out, const struct scan_summary *s)
{
	double mb_scanned = (double)s->bytes_scanned / (1024.0 * 1024.0);
	double mb_read = (double)s->bytes_read / (1024.0 * 1024.0);
	long secs = (long)s->elapsed;

	fprintf(out, "\n----------- SCAN SUMMARY -----------\n");
	if (s->engines_loaded)
		fprintf(out, "Known viruses: %u\n", s->known_sigs);
	else /* "0" would read as "no signatures" */
		fprintf(out, "Known viruses: not loaded (no file needed "
		             "scanning)\n");
	fprintf(out, "Engine version: %s\n", s->engine_version);
	fprintf(out, "Scanned directories: %lu\n", s->dirs);
	fprintf(out, "Scanned files: %lu\n", s->scanned);
	fprintf(out, "Infected files: %lu\n", s->infected);
	fprintf(out, "Suspicious files: %lu\n", s->suspicious);
	if (s->errors)
		fprintf(out, "Total errors: %lu\n", s->errors);
	fprintf(out, "Data scanned: %.2f MB\n", mb_scanned);
	fprintf(out, "Data read: %.2f MB (ratio %.2f:1)\n", mb_read,
	        mb_scanned > 0 ? mb_read / mb_scanned : 0.0);
	fprintf(out, "Files seen: %lu\n", s->seen);
	fprintf(out, "Skipped files: %lu\n", s->skipped);
	fprintf(out, "Not scripts: %lu\n", s->not_scripts);
	fprintf(out, "Identical content reused: %lu\n", s->dedup_hits);
	if (s->cache_hits)
		fprintf(out, "Cached verdicts reused: %lu\n", s->cache_hits);
	if (s->quarantined)
		fprintf(out, "Quarantined files: %lu\n", s->quarantined);
	if (s->stopped)
		fprintf(out, "Stopped early: %s\n", s->stopped);
	else if (s->incomplete)
		fprintf(out, "Incomplete: %s\n", s->incomplete);
	fprintf(out, "Engine load time: %.3f sec\n", s->load_seconds);
	fprintf(out, "Time: %.3f sec (%ld m %ld s)\n", s->elapsed, secs / 60,
	        secs % 60);
	date_line(out, "Start Date", s->start);
	date_line(out, "End Date", s->end);
}
