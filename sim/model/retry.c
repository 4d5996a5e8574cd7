/*
 * Backoff formulas, as the specification (section 3.2) states them. They
 * follow the AWS Architecture Blog's "Exponential Backoff And Jitter":
 * full jitter spreads retries over [0, d), equal jitter keeps at least
 * half the delay, decorrelated grows from the previous wait.
 */
#include <math.h>

#include "../core/rng.h"
#include "../sim.h"
#include "retry.h"

/* retry_nominal, inline for retry_wait: it runs at every retry. */
static inline double
nominal(const struct retry_policy *p, uint32_t k)
{
    double d;

    switch (p->kind) {
    case RETRY_NONE:
        return 0;
    case RETRY_FIXED:
        return p->delay;
    case RETRY_LINEAR:
        d = p->base + p->increment * (double)k;
        return d < p->cap ? d : p->cap;
    case RETRY_EXPONENTIAL:
        /*
         * pow overflows to INFINITY, which the cap then bounds. Doubling,
         * the common case, is an exact scaling: base * 2^k, with 2^k a
         * whole number below 2^64 or else through ldexp, gives the same
         * bits as base * pow(2, k) at a fraction of the cost.
         */
        if (p->multiplier == 2 && k < 64)
            d = p->base * (double)(UINT64_C(1) << k);
        else if (p->multiplier == 2)
            d = k < 2000 ? ldexp(p->base, (int)k) : INFINITY;
        else
            d = p->base * pow(p->multiplier, (double)k);
        return d < p->cap ? d : p->cap;
    }
    SIM_ASSERT(!"unknown retry policy");
    return 0;
}

double
retry_nominal(const struct retry_policy *p, uint32_t k)
{
    return nominal(p, k);
}

double
retry_first_prev(const struct retry_policy *p)
{
    return p->base;
}

double
retry_wait(const struct retry_policy *p, uint32_t k, double *prev_wait,
           struct rng *r)
{
    double d, w;

    if (p->jitter == JITTER_DECORRELATED) {
        w = rng_flat(r, p->base, 3 * *prev_wait);
        if (w > p->cap)
            w = p->cap;
        *prev_wait = w;
        return w;
    }

    d = nominal(p, k);
    if (isinf(d)) /* an uncapped delay that overflowed: never retried */
        return d;
    switch (p->jitter) {
    case JITTER_NONE:
        w = d;
        break;
    case JITTER_FULL:
        w = rng_flat(r, 0, d);
        break;
    case JITTER_EQUAL:
        w = d / 2 + rng_flat(r, 0, d / 2);
        break;
    default:
        SIM_ASSERT(!"unknown jitter");
        return 0;
    }
    *prev_wait = w;
    return w;
}

const char *
retry_kind_name(enum retry_kind kind)
{
    static const char *const names[] = {"none", "fixed", "linear",
                                         "exponential"};

    return names[kind];
}

const char *
retry_jitter_name(enum retry_jitter jitter)
{
    static const char *const names[] = {"none", "full", "equal",
                                        "decorrelated"};

    return names[jitter];
}

const char *
outcome_name(enum outcome o)
{
    static const char *const names[] = {
        "success",  "unavailable", "error", "error (not retryable)",
        "rejected", "timeout",     "short-circuited",
    };

    return names[o];
}
