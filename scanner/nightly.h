/*
 * nightly.h: the configured Action of a nightly run. `report` only
 * reports; `quarantine-infected` and `quarantine-suspicious` move the
 * findings into the vault (QuarantineDir) through the scan's finding hook,
 * the same way `spamsweep scan --quarantine` does.
 */
#ifndef SS_NIGHTLY_H
#define SS_NIGHTLY_H

#include <stddef.h>

struct nightly_config;
struct nightly_action;
struct scan_config;

/* NULL after printing an error (the vault cannot be opened). */
struct nightly_action *nightly_action_new(const struct nightly_config *c,
                                          struct scan_config *s);
/* scan_run() with the action applied; returns its exit status. */
int nightly_action_run(struct nightly_action *a, struct scan_config *s,
                       char *const *paths, size_t n);
void nightly_action_free(struct nightly_action *a);

#endif
