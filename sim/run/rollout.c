/*
 * Staged rollouts: running each stage's replications with the candidate
 * on a cohort of the clients, judging the gates, and testing the gates
 * themselves against a known-good and a known-bad candidate.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/hist.h"
#include "../core/probe.h"
#include "../core/util.h"
#include "../model/model.h"
#include "metrics.h"
#include "rollout.h"
#include "runner.h"
#include "scenario.h"

const char *
rollout_gate_name(enum gate g)
{
    static const char *const names[GATE_COUNT] = {
        "max_error_rate", "min_success_rate",  "max_spike",
        "max_mttr",       "max_amplification", "max_p99_latency",
    };

    return names[g];
}

uint32_t
rollout_cohort(uint32_t clients, double traffic)
{
    /*
     * Rounded down, at least one: 5 % of 10 clients is 1 client, not 0.
     * A product that is whole but for rounding (29 % of 1e8 clients is
     * 28999999.999999996) is snapped to that whole number first: the
     * error is a few ulps, so a relative 1e-12 catches it and stays far
     * below one client at the loader's 1e8 clients.
     */
    double x = traffic * clients, r = round(x);
    double n = fabs(x - r) <= 1e-12 * r ? r : floor(x);

    if (n < 1)
        return 1;
    return n > clients ? clients : (uint32_t)n;
}

static int
is_minimum(enum gate g)
{
    return g == GATE_MIN_SUCCESS_RATE;
}

int
rollout_gate_holds(enum gate g, double threshold,
                   const struct stats_summary *x)
{
    /*
     * With one replication there is no interval: the value is judged.
     * XXX: the t interval of a rate is not clipped to [0, 1], so with few
     * replications it can reach past a bound and fail a gate that a
     * binomial interval would pass (README.md, known limitations).
     */
    double lo = x->n >= 2 ? x->ci95_lo : x->mean;
    double hi = x->n >= 2 ? x->ci95_hi : x->mean;

    if (x->n == 0)
        return 0; /* nothing to judge on is not a pass */
    return is_minimum(g) ? lo >= threshold : hi <= threshold;
}

void
rollout_wilson(uint32_t k, uint32_t n, double *lo, double *hi)
{
    const double z = 1.959963984540054;
    double p, d, c, h;

    if (n == 0) {
        *lo = *hi = NAN;
        return;
    }
    p = (double)k / n;
    d = 1 + z * z / n;
    c = (p + z * z / (2.0 * n)) / d;
    h = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
    *lo = fmax(0, c - h);
    *hi = fmin(1, c + h);
}

/* ---- One unit: a stage's replication --------------------------------- */

/*
 * Per analysis interval: the cohort's error and success rates and p99
 * latency, and the whole service's amplification.
 */
enum { IV_ERROR, IV_SUCCESS, IV_AMPLIFICATION, IV_P99, IV_COUNT };

struct unit_gate {
    double value[GATE_COUNT];
    int recovered;          /* every fault recovered, for the cohort */
    double *intervals;      /* nintervals x IV_COUNT */
    uint64_t events;
    int status;
};

struct stage_job {
    const struct scenario *sc;
    const struct rollout_stage *stage;
    struct model_policy candidate;
    uint32_t cohort;
    size_t nintervals;
    struct unit_gate *units;
};

static void
policy_of_strategy(const struct strategy *s, struct model_policy *p)
{
    p->retry = &s->retry;
    p->breaker = &s->breaker;
    p->budget = &s->budget;
    p->fallback = &s->fallback;
}

static double
ratio(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : NAN;
}

/* The rate gates over each analysis interval of a unit. */
static void
fill_intervals(const struct model *m, const struct probe *cohort,
               double interval, size_t nint, double *out)
{
    const struct probe *whole = model_probe(m);
    uint64_t ok, bad, deg, att, req;
    size_t k, b;

    for (k = 0; k < nint; k++) {
        ok = bad = deg = att = req = 0;
        for (b = 0; b < cohort->buckets; b++) {
            double t = probe_bucket_start(cohort, b);

            if (t < k * interval - 1e-9 || t >= (k + 1) * interval - 1e-9)
                continue;
            ok += probe_count(cohort, b, MC_REQUESTS_SUCCEEDED);
            bad += probe_count(cohort, b, MC_REQUESTS_FAILED);
            deg += probe_count(cohort, b, MC_REQUESTS_DEGRADED);
            att += probe_count(whole, b, MC_ATTEMPTS);
            req += probe_count(whole, b, MC_REQUESTS_STARTED);
        }
        out[k * IV_COUNT + IV_ERROR] = ratio(bad, ok + bad + deg);
        out[k * IV_COUNT + IV_SUCCESS] = ratio(ok, ok + bad + deg);
        out[k * IV_COUNT + IV_AMPLIFICATION] = ratio(att, req);
        out[k * IV_COUNT + IV_P99] =
            hist_quantile(model_cohort_window_latency(m, k), 0.99);
    }
}

static void
measure(const struct scenario *sc, struct model *m, struct stage_job *job,
        struct unit_gate *u)
{
    struct metrics_input in = {0};
    double whole[METRIC_COUNT], cohort[METRIC_COUNT];
    struct probe *cp = model_take_cohort_probe(m);

    in.faults = sc->faults;
    in.nfaults = sc->nfaults;
    in.fault_ends = model_fault_ends(m);
    in.detections = model_detections(m);
    in.slo_success_rate = sc->slo.success_rate;
    in.slo_window = sc->slo.window;
    in.probe = model_probe(m);
    in.latency = model_latency(m);
    in.totals = model_totals(m);
    metrics_compute(&in, whole);
    in.probe = cp;
    in.latency = model_cohort_latency(m);
    in.totals = model_cohort_totals(m);
    metrics_compute(&in, cohort);

    u->value[GATE_MAX_ERROR_RATE] = cohort[METRIC_ERROR_RATE];
    u->value[GATE_MIN_SUCCESS_RATE] = cohort[METRIC_SUCCESS_RATE];
    u->value[GATE_MAX_SPIKE] = whole[METRIC_SPIKE];
    u->value[GATE_MAX_MTTR] = cohort[METRIC_MTTR];
    u->value[GATE_MAX_AMPLIFICATION] = whole[METRIC_AMPLIFICATION];
    u->value[GATE_MAX_P99_LATENCY] = cohort[METRIC_LATENCY_P99];
    u->recovered = cohort[METRIC_RECOVERED] == 1;
    if (job->nintervals > 0) {
        u->intervals = xcalloc(job->nintervals * IV_COUNT, sizeof(double));
        fill_intervals(m, cp, sc->rollout.interval,
                       job->nintervals, u->intervals);
    }
    probe_free(cp);
}

/* Run replication rep of a stage into u. */
void
rollout_world_config(const struct scenario *sc,
                     const struct model_policy *candidate, uint32_t cohort,
                     struct model_config *cfg)
{
    const struct rollout_config *ro = &sc->rollout;
    const struct strategy *base = &sc->strategies[ro->baseline];

    memset(cfg, 0, sizeof(*cfg));
    cfg->clients = &sc->clients;
    cfg->service = &sc->service;
    cfg->faults = sc->faults;
    cfg->nfaults = sc->nfaults;
    cfg->retry = &base->retry;
    cfg->breaker = &base->breaker;
    cfg->budget = &base->budget;
    cfg->fallback = &base->fallback;
    cfg->healing = &sc->healing;
    cfg->candidate = candidate;
    cfg->candidate_clients = cohort;
    cfg->cohort_window = ro->analysis ? ro->interval : 0;
    cfg->horizon = sc->duration;
    cfg->bucket = sc->bucket;
}

static void
run_stage_unit(struct stage_job *job, uint32_t rep, struct unit_gate *u,
               struct engine_watch *watch)
{
    const struct scenario *sc = job->sc;
    struct model_config cfg;
    struct model *m;

    rollout_world_config(sc, &job->candidate, job->cohort, &cfg);
    cfg.seed = sc->seed;
    cfg.replication = rep;
    m = model_new(&cfg, watch);

    if (m == NULL) {
        u->status = SIM_ENOMEM;
        return;
    }
    u->status = model_run(m);
    if (u->status == 0)
        measure(sc, m, job, u);
    u->events = model_events(m);
    model_free(m);
}

static void
stage_task(void *ctx, size_t index, struct engine_watch *watch)
{
    struct stage_job *job = ctx;

    run_stage_unit(job, (uint32_t)index, &job->units[index], watch);
}

static void
job_init(struct stage_job *job, const struct scenario *sc, size_t stage,
         size_t candidate, size_t nunits)
{
    const struct rollout_config *ro = &sc->rollout;

    memset(job, 0, sizeof(*job));
    job->sc = sc;
    job->stage = &ro->stages[stage];
    policy_of_strategy(&sc->strategies[candidate], &job->candidate);
    job->cohort = rollout_cohort(sc->clients.count, job->stage->traffic);
    job->nintervals =
        ro->analysis ? (size_t)ceil(sc->duration / ro->interval - 1e-9) : 0;
    job->units = xcalloc(nunits, sizeof(*job->units));
}

static void
job_free(struct stage_job *job, size_t nunits)
{
    size_t i;

    for (i = 0; i < nunits; i++)
        free(job->units[i].intervals);
    free(job->units);
}

/* ---- Judging ------------------------------------------------------- */

/*
 * The analysis: each interval is a check of the rate gates on the mean
 * over the replications; the stage fails at failure_limit failed checks.
 * XXX: a canary controller sees one world, where these checks see the
 * mean of several: the validation trials judge one replication each
 * (README.md, known limitations).
 */
static void
judge_analysis(const struct stage_job *job, size_t n, struct stage_result *r)
{
    static const struct {
        enum gate g;
        int column;
    } rates[] = {
        {GATE_MAX_ERROR_RATE, IV_ERROR},
        {GATE_MIN_SUCCESS_RATE, IV_SUCCESS},
        {GATE_MAX_AMPLIFICATION, IV_AMPLIFICATION},
        {GATE_MAX_P99_LATENCY, IV_P99},
    };
    const struct rollout_stage *st = job->stage;
    struct stats_summary x;
    double *v = xcalloc(n, sizeof(*v));
    size_t k, i, j;
    int failed;

    r->failed_checks = 0;
    for (k = 0; k < job->nintervals; k++) {
        failed = 0;
        for (j = 0; j < sizeof(rates) / sizeof(rates[0]); j++) {
            if (!st->has[rates[j].g])
                continue;
            for (i = 0; i < n; i++)
                v[i] = job->units[i].intervals[k * IV_COUNT +
                                               rates[j].column];
            stats_summarize(v, n, 1, &x);
            x.n = x.n ? 1 : 0; /* a check judges the mean, as a canary */
            if (x.n && !rollout_gate_holds(rates[j].g,
                                           st->threshold[rates[j].g], &x))
                failed = 1;
        }
        r->failed_checks += (uint32_t)failed;
    }
    free(v);
    r->analysis = r->failed_checks >= job->sc->rollout.failure_limit
                      ? VERDICT_FAIL
                      : VERDICT_PASS;
}

static void
judge(const struct stage_job *job, size_t n, struct stage_result *r)
{
    const struct rollout_stage *st = job->stage;
    double *v = xcalloc(n, sizeof(*v));
    size_t i;
    int g, unrecovered = 0;

    r->cohort = job->cohort;
    r->overall = VERDICT_PASS;
    for (i = 0; i < n; i++)
        unrecovered += !job->units[i].recovered;
    for (g = 0; g < GATE_COUNT; g++) {
        for (i = 0; i < n; i++)
            v[i] = job->units[i].value[g];
        stats_summarize(v, n, 1, &r->value[g]);
        if (!st->has[g]) {
            r->verdict[g] = VERDICT_SKIPPED;
            continue;
        }
        if (g == GATE_MAX_SPIKE && r->value[g].n == 0)
            r->verdict[g] = VERDICT_PASS; /* no fault, no spike */
        else if (g == GATE_MAX_MTTR && unrecovered > 0)
            r->verdict[g] = VERDICT_FAIL; /* never recovered: no MTTR */
        else
            r->verdict[g] =
                rollout_gate_holds((enum gate)g, st->threshold[g],
                                   &r->value[g])
                    ? VERDICT_PASS
                    : VERDICT_FAIL;
        if (r->verdict[g] == VERDICT_FAIL)
            r->overall = VERDICT_FAIL;
    }
    free(v);
    r->analysis = VERDICT_SKIPPED;
    if (job->nintervals > 0) {
        judge_analysis(job, n, r);
        if (r->analysis == VERDICT_FAIL)
            r->overall = VERDICT_FAIL;
    }
}

/* ---- The rollout ------------------------------------------------------ */

static uint64_t
job_events(const struct stage_job *job, size_t n, int *status)
{
    uint64_t events = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        events += job->units[i].events;
        if (job->units[i].status != 0)
            *status = job->units[i].status;
    }
    return events;
}

static int
run_stages(const struct scenario *sc, const struct runner_options *opt,
           struct rollout_result *out)
{
    const struct rollout_config *ro = &sc->rollout;
    struct stage_job job;
    size_t s, k;
    int status = 0;

    out->failed_stage = -1;
    for (s = 0; s < ro->nstages; s++) {
        job_init(&job, sc, s, ro->candidate, sc->replications);
        status = runner_map(sc->replications, opt, stage_task, &job);
        out->events += job_events(&job, sc->replications, &status);
        if (status == 0)
            judge(&job, sc->replications, &out->stages[s]);
        job_free(&job, sc->replications);
        if (status != 0)
            return status;
        if (out->stages[s].overall == VERDICT_FAIL) {
            out->failed_stage = (int)s;
            break;
        }
    }
    /* The stages after a failure never run. */
    for (s = (size_t)(out->failed_stage + 1);
         out->failed_stage >= 0 && s < ro->nstages; s++) {
        out->stages[s].overall = VERDICT_SKIPPED;
        out->stages[s].analysis = VERDICT_SKIPPED;
        out->stages[s].cohort =
            rollout_cohort(sc->clients.count, ro->stages[s].traffic);
        for (k = 0; k < GATE_COUNT; k++)
            out->stages[s].verdict[k] = VERDICT_SKIPPED;
    }
    return 0;
}

/*
 * Validation trials: trial t is one replication (t) taken through the
 * stages with the gates judged on its values alone, as a real rollout
 * sees one world; stopped[t] is the stage that stopped it (nstages when
 * none did).
 */
struct trial_job {
    const struct scenario *sc;
    size_t candidate;
    uint32_t first;          /* replication of trial 0 */
    size_t *stopped;
    uint64_t *events;
    int *status;
};

static void
trial_task(void *ctx, size_t t, struct engine_watch *watch)
{
    struct trial_job *tj = ctx;
    const struct rollout_config *ro = &tj->sc->rollout;
    struct stage_result r;
    struct stage_job job;
    size_t s;

    tj->stopped[t] = ro->nstages;
    for (s = 0; s < ro->nstages; s++) {
        job_init(&job, tj->sc, s, tj->candidate, 1);
        run_stage_unit(&job, tj->first + (uint32_t)t, &job.units[0], watch);
        tj->events[t] += job.units[0].events;
        tj->status[t] = job.units[0].status;
        if (tj->status[t] == 0)
            judge(&job, 1, &r);
        job_free(&job, 1);
        if (tj->status[t] != 0 || r.overall == VERDICT_FAIL) {
            tj->stopped[t] = s;
            return;
        }
    }
}

static int
run_trials(const struct scenario *sc, const struct runner_options *opt,
           size_t candidate, uint32_t first, size_t *stopped,
           uint64_t *events)
{
    uint32_t n = sc->rollout.trials;
    uint64_t *ev = xcalloc(n, sizeof(*ev));
    int *status = xcalloc(n, sizeof(*status));
    struct trial_job tj = {sc, candidate, first, stopped, ev, status};
    int rc = runner_map(n, opt, trial_task, &tj);
    uint32_t t;

    for (t = 0; t < n; t++) {
        *events += ev[t];
        if (status[t] != 0)
            rc = status[t];
    }
    free(ev);
    free(status);
    return rc;
}

static int
validate(const struct scenario *sc, const struct runner_options *opt,
         struct rollout_result *out)
{
    const struct rollout_config *ro = &sc->rollout;
    uint32_t n = ro->trials, t, reached_good, reached_bad, stopped, passed;
    size_t *good = xcalloc(n, sizeof(*good));
    size_t *bad = xcalloc(n, sizeof(*bad));
    size_t s;
    int rc;

    /*
     * The bad candidate's trials see other worlds (replications) than the
     * good one's: the two rates are independent estimates, each what a
     * team would see on its own.
     */
    rc = run_trials(sc, opt, ro->good, 0, good, &out->events);
    if (rc == 0)
        rc = run_trials(sc, opt, ro->bad, n, bad, &out->events);
    out->validation = xcalloc(ro->nstages, sizeof(*out->validation));
    for (s = 0; rc == 0 && s < ro->nstages; s++) {
        struct stage_validation *v = &out->validation[s];

        reached_good = reached_bad = stopped = passed = 0;
        for (t = 0; t < n; t++) {
            reached_good += good[t] >= s;
            stopped += good[t] == s;
            reached_bad += bad[t] >= s;
            passed += bad[t] > s;
        }
        v->good_trials = reached_good;
        v->bad_trials = reached_bad;
        v->false_alarms = reached_good ? (double)stopped / reached_good : NAN;
        v->misses = reached_bad ? (double)passed / reached_bad : NAN;
        rollout_wilson(stopped, reached_good, &v->fa_lo, &v->fa_hi);
        rollout_wilson(passed, reached_bad, &v->miss_lo, &v->miss_hi);
    }
    free(good);
    free(bad);
    return rc;
}

int
rollout_run(const struct scenario *sc, const struct runner_options *opt,
            struct rollout_result *out)
{
    int rc;

    SIM_ASSERT(sc->rollout.enabled);
    memset(out, 0, sizeof(*out));
    out->sc = sc;
    out->stages = xcalloc(sc->rollout.nstages, sizeof(*out->stages));
    rc = run_stages(sc, opt, out);
    if (rc == 0 && sc->rollout.validate)
        rc = validate(sc, opt, out);
    return rc;
}

void
rollout_result_free(struct rollout_result *r)
{
    free(r->stages);
    free(r->validation);
    memset(r, 0, sizeof(*r));
}
