/*
 * Summaries over replications against values worked out by hand.
 */
#include <math.h>

#include "../sim/core/stats.h"
#include "tests.h"

static void
test_stats_interval_of_one_to_five(void)
{
    /*
     * 1..5: mean 3, sample sd sqrt(2.5) = 1.58114; t(0.975, 4) = 2.776445
     * (tables); half-width 2.776445 * 1.58114 / sqrt(5) = 1.963243.
     */
    const double x[] = {1, 2, 3, 4, 5};
    struct stats_summary s;

    stats_summarize(x, 5, 1, &s);
    CU_ASSERT(s.n == 5);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.sd, 1.5811388, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(stats_t975(4), 2.776445, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(s.ci95_lo, 3 - 1.963243, 1e-5);
    CU_ASSERT_DOUBLE_EQUAL(s.ci95_hi, 3 + 1.963243, 1e-5);
}

static void
test_stats_undefined_values_are_skipped(void)
{
    const double x[] = {NAN, 2, NAN, 4};
    struct stats_summary s;

    stats_summarize(x, 4, 1, &s);
    CU_ASSERT(s.n == 2);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 3, 1e-12);
    /* t(0.975, 1) = 12.7062; sd sqrt(2); half 12.7062 * sqrt(2)/sqrt(2). */
    CU_ASSERT_DOUBLE_EQUAL(s.ci95_hi - s.mean, 12.7062, 1e-4);
}

static void
test_stats_one_value_has_no_interval(void)
{
    const double one[] = {7}, none[] = {NAN};
    struct stats_summary s;

    stats_summarize(one, 1, 1, &s);
    CU_ASSERT(s.n == 1 && s.mean == 7);
    CU_ASSERT(isnan(s.sd) && isnan(s.ci95_lo) && isnan(s.ci95_hi));
    stats_summarize(none, 1, 1, &s);
    CU_ASSERT(s.n == 0 && isnan(s.mean));
}

int
suite_stats(void)
{
    static const struct test_entry tests[] = {
        {"interval of one to five", test_stats_interval_of_one_to_five},
        {"undefined values are skipped",
         test_stats_undefined_values_are_skipped},
        {"one value has no interval", test_stats_one_value_has_no_interval},
        {NULL, NULL},
    };

    return tests_add_suite("stats", tests);
}
