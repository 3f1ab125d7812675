/*
 * main.c: command dispatch. `spamsweep COMMAND [options]`; the table below
 * is the list of commands. Whatever a command wrote on standard output is
 * flushed and checked here: findings lost to a full disk or a closed pipe
 * make the exit status 2. A broken pipe kills the process with SIGPIPE,
 * as it does coreutils; with SIGPIPE ignored it is a write error (EPIPE).
 */
#include "common/util.h"
#include "scanner/cmd/commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
    {"scan", cmd_scan, "scan files or trees for spam mailers"},
    {"nightly", cmd_nightly, "the cron job: scan every vhost, incrementally"},
    {"roots", cmd_roots, "show what nightly would scan, and why"},
    {"quarantine", cmd_quarantine,
     "list, show, restore, delete or purge quarantined files"},
    {"submit", cmd_submit, "pack samples into an encrypted zip for a lab"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *out)
{
	fprintf(out, "usage: spamsweep COMMAND [options] [args]\n\n"
	             "Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-12s %s\n", commands[i].name,
		        commands[i].help);
	fprintf(out, "\n'spamsweep COMMAND --help' describes each command; "
	             "man spamsweep has it all.\n");
}

/* rc, or 2 when standard output could not be written. */
static int
close_stdout(int rc)
{
	int err = 0;

	if (flush_stdout() != 0 || ferror(stdout))
		err = stdout_errno() ? stdout_errno() : -1;
	if (fclose(stdout) != 0 && !err)
		err = errno;
	if (!err)
		return rc;
	if (err > 0)
		ss_error("standard output: write error: %s", strerror(err));
	else
		ss_error("standard output: write error");
	return 2;
}

int
main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;

	if (!name) {
		usage(stderr);
		return 2;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("spamsweep %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return close_stdout(commands[i].fn(argc - 1, argv + 1));
	fprintf(stderr,
	        "spamsweep: '%s' is not a command; see 'spamsweep --help'\n",
	        name);
	return 2;
}
