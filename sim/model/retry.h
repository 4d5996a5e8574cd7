/*
 * Retry policies: when a failed attempt is tried again, and how long the
 * client waits first.
 */
#ifndef RETRY_H
#define RETRY_H

#include <stdint.h>

#include "outcome.h"

struct rng;

enum retry_kind {
    RETRY_NONE,
    RETRY_FIXED,       /* delay */
    RETRY_LINEAR,      /* min(cap, base + increment * k) */
    RETRY_EXPONENTIAL  /* min(cap, base * multiplier^k) */
};

enum retry_jitter {
    JITTER_NONE,         /* wait d(k) */
    JITTER_FULL,         /* U(0, d(k)) */
    JITTER_EQUAL,        /* d(k)/2 + U(0, d(k)/2) */
    JITTER_DECORRELATED  /* min(cap, U(base, 3 * previous wait)) */
};

#define RETRY_UNLIMITED UINT32_MAX

/* A policy with every default filled; times in seconds. */
struct retry_policy {
    enum retry_kind kind;
    enum retry_jitter jitter;
    double base;
    double cap;            /* INFINITY: no cap */
    double multiplier;
    double delay;
    double increment;
    uint32_t max_attempts; /* first try included; RETRY_UNLIMITED */
    double max_total_wait; /* INFINITY: no limit */
    unsigned retry_on;     /* OUTCOME_BIT mask */
};

/*
 * The nominal delay d(k) before the k-th retry (k = 0 for the first),
 * before jitter. Never NaN; may be INFINITY when uncapped.
 */
double retry_nominal(const struct retry_policy *p, uint32_t k);

/*
 * The wait before the k-th retry with the policy's jitter. *prev_wait is
 * the previous wait, used and updated by decorrelated jitter; start it at
 * retry_first_prev(p). r supplies the jitter's random numbers.
 */
double retry_wait(const struct retry_policy *p, uint32_t k,
                  double *prev_wait, struct rng *r);

/* The previous wait that decorrelated jitter starts from: base. */
double retry_first_prev(const struct retry_policy *p);

/* Names as the scenario file spells them. */
const char *retry_kind_name(enum retry_kind kind);
const char *retry_jitter_name(enum retry_jitter jitter);
const char *outcome_name(enum outcome o);

#endif
