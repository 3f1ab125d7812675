/*
 * stop.h: stopping a run early on SIGTERM, SIGINT or SIGHUP. The first
 * signal sets a flag that the walk polls (scan_config.stop): the walk
 * stops, queued files are dropped, the report says the run is incomplete.
 * A second signal kills at once.
 */
#ifndef SS_STOP_H
#define SS_STOP_H

/* Installs the handlers; returns the flag (0 until a signal came). */
volatile int *stop_on_signals(void);

#endif
