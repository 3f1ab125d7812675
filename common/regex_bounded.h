/*
 * regex_bounded.h: regcomp(3) for the patterns an administrator gives
 * (--exclude, ExcludePath): glibc's compiler can take gigabytes and
 * minutes for a short pattern ("a" and twenty "+"), so a pattern is first
 * compiled in a child process with bounded memory and CPU time.
 */
#ifndef SS_REGEX_BOUNDED_H
#define SS_REGEX_BOUNDED_H

#include <regex.h>
#include <stddef.h>

/* regcomp(re, pattern, REG_EXTENDED | REG_NOSUB) within the bounds.
 * 0, or -1 with "bad regular expression 'PATTERN': WHY" in err (WHY is
 * "too complex" past the bounds, regerror's text otherwise); re is then
 * not to be freed. */
int regcomp_bounded(regex_t *re, const char *pattern, char *err, size_t errlen);

#endif
