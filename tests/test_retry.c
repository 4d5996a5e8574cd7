/*
 * Backoff and jitter against the formulas of the specification (3.2):
 * exp(k) = min(cap, base * multiplier^k); none waits exp(k), full
 * U(0, exp(k)) with mean exp(k)/2, equal exp(k)/2 + U(0, exp(k)/2) with
 * mean 3 exp(k)/4, decorrelated min(cap, U(base, 3 * previous)).
 */
#include <math.h>

#include "../sim/core/rng.h"
#include "../sim/model/retry.h"
#include "tests.h"

#define DRAWS 200000

static struct retry_policy
exponential(enum retry_jitter jitter)
{
    struct retry_policy p = {
        .kind = RETRY_EXPONENTIAL,
        .jitter = jitter,
        .base = 1,
        .cap = 32,
        .multiplier = 2,
        .max_attempts = 8,
        .max_total_wait = INFINITY,
        .retry_on = OUTCOME_RETRYABLE,
    };

    return p;
}

static void
test_retry_nominal_delays_by_hand(void)
{
    struct retry_policy p = exponential(JITTER_NONE);
    static const double expected[] = {1, 2, 4, 8, 16, 32, 32};
    double prev = 1;
    uint32_t k;

    for (k = 0; k < 7; k++) {
        CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, k), expected[k], 0);
        CU_ASSERT_DOUBLE_EQUAL(retry_wait(&p, k, &prev, NULL), expected[k],
                               0);
    }
    /* 2^5000 overflows to infinity; the cap still holds. */
    CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, 5000), 32, 0);

    p.kind = RETRY_LINEAR;
    p.base = 1;
    p.increment = 0.5;
    p.cap = 2;
    CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, 0), 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, 1), 1.5, 0);
    CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, 5), 2, 0);

    p.kind = RETRY_FIXED;
    p.delay = 5;
    CU_ASSERT_DOUBLE_EQUAL(retry_nominal(&p, 3), 5, 0);
}

/* Mean of the k-th retry's wait over DRAWS draws; checks bounds. */
static double
mean_wait(struct retry_policy *p, uint32_t k, double lo, double hi)
{
    struct rng *r = rng_new(11, k, retry_jitter_name(p->jitter));
    double sum = 0, w, prev;
    int i;

    for (i = 0; i < DRAWS; i++) {
        prev = retry_first_prev(p);
        w = retry_wait(p, k, &prev, r);
        CU_ASSERT_FATAL(w >= lo && w < hi);
        sum += w;
    }
    rng_free(r);
    return sum / DRAWS;
}

/*
 * Doubling takes a shortcut (a multiplication by 2^k below k = 64,
 * ldexp above); both must give exactly base * 2^k: what base * pow(2, k)
 * computes while 2^k is finite (k < 1024), and ldexp's exact scaling
 * beyond, up to the overflow to infinity.
 */
static void
test_retry_doubling_is_exact(void)
{
    struct retry_policy p = exponential(JITTER_NONE);
    static const double bases[] = {1, 0.3, 1e-6, 7.25e3};
    size_t i;
    uint32_t k;

    p.cap = INFINITY;
    for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
        p.base = bases[i];
        for (k = 0; k < 1100; k++) {
            double d = retry_nominal(&p, k);

            CU_ASSERT(d == (k < 1024 ? bases[i] * pow(2, (double)k)
                                     : ldexp(bases[i], (int)k)));
        }
    }
}

static void
test_retry_full_jitter_mean_is_half_the_delay(void)
{
    struct retry_policy p = exponential(JITTER_FULL);
    uint32_t k;

    /* U(0, d): mean d/2, sd d/sqrt(12); 5 standard errors allowed. */
    for (k = 0; k < 7; k++) {
        double d = retry_nominal(&p, k);

        CU_ASSERT_DOUBLE_EQUAL(mean_wait(&p, k, 0, d), d / 2,
                               5 * d / sqrt(12.0 * DRAWS));
    }
}

static void
test_retry_equal_jitter_mean_is_three_quarters(void)
{
    struct retry_policy p = exponential(JITTER_EQUAL);
    uint32_t k;

    /* d/2 + U(0, d/2): in [d/2, d), mean 3d/4, sd d/(2 sqrt(12)). */
    for (k = 0; k < 7; k++) {
        double d = retry_nominal(&p, k);

        CU_ASSERT_DOUBLE_EQUAL(mean_wait(&p, k, d / 2, d), 0.75 * d,
                               5 * d / (2 * sqrt(12.0 * DRAWS)));
    }
}

static void
test_retry_decorrelated_stays_within_base_and_cap(void)
{
    struct retry_policy p = exponential(JITTER_DECORRELATED);
    struct rng *r = rng_new(5, 0, "decorrelated");
    double prev, w, first_sum = 0;
    int i, k;

    for (i = 0; i < DRAWS / 10; i++) {
        prev = retry_first_prev(&p);
        for (k = 0; k < 10; k++) {
            double before = prev;

            w = retry_wait(&p, (uint32_t)k, &prev, r);
            CU_ASSERT_FATAL(w >= p.base && w <= p.cap);
            CU_ASSERT_FATAL(w <= 3 * before);
            CU_ASSERT(prev == w);
            if (k == 0)
                first_sum += w;
        }
    }
    /* The first wait is U(base, 3 base): mean 2 base, sd 2 base/sqrt 12. */
    CU_ASSERT_DOUBLE_EQUAL(first_sum / (DRAWS / 10), 2 * p.base,
                           5 * 2 * p.base / sqrt(12.0 * (DRAWS / 10)));
    rng_free(r);
}

int
suite_retry(void)
{
    static const struct test_entry tests[] = {
        {"nominal delays by hand", test_retry_nominal_delays_by_hand},
        {"doubling is exact", test_retry_doubling_is_exact},
        {"full jitter mean is half the delay",
         test_retry_full_jitter_mean_is_half_the_delay},
        {"equal jitter mean is three quarters",
         test_retry_equal_jitter_mean_is_three_quarters},
        {"decorrelated stays within base and cap",
         test_retry_decorrelated_stays_within_base_and_cap},
        {NULL, NULL},
    };

    return tests_add_suite("retry", tests);
}
