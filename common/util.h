/*
 * util.h: small helpers every module uses: allocation that never returns
 * NULL (spamsweep cannot do anything useful after an allocation failure),
 * size parsing for options such as --max-filesize, and diagnostics.
 */
#ifndef SS_UTIL_H
#define SS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "16M", "512K", "2G", "1000": returns 0 and sets *out, or -1. */
int parse_size(const char *s, uint64_t *out);
/* A decimal integer in [min, max]: returns 0 and sets *out, or -1. */
int parse_long(const char *s, long min, long max, long *out);

/* "spamsweep: <message>" on stderr. */
void ss_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ss_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* fflush(stdout), remembering why the first failure failed: stdio
 * forgets, and a later flush of an emptied buffer succeeds. 0 or -1. */
int flush_stdout(void);
/* The errno of the first failed flush_stdout(), or 0. */
int stdout_errno(void);

/* The value of a hexadecimal digit, or -1. */
int hex_digit(int c);

/* Monotonic seconds, for durations. */
double now_seconds(void);

/* mkdir -p of the directories above path (not path itself), each one
 * made with mode. 0, or -1 with errno; one that exists is no error. */
int mkdir_parents(const char *path, mode_t mode);

#endif
