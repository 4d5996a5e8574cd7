/*
 * Allocation that cannot fail, and strict parsing of numbers, durations and
 * fractions as they appear in scenario files and on the command line.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * These print "stampede: error: out of memory" and exit with status 3
 * when the system has no memory left, so callers need no error path.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
/* count x size bytes at a multiple of align (a power of two); free() them. */
void *xaligned_alloc(size_t align, size_t count, size_t size);
char *xstrdup(const char *s);
void *xmemdup(const void *p, size_t size);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Parse the whole of s as a finite decimal number (strtod syntax, no
 * hexadecimal, no inf or nan). Leading and trailing spaces are refused.
 * Returns 0, or SIM_EPARSE.
 */
int util_parse_double(const char *s, double *out);

/*
 * Parse the whole of s as a whole number in [min, max]. Digits only, or a
 * decimal number that is exactly whole (1e6). Returns 0, SIM_EPARSE or
 * SIM_ERANGE.
 */
int util_parse_uint64(const char *s, uint64_t min, uint64_t max,
                      uint64_t *out);

/*
 * Parse a duration into seconds: a number with a unit (us, ms, s, m, h, d)
 * or a plain number of seconds. Negative values are SIM_ERANGE.
 */
int util_parse_duration(const char *s, double *seconds);

/*
 * Parse a fraction: "5%" or "0.05". Values outside [0, 1] are SIM_ERANGE.
 */
int util_parse_fraction(const char *s, double *out);

/* Parse a YAML 1.1 boolean: true/false, yes/no, on/off (any case). */
int util_parse_bool(const char *s, int *out);

/*
 * Copy s into buf for an error message: control characters become '?',
 * and a value too long for buf is cut and ends in "...".
 */
void util_printable(const char *s, char *buf, size_t size);

/* Levenshtein distance between two short strings, capped at 255. */
unsigned util_edit_distance(const char *a, const char *b);

/* Format seconds as a short duration for people: "250ms", "1.5s", "5m". */
void util_format_duration(double seconds, char *buf, size_t size);

#endif
