/*
 * Error texts and the assertion handler shared by every module.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sim.h"

const char *
sim_strerror(int code)
{
    switch (code) {
    case SIM_OK:
        return "success";
    case SIM_EUSAGE:
        return "bad usage";
    case SIM_EINPUT:
        return "invalid input";
    case SIM_EIO:
        return "input/output error";
    case SIM_ENOMEM:
        return "out of memory";
    case SIM_ERANGE:
        return "value out of range";
    case SIM_EPARSE:
        return "not a valid value";
    case SIM_EINTR:
        return "interrupted";
    case SIM_EGSL:
        return "numerical library error";
    case SIM_EGATE:
        return "a rollout gate failed";
    }
    return "unknown error";
}

void
sim_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "stampede: bug: %s:%d: assertion '%s' failed\n", file,
            line, expr);
    abort();
}
