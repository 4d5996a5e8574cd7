/*
 * Clients: arrival processes, the life of a logical request and the
 * retry decision after a failed attempt.
 *
 * Poisson clients are simulated as one superposed process: N independent
 * Poisson processes of rate r are, together, one Poisson process of rate
 * N r whose every arrival belongs to a client picked uniformly. This keeps
 * one pending arrival instead of N. Periodic and once clients draw their
 * times up front and are walked through in time order, for the same
 * reason. Closed clients each keep their own think-time event.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "model_impl.h"
#include "occ.h"

const char *
arrival_process_name(enum arrival_process p)
{
    static const char *const names[] = {"poisson", "closed", "periodic",
                                        "once"};

    return names[p];
}

/* Does either group of clients draw decorrelated jitter? */
static int
uses_decorrelated(const struct model *m)
{
    return m->policy[0].retry->jitter == JITTER_DECORRELATED ||
           m->policy[1].retry->jitter == JITTER_DECORRELATED;
}

static uint32_t
request_alloc(struct model *m)
{
    uint32_t r;

    if (m->request_free != NONE32) {
        r = m->request_free;
        m->request_free = m->requests[r].client;
        return r;
    }
    if (m->nrequests == m->request_cap) {
        /* Grow by hand: realloc would not keep the alignment. */
        uint32_t cap = m->request_cap ? 2 * m->request_cap : 1024;
        struct request *bigger;

        SIM_ASSERT(m->request_cap < NONE32 / 2);
        bigger = xaligned_alloc(REQUEST_ALIGN, cap, sizeof(*bigger));
        if (m->nrequests > 0)
            memcpy(bigger, m->requests, m->nrequests * sizeof(*bigger));
        free(m->requests);
        m->requests = bigger;
        if (uses_decorrelated(m))
            m->prev_waits =
                xreallocarray(m->prev_waits, cap, sizeof(double));
        m->request_cap = cap;
    }
    r = m->nrequests++;
    m->requests[r].gen = 0;
    return r;
}

static void
request_release(struct model *m, uint32_t r)
{
    struct request *rq = &m->requests[r];

    rq->state = REQ_FREE;
    rq->gen++;
    rq->client = m->request_free;
    m->request_free = r;
}

static void after_failure(struct model *m, uint32_t r, enum outcome o);
static void answered(struct model *m, uint32_t r, enum outcome o,
                     uint32_t number);

/*
 * The totals that client's events go to: the whole service's, and its
 * cohort's when it has one. Returns how many (1 or 2).
 */
static int
totals_of(struct model *m, uint32_t client, struct model_totals *t[2])
{
    struct cohort *co = cohort_of(m, client);

    t[0] = &m->totals;
    t[1] = co ? &co->totals : NULL;
    return co ? 2 : 1;
}

/* Count how an attempt (or a call) of client ended. */
static void
tally_outcome(struct model *m, uint32_t client, enum outcome o)
{
    static const unsigned counter[OUTCOME_COUNT] = {
        [OUTCOME_SUCCESS] = MC_SUCCESSES,
        [OUTCOME_UNAVAILABLE] = MC_FAILURES,
        [OUTCOME_ERROR] = MC_FAILURES,
        [OUTCOME_ERROR_PERMANENT] = MC_FAILURES,
        [OUTCOME_REJECTED] = MC_REJECTED,
        [OUTCOME_TIMEOUT] = MC_TIMEOUTS,
        [OUTCOME_SHORT_CIRCUITED] = MC_SHORT_CIRCUITED,
    };
    struct model_totals *t[2];
    int i, n = totals_of(m, client, t);

    for (i = 0; i < n; i++)
        t[i]->outcomes[o]++;
    model_count(m, client, counter[o]);
}

/*
 * The breaker of request r's client refused the call: it fails at once
 * inside the client and never reaches the service. Short-circuited calls
 * are not retried; the request fails fast.
 */
static void
short_circuit(struct model *m, uint32_t r)
{
    tally_outcome(m, m->requests[r].client, OUTCOME_SHORT_CIRCUITED);
    after_failure(m, r, OUTCOME_SHORT_CIRCUITED);
}

/* Send the next attempt of request r, if its client's breaker lets it. */
static void
send_attempt(struct model *m, uint32_t r)
{
    const struct client_config *cc = m->cfg->clients;
    struct request *rq = &m->requests[r];
    double now = engine_now(m->eng), expiry;
    struct attempt *at;
    uint32_t a;

    if (m->breakers != NULL &&
        !breaker_allow(policy_of(m, rq->client)->breaker,
                       &m->breakers[rq->client])) {
        short_circuit(m, r);
        return;
    }
    rq->attempts++;
    rq->gen++;
    rq->state = REQ_IN_ATTEMPT;
    m->totals.attempts_sent++;
    if (cohort_of(m, rq->client) != NULL)
        m->cohort->totals.attempts_sent++;

    /* Neither is NaN, so a comparison does what fmin's call would. */
    expiry = now + cc->timeout;
    if (rq->start + cc->deadline < expiry)
        expiry = rq->start + cc->deadline;

    /*
     * A service that turns every attempt away answers at once when no
     * network lies between and no timer has to be set, so the attempt
     * needs no record: in an outage most events are such retries.
     */
    if (!m->network && !m->cfg->service->occ && !(expiry < INFINITY) &&
        service_refusing(m)) {
        model_count_try(m, rq->client, rq->attempts);
        answered(m, r, OUTCOME_UNAVAILABLE, rq->attempts);
        return;
    }

    a = attempt_alloc(m);
    at = &m->attempts[a];
    at->req = r;
    at->req_gen = rq->gen;
    at->number = rq->attempts;
    at->server = NONE32;
    at->state = ATT_TO_SERVICE;
    if (expiry < INFINITY)
        engine_at(m->eng, expiry, EV_TIMER, a, at->gen);

    if (m->cfg->service->occ)
        occ_send(m, a);
    else if (m->network)
        engine_at(m->eng, now + model_net_delay(m), EV_REACH, a, at->gen);
    else
        service_reach(m, a);
}

static void
new_request(struct model *m, uint32_t client)
{
    double now = engine_now(m->eng);
    uint32_t r = request_alloc(m);
    struct request *rq = &m->requests[r];

    const struct model_policy *pol = policy_of(m, client);
    struct model_totals *t[2];
    int i, n = totals_of(m, client, t);

    rq->start = now;
    if (m->prev_waits != NULL)
        m->prev_waits[r] = retry_first_prev(pol->retry);
    rq->total_wait = 0;
    rq->client = client;
    rq->attempts = 0;
    rq->retry_cost = 0;
    if (m->budgets != NULL)
        budget_on_request(pol->budget, &m->budgets[client], now);
    m->live_requests++;
    if (n == 2)
        m->cohort->live++;
    for (i = 0; i < n; i++)
        t[i]->requests_started++;
    model_count(m, client, MC_REQUESTS_STARTED);
    probe_level(m->probe, now, ML_IN_FLIGHT, m->live_requests);
    send_attempt(m, r);
}

/*
 * Request r ends: succeeded (ok), or failed, in which case the client's
 * fallback may still serve it (degraded).
 */
static void
end_request(struct model *m, uint32_t r, int ok)
{
    const struct arrival_config *ac = &m->cfg->clients->arrival;
    struct request *rq = &m->requests[r];
    double now = engine_now(m->eng);
    uint32_t client = rq->client;
    const struct fallback_config *fb = policy_of(m, client)->fallback;
    struct cohort *co = cohort_of(m, client);
    struct model_totals *t[2];
    int i, n = totals_of(m, client, t);
    unsigned fate;

    if (ok) {
        fate = MC_REQUESTS_SUCCEEDED;
        if (m->last_success != NULL)
            m->last_success[client] = now;
    } else if (fallback_serves(fb, m->last_success
                                       ? m->last_success[client]
                                       : NAN,
                               now)) {
        fate = MC_REQUESTS_DEGRADED;
    } else {
        fate = MC_REQUESTS_FAILED;
    }
    for (i = 0; i < n; i++) {
        t[i]->requests_succeeded += fate == MC_REQUESTS_SUCCEEDED;
        t[i]->requests_degraded += fate == MC_REQUESTS_DEGRADED;
        t[i]->requests_failed += fate == MC_REQUESTS_FAILED;
        t[i]->last_end = now;
    }
    model_count(m, client, fate);
    hist_record(m->latency, now - rq->start);
    if (co != NULL) {
        hist_record(co->latency, now - rq->start);
        if (co->nwindows > 0)
            cohort_record_window(m, co, now, now - rq->start);
        co->live--;
    }
    m->live_requests--;
    probe_level(m->probe, now, ML_IN_FLIGHT, m->live_requests);
    request_release(m, r);

    if (ac->process == ARRIVAL_CLOSED)
        engine_at(m->eng, now + dist_draw(&ac->think_time, m->rng_think),
                  EV_THINK_DONE, client, 0);
}

/*
 * Attempt of request r failed with outcome o: retry after a wait, or end
 * the request as failed. The checks follow the order of the policy stack:
 * is the failure retryable, are attempts left, does the wait fit the
 * retry budget in time and the request's deadline, and does the client's
 * retry budget allow another try.
 */
static void
after_failure(struct model *m, uint32_t r, enum outcome o)
{
    struct request *rq = &m->requests[r];
    const struct model_policy *pol = policy_of(m, rq->client);
    const struct retry_policy *p = pol->retry;
    double now = engine_now(m->eng), wait, unused_prev = p->base;
    double *prev = m->prev_waits ? &m->prev_waits[r] : &unused_prev;
    struct model_totals *t[2];
    uint32_t cost;
    int i, n;

    if (!(p->retry_on & OUTCOME_BIT(o)) || rq->attempts >= p->max_attempts) {
        end_request(m, r, 0);
        return;
    }
    wait = retry_wait(p, rq->attempts - 1, prev, m->rng_jitter);
    if (rq->total_wait + wait > p->max_total_wait ||
        now + wait >= rq->start + m->cfg->clients->deadline) {
        end_request(m, r, 0);
        return;
    }
    if (m->budgets != NULL &&
        !budget_try_retry(pol->budget, &m->budgets[rq->client], now, o,
                          &cost)) {
        n = totals_of(m, rq->client, t);
        for (i = 0; i < n; i++)
            t[i]->retries_refused++;
        end_request(m, r, 0);
        return;
    }
    if (m->budgets != NULL)
        rq->retry_cost = (uint16_t)cost;
    rq->total_wait += wait;
    rq->gen++;
    rq->state = REQ_WAITING;
    /* Past the horizon the retry is dropped: the request stays open. */
    engine_at(m->eng, now + wait, EV_RETRY, r, rq->gen);
}

static void
set_breakers_level(struct model *m)
{
    probe_level(m->probe, engine_now(m->eng), ML_BREAKERS_OPEN,
                m->breakers_open);
}

/*
 * Tell the client's breaker and budget how an attempt ended. A
 * non-retryable error is the caller's fault (like a 4xx), so it counts
 * as neither a failure nor a success of the service.
 */
static void
record_outcome_in(struct model *m, const struct request *rq, enum outcome o,
                  int was_retry)
{
    const struct model_policy *pol = policy_of(m, rq->client);
    double now = engine_now(m->eng);
    int failure = o != OUTCOME_SUCCESS;

    if (m->heal != NULL)
        healing_count(m, !failure);
    if (m->budgets != NULL) {
        struct budget *b = &m->budgets[rq->client];

        if (failure)
            budget_on_failure(pol->budget, b);
        else
            budget_on_success(pol->budget, b, was_retry, rq->retry_cost);
    }
    if (m->breakers != NULL && pol->breaker->trip != BREAKER_OFF) {
        struct breaker *b = &m->breakers[rq->client];

        if (breaker_record(pol->breaker, b, now, failure) ==
            BREAKER_OPENED) {
            m->breakers_open++;
            set_breakers_level(m);
            engine_at(m->eng, now + pol->breaker->open_for, EV_HALF_OPEN,
                      rq->client, b->gen);
        }
    }
}

/* Most runs have none of the three; this runs at every answer. */
static inline void
record_outcome(struct model *m, const struct request *rq, enum outcome o,
               int was_retry)
{
    if (o != OUTCOME_ERROR_PERMANENT &&
        (m->heal != NULL || m->budgets != NULL || m->breakers != NULL))
        record_outcome_in(m, rq, o, was_retry);
}

void
client_on_half_open(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    if (breaker_half_open(&m->breakers[ev->arg], ev->gen)) {
        m->breakers_open--;
        set_breakers_level(m);
    }
}

/* The number-th try of request r, still awaited, ended with o. */
static void
answered(struct model *m, uint32_t r, enum outcome o, uint32_t number)
{
    const struct request *rq = &m->requests[r];

    tally_outcome(m, rq->client, o);
    record_outcome(m, rq, o, number > 1);
    if (o == OUTCOME_SUCCESS)
        end_request(m, r, 1);
    else
        after_failure(m, r, o);
}

void
client_response(struct model *m, uint32_t a)
{
    struct attempt *at = &m->attempts[a];
    uint32_t r = at->req;
    struct request *rq = &m->requests[r];
    enum outcome o = (enum outcome)at->outcome;
    int waiting = rq->state == REQ_IN_ATTEMPT && rq->gen == at->req_gen;
    uint32_t number = at->number;

    attempt_release(m, a);
    if (!waiting)
        return; /* the client timed out already; the answer is late */
    answered(m, r, o, number);
}

void
client_on_response(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    if (m->attempts[ev->arg].gen == ev->gen)
        client_response(m, ev->arg);
}

void
client_on_timer(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    struct attempt *at = &m->attempts[ev->arg];
    struct request *rq;
    double now = engine_now(m->eng);
    uint32_t r;

    if (at->gen != ev->gen)
        return; /* answered already */
    r = at->req;
    rq = &m->requests[r];
    if (rq->state != REQ_IN_ATTEMPT || rq->gen != at->req_gen)
        return;

    rq->gen++; /* the answer, if it comes, is now late */
    tally_outcome(m, rq->client, OUTCOME_TIMEOUT);
    record_outcome(m, rq, OUTCOME_TIMEOUT, at->number > 1);
    if (m->cfg->service->cancel_on_timeout && at->state != ATT_TO_CLIENT) {
        if (m->network)
            engine_at(m->eng, now + model_net_delay(m), EV_CANCEL, ev->arg,
                      at->gen);
        else
            service_cancel(m, ev->arg, at->gen);
    }

    if (now >= rq->start + m->cfg->clients->deadline)
        end_request(m, r, 0);
    else
        after_failure(m, r, OUTCOME_TIMEOUT);
}

void
client_on_retry(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    struct request *rq = &m->requests[ev->arg];

    if (rq->state == REQ_WAITING && rq->gen == ev->gen)
        send_attempt(m, ev->arg);
}

void
client_on_arrival(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    (void)ev;
    new_request(m, rng_below(m->rng_arrivals, m->cfg->clients->count));
    engine_at(m->eng,
              engine_now(m->eng) + rng_exponential(m->rng_arrivals,
                                                   m->arrival_gap),
              EV_ARRIVAL, 0, 0);
}

void
client_on_think_done(void *ctx, const struct event *ev)
{
    new_request(ctx, ev->arg);
}

/* The time of planned arrival plan_next in cycle plan_cycle. */
static double
planned_time(const struct model *m)
{
    const struct arrival_config *ac = &m->cfg->clients->arrival;
    double t = m->plan[m->plan_next].t;

    if (ac->process == ARRIVAL_PERIODIC)
        t += (double)m->plan_cycle * ac->interval;
    return t;
}

void
client_on_scheduled(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    const struct client_config *cc = m->cfg->clients;
    double now = engine_now(m->eng);

    (void)ev;
    new_request(m, m->plan[m->plan_next].client);
    if (++m->plan_next == cc->count) {
        if (cc->arrival.process == ARRIVAL_ONCE)
            return;
        m->plan_next = 0;
        m->plan_cycle++;
    }
    /* Rounding could put the next cycle's first time a hair before now. */
    engine_at(m->eng, fmax(now, planned_time(m)), EV_SCHEDULED, 0, 0);
}

static int
planned_order(const void *a, const void *b)
{
    const struct planned *x = a, *y = b;

    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->client < y->client ? -1 : x->client > y->client;
}

/* Draw every client's phase (periodic) or time (once), in time order. */
static void
plan_arrivals(struct model *m)
{
    const struct arrival_config *ac = &m->cfg->clients->arrival;
    uint32_t i, n = m->cfg->clients->count;

    m->plan = xreallocarray(NULL, n, sizeof(*m->plan));
    for (i = 0; i < n; i++) {
        m->plan[i].client = i;
        if (ac->process == ARRIVAL_PERIODIC)
            m->plan[i].t = rng_flat(m->rng_arrivals, 0, ac->interval);
        else
            m->plan[i].t = ac->at + rng_flat(m->rng_arrivals, 0, ac->spread);
    }
    qsort(m->plan, n, sizeof(*m->plan), planned_order);
    m->plan_next = 0;
    m->plan_cycle = 0;
    engine_at(m->eng, planned_time(m), EV_SCHEDULED, 0, 0);
}

void
client_start(struct model *m)
{
    const struct client_config *cc = m->cfg->clients;
    const struct arrival_config *ac = &cc->arrival;
    uint32_t c;

    /* Per-client state, when either group's policies need it. */
    if (m->policy[0].breaker->trip != BREAKER_OFF ||
        m->policy[1].breaker->trip != BREAKER_OFF) {
        m->breakers = xreallocarray(NULL, cc->count, sizeof(*m->breakers));
        for (c = 0; c < cc->count; c++)
            breaker_init(&m->breakers[c]);
    }
    if (m->policy[0].fallback->kind == FALLBACK_CACHE ||
        m->policy[1].fallback->kind == FALLBACK_CACHE) {
        m->last_success = xreallocarray(NULL, cc->count, sizeof(double));
        for (c = 0; c < cc->count; c++)
            m->last_success[c] = NAN;
    }
    if (m->policy[0].budget->kind != BUDGET_NONE ||
        m->policy[1].budget->kind != BUDGET_NONE) {
        m->budgets = xreallocarray(NULL, cc->count, sizeof(*m->budgets));
        for (c = 0; c < cc->count; c++)
            budget_init(policy_of(m, c)->budget, &m->budgets[c]);
    }

    switch (ac->process) {
    case ARRIVAL_POISSON:
        m->arrival_gap = 1.0 / (ac->rate * cc->count);
        engine_at(m->eng, rng_exponential(m->rng_arrivals, m->arrival_gap),
                  EV_ARRIVAL, 0, 0);
        break;
    case ARRIVAL_CLOSED:
        /* Each client starts after one think time, not all at 0. */
        for (c = 0; c < cc->count; c++)
            engine_at(m->eng, dist_draw(&ac->think_time, m->rng_think),
                      EV_THINK_DONE, c, 0);
        break;
    case ARRIVAL_PERIODIC:
    case ARRIVAL_ONCE:
        plan_arrivals(m);
        break;
    }
}
