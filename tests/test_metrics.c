/*
 * The metrics of section 5 on time series built by hand, so that each
 * expected value can be read off the setup.
 */
#include <math.h>
#include <string.h>

#include "../sim/core/hist.h"
#include "../sim/core/probe.h"
#include "../sim/run/metrics.h"
#include "tests.h"

/* A 20-bucket series of 1 s buckets with counts set per bucket. */
struct series {
    struct probe *p;
    struct hist *h;
    struct model_totals totals;
    struct fault_spec fault;
    struct metrics_input in;
    double v[METRIC_COUNT];
};

static void
series_init(struct series *s)
{
    memset(s, 0, sizeof(*s));
    s->p = probe_new(20, 1, MC_COUNT, ML_COUNT);
    s->h = hist_new();
    s->fault.kind = FAULT_OUTAGE;
    s->fault.start = 10;
    s->fault.end = 15;
    s->in.probe = s->p;
    s->in.latency = s->h;
    s->in.totals = &s->totals;
    s->in.faults = &s->fault;
    s->in.nfaults = 1;
    s->in.slo_success_rate = 0.999;
    s->in.slo_window = 3;
}

/* Bucket b: attempts, of which ok succeeded and the rest failed. */
static void
set_bucket(struct series *s, size_t b, uint64_t attempts, uint64_t ok)
{
    s->p->counts[b * MC_COUNT + MC_ATTEMPTS] = attempts;
    s->p->counts[b * MC_COUNT + MC_SUCCESSES] = ok;
    s->p->counts[b * MC_COUNT + MC_FAILURES] = attempts - ok;
}

static void
series_free(struct series *s)
{
    probe_free(s->p);
    hist_free(s->h);
}

static void
test_metrics_spikes_against_the_baseline(void)
{
    /*
     * 10 attempts/s before the fault at 10 s: baseline 10. The busiest
     * bucket from 10 s holds 50: spike 5. From the fault's end (15 s) the
     * busiest holds 30: recovery spike 3.
     */
    struct series s;
    size_t b;

    series_init(&s);
    for (b = 0; b < 20; b++)
        set_bucket(&s, b, 10, 10);
    set_bucket(&s, 12, 50, 50);
    set_bucket(&s, 16, 30, 30);
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_BASELINE_RATE], 10, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_SPIKE], 5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_RECOVERY_SPIKE], 3, 1e-12);
    series_free(&s);

    /* Without faults there is no spike, and the baseline is the mean. */
    series_init(&s);
    s.in.nfaults = 0;
    for (b = 0; b < 20; b++)
        set_bucket(&s, b, b, b);
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_BASELINE_RATE], 9.5, 1e-12);
    CU_ASSERT(isnan(s.v[METRIC_SPIKE]) && isnan(s.v[METRIC_RECOVERY_SPIKE]));
    series_free(&s);
}

static void
test_metrics_mttr_of_a_scripted_case(void)
{
    /*
     * All attempts fail in buckets 10 to 13 and succeed elsewhere; the
     * SLO window is 3 buckets. The first boundary from which 3 good
     * buckets follow is 14 s: MTTR 14 - 10 = 4 s; downtime 4 s.
     */
    struct series s;
    size_t b;

    series_init(&s);
    for (b = 0; b < 20; b++)
        set_bucket(&s, b, 100, b >= 10 && b <= 13 ? 0 : 100);
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_MTTR], 4, 1e-12);
    CU_ASSERT(s.v[METRIC_RECOVERED] == 1);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_DOWNTIME], 4, 1e-12);

    /* A fault starting mid-bucket (10.5 s) recovers at 14 s too: 3.5 s. */
    s.fault.start = 10.5;
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_MTTR], 3.5, 1e-12);

    /* One good bucket (14) then a bad one: the window restarts at 16. */
    set_bucket(&s, 15, 100, 99); /* 99 % < 99.9 % */
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_MTTR], 5.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_DOWNTIME], 5, 1e-12);

    /* 999 of 1000 is exactly the SLO: good. */
    set_bucket(&s, 15, 1000, 999);
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_MTTR], 3.5, 1e-12);
    series_free(&s);
}

static void
test_metrics_unrecovered_runs_have_no_mttr(void)
{
    /* Bad until 18 s: only 1 good bucket before the horizon, need 3. */
    struct series s;
    size_t b;

    series_init(&s);
    for (b = 0; b < 20; b++)
        set_bucket(&s, b, 100, b >= 10 && b <= 18 ? 0 : 100);
    metrics_compute(&s.in, s.v);
    CU_ASSERT(s.v[METRIC_RECOVERED] == 0);
    CU_ASSERT(isnan(s.v[METRIC_MTTR]));
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_DOWNTIME], 9, 1e-12);

    /* Buckets where nothing ended do not break the window. */
    for (b = 11; b <= 18; b++)
        set_bucket(&s, b, 0, 0);
    metrics_compute(&s.in, s.v);
    CU_ASSERT(s.v[METRIC_RECOVERED] == 1);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_MTTR], 1, 1e-12);
    series_free(&s);
}

static void
test_metrics_request_rates_and_completion(void)
{
    struct series s;

    series_init(&s);
    s.totals.requests_started = 5;
    s.totals.requests_succeeded = 3;
    s.totals.requests_failed = 1;
    s.totals.requests_unfinished = 1;
    s.totals.attempts = 9;
    s.totals.last_end = 7.5;
    hist_record(s.h, 1);
    metrics_compute(&s.in, s.v);
    /* Rates are over the 4 that finished; amplification over all 5. */
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_SUCCESS_RATE], 0.75, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_ERROR_RATE], 0.25, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_AMPLIFICATION], 1.8, 1e-12);
    CU_ASSERT(isnan(s.v[METRIC_COMPLETION_TIME])); /* one still open */
    s.totals.requests_unfinished = 0;
    s.totals.requests_started = 4;
    metrics_compute(&s.in, s.v);
    CU_ASSERT_DOUBLE_EQUAL(s.v[METRIC_COMPLETION_TIME], 7.5, 1e-12);
    series_free(&s);
}

/* Level of a bucket with ok, fallback and failed logical requests. */
static int
level(uint64_t ok, uint64_t fallback, uint64_t failed)
{
    struct probe *p = probe_new(1, 1, MC_COUNT, ML_COUNT);
    int l;

    p->counts[MC_REQUESTS_SUCCEEDED] = ok;
    p->counts[MC_REQUESTS_DEGRADED] = fallback;
    p->counts[MC_REQUESTS_FAILED] = failed;
    l = metrics_degradation_level(p, 0);
    probe_free(p);
    return l;
}

static void
test_metrics_degradation_level_boundaries(void)
{
    /* s = share served, c = share served by a fallback (section 5). */
    CU_ASSERT(level(0, 0, 0) == 0);    /* nothing ended: full */
    CU_ASSERT(level(10, 0, 0) == 0);   /* s = 1, c = 0: full */
    CU_ASSERT(level(8, 0, 2) == 1);    /* s = 0.8: slight */
    CU_ASSERT(level(6, 3, 1) == 2);    /* s = 0.9, c = 0.3: moderate */
    CU_ASSERT(level(61, 29, 10) == 1); /* s = 0.9, c = 0.29: slight */
    CU_ASSERT(level(79, 0, 21) == 2);  /* s = 0.79: moderate */
    CU_ASSERT(level(6, 0, 4) == 2);    /* s = 0.6: moderate */
    CU_ASSERT(level(59, 0, 41) == 3);  /* s = 0.59: minimal */
    CU_ASSERT(level(3, 0, 7) == 3);    /* s = 0.3: minimal */
    CU_ASSERT(level(29, 0, 71) == 4);  /* s = 0.29: failed */
}

int
suite_metrics(void)
{
    static const struct test_entry tests[] = {
        {"spikes against the baseline",
         test_metrics_spikes_against_the_baseline},
        {"MTTR of a scripted case", test_metrics_mttr_of_a_scripted_case},
        {"unrecovered runs have no MTTR",
         test_metrics_unrecovered_runs_have_no_mttr},
        {"request rates and completion",
         test_metrics_request_rates_and_completion},
        {"degradation level boundaries",
         test_metrics_degradation_level_boundaries},
        {NULL, NULL},
    };

    return tests_add_suite("metrics", tests);
}
