/*
 * The one shared, mutable piece of the program: a lock around stderr so
 * that lines from worker threads never interleave.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

enum log_level log_threshold = LOG_WARNING;

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* A progress line is on screen and must be cleared before other text. */
static int progress_shown;

static const char *const level_names[] = {"error", "warning", "info",
                                          "debug"};

void
log_set_level(enum log_level level)
{
    log_threshold = level;
}

static void __attribute__((format(printf, 2, 0)))
write_line(const char *prefix, const char *fmt, va_list ap)
{
    char line[2048];
    int len = 0;

    if (prefix != NULL)
        len = snprintf(line, sizeof(line), "stampede: %s: ", prefix);
    vsnprintf(line + len, sizeof(line) - (size_t)len, fmt, ap);

    pthread_mutex_lock(&log_lock);
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = 0;
    fprintf(stderr, "%s\n", line);
    pthread_mutex_unlock(&log_lock);
}

void
log_progress(const char *fmt, ...)
{
    char line[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&log_lock);
    fprintf(stderr, "\rstampede: %s\033[K", line);
    fflush(stderr);
    progress_shown = 1;
    pthread_mutex_unlock(&log_lock);
}

void
log_progress_end(void)
{
    pthread_mutex_lock(&log_lock);
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = 0;
    pthread_mutex_unlock(&log_lock);
}

void
log_write(enum log_level level, const char *fmt, ...)
{
    va_list ap;

    if (!log_enabled(level))
        return;
    va_start(ap, fmt);
    write_line(level_names[level], fmt, ap);
    va_end(ap);
}

void
log_raw(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    write_line(NULL, fmt, ap);
    va_end(ap);
}
