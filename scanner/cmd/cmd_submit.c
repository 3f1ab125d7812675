/*
 * cmd_submit.c: `spamsweep submit [-o FILE] [--password P]
 * (FILE... | --report R | --quarantined ID...)`: one AES-256 encrypted
 * zip of samples and their manifest, for a malware lab (submit.h).
 */
#include "common/util.h"
#include "quarantine/submit.h"
#include "quarantine/vault.h"
#include "scanner/cmd/commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char submit_usage[] =
    "usage: spamsweep submit [-o FILE] [--password P]\n"
    "                        (FILE... | --report R | --quarantined ID...)\n"
    "\n"
    "Packs samples into one zip for a malware lab: each sample under its\n"
    "sha256, with manifest.json describing each (path, owner, size, times,\n"
    "md5, sha1, sha256, verdict, indicators, versions, host), every entry\n"
    "AES-256 encrypted.\n"
    "\n"
    "  -o, --output FILE        the zip to write (must not exist;\n"
    "                           spamsweep-submission-DATE.zip)\n"
    "      --password P         the zip's password (" SUBMIT_DEFAULT_PASSWORD
    ")\n"
    "      --report R           the suspicious files of a scan --json report\n"
    "      --include-infected   with --report: the infected files too\n"
    "      --quarantined        the arguments are quarantine ids\n"
    "      --quarantine-dir DIR the vault (" VAULT_DEFAULT_DIR ")\n"
    "\n"
    "Exit status: 0 written, 2 error (nothing written).\n";

enum { OPT_PASSWORD = 256, OPT_REPORT, OPT_INFECTED, OPT_QUARANTINED, OPT_DIR };

static const struct option submit_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"output", required_argument, NULL, 'o'},
    {"password", required_argument, NULL, OPT_PASSWORD},
    {"report", required_argument, NULL, OPT_REPORT},
    {"include-infected", no_argument, NULL, OPT_INFECTED},
    {"quarantined", no_argument, NULL, OPT_QUARANTINED},
    {"quarantine-dir", required_argument, NULL, OPT_DIR},
    {NULL, 0, NULL, 0},
};

struct sopts {
	const char *out, *password, *report, *dir;
	int infected, quarantined;
};

static int
parse(int argc, char **argv, struct sopts *o)
{
	int c;

	*o = (struct sopts){.password = SUBMIT_DEFAULT_PASSWORD,
	                    .dir = VAULT_DEFAULT_DIR};
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", submit_options, NULL)) !=
	       -1) {
		switch (c) {
		case 'h':
			fputs(submit_usage, stdout);
			return 1;
		case 'o':
			o->out = optarg;
			break;
		case OPT_PASSWORD:
			o->password = optarg;
			break;
		case OPT_REPORT:
			o->report = optarg;
			break;
		case OPT_INFECTED:
			o->infected = 1;
			break;
		case OPT_QUARANTINED:
			o->quarantined = 1;
			break;
		case OPT_DIR:
			o->dir = optarg;
			break;
		default:
			fputs("see 'spamsweep submit --help'\n", stderr);
			return -1;
		}
	}
	if (!*o->password) {
		ss_error("submit: the password must not be empty");
		return -1;
	}
	if ((o->report ? 1 : 0) + o->quarantined > 1 ||
	    (o->report && optind < argc) || (!o->report && optind >= argc)) {
		ss_error("submit: give FILE..., --report R or --quarantined "
		         "ID...; see 'spamsweep submit --help'");
		return -1;
	}
	return 0;
}

static int
collect(const struct sopts *o, char **args, int nargs, struct samples *s)
{
	char err[1024];
	struct vault *v = NULL;
	int rc = 0;

	if (o->report) {
		rc = samples_from_report(s, o->report, o->infected, o->dir, err,
		                         sizeof(err));
	} else if (o->quarantined) {
		v = vault_open(o->dir, 0, NULL, err, sizeof(err));
		if (!v)
			rc = -1;
		for (int i = 0; i < nargs && rc == 0; i++)
			rc = sample_from_vault(s, v, args[i], err, sizeof(err));
		vault_close(v);
	} else {
		for (int i = 0; i < nargs && rc == 0; i++)
			rc = sample_from_file(s, args[i], err, sizeof(err));
	}
	if (rc != 0)
		ss_error("submit: %s", err);
	return rc;
}

int
cmd_submit(int argc, char **argv)
{
	struct sopts o;
	struct samples s = {0};
	char err[1024], name[64], *out;
	int rc = parse(argc, argv, &o);

	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (collect(&o, argv + optind, argc - optind, &s) != 0) {
		samples_free(&s);
		return 2;
	}
	if (o.out) {
		out = xstrdup(o.out);
	} else {
		struct tm tm;
		time_t t = time(NULL);
		gmtime_r(&t, &tm);
		strftime(name, sizeof(name), "%Y%m%dT%H%M%SZ", &tm);
		out = xasprintf("spamsweep-submission-%s.zip", name);
	}
	rc = submit_write(out, o.password, &s, err, sizeof(err));
	if (rc != 0) {
		ss_error("submit: %s", err);
	} else {
		printf("wrote %s: %zu sample%s and manifest.json, AES-256 "
		       "encrypted\n",
		       out, s.n, s.n == 1 ? "" : "s");
		if (strcmp(o.password, SUBMIT_DEFAULT_PASSWORD) == 0)
			printf("open it with: 7z x -p%s '%s' (password: %s)\n",
			       SUBMIT_DEFAULT_PASSWORD, out,
			       SUBMIT_DEFAULT_PASSWORD);
		else
			printf("open it with: 7z x -pPASSWORD '%s' (the "
			       "password given with --password)\n",
			       out);
	}
	free(out);
	samples_free(&s);
	return rc == 0 ? 0 : 2;
}
