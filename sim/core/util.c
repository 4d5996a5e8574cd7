/*
 * Allocation wrappers and strict number parsing. Parsing accepts the whole
 * string or nothing: "10x" is not 10, as curl taught us with atoi.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../sim.h"
#include "util.h"

static _Noreturn void
out_of_memory(void)
{
    fputs("stampede: error: out of memory\n", stderr);
    exit(3);
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        out_of_memory();
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (p == NULL)
        out_of_memory();
    return p;
}

void *
xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (p == NULL)
        out_of_memory();
    return p;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        out_of_memory();
    return xrealloc(ptr, count * size);
}

void *
xaligned_alloc(size_t align, size_t count, size_t size)
{
    size_t bytes;
    void *p;

    if (size != 0 && count > (SIZE_MAX - align) / size)
        out_of_memory();
    /* aligned_alloc wants a multiple of the alignment. */
    bytes = (count * size + align - 1) / align * align;
    p = aligned_alloc(align, bytes ? bytes : align);
    if (p == NULL)
        out_of_memory();
    return p;
}

char *
xstrdup(const char *s)
{
    size_t len = strlen(s) + 1;

    return memcpy(xmalloc(len), s, len);
}

void *
xmemdup(const void *p, size_t size)
{
    return memcpy(xmalloc(size), p, size);
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    int len;
    char *s;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    SIM_ASSERT(len >= 0);

    s = xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Parse the longest decimal number at the start of s; *end after it. */
static int
parse_prefix(const char *s, double *out, const char **end)
{
    char *stop;
    const char *p = s;

    /* strtod would also take spaces, hexadecimal, inf and nan. */
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p) && *p != '.')
        return SIM_EPARSE;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        return SIM_EPARSE;

    errno = 0;
    *out = strtod(s, &stop);
    if (stop == s)
        return SIM_EPARSE;
    if (errno == ERANGE && fabs(*out) > 1.0)
        return SIM_ERANGE;
    if (!isfinite(*out))
        return SIM_ERANGE;
    *end = stop;
    return 0;
}

int
util_parse_double(const char *s, double *out)
{
    const char *end;
    int rc = parse_prefix(s, out, &end);

    if (rc == 0 && *end != '\0')
        return SIM_EPARSE;
    return rc;
}

int
util_parse_uint64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    const char *p;
    uint64_t v = 0;
    double d;
    int rc;

    for (p = s; isdigit((unsigned char)*p); p++) {
        unsigned digit = (unsigned)(*p - '0');

        if (v > (UINT64_MAX - digit) / 10)
            return SIM_ERANGE;
        v = v * 10 + digit;
    }
    if (p == s || *p != '\0') {
        /* Not plain digits: accept an exactly whole number like 1e6. */
        rc = util_parse_double(s, &d);
        if (rc != 0)
            return rc;
        if (d != floor(d))
            return SIM_EPARSE;
        if (d < 0 || d >= 18446744073709551616.0)
            return SIM_ERANGE;
        v = (uint64_t)d;
    }
    if (v < min || v > max)
        return SIM_ERANGE;
    *out = v;
    return 0;
}

int
util_parse_duration(const char *s, double *seconds)
{
    static const struct {
        const char *suffix;
        double scale;
    } units[] = {
        {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0},
        {"m", 60.0},  {"h", 3600.0}, {"d", 86400.0},
    };
    const char *end;
    double v;
    size_t i;
    int rc = parse_prefix(s, &v, &end);

    if (rc != 0)
        return rc;
    if (*end != '\0') {
        for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
            if (strcmp(end, units[i].suffix) == 0)
                break;
        }
        if (i == sizeof(units) / sizeof(units[0]))
            return SIM_EPARSE;
        v *= units[i].scale;
    }
    if (v < 0 || !isfinite(v))
        return SIM_ERANGE;
    *seconds = v;
    return 0;
}

int
util_parse_fraction(const char *s, double *out)
{
    const char *end;
    double v;
    int rc = parse_prefix(s, &v, &end);

    if (rc != 0)
        return rc;
    if (strcmp(end, "%") == 0)
        v /= 100.0;
    else if (*end != '\0')
        return SIM_EPARSE;
    if (v < 0 || v > 1)
        return SIM_ERANGE;
    *out = v;
    return 0;
}

int
util_parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"true", "yes", "on"};
    static const char *const no[] = {"false", "no", "off"};
    size_t i;

    for (i = 0; i < 3; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return SIM_EPARSE;
}

void
util_printable(const char *s, char *buf, size_t size)
{
    size_t n = 0;

    SIM_ASSERT(size >= 8);
    for (; *s != '\0' && n + 4 < size; s++)
        buf[n++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
    if (*s != '\0') {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
}

unsigned
util_edit_distance(const char *a, const char *b)
{
    unsigned row[64], i, j, diag, up;
    size_t la = strlen(a), lb = strlen(b);

    if (la >= 64 || lb >= 64)
        return 255;
    for (j = 0; j <= lb; j++)
        row[j] = j;

    for (i = 1; i <= la; i++) {
        diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            unsigned best = diag + (a[i - 1] != b[j - 1]);

            up = row[j];
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb] > 255 ? 255 : row[lb];
}

void
util_format_duration(double seconds, char *buf, size_t size)
{
    if (isinf(seconds))
        snprintf(buf, size, "unlimited");
    else if (seconds == 0)
        snprintf(buf, size, "0s");
    else if (seconds < 1)
        snprintf(buf, size, "%gms", seconds * 1e3);
    else if (seconds < 120 || fmod(seconds, 60) != 0)
        snprintf(buf, size, "%gs", seconds);
    else if (seconds < 7200 || fmod(seconds, 3600) != 0)
        snprintf(buf, size, "%gm", seconds / 60);
    else
        snprintf(buf, size, "%gh", seconds / 3600);
}
