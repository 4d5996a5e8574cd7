/*
 * The service: c servers and a FIFO queue of at most K waiting attempts.
 * An attempt that finds a free working server starts at once; otherwise
 * it waits, or is rejected when the queue is full. Servers take attempts
 * from the head of the queue as they free up.
 */
#include <stdlib.h>

#include "../sim.h"
#include "../core/util.h"
#include "model_impl.h"

void
service_start(struct model *m)
{
    const struct healing_config *h = m->cfg->healing;
    uint32_t s, n = m->cfg->service->servers;

    /* Room for every server a failover or autoscaling may bring. */
    m->servers_alloc = n;
    if (h != NULL && h->failover && h->backup_servers > m->servers_alloc)
        m->servers_alloc = h->backup_servers;
    if (h != NULL && h->autoscale && h->scale_max > m->servers_alloc)
        m->servers_alloc = h->scale_max;
    m->servers_total = n;
    m->servers_up = n;
    m->server_job = xreallocarray(NULL, m->servers_alloc, sizeof(uint32_t));
    m->server_req = xcalloc(m->servers_alloc, sizeof(uint32_t));
    m->server_gen = xcalloc(m->servers_alloc, sizeof(uint32_t));
    m->idle = xreallocarray(NULL, m->servers_alloc, sizeof(uint32_t));
    /* Idle servers are taken from the top: server 0 first. */
    for (s = 0; s < m->servers_alloc; s++) {
        m->server_job[s] = NONE32;
        m->idle[s] = m->servers_alloc - 1 - s;
    }
    m->nidle = m->servers_alloc;
    m->ring_cap = 1024; /* a power of two: see ring_slot */
    m->ring = xreallocarray(NULL, m->ring_cap, sizeof(*m->ring));
    probe_level(m->probe, 0, ML_SERVERS_UP, n);
}

void
service_reply(struct model *m, uint32_t a, enum outcome o)
{
    struct attempt *at = &m->attempts[a];
    double now = engine_now(m->eng);

    at->outcome = (uint8_t)o;
    at->state = ATT_TO_CLIENT;
    at->server = NONE32;
    if (m->network)
        engine_at(m->eng, now + model_net_delay(m), EV_RESPONSE, a, at->gen);
    else
        client_response(m, a);
}

/* Start serving attempt a on an idle server. */
static void
serve(struct model *m, uint32_t a)
{
    const struct model_config *c = m->cfg;
    struct attempt *at = &m->attempts[a];
    double now = engine_now(m->eng), t;
    uint32_t s;
    size_t i;

    SIM_ASSERT(m->nidle > 0 && m->busy < m->servers_up);
    s = m->idle[--m->nidle];
    m->server_job[s] = a;
    m->server_req[s] = at->req;
    m->busy++;
    at->state = ATT_SERVING;
    at->server = s;

    t = dist_draw(&c->service->service_time, m->rng_service);
    for (i = 0; m->latency_faults && !faults_bypassed(m) && i < c->nfaults;
         i++) {
        if (m->fault_active[i] && c->faults[i].kind == FAULT_LATENCY)
            t += dist_draw(&c->faults[i].add, m->rng_faults);
    }
    engine_at(m->eng, now + t, EV_SERVED, s, m->server_gen[s]);
}

static void
release_server(struct model *m, uint32_t s)
{
    m->server_job[s] = NONE32;
    m->server_gen[s]++;
    m->idle[m->nidle++] = s;
    m->busy--;
}

static void
set_queue_level(struct model *m)
{
    probe_level(m->probe, engine_now(m->eng), ML_QUEUE_LEN,
                (double)m->queue_live);
}

/*
 * Slot i of the waiting room counted from its head. The ring's capacity
 * is a power of two (1024, then doubled), so a mask wraps it: a modulo
 * would divide, three times for each queued attempt.
 */
static inline size_t
ring_slot(const struct model *m, size_t i)
{
    return (m->ring_head + i) & (m->ring_cap - 1);
}

static void
enqueue(struct model *m, uint32_t a)
{
    size_t tail;

    if (m->ring_len == m->ring_cap) {
        /* Unroll the ring into a buffer twice the size. */
        struct queue_slot *bigger =
            xreallocarray(NULL, 2 * m->ring_cap, sizeof(*bigger));
        size_t i;

        for (i = 0; i < m->ring_len; i++)
            bigger[i] = m->ring[ring_slot(m, i)];
        free(m->ring);
        m->ring = bigger;
        m->ring_head = 0;
        m->ring_cap *= 2;
    }
    tail = ring_slot(m, m->ring_len++);
    m->ring[tail].attempt = a;
    m->ring[tail].gen = m->attempts[a].gen;
    m->ring[tail].req = m->attempts[a].req;
    m->attempts[a].state = ATT_QUEUED;
    m->queue_live++;
    set_queue_level(m);
}

/*
 * How far ahead in the queue to prefetch: after a long outage attempts
 * wait for seconds, and their records have left the cache by the time a
 * server takes them.
 */
#define QUEUE_LOOKAHEAD 16

/* The oldest live queued attempt, removed; NONE32 when none. */
static uint32_t
dequeue(struct model *m)
{
    while (m->ring_len > 0) {
        struct queue_slot slot = m->ring[m->ring_head];

        if (m->ring_len > QUEUE_LOOKAHEAD) {
            const struct queue_slot *ahead =
                &m->ring[ring_slot(m, QUEUE_LOOKAHEAD)];

            __builtin_prefetch(&m->attempts[ahead->attempt]);
            __builtin_prefetch(&m->requests[ahead->req]);
        }

        m->ring_head = ring_slot(m, 1);
        m->ring_len--;
        if (m->attempts[slot.attempt].gen == slot.gen) {
            m->queue_live--;
            set_queue_level(m);
            return slot.attempt;
        }
    }
    return NONE32;
}

/* Give waiting attempts to idle working servers. */
static void
dispatch(struct model *m)
{
    uint32_t a;

    while (m->busy < m->servers_up && m->queue_live > 0) {
        a = dequeue(m);
        SIM_ASSERT(a != NONE32);
        serve(m, a);
    }
}

void
service_reach(struct model *m, uint32_t a)
{
    model_count_attempt(m, a);

    if (service_refusing(m))
        service_reply(m, a, OUTCOME_UNAVAILABLE);
    else if (m->busy < m->servers_up)
        serve(m, a);
    else if (m->queue_live < m->cfg->service->queue_limit)
        enqueue(m, a);
    else
        service_reply(m, a, OUTCOME_REJECTED);
}

void
service_on_reach(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    if (m->attempts[ev->arg].gen == ev->gen)
        service_reach(m, ev->arg);
}

enum outcome
service_draw_error(struct model *m)
{
    const struct model_config *c = m->cfg;
    size_t i;

    for (i = 0; m->error_faults && !faults_bypassed(m) && i < c->nfaults;
         i++) {
        const struct fault_spec *f = &c->faults[i];

        if (m->fault_active[i] && f->kind == FAULT_ERRORS &&
            rng_uniform(m->rng_faults) < f->rate)
            return f->retryable ? OUTCOME_ERROR : OUTCOME_ERROR_PERMANENT;
    }
    return OUTCOME_SUCCESS;
}

void
service_on_served(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    uint32_t s = ev->arg, a;

    if (m->server_gen[s] != ev->gen)
        return; /* the attempt was dropped or cancelled */
    a = m->server_job[s];
    release_server(m, s);
    service_reply(m, a, service_draw_error(m));
    dispatch(m);
}

void
service_cancel(struct model *m, uint32_t a, uint32_t gen)
{
    struct attempt *at = &m->attempts[a];

    if (at->gen != gen)
        return;
    if (at->state == ATT_QUEUED) {
        /* Its queue slot goes stale with the generation. */
        attempt_release(m, a);
        m->queue_live--;
        set_queue_level(m);
    } else if (at->state == ATT_SERVING) {
        release_server(m, at->server);
        attempt_release(m, a);
        dispatch(m);
    }
    /*
     * XXX: still on its way: the cancellation overtook it and is lost,
     * so the attempt is served in full (README.md, known limitations).
     */
}

void
service_on_cancel(void *ctx, const struct event *ev)
{
    service_cancel(ctx, ev->arg, ev->gen);
}

void
service_drop_inflight(struct model *m)
{
    uint32_t s, a;

    for (s = 0; s < m->servers_alloc; s++) {
        a = m->server_job[s];
        if (a != NONE32) {
            release_server(m, s);
            service_reply(m, a, OUTCOME_UNAVAILABLE);
        }
    }
    while ((a = dequeue(m)) != NONE32)
        service_reply(m, a, OUTCOME_UNAVAILABLE);
}

void
service_outage(struct model *m, int begin, int drop_inflight)
{
    if (!begin) {
        SIM_ASSERT(m->outages > 0);
        m->outages--;
        return;
    }
    m->outages++;
    /*
     * A crash: everything inside the service fails now. XXX: without
     * drop_inflight an outage only turns new attempts away; the queued
     * ones are still served (README.md, known limitations).
     */
    if (drop_inflight && !faults_bypassed(m))
        service_drop_inflight(m);
}

/*
 * The working servers: none during a restart; the backup pool after a
 * failover; otherwise the configured servers less capacity faults, plus
 * what autoscaling added.
 */
void
service_refresh_capacity(struct model *m)
{
    const struct model_config *c = m->cfg;
    uint32_t up = m->servers_total, n;
    size_t i;

    for (i = 0; i < c->nfaults; i++) {
        if (m->fault_active[i] && c->faults[i].kind == FAULT_CAPACITY) {
            n = fault_capacity(&c->faults[i], m->servers_total);
            if (n < up)
                up = n;
        }
    }
    up += m->scaled;
    if (m->on_backup)
        up = c->healing->backup_servers;
    if (m->restarting)
        up = 0;
    if (up != m->servers_up)
        service_set_capacity(m, up);
}

void
service_set_capacity(struct model *m, uint32_t servers_up)
{
    m->servers_up = servers_up;
    probe_level(m->probe, engine_now(m->eng), ML_SERVERS_UP, servers_up);
    dispatch(m);
}
