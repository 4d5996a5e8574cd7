/*
 * Named random streams, and the draws the model needs. This is the only
 * module that includes GSL's random-number headers.
 *
 * Every source of randomness in a replication (arrivals, service times,
 * network, faults, jitter) has a stream of its own, seeded by
 * rng_derive_seed() from the run's seed, the replication and the stream's
 * name. Adding a stream, a strategy or a thread therefore changes no other
 * stream's numbers.
 */
#ifndef RNG_H
#define RNG_H

#include <stdint.h>

struct rng;

/*
 * The seed of the stream called name in replication rep of a run seeded
 * with seed: SplitMix64 applied to seed, rep and the FNV-1a hash of name.
 * GSL's Mersenne Twister uses the low 32 bits.
 */
uint64_t rng_derive_seed(uint64_t seed, uint64_t rep, const char *name);

/* A Mersenne Twister (MT19937) stream seeded as above. */
struct rng *rng_new(uint64_t seed, uint64_t rep, const char *name);
/* A stream seeded with exactly seed32 (for tests against known values). */
struct rng *rng_new_seeded(unsigned long seed32);
void rng_free(struct rng *r);

/* The next raw 32-bit output; for tests of the stream itself. */
unsigned long rng_raw(struct rng *r);

/* Uniform on [0, 1). */
double rng_uniform(struct rng *r);
/* Uniform on (0, 1). */
double rng_uniform_pos(struct rng *r);
/* Uniform on [lo, hi). */
double rng_flat(struct rng *r, double lo, double hi);
/* Uniform integer in [0, n), n >= 1 and n <= 2^32. */
uint32_t rng_below(struct rng *r, uint64_t n);
/* Exponential with the given mean (not rate). */
double rng_exponential(struct rng *r, double mean);
/* Normal with mean 0 and standard deviation sd. */
double rng_gaussian(struct rng *r, double sd);
/* Lognormal: exp(N(zeta, sigma^2)). */
double rng_lognormal(struct rng *r, double zeta, double sigma);
/* Gamma with shape k and scale theta (mean k * theta). */
double rng_gamma(struct rng *r, double shape, double scale);
/* Pareto with shape a and scale b (values >= b). */
double rng_pareto(struct rng *r, double shape, double scale);

#endif
