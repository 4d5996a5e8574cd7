/*
 * The probe's counters and time-weighted levels, against hand-computed
 * buckets.
 */
#include "../sim/core/probe.h"
#include "tests.h"

/*
 * Horizon 2.5 s in 1 s buckets (the last is 0.5 s wide). The level is 2
 * on [0, 0.5), 4 on [0.5, 2.25) and 0 after, so the buckets hold
 * (2 x 0.5 + 4 x 0.5) / 1 = 3, 4 x 1 / 1 = 4 and 4 x 0.25 / 0.5 = 2.
 * Every product is exact in binary, so the comparison is exact too.
 */
static void
test_probe_levels_average_over_each_bucket(void)
{
    struct probe *p = probe_new(2.5, 1.0, 1, 1);

    probe_level(p, 0, 0, 2);
    probe_level(p, 0.5, 0, 4);
    probe_level(p, 2.25, 0, 0);
    probe_finish(p);
    CU_ASSERT_FATAL(p->buckets == 3);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[0], 3.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[1], 4.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[2], 2.0, 0);
    probe_free(p);
}

/* A level left alone for several buckets fills each of them. */
static void
test_probe_level_spans_untouched_buckets(void)
{
    struct probe *p = probe_new(10, 1.0, 1, 2);
    size_t b;

    probe_level(p, 0.25, 1, 8);
    probe_level(p, 7.75, 1, 0);
    probe_finish(p);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[0 * 2 + 1], 6.0, 0); /* 8 x 0.75 */
    for (b = 1; b < 7; b++)
        CU_ASSERT_DOUBLE_EQUAL(p->levels[b * 2 + 1], 8.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[7 * 2 + 1], 6.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[8 * 2 + 1], 0.0, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->levels[8 * 2 + 0], 0.0, 0); /* level 0 */
    probe_free(p);
}

/*
 * With a width that binary cannot hold (0.1 s), t / width and the
 * boundaries b x width disagree for some times (k / 10 for k = 17, 34,
 * 43, ...): a level that starts at such a time must still start in the
 * bucket its counter lands in, so that a bucket's counts and levels
 * describe the same span.
 */
static void
test_probe_counters_and_levels_agree_on_buckets(void)
{
    int k;

    for (k = 1; k < 100; k++) {
        struct probe *p = probe_new(10, 0.1, 1, 1);
        double t = k / 10.0;
        size_t b, counted = p->buckets, leveled = p->buckets;

        probe_add(p, t, 0, 1);
        probe_level(p, t, 0, 1);
        probe_finish(p);
        for (b = p->buckets; b-- > 0;) {
            if (probe_count(p, b, 0) == 1)
                counted = b;
            if (p->levels[b] > 0)
                leveled = b;
        }
        CU_ASSERT(counted == leveled);
        probe_free(p);
    }
}

int
suite_probe(void)
{
    static const struct test_entry tests[] = {
        {"levels average over each bucket",
         test_probe_levels_average_over_each_bucket},
        {"level spans untouched buckets",
         test_probe_level_spans_untouched_buckets},
        {"counters and levels agree on buckets",
         test_probe_counters_and_levels_agree_on_buckets},
        {NULL, NULL},
    };

    return tests_add_suite("probe", tests);
}
