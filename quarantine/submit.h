/*
 * submit.h: submission packages for a malware lab. One zip holds each
 * sample under its sha256 and a manifest.json describing each, every
 * entry WinZip AES-256 encrypted with one password (default "infected",
 * the labs' convention). Samples are opened, checked and hashed before
 * anything is written (bad input changes nothing), then streamed from
 * their files into the zip, never held in memory whole; a sample whose
 * content changed in between fails the zip.
 *
 * manifest.json: {schema "spamsweep-submission", schema_version, created,
 * host, scanner {name, version}, samples: [{file (name in the zip),
 * source ("file", "report", "quarantine"), path (+path_base64), uid, gid,
 * user, group, mode, size, atime, mtime, ctime, md5, sha1, sha256,
 * verdict, name, score, indicators [], scanner_version,
 * signature_versions, signatures, host, quarantine_id}]}
 */
#ifndef SS_SUBMIT_H
#define SS_SUBMIT_H

#include <jansson.h>
#include <stddef.h>

#define SUBMIT_DEFAULT_PASSWORD "infected"
#define SUBMIT_MAX_SAMPLE       (64u << 20)

struct vault;

struct sample {
	int fd; /* open on the content; the zip streams from it */
	size_t len;
	char sha256[65];
	json_t *info; /* its manifest entry */
};

struct samples {
	struct sample *v;
	size_t n;
};

/* Each adds to s; 0, or -1 + a one-line err. */
int sample_from_file(struct samples *s, const char *path, char *err,
                     size_t errlen);
/* The suspicious (with infected: and infected) results of a scan --json
 * report. A file the scan quarantined (action "quarantined") and that is
 * gone is taken from the vault in vault_dir by its action_id. */
int samples_from_report(struct samples *s, const char *report, int infected,
                        const char *vault_dir, char *err, size_t errlen);
int sample_from_vault(struct samples *s, struct vault *v, const char *id,
                      char *err, size_t errlen);
void samples_free(struct samples *s);

/* Writes the zip to out (which must not exist). 0 or -1 + err (no file
 * left behind). */
int submit_write(const char *out, const char *password, const struct samples *s,
                 char *err, size_t errlen);

#endif
