/*
 * cmd_scan.c: `spamsweep scan [options] PATH...`, the on-demand scan.
 * Options follow clamscan's where clamscan has one (-r, -i, --exclude,
 * --exclude-dir, --max-filesize, --cross-fs, --no-summary, -d/--database).
 */
#include "common/regex_bounded.h"
#include "common/util.h"
#include "quarantine/vault.h"
#include "scanner/cmd/commands.h"
#include "scanner/run/action.h"
#include "scanner/run/scan.h"
#include "scanner/run/stop.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_EXCLUDE = 256,
	OPT_EXCLUDE_DIR,
	OPT_MAX_FILESIZE,
	OPT_CROSS_FS,
	OPT_ALL_FILES,
	OPT_SIGS,
	OPT_NO_SYSTEM_DB,
	OPT_THREADS,
	OPT_JSON,
	OPT_JSONL,
	OPT_NO_SUMMARY,
	OPT_THRESHOLD,
	OPT_RULES,
	OPT_EXPLAIN,
	OPT_NO_HEURISTICS,
	OPT_QUARANTINE,
	OPT_QUARANTINE_DIR,
	OPT_FILE_LIST,
	OPT_MAX_DECODE_DEPTH,
	OPT_MAX_DECODE_SIZE,
	OPT_MAX_DECODE_TIME,
};

static const char *file_list;        /* -f/--file-list */
static struct action_config actions; /* --quarantine, --quarantine-dir */

static const struct option scan_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"file-list", required_argument, NULL, 'f'},
    {"recursive", no_argument, NULL, 'r'},
    {"infected", no_argument, NULL, 'i'},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"exclude-dir", required_argument, NULL, OPT_EXCLUDE_DIR},
    {"max-filesize", required_argument, NULL, OPT_MAX_FILESIZE},
    {"cross-fs", required_argument, NULL, OPT_CROSS_FS},
    {"all-files", no_argument, NULL, OPT_ALL_FILES},
    {"sigs", required_argument, NULL, OPT_SIGS},
    {"database", required_argument, NULL, 'd'},
    {"no-system-db", no_argument, NULL, OPT_NO_SYSTEM_DB},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"json", required_argument, NULL, OPT_JSON},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"no-summary", no_argument, NULL, OPT_NO_SUMMARY},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"rules", required_argument, NULL, OPT_RULES},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"no-heuristics", no_argument, NULL, OPT_NO_HEURISTICS},
    {"quarantine", optional_argument, NULL, OPT_QUARANTINE},
    {"quarantine-dir", required_argument, NULL, OPT_QUARANTINE_DIR},
    {"max-decode-depth", required_argument, NULL, OPT_MAX_DECODE_DEPTH},
    {"max-decode-size", required_argument, NULL, OPT_MAX_DECODE_SIZE},
    {"max-decode-time", required_argument, NULL, OPT_MAX_DECODE_TIME},
    {NULL, 0, NULL, 0},
};

static const char scan_usage[] =
    "usage: spamsweep scan [options] PATH...\n"
    "\n"
    "Scans files and trees (directories are always recursive) for spam\n"
    "mailers and other malicious scripts.\n"
    "\n"
    "  -i, --infected          print findings only (no OK lines)\n"
    "      --no-summary        no SCAN SUMMARY block\n"
    "      --explain           list every indicator under each finding\n"
    "      --json FILE         write a JSON report to FILE\n"
    "      --jsonl             stream one JSON object per finding or error\n"
    "      --exclude REGEX     skip files whose path matches (repeatable)\n"
    "      --exclude-dir REGEX skip directories whose path matches\n"
    "      --max-filesize SIZE larger files are skipped and reported (16M)\n"
    "      --cross-fs=yes|no   descend into other filesystems (yes)\n"
    "      --all-files         scan every file, not only PHP/Perl scripts\n"
    "      --sigs DIR          the project's signatures (installed copy)\n"
    "  -d, --database DIR      ClamAV system databases (cl_retdbdir())\n"
    "      --no-system-db      use only the project's signatures\n"
    "      --threshold N       heuristic score that makes a file\n"
    "                          suspicious (10)\n"
    "      --rules DIR         add your own YARA rules from DIR\n"
    "      --no-heuristics     signatures only (no deobfuscation either)\n"
    "      --max-decode-depth N\n"
    "                          unwrap decoded layers at most N deep (32)\n"
    "      --max-decode-size SIZE\n"
    "                          decoded text per file, all layers (64M)\n"
    "      --max-decode-time SECONDS\n"
    "                          deobfuscation time per file (2)\n"
    "                          (a file that hits one of these bounds gets\n"
    "                          an obfuscation indicator, SpamSweep.Limit.*)\n"
    "      --threads N         worker threads (online CPUs)\n"
    "      --quarantine[=infected|suspicious]\n"
    "                          move findings into the vault as they are\n"
    "                          found: infected ones (default), or\n"
    "                          suspicious ones too\n"
    "      --quarantine-dir DIR  the vault (" VAULT_DEFAULT_DIR ")\n"
    "  -f, --file-list FILE    also scan the paths listed in FILE, one a line\n"
    "  -r, --recursive         accepted for clamscan compatibility\n"
    "\n"
    "Exit status: 0 nothing found, 1 something found, 2 errors and\n"
    "nothing found, or a quarantine move that failed.\n";

static int
add_regex(regex_t **v, size_t *n, const char *re)
{
	char err[1024];

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	if (regcomp_bounded(&(*v)[*n], re, err, sizeof(err)) != 0) {
		ss_error("%s", err);
		return -1;
	}
	(*n)++;
	return 0;
}

static int
parse_yes_no(const char *opt, const char *v, int *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "y") == 0) {
		*out = 1;
		return 0;
	}
	if (strcmp(v, "no") == 0 || strcmp(v, "n") == 0) {
		*out = 0;
		return 0;
	}
	ss_error("--%s takes yes or no, not '%s'", opt, v);
	return -1;
}

/* Options that take a number, a size or a time: 0, or -1 with a message.
 * 1 when c is not one of them. */
static int
limit_option(struct scan_config *cfg, int c, const char *arg)
{
	char *end;
	double d;
	long v;

	switch (c) {
	case OPT_MAX_FILESIZE:
		if (parse_size(arg, &cfg->max_filesize) == 0 &&
		    cfg->max_filesize > 0)
			return 0;
		ss_error("--max-filesize: '%s' is not a size (e.g. 16M)", arg);
		return -1;
	case OPT_THREADS:
		if (parse_long(arg, 1, 256, &v) != 0) {
			ss_error(
			    "--threads: '%s' is not a number from 1 to 256",
			    arg);
			return -1;
		}
		cfg->threads = (int)v;
		return 0;
	case OPT_THRESHOLD:
		if (parse_long(arg, 1, 100000, &v) != 0) {
			ss_error("--threshold: '%s' is not a positive number",
			         arg);
			return -1;
		}
		cfg->threshold = (int)v;
		return 0;
	case OPT_MAX_DECODE_DEPTH:
		if (parse_long(arg, 1, 1000, &v) != 0) {
			ss_error("--max-decode-depth: '%s' is not a number "
			         "from 1 to 1000",
			         arg);
			return -1;
		}
		cfg->max_decode_depth = (int)v;
		return 0;
	case OPT_MAX_DECODE_SIZE:
		if (parse_size(arg, &cfg->max_decode_size) == 0 &&
		    cfg->max_decode_size > 0 &&
		    cfg->max_decode_size <= (UINT64_C(1) << 40))
			return 0;
		ss_error("--max-decode-size: '%s' is not a size (e.g. 64M)",
		         arg);
		return -1;
	case OPT_MAX_DECODE_TIME:
		d = strtod(arg, &end);
		if (end != arg && *end == '\0' && d > 0 && d <= 86400) {
			cfg->max_decode_time = d;
			return 0;
		}
		ss_error("--max-decode-time: '%s' is not a number of seconds",
		         arg);
		return -1;
	}
	return 1;
}

/* --quarantine[=infected|suspicious] and --quarantine-dir. */
static int
quarantine_option(int c, const char *arg)
{
	if (c == OPT_QUARANTINE_DIR) {
		actions.vault_dir = arg;
		return 0;
	}
	if (!arg || strcmp(arg, "infected") == 0)
		actions.quarantine = V_INFECTED;
	else if (strcmp(arg, "suspicious") == 0)
		actions.quarantine = V_SUSPICIOUS;
	else {
		ss_error("--quarantine takes infected or suspicious, not '%s'",
		         arg);
		return -1;
	}
	return 0;
}

/* One option into cfg; 0 ok, -1 bad value, 1 help printed. */
static int
scan_option(struct scan_config *cfg, int c, const char *arg)
{
	int rc = limit_option(cfg, c, arg);

	if (rc != 1)
		return rc;
	switch (c) {
	case 'h':
		fputs(scan_usage, stdout);
		return 1;
	case 'r': /* directories are always recursive */
		return 0;
	case 'f':
		file_list = arg;
		return 0;
	case 'i':
		cfg->report.infected_only = 1;
		return 0;
	case OPT_EXCLUDE:
		return add_regex(&cfg->exclude, &cfg->nexclude, arg);
	case OPT_EXCLUDE_DIR:
		return add_regex(&cfg->exclude_dir, &cfg->nexclude_dir, arg);
	case OPT_CROSS_FS:
		return parse_yes_no("cross-fs", arg, &cfg->cross_fs);
	case OPT_ALL_FILES:
		cfg->all_files = 1;
		return 0;
	case OPT_SIGS:
		cfg->sigdir = arg;
		return 0;
	case 'd':
		cfg->dbdir = arg;
		return 0;
	case OPT_NO_SYSTEM_DB:
		cfg->use_system_db = 0;
		return 0;
	case OPT_JSON:
		cfg->report.json_path = arg;
		return 0;
	case OPT_JSONL:
		cfg->report.jsonl = 1;
		return 0;
	case OPT_NO_SUMMARY:
		cfg->report.no_summary = 1;
		return 0;
	case OPT_RULES:
		cfg->rules_dir = arg;
		return 0;
	case OPT_EXPLAIN:
		cfg->report.explain = 1;
		return 0;
	case OPT_NO_HEURISTICS:
		cfg->heuristics = 0;
		return 0;
	case OPT_QUARANTINE:
	case OPT_QUARANTINE_DIR:
		return quarantine_option(c, arg);
	default:
		fputs("see 'spamsweep scan --help'\n", stderr);
		return -1;
	}
}

static void
free_config(struct scan_config *cfg)
{
	for (size_t i = 0; i < cfg->nexclude; i++)
		regfree(&cfg->exclude[i]);
	for (size_t i = 0; i < cfg->nexclude_dir; i++)
		regfree(&cfg->exclude_dir[i]);
	free(cfg->exclude);
	free(cfg->exclude_dir);
}

static int
run_with_actions(struct scan_config *cfg, char *const *paths, size_t n)
{
	struct action *a = action_open(&actions, cfg);
	int rc;

	if (!a)
		return 2;
	rc = action_run(a, cfg, paths, n);
	action_close(a);
	return rc;
}

/*
 * The paths named on the command line, then those of --file-list (one a
 * line, as clamscan's -f: a name containing a newline cannot be listed).
 */
static char **
collect_paths(char **args, size_t nargs, size_t *n)
{
	char **v = xcalloc(nargs + 1, sizeof(*v));
	size_t cap = nargs + 1;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	FILE *f;

	*n = 0;
	for (size_t i = 0; i < nargs; i++)
		v[(*n)++] = xstrdup(args[i]);
	if (!file_list)
		return v;
	f = strcmp(file_list, "-") == 0 ? stdin : fopen(file_list, "r");
	if (!f) {
		ss_error("%s: cannot read the file list: %s", file_list,
		         strerror(errno));
		for (size_t i = 0; i < *n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	while ((len = getline(&line, &lcap, f)) > 0) {
		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (*n + 1 >= cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = xstrdup(line);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return v;
}

int
cmd_scan(int argc, char **argv)
{
	struct scan_config cfg;
	struct scan_summary sum;
	char **paths;
	size_t npaths;
	int c, rc = 0;

	scan_config_defaults(&cfg);
	file_list = NULL;
	memset(&sum, 0, sizeof(sum));
	actions = (struct action_config){V_CLEAN, NULL, "scan"};
	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "hrid:f:", scan_options,
	                                   NULL)) != -1)
		rc = scan_option(&cfg, c, optarg);
	if (rc != 0) {
		free_config(&cfg);
		return rc > 0 ? 0 : 2;
	}
	paths = collect_paths(argv + optind, (size_t)(argc - optind), &npaths);
	if (!paths || npaths == 0) {
		if (paths)
			ss_error(
			    "scan: no PATH given; see 'spamsweep scan --help'");
		free(paths);
		free_config(&cfg);
		return 2;
	}
	cfg.stop = stop_on_signals();
	cfg.summary_out = &sum;
	rc = run_with_actions(&cfg, paths, npaths);
	for (size_t i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	if (sum.stopped)
		ss_error("stopped early (%s): the output covers the files "
		         "scanned so far",
		         sum.stopped);
	free_config(&cfg);
	return rc;
}
