/*
 * The world of one replication: builds the streams, the pools and the
 * event handlers, runs the engine to the horizon and keeps the results.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "model_impl.h"
#include "occ.h"

static int
open_streams(struct model *m)
{
    const struct model_config *c = m->cfg;

    m->rng_arrivals = rng_new(c->seed, c->replication, "arrivals");
    m->rng_think = rng_new(c->seed, c->replication, "think");
    m->rng_service = rng_new(c->seed, c->replication, "service");
    m->rng_network = rng_new(c->seed, c->replication, "network");
    m->rng_faults = rng_new(c->seed, c->replication, "faults");
    m->rng_jitter = rng_new(c->seed, c->replication, "jitter");
    m->rng_healing = rng_new(c->seed, c->replication, "healing");
    return m->rng_arrivals && m->rng_think && m->rng_service &&
                   m->rng_network && m->rng_faults && m->rng_jitter &&
                   m->rng_healing
               ? 0
               : SIM_ENOMEM;
}

/* Fetch both ends of a record: it may straddle two cache lines. */
#define PREFETCH_RECORD(p)                                                   \
    do {                                                                     \
        __builtin_prefetch(p);                                               \
        __builtin_prefetch((const char *)((p) + 1) - 1);                     \
    } while (0)

/*
 * Fetch what the handlers of these soon-due events will read. Retry
 * timers wait seconds among millions of others, so by the time one
 * fires its request has left the cache; a finished service touches the
 * attempt and its request, which after an outage waited long in the
 * service's queue.
 */
static void
prefetch_events(void *ctx, const struct event *ev, size_t n)
{
    const struct model *m = ctx;
    size_t i;

    for (i = 0; i < n; i++) {
        uint32_t arg = ev[i].arg;

        switch (event_kind(&ev[i])) {
        case EV_RETRY:
            __builtin_prefetch(&m->requests[arg]); /* aligned: one line */
            break;
        case EV_SERVED:
            if (m->server_gen[arg] == ev[i].gen) {
                PREFETCH_RECORD(&m->attempts[m->server_job[arg]]);
                __builtin_prefetch(&m->requests[m->server_req[arg]]);
            }
            break;
        case EV_TIMER:
        case EV_REACH:
        case EV_RESPONSE:
            PREFETCH_RECORD(&m->attempts[arg]);
            break;
        default:
            break;
        }
    }
}

static void
register_handlers(struct model *m)
{
    static const struct {
        unsigned kind;
        engine_handler fn;
    } table[] = {
        {EV_ARRIVAL, client_on_arrival},
        {EV_SCHEDULED, client_on_scheduled},
        {EV_THINK_DONE, client_on_think_done},
        {EV_RETRY, client_on_retry},
        {EV_TIMER, client_on_timer},
        {EV_REACH, service_on_reach},
        {EV_SERVED, service_on_served},
        {EV_RESPONSE, client_on_response},
        {EV_CANCEL, service_on_cancel},
        {EV_FAULT_BEGIN, fault_on_begin},
        {EV_FAULT_END, fault_on_end},
        {EV_HALF_OPEN, client_on_half_open},
        {EV_OCC_READ, occ_on_read},
        {EV_OCC_READ_BACK, occ_on_read_back},
        {EV_OCC_WRITE, occ_on_write},
        {EV_PROBE, healing_on_probe},
        {EV_CONFIRMED, healing_on_confirmed},
        {EV_RESTART_DONE, healing_on_restart_done},
        {EV_SWITCHED, healing_on_switched},
        {EV_FAILED_BACK, healing_on_failed_back},
        {EV_SCALED, healing_on_scaled},
        {EV_REPAIRED, healing_on_repaired},
    };
    size_t i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        engine_on(m->eng, table[i].kind, table[i].fn, m);
    engine_on_prefetch(m->eng, prefetch_events, m);
    /* The arrival processes keep one next arrival pending at a time. */
    engine_single(m->eng, EV_ARRIVAL);
    engine_single(m->eng, EV_SCHEDULED);
}

/* Policies with every absent part replaced by an explicit "none". */
static void
fill_policy(struct model_policy *p)
{
    static const struct breaker_config no_breaker = {.trip = BREAKER_OFF};
    static const struct budget_config no_budget = {.kind = BUDGET_NONE};
    static const struct fallback_config no_fallback = {
        .kind = FALLBACK_NONE};

    if (p->breaker == NULL)
        p->breaker = &no_breaker;
    if (p->budget == NULL)
        p->budget = &no_budget;
    if (p->fallback == NULL)
        p->fallback = &no_fallback;
}

static void
set_policies(struct model *m)
{
    const struct model_config *c = m->cfg;

    m->policy[0].retry = c->retry;
    m->policy[0].breaker = c->breaker;
    m->policy[0].budget = c->budget;
    m->policy[0].fallback = c->fallback;
    fill_policy(&m->policy[0]);
    m->policy[1] = m->policy[0];
    if (c->candidate != NULL) {
        m->policy[1] = *c->candidate;
        fill_policy(&m->policy[1]);
        m->cohort = xcalloc(1, sizeof(*m->cohort));
        m->cohort->probe =
            probe_new(c->horizon, c->bucket, MC_COUNT, ML_COUNT);
        m->cohort->latency = hist_new();
        if (c->cohort_window > 0) {
            size_t k, n = (size_t)ceil(c->horizon / c->cohort_window - 1e-9);

            m->cohort->nwindows = n;
            m->cohort->windows = xcalloc(n, sizeof(struct hist *));
            for (k = 0; k < n; k++)
                m->cohort->windows[k] = hist_new();
        }
    }
}

void
model_count_attempt(struct model *m, uint32_t a)
{
    const struct attempt *at = &m->attempts[a];

    model_count_try(m, m->requests[at->req].client, at->number);
}

void
model_count_try(struct model *m, uint32_t client, uint32_t number)
{
    struct cohort *co = cohort_of(m, client);

    m->totals.attempts++;
    if (co != NULL)
        co->totals.attempts++;
    model_count(m, client, MC_ATTEMPTS);
    model_count(m, client, number == 1 ? MC_FIRST_ATTEMPTS : MC_RETRIES);
}

struct model *
model_new(const struct model_config *cfg, struct engine_watch *watch)
{
    struct model *m = xcalloc(1, sizeof(*m));
    size_t i;

    m->cfg = cfg;
    if (open_streams(m) != 0) {
        model_free(m);
        return NULL;
    }
    m->eng = engine_new(cfg->horizon, watch);
    m->probe = probe_new(cfg->horizon, cfg->bucket, MC_COUNT, ML_COUNT);
    m->latency = hist_new();
    m->request_free = NONE32;
    m->attempt_free = NONE32;
    m->fault_active = xcalloc(cfg->nfaults ? cfg->nfaults : 1, 1);
    m->fault_end = xcalloc(cfg->nfaults ? cfg->nfaults : 1, sizeof(double));
    m->detected_at =
        xcalloc(cfg->nfaults ? cfg->nfaults : 1, sizeof(double));
    for (i = 0; i < cfg->nfaults; i++)
        m->fault_end[i] = m->detected_at[i] = NAN;
    m->network = !dist_is_zero(&cfg->service->network_delay);
    set_policies(m);
    register_handlers(m);
    return m;
}

void
model_free(struct model *m)
{
    size_t k;

    if (m == NULL)
        return;
    rng_free(m->rng_arrivals);
    rng_free(m->rng_think);
    rng_free(m->rng_service);
    rng_free(m->rng_network);
    rng_free(m->rng_faults);
    rng_free(m->rng_jitter);
    rng_free(m->rng_healing);
    engine_free(m->eng);
    probe_free(m->probe);
    hist_free(m->latency);
    free(m->requests);
    free(m->prev_waits);
    free(m->attempts);
    free(m->plan);
    free(m->server_job);
    free(m->server_req);
    free(m->server_gen);
    free(m->idle);
    free(m->ring);
    free(m->fault_active);
    free(m->fault_end);
    free(m->detected_at);
    free(m->heal_log);
    if (m->cohort != NULL) {
        probe_free(m->cohort->probe);
        hist_free(m->cohort->latency);
        for (k = 0; k < m->cohort->nwindows; k++)
            hist_free(m->cohort->windows[k]);
        free(m->cohort->windows);
        free(m->cohort);
    }
    free(m->breakers);
    free(m->budgets);
    free(m->last_success);
    free(m);
}

int
model_run(struct model *m)
{
    int rc;

    service_start(m);
    fault_start(m);
    healing_start(m);
    client_start(m);
    rc = engine_run(m->eng);
    if (rc != 0)
        return rc;

    m->totals.requests_unfinished = m->live_requests;
    m->totals.repairs = m->repairs;
    if (m->cohort != NULL) {
        m->cohort->totals.requests_unfinished = m->cohort->live;
        probe_finish(m->cohort->probe);
    }
    probe_finish(m->probe);
    return 0;
}

uint32_t
attempt_alloc(struct model *m)
{
    uint32_t a;

    if (m->attempt_free != NONE32) {
        a = m->attempt_free;
        m->attempt_free = m->attempts[a].server;
        return a;
    }
    if (m->nattempts == m->attempt_cap) {
        SIM_ASSERT(m->attempt_cap < NONE32 / 2);
        m->attempt_cap = m->attempt_cap ? 2 * m->attempt_cap : 1024;
        m->attempts = xreallocarray(m->attempts, m->attempt_cap,
                                    sizeof(*m->attempts));
    }
    a = m->nattempts++;
    m->attempts[a].gen = 0;
    return a;
}

void
attempt_release(struct model *m, uint32_t a)
{
    struct attempt *at = &m->attempts[a];

    at->state = ATT_FREE;
    at->gen++;
    at->server = m->attempt_free;
    m->attempt_free = a;
}

double
model_net_delay(struct model *m)
{
    return dist_draw(&m->cfg->service->network_delay, m->rng_network);
}

const struct probe *
model_probe(const struct model *m)
{
    return m->probe;
}

const struct hist *
model_latency(const struct model *m)
{
    return m->latency;
}

const struct model_totals *
model_totals(const struct model *m)
{
    return &m->totals;
}

struct probe *
model_take_probe(struct model *m)
{
    struct probe *p = m->probe;

    m->probe = NULL;
    return p;
}

const struct healing_entry *
model_healing_log(const struct model *m, size_t *n)
{
    *n = m->heal_len;
    return m->heal_log;
}

const double *
model_fault_ends(const struct model *m)
{
    return m->fault_end;
}

const double *
model_detections(const struct model *m)
{
    return m->detected_at;
}

struct probe *
model_take_cohort_probe(struct model *m)
{
    struct probe *p = m->cohort ? m->cohort->probe : NULL;

    if (m->cohort != NULL)
        m->cohort->probe = NULL;
    return p;
}

const struct hist *
model_cohort_latency(const struct model *m)
{
    return m->cohort ? m->cohort->latency : NULL;
}

const struct hist *
model_cohort_window_latency(const struct model *m, size_t k)
{
    if (m->cohort == NULL || k >= m->cohort->nwindows)
        return NULL;
    return m->cohort->windows[k];
}

const struct model_totals *
model_cohort_totals(const struct model *m)
{
    return m->cohort ? &m->cohort->totals : NULL;
}

uint64_t
model_events(const struct model *m)
{
    return engine_events(m->eng);
}

size_t
model_peak_pending(const struct model *m)
{
    return engine_peak_pending(m->eng);
}

/* ---- Memory estimate -------------------------------------------------- */

/*
 * The waits between the attempts of one request, added up: every nominal
 * delay (full and equal jitter wait less). Decorrelated jitter could in
 * principle triple its wait each time; it is taken to grow as its mean,
 * (base + 3 previous) / 2, which is what the live requests of a storm
 * follow on average.
 */
static double
waits_bound(const struct retry_policy *p, double horizon)
{
    double sum = 0, w = 0, prev = p->base;
    uint32_t k, retries;

    if (p->kind == RETRY_NONE || p->max_attempts <= 1)
        return 0;
    if (p->max_attempts == RETRY_UNLIMITED)
        return horizon;
    retries = p->max_attempts - 1;
    /*
     * Past 1000 retries a fixed wait stays as it is and a growing one is
     * taken at its cap, which keeps the bound and the time it takes.
     */
    for (k = 0; k < retries && k < 1000 && sum < horizon; k++) {
        if (p->jitter == JITTER_DECORRELATED) {
            prev = fmin(p->cap, (p->base + 3 * prev) / 2);
            w = prev;
        } else {
            w = retry_nominal(p, k);
        }
        sum += w;
    }
    if (k < retries && sum < horizon)
        sum += (double)(retries - k) *
               (p->kind == RETRY_FIXED ? w : fmin(p->cap, horizon));
    return fmin(sum, fmin(p->max_total_wait, horizon));
}

/* The mean service time, with every latency fault added. */
static double
service_bound(const struct model_config *c)
{
    double serve = dist_mean(&c->service->service_time);
    size_t i;

    for (i = 0; i < c->nfaults; i++) {
        if (c->faults[i].kind == FAULT_LATENCY)
            serve += dist_mean(&c->faults[i].add);
    }
    return serve;
}

/* First attempts per second, over all clients. */
static double
arrival_rate(const struct model_config *c)
{
    const struct arrival_config *a = &c->clients->arrival;
    double n = c->clients->count;

    switch (a->process) {
    case ARRIVAL_POISSON:
        return a->rate * n;
    case ARRIVAL_PERIODIC:
        return n / a->interval;
    case ARRIVAL_CLOSED:
        return n / fmax(dist_mean(&a->think_time), 1e-6);
    case ARRIVAL_ONCE:
        break;
    }
    return n / fmax(a->spread, 1e-3);
}

/*
 * How long an attempt without a timeout may take: its message legs and
 * its wait in the queue, with a margin of four for the tails of the
 * draws. A bounded queue may be full; a capacity fault may hold it for
 * its whole length. An unbounded queue is taken to wait as an M/M/1 one
 * of the service's whole capacity at the first attempts' load, and a
 * service overloaded by them alone queues until the horizon.
 */
static double
attempt_bound(const struct model_config *c)
{
    const struct service_config *s = c->service;
    double serve = service_bound(c), held = 0, load, t;
    size_t i;

    for (i = 0; i < c->nfaults; i++) {
        const struct fault_spec *f = &c->faults[i];

        if (f->kind == FAULT_CAPACITY)
            held += fmin(f->end, c->horizon) - f->start;
    }
    t = (s->occ ? 4 : 2) * dist_mean(&s->network_delay) + serve;
    if (s->occ)
        return 4 * t;
    if (s->queue_limit != SERVICE_UNLIMITED)
        return 4 * (t + (double)s->queue_limit / s->servers * serve + held);
    load = arrival_rate(c) * serve / s->servers;
    if (!(load < 1))
        return c->horizon;
    /*
     * XXX: a retry storm can overload an unbounded queue for longer than
     * this allows, and then the estimate falls short (README.md, known
     * limitations).
     */
    return 4 * (t + serve * load / (1 - load) + held);
}

/* The longest a request of policy p may live, in seconds. */
static double
lifetime_bound(const struct model_config *c, const struct retry_policy *p)
{
    double attempt = fmin(c->clients->timeout, attempt_bound(c));
    double tries = p->kind == RETRY_NONE ? 1 : p->max_attempts;
    double life;

    if (p->max_attempts == RETRY_UNLIMITED && p->kind != RETRY_NONE)
        return c->horizon;
    life = tries * attempt + waits_bound(p, c->horizon);
    return fmin(c->horizon, fmin(c->clients->deadline, life));
}

/*
 * Requests alive at once: what arrives within one lifetime, for Poisson
 * arrivals four standard deviations above the mean; a closed or once
 * client has at most one request.
 */
static double
live_bound(const struct model_config *c, double life)
{
    const struct arrival_config *a = &c->clients->arrival;
    double n = c->clients->count, mean;

    switch (a->process) {
    case ARRIVAL_POISSON:
        mean = a->rate * n * life;
        return mean + 4 * sqrt(mean) + 16;
    case ARRIVAL_PERIODIC:
        return n * (ceil(life / a->interval) + 1);
    case ARRIVAL_CLOSED:
    case ARRIVAL_ONCE:
        break;
    }
    return n;
}

/* Per-client arrays and the arrival plan. */
static double
per_client_bytes(const struct model_config *c)
{
    const struct model_policy *cand = c->candidate;
    enum arrival_process proc = c->clients->arrival.process;
    double b = 0;

    if (c->breaker->trip != BREAKER_OFF ||
        (cand != NULL && cand->breaker != NULL &&
         cand->breaker->trip != BREAKER_OFF))
        b += sizeof(struct breaker);
    if (c->budget->kind != BUDGET_NONE ||
        (cand != NULL && cand->budget != NULL &&
         cand->budget->kind != BUDGET_NONE))
        b += sizeof(struct budget);
    if ((c->fallback != NULL && c->fallback->kind == FALLBACK_CACHE) ||
        (cand != NULL && cand->fallback != NULL &&
         cand->fallback->kind == FALLBACK_CACHE))
        b += sizeof(double);
    if (proc == ARRIVAL_PERIODIC || proc == ARRIVAL_ONCE)
        b += sizeof(struct planned);
    return b * c->clients->count;
}

/* Servers, including those a failover or autoscaling may bring. */
static double
servers_bound(const struct model_config *c)
{
    const struct healing_config *h = c->healing;
    double n = c->service->servers;

    if (h != NULL && h->mode != HEALING_OFF && h->failover)
        n = fmax(n, h->backup_servers);
    if (h != NULL && h->mode != HEALING_OFF && h->autoscale)
        n = fmax(n, h->scale_max);
    return n;
}

/* The candidate's cohort: its probe and histograms. */
static double
cohort_bytes(const struct model_config *c)
{
    double windows = 0;

    if (c->candidate == NULL)
        return 0;
    if (c->cohort_window > 0)
        windows = ceil(c->horizon / c->cohort_window - 1e-9);
    return sizeof(struct cohort) +
           probe_footprint(c->horizon, c->bucket, MC_COUNT, ML_COUNT) +
           (1 + windows) * ((double)hist_footprint() + sizeof(void *));
}

double
model_footprint(const struct model_config *c)
{
    const struct model_policy *cand = c->candidate;
    const struct healing_config *h = c->healing;
    double life = lifetime_bound(c, c->retry), live, attempts, lingering;
    double places, events, timed, tries, b;

    if (cand != NULL)
        life = fmax(life, lifetime_bound(c, cand->retry));
    live = live_bound(c, life);
    /*
     * Attempts at the service: what fits in its queue and servers, or for
     * an unbounded queue what arrives while one attempt lasts (Little's
     * law), every request making all its attempts. An attempt the client
     * gave up on stays there until it is served, unless the timeout
     * cancels it.
     */
    tries = fmin(c->retry->max_attempts, 64.0);
    if (cand != NULL)
        tries = fmax(tries, fmin(cand->retry->max_attempts, 64.0));
    places = c->service->queue_limit == SERVICE_UNLIMITED
                 ? arrival_rate(c) * tries * attempt_bound(c)
                 : (double)c->service->queue_limit;
    places += servers_bound(c);
    lingering = 0;
    if (isfinite(c->clients->timeout) && !c->service->cancel_on_timeout)
        lingering = fmin(places, live * (tries - 1));
    attempts = fmin(live, places) + lingering;
    /*
     * Each request waits for one event; each attempt with a timeout or a
     * deadline also has its timer, which stays pending after an early
     * answer, so twice.
     */
    timed = isfinite(c->clients->timeout) || isfinite(c->clients->deadline);
    events = live + (timed ? 2 * attempts : 0) + servers_bound(c) +
             2.0 * c->nfaults + 16;
    if (c->clients->arrival.process == ARRIVAL_CLOSED)
        events += c->clients->count;

    /* Pools and rings grow by doubling: up to twice what they hold. */
    b = sizeof(struct model) + 7 * 6000.0 /* GSL's MT19937 states */;
    b += 2 * live * sizeof(struct request);
    if (c->retry->jitter == JITTER_DECORRELATED ||
        (cand != NULL && cand->retry->jitter == JITTER_DECORRELATED))
        b += 2 * live * sizeof(double);
    b += 2 * attempts * sizeof(struct attempt);
    b += 2 * fmax(1024, fmin(places, attempts)) * sizeof(struct queue_slot);
    b += servers_bound(c) * 4 * sizeof(uint32_t);
    b += per_client_bytes(c);
    b += queue_footprint(events);
    b += probe_footprint(c->horizon, c->bucket, MC_COUNT, ML_COUNT);
    b += hist_footprint() + cohort_bytes(c);
    b += (double)c->nfaults * (1 + 2 * sizeof(double));
    if (h != NULL && h->mode != HEALING_OFF)
        b += 4 * (c->horizon / h->check_interval + 16) *
             sizeof(struct healing_entry);
    return b;
}
