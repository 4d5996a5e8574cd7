/*
 * Probability distributions of durations (service times, think times,
 * added latency, network delay), as the scenario file names them.
 */
#ifndef DIST_H
#define DIST_H

#include <stddef.h>

struct rng;

enum dist_kind {
    DIST_CONSTANT,    /* value */
    DIST_EXPONENTIAL, /* mean */
    DIST_UNIFORM,     /* min, max */
    DIST_NORMAL,      /* mean, sd; folded: |N(mean, sd)| */
    DIST_LOGNORMAL,   /* mean, sd of the lognormal itself */
    DIST_GAMMA,       /* mean, shape */
    DIST_PARETO       /* scale (the minimum), shape */
};

/*
 * A distribution as written (p1, p2 in the order of the comment above,
 * seconds for times) plus the parameters GSL wants, derived once by
 * dist_init so that drawing does no setup.
 */
struct dist {
    enum dist_kind kind;
    double p1;
    double p2;
    double gsl_a;
    double gsl_b;
};

/*
 * Fill d for kind with parameters p1, p2; unused ones are ignored. The
 * caller has checked ranges (sd >= 0, mean > 0, ...).
 */
void dist_init(struct dist *d, enum dist_kind kind, double p1, double p2);

/* A draw, in the unit of the parameters; never negative. */
double dist_draw(const struct dist *d, struct rng *r);

/* True when the distribution always gives 0 (no draw is needed). */
int dist_is_zero(const struct dist *d);

/* The analytic mean; INFINITY for a Pareto with shape <= 1. */
double dist_mean(const struct dist *d);

/* The name of a kind as the scenario file spells it. */
const char *dist_kind_name(enum dist_kind kind);

/* Describe d for people, for example "lognormal(mean 800ms, sd 300ms)". */
void dist_describe(const struct dist *d, char *buf, size_t size);

#endif
