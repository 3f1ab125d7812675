/*
 * cmd_quarantine.c: `spamsweep quarantine list | show ID | restore ID
 * [--to PATH] [--force] | delete ID... | purge --older-than DAYS`.
 * list and show read; restore, delete and purge change the vault, log
 * what they did (stdout and syslog) and ask nothing.
 */
#include "common/pathfmt.h"
#include "common/util.h"
#include "quarantine/qmeta.h"
#include "quarantine/recover.h"
#include "quarantine/restore.h"
#include "quarantine/vault.h"
#include "scanner/cmd/commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

static const char quarantine_usage[] =
    "usage: spamsweep quarantine [--quarantine-dir DIR] COMMAND\n"
    "\n"
    "  list [--json]                 the entries, oldest first\n"
    "  show ID [--json]              one entry's metadata\n"
    "  restore ID [--to PATH] [--force]\n"
    "                                put the file back (content, owner,\n"
    "                                group, mode, times); refuses to\n"
    "                                replace an existing file unless\n"
    "                                --force\n"
    "  delete ID...                  remove entries for good\n"
    "  purge --older-than DAYS       remove entries quarantined more\n"
    "                                than DAYS days ago\n"
    "\n"
    "      --quarantine-dir DIR      the vault (" VAULT_DEFAULT_DIR ")\n"
    "\n"
    "Exit status: 0 done, 2 error (nothing changed).\n";

enum { OPT_DIR = 256, OPT_JSON, OPT_TO, OPT_FORCE, OPT_OLDER };

static const struct option q_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"quarantine-dir", required_argument, NULL, OPT_DIR},
    {"json", no_argument, NULL, OPT_JSON},
    {"to", required_argument, NULL, OPT_TO},
    {"force", no_argument, NULL, OPT_FORCE},
    {"older-than", required_argument, NULL, OPT_OLDER},
    {NULL, 0, NULL, 0},
};

struct qopts {
	const char *dir;
	const char *to;
	int json, force;
	long older; /* days, -1 unset */
};

/* "restored ID to PATH" on stdout and syslog. */
static void
logmsg(const char *what, const char *id, const char *prep, const char *path)
{
	char *p = text_escape(path, strlen(path));

	printf("%s %s %s %s\n", what, id, prep, p);
	openlog("spamsweep", LOG_PID, LOG_DAEMON);
	syslog(LOG_NOTICE, "%s %s %s %s", what, id, prep, p);
	closelog();
	free(p);
}

static struct vault *
open_vault(const struct qopts *o, int *missing)
{
	char err[1024];
	struct vault *v = vault_open(o->dir, 0, missing, err, sizeof(err));

	if (!v && !(missing && *missing))
		ss_error("%s", err);
	return v;
}

static void
print_row(json_t *m)
{
	char *path = qmeta_path(m), *p;
	const char *user = qmeta_str(m, "user", NULL);
	char owner[64];

	p = path ? text_escape(path, strlen(path)) : xstrdup("?");
	if (user)
		snprintf(owner, sizeof(owner), "%s", user);
	else
		snprintf(owner, sizeof(owner), "%lld", qmeta_int(m, "uid", -1));
	printf("%-25s %-20s %-10s %9lld %-10s %s  %s\n",
	       qmeta_str(m, "id", "?"), qmeta_str(m, "quarantined_at", "?"),
	       qmeta_str(m, "verdict", "?"), qmeta_int(m, "size", -1), owner,
	       qmeta_str(m, "name", "-"), p);
	free(p);
	free(path);
}

/* The table is printed row by row, each record freed once printed; the
 * JSON array is built whole. */
static void
list_entries(struct vault *v, int json, json_t *all)
{
	char **ids, err[1024];
	size_t n, rows = 0;

	ids = vault_list(v, &n);
	for (size_t i = 0; i < n; i++) {
		json_t *m = vault_load_meta(v, ids[i], err, sizeof(err));
		if (!m) {
			ss_warning("%s", err);
			continue;
		}
		if (json) {
			json_array_append_new(all, m);
			continue;
		}
		if (rows++ == 0)
			printf("%-25s %-20s %-10s %9s %-10s %s  %s\n", "ID",
			       "QUARANTINED", "VERDICT", "SIZE", "OWNER",
			       "NAME", "PATH");
		print_row(m);
		json_decref(m);
	}
	vault_list_free(ids, n);
}

static int
q_list(const struct qopts *o)
{
	int missing = 0;
	struct vault *v = open_vault(o, &missing);
	json_t *all = json_array();

	if (!v && !missing) {
		json_decref(all);
		return 2;
	}
	if (v) {
		vault_recover(v, stderr);
		list_entries(v, o->json, all);
		vault_close(v);
	}
	if (o->json) {
		json_dumpf(all, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
	}
	json_decref(all);
	return 0;
}

static int
q_show(const struct qopts *o, const char *id)
{
	struct vault *v = open_vault(o, NULL);
	char err[1024];
	json_t *m;

	if (!v)
		return 2;
	m = vault_load_meta(v, id, err, sizeof(err));
	vault_close(v);
	if (!m) {
		ss_error("%s", err);
		return 2;
	}
	if (o->json) {
		json_dumpf(m, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
	} else {
		char *path = qmeta_path(m), *p;
		p = path ? text_escape(path, strlen(path)) : xstrdup("?");
		printf("id:          %s\npath:        %s\n", id, p);
		printf("verdict:     %s (%s)\n", qmeta_str(m, "verdict", "?"),
		       qmeta_str(m, "name", "-"));
		printf(
		    "owner:       %s (%lld) / %s (%lld)\nmode:        %04llo\n",
		    qmeta_str(m, "user", "?"), qmeta_int(m, "uid", -1),
		    qmeta_str(m, "group", "?"), qmeta_int(m, "gid", -1),
		    qmeta_int(m, "mode", 0));
		printf(
		    "size:        %lld\nsha256:      %s\nmtime:       %lld\n",
		    qmeta_int(m, "size", -1), qmeta_str(m, "sha256", "?"),
		    qmeta_int(m, "mtime", 0));
		printf("quarantined: %s\n",
		       qmeta_str(m, "quarantined_at", "?"));
		free(p);
		free(path);
	}
	json_decref(m);
	return 0;
}

static int
q_restore(const struct qopts *o, const char *id)
{
	struct vault *v = open_vault(o, NULL);
	char err[1024], *where = NULL;
	int rc;

	if (!v)
		return 2;
	vault_lock(v, 0, 0);
	rc = vault_restore(v, id, o->to, o->force, &where, err, sizeof(err));
	vault_close(v);
	if (rc != 0) {
		ss_error("%s", err);
		return 2;
	}
	logmsg("restored", id, "to", where);
	free(where);
	return 0;
}

/* Removes the entries (all known to exist). */
static int
remove_entries(struct vault *v, char **ids, size_t n)
{
	char err[1024];
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		json_t *m = vault_load_meta(v, ids[i], err, sizeof(err));
		char *path = m ? qmeta_path(m) : NULL;
		if (vault_remove(v, ids[i], err, sizeof(err)) != 0) {
			ss_error("%s", err);
			rc = 2;
		} else {
			logmsg("deleted", ids[i], "taken from",
			       path ? path : "?");
		}
		free(path);
		json_decref(m);
	}
	return rc;
}

static int
q_delete(const struct qopts *o, char **ids, size_t n)
{
	struct vault *v = open_vault(o, NULL);
	char err[1024];
	int rc;

	if (!v)
		return 2;
	vault_lock(v, 0, 0);
	for (size_t i = 0; i < n; i++) { /* all or nothing */
		json_t *m = vault_load_meta(v, ids[i], err, sizeof(err));
		if (!m) {
			ss_error("%s", err);
			vault_close(v);
			return 2;
		}
		json_decref(m);
	}
	rc = remove_entries(v, ids, n);
	vault_close(v);
	return rc;
}

static int
q_purge(const struct qopts *o)
{
	int missing = 0;
	struct vault *v = open_vault(o, &missing);
	time_t limit = time(NULL) - (time_t)o->older * 86400;
	char **ids, **old, err[1024];
	size_t n, nold = 0;
	int rc;

	if (!v)
		return missing ? 0 : 2;
	vault_lock(v, 0, 0);
	ids = vault_list(v, &n);
	old = xcalloc(n + 1, sizeof(*old));
	for (size_t i = 0; i < n; i++) {
		json_t *m = vault_load_meta(v, ids[i], err, sizeof(err));
		if (m && qmeta_int(m, "quarantined_epoch", limit) < limit)
			old[nold++] = ids[i];
		json_decref(m);
	}
	rc = remove_entries(v, old, nold);
	free(old);
	vault_list_free(ids, n);
	vault_close(v);
	return rc;
}

static int
parse(int argc, char **argv, struct qopts *o)
{
	long days;
	int c;

	*o = (struct qopts){.dir = VAULT_DEFAULT_DIR, .older = -1};
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", q_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(quarantine_usage, stdout);
			return 1;
		case OPT_DIR:
			o->dir = optarg;
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case OPT_TO:
			o->to = optarg;
			break;
		case OPT_FORCE:
			o->force = 1;
			break;
		case OPT_OLDER:
			if (parse_long(optarg, 0, 1000000, &days) != 0) {
				ss_error(
				    "--older-than: '%s' is not a number of "
				    "days",
				    optarg);
				return -1;
			}
			o->older = days;
			break;
		default:
			fputs("see 'spamsweep quarantine --help'\n", stderr);
			return -1;
		}
	}
	return 0;
}

static int
need_args(const char *sub, int have, int min, int max)
{
	if (have >= min && (max < 0 || have <= max))
		return 0;
	ss_error("quarantine %s: wrong number of arguments; see 'spamsweep "
	         "quarantine --help'",
	         sub);
	return -1;
}

int
cmd_quarantine(int argc, char **argv)
{
	struct qopts o;
	const char *sub;
	char **args;
	int rc = parse(argc, argv, &o), nargs;

	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (optind >= argc) {
		ss_error("quarantine: no command given; see 'spamsweep "
		         "quarantine --help'");
		return 2;
	}
	sub = argv[optind];
	args = argv + optind + 1;
	nargs = argc - optind - 1;
	if (strcmp(sub, "list") == 0)
		return need_args(sub, nargs, 0, 0) ? 2 : q_list(&o);
	if (strcmp(sub, "show") == 0)
		return need_args(sub, nargs, 1, 1) ? 2 : q_show(&o, args[0]);
	if (strcmp(sub, "restore") == 0)
		return need_args(sub, nargs, 1, 1) ? 2 : q_restore(&o, args[0]);
	if (strcmp(sub, "delete") == 0)
		return need_args(sub, nargs, 1, -1)
		           ? 2
		           : q_delete(&o, args, (size_t)nargs);
	if (strcmp(sub, "purge") == 0) {
		if (need_args(sub, nargs, 0, 0))
			return 2;
		if (o.older < 0) {
			ss_error("quarantine purge: --older-than DAYS is "
			         "required");
			return 2;
		}
		return q_purge(&o);
	}
	ss_error("quarantine: '%s' is not a command; see 'spamsweep quarantine "
	         "--help'",
	         sub);
	return 2;
}
