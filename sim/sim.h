/*
 * What every module of stampede shares: the error codes, their texts and
 * the assertion that stays in release builds.
 */
#ifndef SIM_H
#define SIM_H

#define SIM_VERSION "0.1.0"

/*
 * Error codes. Functions that can fail return 0 or one of these (negative).
 * main() maps them to the exit statuses of the specification: SIM_EINPUT
 * and SIM_EUSAGE give 2, the rest 3.
 */
enum sim_error {
    SIM_OK = 0,
    SIM_EUSAGE = -1,   /* bad command line */
    SIM_EINPUT = -2,   /* bad scenario file or --set value */
    SIM_EIO = -3,      /* a file could not be read or written */
    SIM_ENOMEM = -4,   /* out of memory */
    SIM_ERANGE = -5,   /* a number out of its range */
    SIM_EPARSE = -6,   /* text that is not a number, duration, ... */
    SIM_EINTR = -7,    /* interrupted by SIGINT or SIGTERM */
    SIM_EGSL = -8,     /* GSL reported an error */
    SIM_EGATE = -9     /* a rollout gate failed (exit status 1) */
};

/* The text of an error code; never NULL. */
const char *sim_strerror(int code);

/*
 * A broken invariant is a bug: print where and abort, in every build.
 */
#define SIM_ASSERT(cond)                                                     \
    do {                                                                     \
        if (!(cond))                                                         \
            sim_assert_fail(#cond, __FILE__, __LINE__);                      \
    } while (0)

_Noreturn void sim_assert_fail(const char *expr, const char *file, int line);

#endif
