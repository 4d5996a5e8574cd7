/*
 * Diagnostics on stderr, one line per call, safe from several threads.
 * Quiet by default: errors and warnings show; each -v adds a level and -q
 * keeps errors only.
 */
#ifndef LOG_H
#define LOG_H

enum log_level {
    LOG_ERROR = 0,
    LOG_WARNING = 1,
    LOG_INFO = 2,
    LOG_DEBUG = 3
};

/* The most verbose level that is printed; LOG_WARNING at start. */
extern enum log_level log_threshold;

void log_set_level(enum log_level level);

/* True when a message at level would be printed; test before costly work. */
#define log_enabled(level) ((level) <= log_threshold)

/*
 * Print "stampede: <level>: <message>\n" with one write under a lock. The
 * format carries no final newline. Call through the macros below, which
 * skip the formatting when the level is off.
 */
void log_write(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print a line as it is (no prefix), under the same lock. */
void log_raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A progress line: rewritten in place ("\r", cleared to the end), never
 * ended by a newline until log_progress_end. For terminals only.
 */
void log_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_progress_end(void);

#define log_error(...) log_write(LOG_ERROR, __VA_ARGS__)
#define log_warning(...)                                                     \
    do {                                                                     \
        if (log_enabled(LOG_WARNING))                                        \
            log_write(LOG_WARNING, __VA_ARGS__);                             \
    } while (0)
#define log_info(...)                                                        \
    do {                                                                     \
        if (log_enabled(LOG_INFO))                                           \
            log_write(LOG_INFO, __VA_ARGS__);                                \
    } while (0)
#define log_debug(...)                                                       \
    do {                                                                     \
        if (log_enabled(LOG_DEBUG))                                          \
            log_write(LOG_DEBUG, __VA_ARGS__);                               \
    } while (0)

#endif
