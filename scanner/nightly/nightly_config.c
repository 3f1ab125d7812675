/*
 * nightly_config.c: parsing spamsweep.conf. One table describes every key: its
 * name, its command-line option, its type and where it goes; the file
 * parser and the option parser both go through config_set().
 */
#include "scanner/nightly/nightly_config.h"
#include "common/regex_bounded.h"
#include "common/util.h"
#include "quarantine/vault.h"
#include "scanner/run/scan.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

enum ktype {
	K_STR,
	K_LIST,
	K_REGEXLIST,
	K_BOOL,
	K_SIZE,
	K_LONG,
	K_ACTION,
	K_FACILITY,
	K_DURATION
};

struct key {
	struct config_key k;
	enum ktype type;
	size_t off;
	long min, max;
};

#define OFF(f) offsetof(struct nightly_config, f)

static const struct key keys[] = {
    {{"ScanRoot", "scan-root"}, K_LIST, OFF(roots), 0, 0},
    {{"ScanRoots", "scan-roots"}, K_LIST, OFF(roots), 0, 0},
    {{"DiscoverRoots", "discover-roots"}, K_BOOL, OFF(discover), 0, 0},
    {{"ScanTempDirs", "scan-temp-dirs"}, K_BOOL, OFF(temp_dirs), 0, 0},
    {{"ExcludePath", "exclude"}, K_REGEXLIST, OFF(exclude), 0, 0},
    {{"ExcludeDir", "exclude-dir"}, K_REGEXLIST, OFF(exclude_dir), 0, 0},
    {{"MaxFileSize", "max-filesize"}, K_SIZE, OFF(max_filesize), 0, 0},
    {{"CrossFilesystems", "cross-fs"}, K_BOOL, OFF(cross_fs), 0, 0},
    {{"AllFiles", "all-files"}, K_BOOL, OFF(all_files), 0, 0},
    {{"SignatureDir", "sigs"}, K_STR, OFF(sigdir), 0, 0},
    {{"DatabaseDirectory", "database"}, K_STR, OFF(dbdir), 0, 0},
    {{"UseSystemDatabases", "system-db"}, K_BOOL, OFF(use_system_db), 0, 0},
    {{"Heuristics", "heuristics"}, K_BOOL, OFF(heuristics), 0, 0},
    {{"RulesDir", "rules"}, K_STR, OFF(rules_dir), 0, 0},
    {{"Threshold", "threshold"}, K_LONG, OFF(threshold), 1, 100000},
    {{"Threads", "threads"}, K_LONG, OFF(threads), 0, 256},
    {{"Action", "action"}, K_ACTION, OFF(action), 0, 0},
    {{"QuarantineDir", "quarantine-dir"}, K_STR, OFF(quarantine_dir), 0, 0},
    {{"Cache", "cache"}, K_BOOL, OFF(cache), 0, 0},
    {{"CacheFile", "cache-file"}, K_STR, OFF(cache_file), 0, 0},
    {{"CacheDB", "cache-db"}, K_STR, OFF(cache_file), 0, 0},
    {{"FullScanEvery", "full-scan-every"},
     K_LONG,
     OFF(full_scan_every),
     0,
     36500},
    {{"MaxRunTime", "max-run-time"}, K_DURATION, OFF(max_run_time), 0, 0},
    {{"ReportDir", "report-dir"}, K_STR, OFF(report_dir), 0, 0},
    {{"ReportKeep", "report-keep"}, K_LONG, OFF(report_keep), 0, 36500},
    {{"Syslog", "syslog"}, K_BOOL, OFF(syslog), 0, 0},
    {{"SyslogFacility", "syslog-facility"},
     K_FACILITY,
     OFF(syslog_facility),
     0,
     0},
    {{"LockFile", "lock-file"}, K_STR, OFF(lock_file), 0, 0},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

const struct config_key *
config_keys(size_t *n)
{
	static struct config_key out[NKEYS];

	for (size_t i = 0; i < NKEYS; i++)
		out[i] = keys[i].k;
	*n = NKEYS;
	return out;
}

const char *
action_name(enum action_kind a)
{
	switch (a) {
	case ACTION_QUARANTINE_INFECTED:
		return "quarantine-infected";
	case ACTION_QUARANTINE_SUSPICIOUS:
		return "quarantine-suspicious";
	default:
		return "report";
	}
}

void
config_defaults(struct nightly_config *c)
{
	memset(c, 0, sizeof(*c));
	c->discover = 1;
	c->temp_dirs = 1;
	c->max_filesize = SCAN_DEFAULT_MAX_FILESIZE;
	c->cross_fs = 1;
	c->use_system_db = 1;
	c->heuristics = 1;
	c->threshold = SCAN_DEFAULT_THRESHOLD;
	c->action = ACTION_REPORT;
	c->quarantine_dir = xstrdup(VAULT_DEFAULT_DIR);
	c->cache = 1;
	c->cache_file = xstrdup("/var/lib/spamsweep/cache.db");
	c->full_scan_every = 7;
	c->report_dir = xstrdup("/var/log/spamsweep");
	c->report_keep = 30;
	c->syslog = 1;
	c->syslog_facility = LOG_DAEMON;
	c->lock_file = xstrdup("/run/spamsweep.lock");
}

static void
list_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
config_free(struct nightly_config *c)
{
	for (size_t i = 0; i < NKEYS; i++) {
		void *p = (char *)c + keys[i].off;
		if (keys[i].type == K_STR) {
			free(*(char **)p);
			*(char **)p = NULL;
		} else if (keys[i].type == K_LIST ||
		           keys[i].type == K_REGEXLIST) {
			list_clear(p);
		}
	}
}

static int
parse_bool(const char *v, int *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

static int
parse_facility(const char *v, int *out)
{
	static const struct {
		const char *n;
		int f;
	} f[] = {
	    {"daemon", LOG_DAEMON}, {"user", LOG_USER},
	    {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1},
	    {"local2", LOG_LOCAL2}, {"local3", LOG_LOCAL3},
	    {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},
	    {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
	    {"mail", LOG_MAIL},     {"auth", LOG_AUTH},
	};
	const char *s = strncasecmp(v, "LOG_", 4) == 0 ? v + 4 : v;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcasecmp(s, f[i].n) == 0)
			return *out = f[i].f, 0;
	return -1;
}

static int
parse_action(const char *v, enum action_kind *out)
{
	for (int a = ACTION_REPORT; a <= ACTION_QUARANTINE_SUSPICIOUS; a++)
		if (strcasecmp(v, action_name(a)) == 0)
			return *out = a, 0;
	return -1;
}

/* "90m", "6h", "1d", "3600" (seconds) */
static int
parse_duration(const char *v, long *out)
{
	long n, mult = 1;
	char *end;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || n < 0)
		return -1;
	switch (*end) {
	case '\0':
	case 's':
		mult = 1;
		break;
	case 'm':
		mult = 60;
		break;
	case 'h':
		mult = 3600;
		break;
	case 'd':
		mult = 86400;
		break;
	default:
		return -1;
	}
	if (*end && end[1] != '\0')
		return -1;
	if (n > 366L * 86400 / mult)
		return -1;
	*out = n * mult;
	return 0;
}

static void
list_add(struct strlist *l, const char *v, int from_cmdline)
{
	if (from_cmdline && !l->from_cmdline) {
		list_clear(l);
		l->from_cmdline = 1;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(v);
}

static int
check_regex(const char *v, char *err, size_t errlen)
{
	regex_t re;

	if (regcomp_bounded(&re, v, err, errlen) != 0)
		return -1;
	regfree(&re);
	return 0;
}

static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcasecmp(name, keys[i].k.name) == 0 ||
		    strcmp(name, keys[i].k.option) == 0)
			return &keys[i];
	return NULL;
}

static int
set_value(struct nightly_config *c, const struct key *k, const char *v,
          int from_cmdline, char *err, size_t errlen)
{
	void *p = (char *)c + k->off;
	const char *name = k->k.name;

	switch (k->type) {
	case K_STR:
		free(*(char **)p);
		*(char **)p = xstrdup(v);
		return 0;
	case K_REGEXLIST:
		if (check_regex(v, err, errlen) != 0)
			return -1;
		/* fall through */
	case K_LIST:
		list_add(p, v, from_cmdline);
		return 0;
	case K_BOOL:
		if (parse_bool(v, p) == 0)
			return 0;
		snprintf(err, errlen, "%s takes yes or no, not '%s'", name, v);
		return -1;
	case K_SIZE:
		if (parse_size(v, p) == 0 && *(uint64_t *)p > 0)
			return 0;
		snprintf(err, errlen, "%s: '%s' is not a size (e.g. 16M)", name,
		         v);
		return -1;
	case K_LONG:
		if (parse_long(v, k->min, k->max, p) == 0)
			return 0;
		snprintf(err, errlen,
		         "%s: '%s' is not a number from %ld to %ld", name, v,
		         k->min, k->max);
		return -1;
	case K_ACTION:
		if (parse_action(v, p) == 0)
			return 0;
		snprintf(err, errlen,
		         "Action: '%s' is not report, quarantine-infected or "
		         "quarantine-suspicious",
		         v);
		return -1;
	case K_FACILITY:
		if (parse_facility(v, p) == 0)
			return 0;
		snprintf(err, errlen,
		         "SyslogFacility: '%s' is not daemon, user, mail, auth "
		         "or local0..local7",
		         v);
		return -1;
	case K_DURATION:
		if (parse_duration(v, p) == 0)
			return 0;
		snprintf(err, errlen,
		         "%s: '%s' is not a duration (e.g. 6h, 90m, 0)", name,
		         v);
		return -1;
	}
	return -1;
}

int
config_set(struct nightly_config *c, const char *key, const char *value,
           int from_cmdline, char *err, size_t errlen)
{
	const struct key *k = find_key(key);

	if (!k) {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -1;
	}
	if (!value || !*value) {
		snprintf(err, errlen, "%s needs a value", k->k.name);
		return -1;
	}
	return set_value(c, k, value, from_cmdline, err, errlen);
}

/* Splits "Key value" in place; value may be "quoted". */
static void
split_line(char *s, char **key, char **value)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	*key = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	if (*s)
		*s++ = '\0';
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	if (e - s >= 2 && *s == '"' && e[-1] == '"') {
		e[-1] = '\0';
		s++;
	}
	*value = s;
}

int
config_parse_stream(struct nightly_config *c, FILE *f, const char *name,
                    char *err, size_t errlen)
{
	char *line = NULL, *key, *value, msg[1024];
	size_t cap = 0;
	long lineno = 0;
	int rc = 0;

	while (getline(&line, &cap, f) >= 0) {
		char *s = line;
		lineno++;
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		split_line(s, &key, &value);
		if (config_set(c, key, value, 0, msg, sizeof(msg)) != 0) {
			snprintf(err, errlen, "%s:%ld: %s", name, lineno, msg);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: read error: %s", name,
		         strerror(errno));
		rc = -1;
	}
	free(line);
	return rc;
}

int
config_load(struct nightly_config *c, const char *path, int required, char *err,
            size_t errlen)
{
	FILE *f = fopen(path, "re");
	int rc;

	if (!f) {
		if (errno == ENOENT && !required)
			return 0;
		snprintf(err, errlen, "%s: cannot read: %s", path,
		         strerror(errno));
		return -1;
	}
	rc = config_parse_stream(c, f, path, err, errlen);
	fclose(f);
	return rc;
}
