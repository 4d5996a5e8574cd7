/*
 * The service model against queueing theory, and the conservation laws
 * of the whole model.
 *
 * Steady-state checks run R independent replications and compare the
 * mean over them with the analytic value, allowing 4 standard errors of
 * that mean (estimated from the replications). The test also requires the
 * standard error to be small, so that a loose run cannot pass by noise.
 */
#include <math.h>

#include "../sim/core/stats.h"
#include "fixture.h"
#include "tests.h"

#define REPS 10

/* Erlang C: the chance that an arrival waits in an M/M/c queue. */
static double
erlang_c(unsigned c, double a)
{
    double term = 1, sum = 0, top;
    unsigned k;

    for (k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1); /* a^(k+1) / (k+1)! */
    }
    top = term * c / (c - a);
    return top / (sum + top);
}

/* Mean response time over REPS replications of an M/M/c queue. */
static void
simulate_mmc(unsigned servers, double lambda, double mu, double horizon,
             struct stats_summary *out)
{
    double w[REPS];
    struct fixture f;
    int r;

    for (r = 0; r < REPS; r++) {
        fixture_init(&f);
        f.clients.count = 100;
        f.clients.arrival.process = ARRIVAL_POISSON;
        f.clients.arrival.rate = lambda / 100;
        f.service.servers = servers;
        dist_init(&f.service.service_time, DIST_EXPONENTIAL, 1 / mu, 0);
        f.cfg.horizon = horizon;
        f.cfg.bucket = 10;
        f.cfg.replication = (uint64_t)r;
        fixture_run(&f);
        w[r] = hist_mean(model_latency(f.m));
        fixture_free(&f);
    }
    stats_summarize(w, REPS, 1, out);
}

static void
test_service_mm1_mean_response_time(void)
{
    /* M/M/1, lambda 5/s, mu 10/s: W = 1 / (mu - lambda) = 0.2 s. */
    struct stats_summary s;
    double se;

    simulate_mmc(1, 5, 10, 4000, &s);
    se = s.sd / sqrt(REPS);
    CU_ASSERT(se < 0.015 * 0.2);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, 0.2, 4 * se);
}

static void
test_service_mmc_mean_response_time_is_erlang_c(void)
{
    /*
     * M/M/2, lambda 15/s, mu 10/s, a = 1.5: by hand C = 4.5 / 7 =
     * 0.642857, W = C / (2 mu - lambda) + 1 / mu = 0.228571 s.
     */
    struct stats_summary s;
    double w, se;

    CU_ASSERT_DOUBLE_EQUAL(erlang_c(2, 1.5), 4.5 / 7, 1e-12);
    w = erlang_c(2, 1.5) / (2 * 10 - 15) + 0.1;
    CU_ASSERT_DOUBLE_EQUAL(w, 0.228571, 1e-6);
    simulate_mmc(2, 15, 10, 4000, &s);
    se = s.sd / sqrt(REPS);
    CU_ASSERT(se < 0.02 * w);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, w, 4 * se);

    /* M/M/4 at lambda 30/s, mu 10/s (load 75 %). */
    w = erlang_c(4, 3.0) / (4 * 10 - 30) + 0.1;
    simulate_mmc(4, 30, 10, 2000, &s);
    se = s.sd / sqrt(REPS);
    CU_ASSERT(se < 0.02 * w);
    CU_ASSERT_DOUBLE_EQUAL(s.mean, w, 4 * se);
}

/* A busy world with every feature of the model switched on. */
static void
stormy_world(struct fixture *f, enum arrival_process process)
{
    struct fault_spec *x;

    /* About 100 requests/s for every arrival process. */
    fixture_init(f);
    f->clients.count = process == ARRIVAL_ONCE ? 10000 : 200;
    f->clients.arrival.process = process;
    f->clients.arrival.rate = 0.5;
    dist_init(&f->clients.arrival.think_time, DIST_EXPONENTIAL, 2, 0);
    f->clients.arrival.interval = 2;
    f->clients.arrival.spread = 100;
    f->clients.timeout = 0.3;
    f->clients.deadline = 5;
    f->service.servers = 4;
    dist_init(&f->service.service_time, DIST_LOGNORMAL, 0.02, 0.02);
    dist_init(&f->service.network_delay, DIST_NORMAL, 0.005, 0.002);
    f->service.queue_limit = 30;
    f->service.cancel_on_timeout = process != ARRIVAL_PERIODIC;
    f->retry.kind = RETRY_EXPONENTIAL;
    f->retry.jitter = JITTER_FULL;
    f->retry.base = 0.1;
    f->retry.cap = 2;
    f->retry.max_attempts = 6;
    f->retry.max_total_wait = 3;
    x = fixture_fault(f, FAULT_OUTAGE, 20, 30);
    x->drop_inflight = 1;
    x = fixture_fault(f, FAULT_ERRORS, 40, 60);
    x->rate = 0.3;
    x->retryable = 0;
    x = fixture_fault(f, FAULT_LATENCY, 50, 70);
    dist_init(&x->add, DIST_EXPONENTIAL, 0.2, 0);
    x = fixture_fault(f, FAULT_CAPACITY, 65, 80);
    x->servers = 0.25;
    x->servers_fraction = 1;
    f->cfg.horizon = 100;
}

static void
test_service_every_request_ends_exactly_once(void)
{
    static const enum arrival_process processes[] = {
        ARRIVAL_POISSON, ARRIVAL_CLOSED, ARRIVAL_PERIODIC, ARRIVAL_ONCE};
    const struct model_totals *t;
    struct fixture f;
    uint64_t outcomes;
    size_t i, o;

    for (i = 0; i < 4; i++) {
        stormy_world(&f, processes[i]);
        t = fixture_run(&f);
        CU_ASSERT(t->requests_started > 100);
        /* Requests: started = succeeded + failed + still in flight. */
        CU_ASSERT(t->requests_started ==
                  t->requests_succeeded + t->requests_failed +
                      t->requests_degraded + t->requests_unfinished);
        CU_ASSERT(fixture_sum(&f, MC_REQUESTS_STARTED) ==
                  t->requests_started);
        CU_ASSERT(fixture_sum(&f, MC_REQUESTS_SUCCEEDED) ==
                  t->requests_succeeded);
        CU_ASSERT(fixture_sum(&f, MC_REQUESTS_FAILED) == t->requests_failed);
        /* Attempts: each counted once when it reaches the service. */
        CU_ASSERT(fixture_sum(&f, MC_ATTEMPTS) == t->attempts);
        CU_ASSERT(fixture_sum(&f, MC_FIRST_ATTEMPTS) +
                      fixture_sum(&f, MC_RETRIES) ==
                  t->attempts);
        CU_ASSERT(fixture_sum(&f, MC_FIRST_ATTEMPTS) <= t->requests_started);
        /*
         * Every attempt sent gets exactly one outcome (an answer or a
         * timeout), except the one an open request still waits for.
         */
        for (o = 0, outcomes = 0; o < OUTCOME_COUNT; o++)
            outcomes += t->outcomes[o];
        CU_ASSERT(outcomes <= t->attempts_sent);
        CU_ASSERT(t->attempts_sent - outcomes <= t->requests_unfinished);
        CU_ASSERT(fixture_sum(&f, MC_SUCCESSES) ==
                  t->outcomes[OUTCOME_SUCCESS]);
        CU_ASSERT(fixture_sum(&f, MC_TIMEOUTS) ==
                  t->outcomes[OUTCOME_TIMEOUT]);
        CU_ASSERT(fixture_sum(&f, MC_REJECTED) ==
                  t->outcomes[OUTCOME_REJECTED]);
        CU_ASSERT(t->outcomes[OUTCOME_REJECTED] > 0);
        CU_ASSERT(t->outcomes[OUTCOME_TIMEOUT] > 0);
        CU_ASSERT(t->outcomes[OUTCOME_ERROR_PERMANENT] > 0);
        fixture_free(&f);
    }
}

static void
test_service_littles_law_holds_through_an_outage(void)
{
    /*
     * L = lambda W for logical requests, retries and waits included:
     * the time-average number in flight against the arrival rate times
     * the mean latency. Only requests still open at the horizon break it
     * (they add to L, not to W); with a 2000 s horizon they weigh well
     * under 0.5 %.
     */
    struct fixture f;
    const struct model_totals *t;
    const struct probe *p;
    double area = 0, lambda, w;
    struct fault_spec *x;
    size_t b;

    fixture_init(&f);
    f.clients.count = 100;
    f.clients.arrival.process = ARRIVAL_POISSON;
    f.clients.arrival.rate = 1;
    f.service.servers = 2;
    dist_init(&f.service.service_time, DIST_EXPONENTIAL, 0.01, 0);
    f.retry.kind = RETRY_EXPONENTIAL;
    f.retry.jitter = JITTER_FULL;
    f.retry.base = 1;
    f.retry.cap = 16;
    f.retry.max_attempts = 8;
    x = fixture_fault(&f, FAULT_OUTAGE, 300, 330);
    (void)x;
    f.cfg.horizon = 2000;
    t = fixture_run(&f);
    p = model_probe(f.m);
    for (b = 0; b < p->buckets; b++)
        area += p->levels[b * p->nlevels + ML_IN_FLIGHT] *
                probe_bucket_width(p, b);
    lambda = (double)t->requests_started / f.cfg.horizon;
    w = hist_mean(model_latency(f.m));
    CU_ASSERT(w > 0.05); /* the outage made waits matter */
    CU_ASSERT_DOUBLE_EQUAL(area / f.cfg.horizon, lambda * w,
                           0.005 * lambda * w);
    fixture_free(&f);
}

int
suite_service(void)
{
    static const struct test_entry tests[] = {
        {"M/M/1 mean response time", test_service_mm1_mean_response_time},
        {"M/M/c mean response time is Erlang C",
         test_service_mmc_mean_response_time_is_erlang_c},
        {"every request ends exactly once",
         test_service_every_request_ends_exactly_once},
        {"Little's law holds through an outage",
         test_service_littles_law_holds_through_an_outage},
        {NULL, NULL},
    };

    return tests_add_suite("service", tests);
}
