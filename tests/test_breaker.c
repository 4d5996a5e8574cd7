/*
 * Circuit breakers against hand-worked sequences of outcomes: each step
 * says what a resilience4j-style breaker does and why.
 */
#include "../sim/model/breaker.h"
#include "tests.h"

static void
test_breaker_consecutive_failures_open_and_probes_close(void)
{
    /* Three failures in a row open it; a success in between resets. */
    struct breaker_config c = {.trip = BREAKER_CONSECUTIVE,
                               .failure_threshold = 3,
                               .open_for = 10,
                               .half_open_calls = 2};
    struct breaker b;
    uint32_t gen;

    breaker_init(&b);
    CU_ASSERT(breaker_record(&c, &b, 0, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 1, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 2, 0) == BREAKER_SAME); /* reset */
    CU_ASSERT(breaker_record(&c, &b, 3, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 4, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_allow(&c, &b));
    CU_ASSERT(breaker_record(&c, &b, 5, 1) == BREAKER_OPENED);
    CU_ASSERT(b.state == BREAKER_OPEN);
    gen = b.gen;

    /* Open: every call short-circuits; late answers change nothing. */
    CU_ASSERT(!breaker_allow(&c, &b));
    CU_ASSERT(breaker_record(&c, &b, 6, 0) == BREAKER_SAME);
    CU_ASSERT(b.state == BREAKER_OPEN);

    /* A stale timer (an older opening) does nothing; the right one does. */
    CU_ASSERT(!breaker_half_open(&b, gen - 1));
    CU_ASSERT(breaker_half_open(&b, gen));
    CU_ASSERT(b.state == BREAKER_HALF_OPEN);

    /* Half-open with 2 probes: a third call waits outside. */
    CU_ASSERT(breaker_allow(&c, &b));
    CU_ASSERT(breaker_allow(&c, &b));
    CU_ASSERT(!breaker_allow(&c, &b));
    CU_ASSERT(breaker_record(&c, &b, 15, 0) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 15.1, 0) == BREAKER_CLOSED_AGAIN);
    CU_ASSERT(b.state == BREAKER_CLOSED && breaker_allow(&c, &b));
    /* Closed again with a clean count: two failures do not open it. */
    CU_ASSERT(breaker_record(&c, &b, 16, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 17, 1) == BREAKER_SAME);
}

static void
test_breaker_failed_probe_reopens(void)
{
    struct breaker_config c = {.trip = BREAKER_CONSECUTIVE,
                               .failure_threshold = 1,
                               .open_for = 5,
                               .half_open_calls = 3};
    struct breaker b;

    breaker_init(&b);
    CU_ASSERT(breaker_record(&c, &b, 0, 1) == BREAKER_OPENED);
    CU_ASSERT(breaker_half_open(&b, b.gen));
    CU_ASSERT(breaker_allow(&c, &b));
    CU_ASSERT(breaker_record(&c, &b, 5.1, 0) == BREAKER_SAME);
    CU_ASSERT(breaker_allow(&c, &b));
    CU_ASSERT(breaker_record(&c, &b, 5.2, 1) == BREAKER_OPENED);
    CU_ASSERT(b.state == BREAKER_OPEN && b.gen == 2);
}

static void
test_breaker_rate_over_a_window_of_calls(void)
{
    /*
     * 50 % over the last 4 calls, at least 4 calls. F S F: only 3 calls,
     * closed; F: 3 of 4 failed, open. S S F S: 1 of 4, closed; F: the
     * window (the first S has left) is S F S F, 2 of 4 = 50 %, which is
     * at the rate: open, as resilience4j does.
     */
    struct breaker_config c = {.trip = BREAKER_CALL_WINDOW,
                               .failure_rate = 0.5,
                               .window_calls = 4,
                               .minimum_calls = 4,
                               .open_for = 1,
                               .half_open_calls = 1};
    static const int first[] = {1, 0, 1}, second[] = {0, 0, 1, 0};
    struct breaker b;
    int i;

    breaker_init(&b);
    for (i = 0; i < 3; i++)
        CU_ASSERT(breaker_record(&c, &b, i, first[i]) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 3, 1) == BREAKER_OPENED);

    breaker_init(&b);
    for (i = 0; i < 4; i++)
        CU_ASSERT(breaker_record(&c, &b, i, second[i]) == BREAKER_SAME);
    CU_ASSERT(b.state == BREAKER_CLOSED);
    CU_ASSERT(breaker_record(&c, &b, 4, 1) == BREAKER_OPENED);
}

static void
test_breaker_rate_over_a_window_of_time(void)
{
    /*
     * 50 % over 10 s (slices of 1 s), at least 4 calls. Failures at 0,
     * 1, 2 and a success at 3 are 3 of 4: open at 3? No: the third
     * failure at 2 is 3 of 3, below minimum_calls; the success at 3
     * makes 3 of 4 failed, which trips. Calls older than the window do
     * not count: failures at 0..2 and then successes at 20, 21, 22, 23
     * never trip.
     */
    struct breaker_config c = {.trip = BREAKER_TIME_WINDOW,
                               .failure_rate = 0.5,
                               .window_seconds = 10,
                               .minimum_calls = 4,
                               .open_for = 1,
                               .half_open_calls = 1};
    struct breaker b;

    breaker_init(&b);
    CU_ASSERT(breaker_record(&c, &b, 0, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 1, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 2, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 3, 0) == BREAKER_OPENED);

    breaker_init(&b);
    CU_ASSERT(breaker_record(&c, &b, 0, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 1, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 2, 1) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 20, 0) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 21, 0) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 22, 0) == BREAKER_SAME);
    CU_ASSERT(breaker_record(&c, &b, 23, 1) == BREAKER_SAME); /* 1 of 4 */
    CU_ASSERT(breaker_record(&c, &b, 24, 1) == BREAKER_SAME); /* 2 of 5 */
    CU_ASSERT(breaker_record(&c, &b, 25, 1) == BREAKER_OPENED); /* 3/6 */
}

int
suite_breaker(void)
{
    static const struct test_entry tests[] = {
        {"consecutive failures open and probes close",
         test_breaker_consecutive_failures_open_and_probes_close},
        {"failed probe reopens", test_breaker_failed_probe_reopens},
        {"rate over a window of calls",
         test_breaker_rate_over_a_window_of_calls},
        {"rate over a window of time",
         test_breaker_rate_over_a_window_of_time},
        {NULL, NULL},
    };

    return tests_add_suite("breaker", tests);
}
