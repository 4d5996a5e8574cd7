/*
 * Named streams over GSL. No generator keeps static state, and the
 * environment never seeds one (no gsl_rng_env_setup), so a run's numbers
 * depend only on its seed.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "../sim.h"
#include "rng.h"
#include "util.h"

struct rng {
    gsl_rng *gen;
};

/* SplitMix64's finaliser: a bijection that spreads every input bit. */
static uint64_t
mix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

uint64_t
rng_derive_seed(uint64_t seed, uint64_t rep, const char *name)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a offset basis */
    const unsigned char *p;

    for (p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= UINT64_C(0x100000001b3);
    }
    return mix64(mix64(mix64(seed) ^ rep) ^ h);
}

struct rng *
rng_new_seeded(unsigned long seed32)
{
    struct rng *r = xmalloc(sizeof(*r));

    r->gen = gsl_rng_alloc(gsl_rng_mt19937);
    if (r->gen == NULL) {
        free(r);
        return NULL;
    }
    gsl_rng_set(r->gen, seed32);
    return r;
}

struct rng *
rng_new(uint64_t seed, uint64_t rep, const char *name)
{
    uint64_t s = rng_derive_seed(seed, rep, name);

    /*
     * Fold the high half in: MT19937 keeps only 32 bits of its seed.
     * XXX: two streams may so share a seed, with probability about
     * n^2 / 2^33 for n streams (README.md, known limitations).
     */
    return rng_new_seeded((unsigned long)((s ^ (s >> 32)) & 0xffffffffu));
}

void
rng_free(struct rng *r)
{
    if (r == NULL)
        return;
    gsl_rng_free(r->gen);
    free(r);
}

unsigned long
rng_raw(struct rng *r)
{
    return gsl_rng_get(r->gen);
}

double
rng_uniform(struct rng *r)
{
    return gsl_rng_uniform(r->gen);
}

double
rng_uniform_pos(struct rng *r)
{
    return gsl_rng_uniform_pos(r->gen);
}

double
rng_flat(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * gsl_rng_uniform(r->gen);
}

uint32_t
rng_below(struct rng *r, uint64_t n)
{
    SIM_ASSERT(n >= 1 && n <= UINT64_C(0x100000000));
    if (n == UINT64_C(0x100000000))
        return (uint32_t)gsl_rng_get(r->gen);
    return (uint32_t)gsl_rng_uniform_int(r->gen, (unsigned long)n);
}

double
rng_exponential(struct rng *r, double mean)
{
    return gsl_ran_exponential(r->gen, mean);
}

double
rng_gaussian(struct rng *r, double sd)
{
    return gsl_ran_gaussian_ziggurat(r->gen, sd);
}

double
rng_lognormal(struct rng *r, double zeta, double sigma)
{
    return gsl_ran_lognormal(r->gen, zeta, sigma);
}

double
rng_gamma(struct rng *r, double shape, double scale)
{
    return gsl_ran_gamma(r->gen, shape, scale);
}

double
rng_pareto(struct rng *r, double shape, double scale)
{
    return gsl_ran_pareto(r->gen, shape, scale);
}
