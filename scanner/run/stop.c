/*
 * stop.c: the signal handlers behind stop.h.
 */
#include "scanner/run/stop.h"

#include <signal.h>
#include <string.h>

static volatile int stop_flag;

static void
on_signal(int sig)
{
	if (stop_flag) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	stop_flag = sig;
}

volatile int *
stop_on_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return &stop_flag;
}
