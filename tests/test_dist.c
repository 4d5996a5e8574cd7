/*
 * Distributions against their analytic means (and, where the scenario
 * gives one, standard deviations). With n draws the sample mean has
 * standard error sd / sqrt(n); every check allows 5 standard errors, so a
 * correct implementation fails about once in 3.5 million runs, while a
 * wrong parameterisation (rate for mean, sd for variance) is off by far
 * more.
 */
#include <math.h>

#include "../sim/core/dist.h"
#include "../sim/core/rng.h"
#include "tests.h"

#define DRAWS 400000

static void
check_moments(enum dist_kind kind, double p1, double p2, double mean,
              double sd)
{
    struct rng *r = rng_new(2024, 0, dist_kind_name(kind));
    struct dist d;
    double sum = 0, sum2 = 0, x, m, s;
    int i;

    dist_init(&d, kind, p1, p2);
    for (i = 0; i < DRAWS; i++) {
        x = dist_draw(&d, r);
        CU_ASSERT_FATAL(x >= 0);
        sum += x;
        sum2 += x * x;
    }
    m = sum / DRAWS;
    s = sqrt(sum2 / DRAWS - m * m);
    CU_ASSERT_DOUBLE_EQUAL(m, mean, 5 * sd / sqrt(DRAWS));
    CU_ASSERT_DOUBLE_EQUAL(dist_mean(&d), mean, 1e-12 * mean);
    /* The sd estimate is within a few percent at this n (finite kurtosis). */
    CU_ASSERT_DOUBLE_EQUAL(s, sd, 0.03 * sd + 1e-12);
    rng_free(r);
}

static void
test_dist_means_and_sds_match_the_formulas(void)
{
    /* exponential(mean 10 ms): sd = mean. */
    check_moments(DIST_EXPONENTIAL, 0.01, 0, 0.01, 0.01);
    /* uniform(1, 3): mean 2, sd 2 / sqrt(12). */
    check_moments(DIST_UNIFORM, 1, 3, 2, 2 / sqrt(12));
    /* lognormal given by its own mean 0.8 and sd 0.3. */
    check_moments(DIST_LOGNORMAL, 0.8, 0.3, 0.8, 0.3);
    /* gamma(mean 2, shape 4): sd = mean / sqrt(shape) = 1. */
    check_moments(DIST_GAMMA, 2, 4, 2, 1);
    /*
     * pareto(scale 1, shape 6): mean a/(a-1) = 1.2, variance
     * a/((a-1)^2 (a-2)) = 0.06; shape > 4 keeps the sd estimate stable.
     */
    check_moments(DIST_PARETO, 1, 6, 1.2, sqrt(0.06));
}

static void
test_dist_normal_is_folded(void)
{
    /*
     * |N(0, 1)| is the half-normal: mean sqrt(2/pi), sd sqrt(1 - 2/pi).
     * An unfolded normal would give mean 0 and negative draws.
     */
    check_moments(DIST_NORMAL, 0, 1, sqrt(2 / M_PI), sqrt(1 - 2 / M_PI));
    /*
     * N(10 ms, 2 ms) folded: mean sd sqrt(2/pi) exp(-mu^2 / 2 sd^2) +
     * mu erf(mu / (sd sqrt 2)), which is 10 ms to within 1e-6 of it.
     */
    check_moments(DIST_NORMAL, 0.010, 0.002,
                  0.002 * sqrt(2 / M_PI) * exp(-12.5) +
                      0.010 * erf(5 / sqrt(2)),
                  0.002);
}

static void
test_dist_constant_is_exact(void)
{
    struct dist d;

    dist_init(&d, DIST_CONSTANT, 0.25, 0);
    CU_ASSERT(dist_draw(&d, NULL) == 0.25);
    CU_ASSERT(!dist_is_zero(&d));
    dist_init(&d, DIST_CONSTANT, 0, 0);
    CU_ASSERT(dist_is_zero(&d));
}

int
suite_dist(void)
{
    static const struct test_entry tests[] = {
        {"means and sds match the formulas",
         test_dist_means_and_sds_match_the_formulas},
        {"normal is folded", test_dist_normal_is_folded},
        {"constant is exact", test_dist_constant_is_exact},
        {NULL, NULL},
    };

    return tests_add_suite("dist", tests);
}
