/*
 * Clients, retries, timeouts and faults on small cases worked out by hand
 * (times in seconds; constant service times, so every number is exact up
 * to floating-point rounding, hence the 1e-9 tolerances).
 */
#include <math.h>

#include "fixture.h"
#include "tests.h"

#define EXACT 1e-9

static double
only_latency(const struct fixture *f)
{
    return hist_mean(model_latency(f->m));
}

static void
fixed_retry(struct fixture *f, double delay, uint32_t max_attempts)
{
    f->retry.kind = RETRY_FIXED;
    f->retry.delay = delay;
    f->retry.max_attempts = max_attempts;
}

static void
test_client_retries_through_an_outage(void)
{
    /* Outage [0, 2.5); tries at 0, 1, 2 fail; the one at 3 succeeds. */
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    fixed_retry(&f, 1, 4);
    fixture_fault(&f, FAULT_OUTAGE, 0, 2.5);
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 4);
    CU_ASSERT(t->outcomes[OUTCOME_UNAVAILABLE] == 3);
    CU_ASSERT(t->requests_succeeded == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 3.01, EXACT);
    CU_ASSERT(probe_count(model_probe(f.m), 2, MC_RETRIES) == 1);
    CU_ASSERT(probe_count(model_probe(f.m), 3, MC_SUCCESSES) == 1);
    fixture_free(&f);

    /* With three attempts it gives up when the third fails, at 2. */
    fixture_init(&f);
    fixed_retry(&f, 1, 3);
    fixture_fault(&f, FAULT_OUTAGE, 0, 2.5);
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3 && t->requests_failed == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 2, EXACT);
    fixture_free(&f);
}

static void
test_client_timed_out_attempts_keep_or_free_the_server(void)
{
    /*
     * Service 3 s, timeout 1 s, retry after 0.5 s, 2 attempts, 1 server.
     * Without cancellation the first attempt holds the server until 3,
     * so the retry (sent at 1.5) waits in the queue; both time out and the
     * request fails at 2.5. With cancellation the server is freed at 1 and
     * the retry never queues.
     */
    struct fixture f;
    const struct model_totals *t;
    const struct probe *p;
    int cancel;

    for (cancel = 0; cancel <= 1; cancel++) {
        fixture_init(&f);
        dist_init(&f.service.service_time, DIST_CONSTANT, 3, 0);
        f.clients.timeout = 1;
        f.service.cancel_on_timeout = cancel;
        fixed_retry(&f, 0.5, 2);
        t = fixture_run(&f);
        p = model_probe(f.m);
        CU_ASSERT(t->outcomes[OUTCOME_TIMEOUT] == 2);
        CU_ASSERT(t->requests_failed == 1);
        CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 2.5, EXACT);
        /* Queued over [1.5, 3): half of bucket 1, all of bucket 2. */
        CU_ASSERT_DOUBLE_EQUAL(p->levels[1 * p->nlevels + ML_QUEUE_LEN],
                               cancel ? 0 : 0.5, EXACT);
        CU_ASSERT_DOUBLE_EQUAL(p->levels[2 * p->nlevels + ML_QUEUE_LEN],
                               cancel ? 0 : 1, EXACT);
        fixture_free(&f);
    }
}

static void
test_client_deadline_ends_the_request(void)
{
    struct fixture f;
    const struct model_totals *t;

    /* Deadline 2.5 s: after the failure at 2, a retry at 3 is too late. */
    fixture_init(&f);
    fixed_retry(&f, 1, 10);
    f.clients.deadline = 2.5;
    fixture_fault(&f, FAULT_OUTAGE, 0, 100);
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3 && t->requests_failed == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 2, EXACT);
    fixture_free(&f);

    /* A 10 s attempt under a 2 s deadline: the client gives up at 2. */
    fixture_init(&f);
    dist_init(&f.service.service_time, DIST_CONSTANT, 10, 0);
    f.clients.deadline = 2;
    t = fixture_run(&f);
    CU_ASSERT(t->outcomes[OUTCOME_TIMEOUT] == 1 && t->requests_failed == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 2, EXACT);
    fixture_free(&f);
}

static void
test_client_max_total_wait_bounds_the_waits(void)
{
    /* Waits 1, 2 (3 in all) are allowed; the next, 4, is not: ends at 3. */
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    f.retry.kind = RETRY_EXPONENTIAL;
    f.retry.base = 1;
    f.retry.max_attempts = 10;
    f.retry.max_total_wait = 3;
    fixture_fault(&f, FAULT_OUTAGE, 0, 100);
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3 && t->requests_failed == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 3, EXACT);
    fixture_free(&f);
}

static void
test_client_full_queue_rejects(void)
{
    /* Two requests at 0, one server, no waiting room: one is rejected. */
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    f.clients.count = 2;
    f.service.queue_limit = 0;
    dist_init(&f.service.service_time, DIST_CONSTANT, 1, 0);
    t = fixture_run(&f);
    CU_ASSERT(t->outcomes[OUTCOME_REJECTED] == 1);
    CU_ASSERT(t->requests_succeeded == 1 && t->requests_failed == 1);
    fixture_free(&f);
}

static void
test_client_crash_drops_work_in_flight(void)
{
    /*
     * A 10 s attempt from 0; the service crashes at 1 (drop_inflight):
     * the attempt fails, the retry at 6 succeeds at 16. Without
     * drop_inflight the first attempt finishes at 10.
     */
    struct fixture f;
    struct fault_spec *x;
    int drop;

    for (drop = 0; drop <= 1; drop++) {
        fixture_init(&f);
        dist_init(&f.service.service_time, DIST_CONSTANT, 10, 0);
        fixed_retry(&f, 5, 2);
        x = fixture_fault(&f, FAULT_OUTAGE, 1, 2);
        x->drop_inflight = drop;
        fixture_run(&f);
        CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), drop ? 16 : 10, EXACT);
        fixture_free(&f);
    }
}

static void
test_client_error_faults_respect_retryable(void)
{
    struct fixture f;
    struct fault_spec *x;
    const struct model_totals *t;

    /* Not retryable: fails after the first service time. */
    fixture_init(&f);
    fixed_retry(&f, 1, 5);
    x = fixture_fault(&f, FAULT_ERRORS, 0, 100);
    x->rate = 1;
    x->retryable = 0;
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 1 && t->requests_failed == 1);
    CU_ASSERT(t->outcomes[OUTCOME_ERROR_PERMANENT] == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 0.01, EXACT);
    fixture_free(&f);

    /* Retryable: five tries of 10 ms with 1 s between, ends at 4.05. */
    fixture_init(&f);
    fixed_retry(&f, 1, 5);
    x = fixture_fault(&f, FAULT_ERRORS, 0, 100);
    x->rate = 1;
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 5 && t->outcomes[OUTCOME_ERROR] == 5);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 4.05, EXACT);
    fixture_free(&f);

    /* retry_on without error: not retried although retryable. */
    fixture_init(&f);
    fixed_retry(&f, 1, 5);
    f.retry.retry_on = OUTCOME_BIT(OUTCOME_TIMEOUT);
    x = fixture_fault(&f, FAULT_ERRORS, 0, 100);
    x->rate = 1;
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 1 && t->requests_failed == 1);
    fixture_free(&f);
}

static void
test_client_network_legs_add_to_latency(void)
{
    /* 0.1 s out, 0.2 s of service, 0.1 s back. */
    struct fixture f;

    fixture_init(&f);
    dist_init(&f.service.network_delay, DIST_CONSTANT, 0.1, 0);
    dist_init(&f.service.service_time, DIST_CONSTANT, 0.2, 0);
    fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 0.4, EXACT);
    fixture_free(&f);
}

static void
test_client_capacity_loss_makes_requests_wait(void)
{
    /* Two 1 s requests at 0 on 2 servers of which 1 works: 1 s and 2 s. */
    struct fixture f;
    struct fault_spec *x;
    const struct model_totals *t;

    fixture_init(&f);
    f.clients.count = 2;
    f.service.servers = 2;
    dist_init(&f.service.service_time, DIST_CONSTANT, 1, 0);
    x = fixture_fault(&f, FAULT_CAPACITY, 0, 100);
    x->servers = 0.5;
    x->servers_fraction = 1;
    t = fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 1.5, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(t->last_end, 2, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(
        model_probe(f.m)->levels[0 * ML_COUNT + ML_SERVERS_UP], 1, EXACT);
    fixture_free(&f);
}

static void
test_client_arrival_processes_by_hand(void)
{
    struct fixture f;
    const struct model_totals *t;

    /*
     * Closed loop, think 1 s, service 0.5 s, horizon 10 s: requests at
     * 1, 2.5, 4, 5.5, 7, 8.5, all answered.
     */
    fixture_init(&f);
    f.clients.arrival.process = ARRIVAL_CLOSED;
    dist_init(&f.clients.arrival.think_time, DIST_CONSTANT, 1, 0);
    dist_init(&f.service.service_time, DIST_CONSTANT, 0.5, 0);
    f.cfg.horizon = 10;
    t = fixture_run(&f);
    CU_ASSERT(t->requests_started == 6 && t->requests_succeeded == 6);
    CU_ASSERT_DOUBLE_EQUAL(t->last_end, 9, EXACT);
    fixture_free(&f);

    /* Periodic, 3 clients every 10 s over 100 s: 10 requests each. */
    fixture_init(&f);
    f.clients.count = 3;
    f.clients.arrival.process = ARRIVAL_PERIODIC;
    f.clients.arrival.interval = 10;
    t = fixture_run(&f);
    CU_ASSERT(t->requests_started == 30);
    fixture_free(&f);

    /* Once, 1000 clients spread over [5, 15): all start inside it. */
    fixture_init(&f);
    f.clients.count = 1000;
    f.clients.arrival.at = 5;
    f.clients.arrival.spread = 10;
    f.service.servers = 1000;
    t = fixture_run(&f);
    CU_ASSERT(t->requests_started == 1000);
    CU_ASSERT(fixture_sum(&f, MC_REQUESTS_STARTED) == 1000);
    CU_ASSERT(probe_count(model_probe(f.m), 4, MC_REQUESTS_STARTED) == 0);
    CU_ASSERT(probe_count(model_probe(f.m), 15, MC_REQUESTS_STARTED) == 0);
    CU_ASSERT(t->last_end < 15.01 + EXACT);
    fixture_free(&f);
}

static void
test_client_breaker_short_circuits_the_next_retry(void)
{
    /*
     * Down all the time; retry every 1 s; the breaker opens after 3
     * failures in a row (at 2 s), so the retry at 3 s is short-circuited
     * and the request fails then, after 3 attempts. The breaker is open
     * from 2 s on: bucket 2 counts it for its whole second.
     */
    struct breaker_config bc = {.trip = BREAKER_CONSECUTIVE,
                                .failure_threshold = 3,
                                .open_for = 500,
                                .half_open_calls = 1};
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    fixed_retry(&f, 1, 10);
    fixture_fault(&f, FAULT_OUTAGE, 0, 100);
    f.cfg.breaker = &bc;
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3 && t->requests_failed == 1);
    CU_ASSERT(t->outcomes[OUTCOME_SHORT_CIRCUITED] == 1);
    CU_ASSERT(fixture_sum(&f, MC_SHORT_CIRCUITED) == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 3, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(
        model_probe(f.m)->levels[2 * ML_COUNT + ML_BREAKERS_OPEN], 1, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(
        model_probe(f.m)->levels[1 * ML_COUNT + ML_BREAKERS_OPEN], 0, EXACT);
    fixture_free(&f);
}

static void
test_client_budget_refuses_a_retry(void)
{
    /*
     * A bucket of 10 tokens at 5 a retry: the retries after the failures
     * at 0 s and 1 s are paid; after the third failure (2 s) the bucket
     * is empty, the retry is refused and the request fails at 2 s.
     */
    struct budget_config bc = {.kind = BUDGET_TOKEN_BUCKET,
                               .capacity = 10,
                               .retry_cost = 5,
                               .timeout_retry_cost = 5,
                               .throttle_retry_cost = 5,
                               .success_refund = 1};
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    fixed_retry(&f, 1, 10);
    fixture_fault(&f, FAULT_OUTAGE, 0, 100);
    f.cfg.budget = &bc;
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3 && t->retries_refused == 1);
    CU_ASSERT(t->requests_failed == 1);
    CU_ASSERT_DOUBLE_EQUAL(only_latency(&f), 2, EXACT);
    fixture_free(&f);
}

static void
test_client_cohort_follows_its_own_policies(void)
{
    /*
     * 10 clients at 0 s into an outage until 2.5 s. Clients 0..2 are the
     * candidate's cohort and retry every 1 s (up to 4 attempts): they
     * succeed at 3.01 s. The other 7 do not retry and fail at once. The
     * cohort's own counts see only its 3 requests; the service sees all.
     */
    struct retry_policy candidate_retry;
    struct model_policy candidate = {0};
    struct fixture f;
    const struct model_totals *t, *c;

    fixture_init(&f);
    f.clients.count = 10;
    f.service.servers = 10;
    fixture_fault(&f, FAULT_OUTAGE, 0, 2.5);
    candidate_retry = f.retry;
    candidate_retry.kind = RETRY_FIXED;
    candidate_retry.delay = 1;
    candidate_retry.max_attempts = 4;
    candidate.retry = &candidate_retry;
    f.cfg.candidate = &candidate;
    f.cfg.candidate_clients = 3;
    t = fixture_run(&f);
    c = model_cohort_totals(f.m);
    CU_ASSERT_FATAL(c != NULL);
    CU_ASSERT(t->requests_started == 10 && c->requests_started == 3);
    CU_ASSERT(c->requests_succeeded == 3 && c->requests_failed == 0);
    CU_ASSERT(t->requests_succeeded == 3 && t->requests_failed == 7);
    CU_ASSERT(c->attempts == 12 && t->attempts == 12 + 7);
    CU_ASSERT_DOUBLE_EQUAL(hist_mean(model_cohort_latency(f.m)), 3.01,
                           EXACT);
    fixture_free(&f);
}

int
suite_client(void)
{
    static const struct test_entry tests[] = {
        {"retries through an outage", test_client_retries_through_an_outage},
        {"timed-out attempts keep or free the server",
         test_client_timed_out_attempts_keep_or_free_the_server},
        {"deadline ends the request", test_client_deadline_ends_the_request},
        {"max_total_wait bounds the waits",
         test_client_max_total_wait_bounds_the_waits},
        {"full queue rejects", test_client_full_queue_rejects},
        {"crash drops work in flight",
         test_client_crash_drops_work_in_flight},
        {"error faults respect retryable",
         test_client_error_faults_respect_retryable},
        {"network legs add to latency",
         test_client_network_legs_add_to_latency},
        {"capacity loss makes requests wait",
         test_client_capacity_loss_makes_requests_wait},
        {"arrival processes by hand", test_client_arrival_processes_by_hand},
        {"breaker short-circuits the next retry",
         test_client_breaker_short_circuits_the_next_retry},
        {"budget refuses a retry", test_client_budget_refuses_a_retry},
        {"cohort follows its own policies",
         test_client_cohort_follows_its_own_policies},
        {NULL, NULL},
    };

    return tests_add_suite("client", tests);
}
