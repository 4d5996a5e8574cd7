/*
 * Retry budgets: token arithmetic over fixed sequences of outcomes,
 * worked out by hand from the libraries' documented rules.
 */
#include "../sim/model/budget.h"
#include "tests.h"

static void
test_budget_aws_standard_bucket(void)
{
    /*
     * Capacity 500, retry 5, after a timeout 10, refund 1 (AWS SDK
     * standard mode). A retry after an error: 495; after a timeout: 485.
     * The retry that then succeeds gives back its 10: 495. A first-try
     * success refunds 1: 496, and never past the capacity.
     */
    struct budget_config c = {.kind = BUDGET_TOKEN_BUCKET,
                              .capacity = 500,
                              .retry_cost = 5,
                              .timeout_retry_cost = 10,
                              .throttle_retry_cost = 5,
                              .success_refund = 1};
    struct budget b;
    uint32_t cost;
    int i;

    budget_init(&c, &b);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 500, 0);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost) && cost == 5);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 495, 0);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_TIMEOUT, &cost) &&
              cost == 10);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 485, 0);
    budget_on_success(&c, &b, 1, 10);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 495, 0);
    budget_on_success(&c, &b, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 496, 0);
    for (i = 0; i < 10; i++)
        budget_on_success(&c, &b, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 500, 0);

    /* 100 retries after errors take all 500; the 101st is refused. */
    for (i = 0; i < 100; i++)
        CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost));
    CU_ASSERT(!budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost));
    CU_ASSERT(cost == 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 0, 0);
}

static void
test_budget_aws_2026_costs(void)
{
    /*
     * The 2026 costs in the same keys: a retry 14, a throttled retry
     * (after a rejection) 5. From 500: 486, then 481; 34 more throttled
     * retries leave 311.
     */
    struct budget_config c = {.kind = BUDGET_TOKEN_BUCKET,
                              .capacity = 500,
                              .retry_cost = 14,
                              .timeout_retry_cost = 14,
                              .throttle_retry_cost = 5,
                              .success_refund = 1};
    struct budget b;
    uint32_t cost;
    int i;

    budget_init(&c, &b);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_UNAVAILABLE, &cost));
    CU_ASSERT(cost == 14);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_REJECTED, &cost));
    CU_ASSERT(cost == 5);
    for (i = 0; i < 34; i++)
        budget_try_retry(&c, &b, 0, OUTCOME_REJECTED, &cost);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 311, 0);
}

static void
test_budget_grpc_throttling(void)
{
    /*
     * maxTokens 10, tokenRatio 0.1: retries while tokens > 5. Five
     * failures leave 5: no retry. A success adds 0.1: 5.1, retries again.
     * Tokens never pass 10 nor fall below 0.
     */
    struct budget_config c = {.kind = BUDGET_GRPC,
                              .max_tokens = 10,
                              .token_ratio = 0.1};
    struct budget b;
    uint32_t cost;
    int i;

    budget_init(&c, &b);
    for (i = 0; i < 4; i++)
        budget_on_failure(&c, &b);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost)); /* 6 */
    budget_on_failure(&c, &b);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5, 1e-12);
    CU_ASSERT(!budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost));
    budget_on_success(&c, &b, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 5.1, 1e-12);
    CU_ASSERT(budget_try_retry(&c, &b, 0, OUTCOME_ERROR, &cost));
    for (i = 0; i < 20; i++)
        budget_on_failure(&c, &b);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 0, 0);
    for (i = 0; i < 200; i++)
        budget_on_success(&c, &b, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.tokens, 10, 1e-12);
}

static void
test_budget_ratio_over_a_window(void)
{
    /*
     * 20 % of requests plus 1 retry/s over 10 s: with 10 requests in the
     * window, 0.2 * 10 + 1 * 10 = 12 retries are allowed, the 13th is
     * refused. After the window has passed (t = 25) the old requests and
     * retries no longer count: 10 retries (the floor) again.
     */
    struct budget_config c = {.kind = BUDGET_RATIO,
                              .ratio = 0.2,
                              .min_retries_per_second = 1,
                              .window = 10};
    struct budget b;
    uint32_t cost;
    int i, allowed = 0;

    budget_init(&c, &b);
    for (i = 0; i < 10; i++)
        budget_on_request(&c, &b, i * 0.5);
    for (i = 0; i < 20; i++)
        allowed += budget_try_retry(&c, &b, 5, OUTCOME_ERROR, &cost);
    CU_ASSERT(allowed == 12);

    allowed = 0;
    for (i = 0; i < 20; i++)
        allowed += budget_try_retry(&c, &b, 25, OUTCOME_ERROR, &cost);
    CU_ASSERT(allowed == 10);
}

int
suite_budget(void)
{
    static const struct test_entry tests[] = {
        {"AWS standard bucket", test_budget_aws_standard_bucket},
        {"AWS 2026 costs", test_budget_aws_2026_costs},
        {"gRPC throttling", test_budget_grpc_throttling},
        {"ratio over a window", test_budget_ratio_over_a_window},
        {NULL, NULL},
    };

    return tests_add_suite("budget", tests);
}
