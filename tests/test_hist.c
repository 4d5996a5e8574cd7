/*
 * Latency percentiles: the histogram against exact order statistics of
 * the same values. Its bins are at most 2^-10 of a value wide and it
 * reports bin midpoints, so every quantile is within 0.05 % (plus half a
 * microsecond for tiny values) of the exact nearest-rank quantile.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim/core/hist.h"
#include "../sim/core/rng.h"
#include "tests.h"

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static void
test_hist_quantiles_match_exact_order_statistics(void)
{
    enum { N = 100000 };
    static const double qs[] = {0.5, 0.9, 0.99, 0.999, 1.0};
    double *v = malloc(N * sizeof(*v)), sum = 0, exact;
    struct rng *r = rng_new(7, 0, "hist");
    struct hist *h = hist_new();
    size_t i, rank;

    for (i = 0; i < N; i++) {
        /* Lognormal around 50 ms with a long tail: 5 decades of values. */
        v[i] = exp(log(0.05) + 1.5 * (rng_uniform(r) - 0.5) * 6);
        hist_record(h, v[i]);
        sum += v[i];
    }
    qsort(v, N, sizeof(*v), by_value);
    for (i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
        rank = (size_t)ceil(qs[i] * N);
        exact = v[rank - 1];
        CU_ASSERT_DOUBLE_EQUAL(hist_quantile(h, qs[i]), exact,
                               exact * 5e-4 + 5e-7);
    }
    CU_ASSERT(hist_count(h) == N);
    CU_ASSERT_DOUBLE_EQUAL(hist_mean(h), sum / N, 1e-12 * sum / N);
    hist_free(h);
    rng_free(r);
    free(v);
}

static void
test_hist_small_cases_by_hand(void)
{
    struct hist *h = hist_new();

    CU_ASSERT(isnan(hist_quantile(h, 0.5)));
    /* 1 ms, 2 ms, 3 ms, 4 ms: the median by nearest rank is 2 ms. */
    hist_record(h, 0.001);
    hist_record(h, 0.002);
    hist_record(h, 0.003);
    hist_record(h, 0.004);
    /* Below 2048 us bins are 1 us wide and read as their midpoint. */
    CU_ASSERT_DOUBLE_EQUAL(hist_quantile(h, 0.5), 0.0020005, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(hist_quantile(h, 0.75), 0.003001, 1e-9);
    /* From 2048 us on, bins are 2 us wide: 4 ms reads as 4.001 ms. */
    CU_ASSERT_DOUBLE_EQUAL(hist_quantile(h, 1.0), 0.004001, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(hist_mean(h), 0.0025, 1e-15);
    hist_free(h);
}

int
suite_hist(void)
{
    static const struct test_entry tests[] = {
        {"quantiles match exact order statistics",
         test_hist_quantiles_match_exact_order_statistics},
        {"small cases by hand", test_hist_small_cases_by_hand},
        {NULL, NULL},
    };

    return tests_add_suite("hist", tests);
}
