/*
 * Distributions drawn through the rng module.
 */
#include <math.h>
#include <stdio.h>

#include "../sim.h"
#include "dist.h"
#include "rng.h"
#include "util.h"

void
dist_init(struct dist *d, enum dist_kind kind, double p1, double p2)
{
    double var;

    d->kind = kind;
    d->p1 = p1;
    d->p2 = p2;
    d->gsl_a = p1;
    d->gsl_b = p2;
    switch (kind) {
    case DIST_LOGNORMAL:
        /*
         * Moment matching: a lognormal with mean m and sd s has
         * sigma^2 = ln(1 + s^2/m^2) and zeta = ln(m) - sigma^2/2.
         */
        var = log1p((p2 * p2) / (p1 * p1));
        d->gsl_a = log(p1) - var / 2;
        d->gsl_b = sqrt(var);
        break;
    case DIST_GAMMA:
        /* Shape k and mean m give the scale m / k. */
        d->gsl_a = p2;
        d->gsl_b = p1 / p2;
        break;
    case DIST_PARETO:
        /* GSL takes (shape, scale); the file gives scale then shape. */
        d->gsl_a = p2;
        d->gsl_b = p1;
        break;
    default:
        break;
    }
}

double
dist_draw(const struct dist *d, struct rng *r)
{
    switch (d->kind) {
    case DIST_CONSTANT:
        return d->p1;
    case DIST_EXPONENTIAL:
        return rng_exponential(r, d->p1);
    case DIST_UNIFORM:
        return rng_flat(r, d->p1, d->p2);
    case DIST_NORMAL:
        return fabs(d->p1 + rng_gaussian(r, d->p2));
    case DIST_LOGNORMAL:
        return rng_lognormal(r, d->gsl_a, d->gsl_b);
    case DIST_GAMMA:
        return rng_gamma(r, d->gsl_a, d->gsl_b);
    case DIST_PARETO:
        return rng_pareto(r, d->gsl_a, d->gsl_b);
    }
    SIM_ASSERT(!"unknown distribution");
    return 0;
}

int
dist_is_zero(const struct dist *d)
{
    return d->kind == DIST_CONSTANT && d->p1 == 0;
}

double
dist_mean(const struct dist *d)
{
    double mu, sd;

    switch (d->kind) {
    case DIST_CONSTANT:
    case DIST_EXPONENTIAL:
    case DIST_LOGNORMAL:
    case DIST_GAMMA:
        return d->p1;
    case DIST_UNIFORM:
        return (d->p1 + d->p2) / 2;
    case DIST_NORMAL:
        /* Mean of |X| for X ~ N(mu, sd^2), the folded normal. */
        mu = d->p1;
        sd = d->p2;
        if (sd == 0)
            return fabs(mu);
        return sd * sqrt(2 / M_PI) * exp(-mu * mu / (2 * sd * sd)) +
               mu * erf(mu / (sd * sqrt(2)));
    case DIST_PARETO:
        return d->p2 > 1 ? d->p2 * d->p1 / (d->p2 - 1) : INFINITY;
    }
    return NAN;
}

const char *
dist_kind_name(enum dist_kind kind)
{
    static const char *const names[] = {
        "constant", "exponential", "uniform", "normal",
        "lognormal", "gamma",      "pareto",
    };

    return names[kind];
}

void
dist_describe(const struct dist *d, char *buf, size_t size)
{
    char a[32], b[32];

    util_format_duration(d->p1, a, sizeof(a));
    util_format_duration(d->p2, b, sizeof(b));
    switch (d->kind) {
    case DIST_CONSTANT:
        snprintf(buf, size, "%s", a);
        break;
    case DIST_EXPONENTIAL:
        snprintf(buf, size, "exponential(mean %s)", a);
        break;
    case DIST_UNIFORM:
        snprintf(buf, size, "uniform(%s, %s)", a, b);
        break;
    case DIST_NORMAL:
        snprintf(buf, size, "|normal(mean %s, sd %s)|", a, b);
        break;
    case DIST_LOGNORMAL:
        snprintf(buf, size, "lognormal(mean %s, sd %s)", a, b);
        break;
    case DIST_GAMMA:
        snprintf(buf, size, "gamma(mean %s, shape %g)", a, d->p2);
        break;
    case DIST_PARETO:
        snprintf(buf, size, "pareto(scale %s, shape %g)", a, d->p2);
        break;
    }
}
