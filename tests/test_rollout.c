/*
 * Staged rollouts: cohort sizes, the gate rule and the Wilson interval.
 */
#include <math.h>
#include <stdio.h>

#include "../sim/core/util.h"
#include "../sim/run/rollout.h"
#include "tests.h"

/* A summary of n values with the given mean and interval. */
static struct stats_summary
summary(double mean, double lo, double hi, size_t n)
{
    struct stats_summary x = {mean, NAN, lo, hi, n};

    if (n >= 2)
        x.sd = (hi - lo) / 4; /* any finite value: the rule ignores it */
    return x;
}

/* ---- Cohorts ----------------------------------------------------------- */

static void
test_rollout_cohort_rounds_down_but_keeps_one_client(void)
{
    /* Exact integers: each expected value is the definition applied. */
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.05), 1);   /* 0.5 -> at least 1 */
    CU_ASSERT_EQUAL(rollout_cohort(100, 0.05), 5);
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.25), 2);   /* 2.5 -> 2 */
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.29), 2);   /* 2.9 -> 2 */
    CU_ASSERT_EQUAL(rollout_cohort(10, 1.0), 10);
    CU_ASSERT_EQUAL(rollout_cohort(7, 1.0), 7);
}

static void
test_rollout_cohort_at_the_loaders_edges(void)
{
    /*
     * The loader accepts traffic in (0, 1] and 1 to 1e8 clients. The
     * smallest share still gets one client; one client is the whole
     * cohort at any share; all of 1e8 clients fit a uint32_t.
     */
    CU_ASSERT_EQUAL(rollout_cohort(1, 1e-12), 1);
    CU_ASSERT_EQUAL(rollout_cohort(100000000, 1e-12), 1);
    CU_ASSERT_EQUAL(rollout_cohort(1, 0.5), 1);
    CU_ASSERT_EQUAL(rollout_cohort(1, 1.0), 1);
    CU_ASSERT_EQUAL(rollout_cohort(100000000, 1.0), 100000000);
}

static void
test_rollout_cohort_is_exact_for_whole_percentages(void)
{
    /*
     * Every share written as "P%" or "P.D%" (parsed as the loader does,
     * P.D / 100) of client counts up to the loader's 1e8 must give the
     * integer quotient P.D * clients / 100, exactly. Compared with
     * integer arithmetic; no tolerance, a client is a client. This
     * failed for 29 % of 1e8 clients (28999999) while the rounding guard
     * was an absolute 1e-9, smaller than one ulp at 2.9e7.
     */
    static const uint32_t clients[] = {1,      3,        7,        10,
                                       99,     100,      12345,    999999,
                                       123457, 33333333, 99999999, 100000000};
    char text[16];
    double share;
    uint64_t want;
    unsigned per_mille, i, wrong = 0;

    for (per_mille = 1; per_mille <= 1000; per_mille++) {
        snprintf(text, sizeof(text), "%u.%u%%", per_mille / 10,
                 per_mille % 10);
        CU_ASSERT_FATAL(util_parse_fraction(text, &share) == 0);
        for (i = 0; i < sizeof(clients) / sizeof(clients[0]); i++) {
            want = (uint64_t)per_mille * clients[i] / 1000;
            want = want < 1 ? 1 : want;
            wrong += rollout_cohort(clients[i], share) != want;
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* ---- The gate rule ------------------------------------------------------ */

static void
test_rollout_max_gate_holds_with_upper_end_on_threshold(void)
{
    /* Exact comparisons: the values are chosen to be representable. */
    struct stats_summary on = summary(0.5, 0.25, 1.5, 5);
    struct stats_summary straddle = summary(1.25, 1.0, 1.75, 5);
    struct stats_summary above = summary(2.0, 1.75, 2.25, 5);

    CU_ASSERT(rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &on));
    CU_ASSERT(rollout_gate_holds(GATE_MAX_SPIKE, 1.5, &on));
    /* The mean is below the threshold but the interval reaches above. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_MTTR, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_P99_LATENCY, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_SPIKE, 1.5, &above));
}

static void
test_rollout_min_gate_holds_with_lower_end_on_threshold(void)
{
    /* Success rate is the one minimum: the lower end must clear it. */
    struct stats_summary on = summary(0.9375, 0.875, 1.0, 5);
    struct stats_summary straddle = summary(0.9375, 0.8125, 1.0, 5);

    CU_ASSERT(rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0.875, &on));
    /* The mean is above the threshold but the interval reaches below. */
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0.875, &straddle));
    /* The same interval judged as a maximum is read from the other end. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 0.875, &on));
}

static void
test_rollout_gate_with_one_value_judges_it_and_with_none_fails(void)
{
    /* n == 1 has no interval (NaN ends): the mean itself is judged. */
    struct stats_summary one = summary(1.5, NAN, NAN, 1);
    struct stats_summary none = summary(NAN, NAN, NAN, 0);

    CU_ASSERT(rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &one));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.25, &one));
    CU_ASSERT(rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 1.5, &one));
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 1.75, &one));
    /* No value at all is no evidence: neither kind of gate holds. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 1e9, &none));
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0, &none));
}

/* ---- The Wilson interval ------------------------------------------------ */

static void
test_rollout_wilson_matches_hand_computation(void)
{
    /*
     * Wilson's score interval: with p = k/n, z = 1.959963984540054 and
     * z^2 = 3.8414588206941254, centre c = (p + z^2/2n) / (1 + z^2/n)
     * and half-width h = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
     *
     * k = 5, n = 50: p = 0.1, 1 + z^2/n = 1.0768291764138824,
     * c = 0.13841458820694125 / 1.0768291764138824 = 0.1285390396533435,
     * h = z sqrt(0.0021841458820694125) / 1.0768291764138824
     *   = 0.0850632747214531: [0.0434757649318904, 0.2136023143747965].
     *
     * k = 0, n = 10: c = h = (z^2/20) / (1 + z^2/10), so the interval is
     * [0, z^2 / (10 + z^2)] = [0, 0.2775327998628892]; k = n = 10 is its
     * mirror, [10 / (10 + z^2), 1] = [0.7224672001371107, 1].
     *
     * Tolerance 1e-12: the formulas are a handful of operations on
     * values of order 1, so the error is a few ulps, and a wrong z (say
     * 1.96) moves the ends by about 1e-5.
     */
    double lo, hi;

    rollout_wilson(5, 50, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.0434757649318904, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.2136023143747965, 1e-12);
    rollout_wilson(0, 10, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.2775327998628892, 1e-12);
    rollout_wilson(10, 10, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.7224672001371107, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1, 1e-12);
    /* No trials, no interval. */
    rollout_wilson(0, 0, &lo, &hi);
    CU_ASSERT(isnan(lo) && isnan(hi));
}

int
suite_rollout(void)
{
    static const struct test_entry tests[] = {
        {"cohort rounds down but keeps one client",
         test_rollout_cohort_rounds_down_but_keeps_one_client},
        {"cohort at the loader's edges",
         test_rollout_cohort_at_the_loaders_edges},
        {"cohort is exact for whole percentages",
         test_rollout_cohort_is_exact_for_whole_percentages},
        {"max gate holds with upper end on threshold",
         test_rollout_max_gate_holds_with_upper_end_on_threshold},
        {"min gate holds with lower end on threshold",
         test_rollout_min_gate_holds_with_lower_end_on_threshold},
        {"gate with one value judges it and with none fails",
         test_rollout_gate_with_one_value_judges_it_and_with_none_fails},
        {"wilson matches hand computation",
         test_rollout_wilson_matches_hand_computation},
        {NULL, NULL},
    };

    return tests_add_suite("rollout", tests);
}
