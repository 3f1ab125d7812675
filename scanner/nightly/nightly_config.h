/*
 * nightly_config.h: the nightly configuration, /etc/spamsweep/spamsweep.conf.
 * `Key value` lines as in clamd.conf; `#` starts a comment line; keys are
 * case-insensitive; every key is documented in spamsweep.conf(5). The
 * command line beats the file, the file beats the default: each key has a
 * long option (config_keys()) that sets it through the same parser, and
 * a repeatable key given on the command line replaces the file's list.
 */
#ifndef SS_NIGHTLY_CONFIG_H
#define SS_NIGHTLY_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The documented paths, whatever the configure prefix (as the vault's). */
#define CONFIG_DEFAULT_PATH "/etc/spamsweep/spamsweep.conf"

enum action_kind {
	ACTION_REPORT = 0,
	ACTION_QUARANTINE_INFECTED,
	ACTION_QUARANTINE_SUSPICIOUS,
};

struct strlist {
	char **v;
	size_t n;
	int from_cmdline; /* the command line has replaced the file's list */
};

struct nightly_config {
	/* what to scan */
	struct strlist roots;       /* ScanRoot (empty: discover) */
	int discover;               /* DiscoverRoots */
	int temp_dirs;              /* ScanTempDirs */
	struct strlist exclude;     /* ExcludePath (regexes) */
	struct strlist exclude_dir; /* ExcludeDir (regexes) */
	uint64_t max_filesize;      /* MaxFileSize */
	int cross_fs;               /* CrossFilesystems */
	int all_files;              /* AllFiles */
	/* engines */
	char *sigdir;      /* SignatureDir (NULL: built-in) */
	char *dbdir;       /* DatabaseDirectory (NULL: libclamav's) */
	int use_system_db; /* UseSystemDatabases */
	int heuristics;    /* Heuristics */
	char *rules_dir;   /* RulesDir */
	long threshold;    /* Threshold */
	long threads;      /* Threads (0: online CPUs) */
	/* action */
	enum action_kind action; /* Action */
	char *quarantine_dir;    /* QuarantineDir */
	/* incremental */
	int cache;            /* Cache */
	char *cache_file;     /* CacheFile */
	long full_scan_every; /* FullScanEvery (days, 0: never) */
	long max_run_time;    /* MaxRunTime (seconds, 0: no limit) */
	/* results */
	char *report_dir;    /* ReportDir */
	long report_keep;    /* ReportKeep (days, 0: forever) */
	int syslog;          /* Syslog */
	int syslog_facility; /* SyslogFacility (LOG_DAEMON...) */
	char *lock_file;     /* LockFile */
};

void config_defaults(struct nightly_config *c);
void config_free(struct nightly_config *c);

/* Sets one key from text. 0, or -1 with a message in err (no location). */
int config_set(struct nightly_config *c, const char *key, const char *value,
               int from_cmdline, char *err, size_t errlen);

/* Parses a whole file. 0, or -1 with "FILE:LINE: message" in err. */
int config_parse_stream(struct nightly_config *c, FILE *f, const char *name,
                        char *err, size_t errlen);
/* Opens and parses path; a missing file is an error only if required. */
int config_load(struct nightly_config *c, const char *path, int required,
                char *err, size_t errlen);

/* The keys, for the option table and the documentation check. */
struct config_key {
	const char *name;   /* e.g. "MaxFileSize" */
	const char *option; /* e.g. "max-filesize" */
};
const struct config_key *config_keys(size_t *n);

const char *action_name(enum action_kind a);

#endif
