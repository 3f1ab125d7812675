/*
 * regex_bounded.c: a pattern is compiled once in a forked child whose
 * address space may grow by REGEX_MAX_BYTES and whose CPU time is capped;
 * only a pattern the child compiled within the bounds is compiled again,
 * for real, in the caller. glibc's compiler is deterministic, so the
 * second compilation needs what the first did.
 */
#include "common/regex_bounded.h"

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define REGEX_MAX_BYTES (128UL << 20)
#define REGEX_MAX_CPU   2 /* seconds */
#define EXIT_TOO_BIG    3

/* The process's address space now, in bytes (0 when unknown). */
static unsigned long
vm_size(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return pages * (unsigned long)sysconf(_SC_PAGESIZE);
}

static void
child(const char *pattern)
{
	struct rlimit as, cpu = {REGEX_MAX_CPU, REGEX_MAX_CPU};
	unsigned long now = vm_size();
	regex_t re;

	as.rlim_cur = as.rlim_max = now ? now + REGEX_MAX_BYTES : RLIM_INFINITY;
	if (setrlimit(RLIMIT_AS, &as) != 0 || setrlimit(RLIMIT_CPU, &cpu) != 0)
		_exit(0); /* no bound to be had: let the caller try */
	_exit(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) == REG_ESPACE
	          ? EXIT_TOO_BIG
	          : 0);
}

/* Non-zero when the pattern cannot be compiled within the bounds. */
static int
too_complex(const char *pattern)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0; /* cannot tell: compile as before */
	if (pid == 0)
		child(pattern);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

int
regcomp_bounded(regex_t *re, const char *pattern, char *err, size_t errlen)
{
	char msg[256];
	int rc;

	if (too_complex(pattern)) {
		snprintf(err, errlen,
		         "bad regular expression '%s': too complex", pattern);
		return -1;
	}
	rc = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, re, msg, sizeof(msg));
		snprintf(err, errlen, "bad regular expression '%s': %s",
		         pattern, msg);
		return -1;
	}
	return 0;
}
