/*
 * The OCC row and its reads and writes. The version a read returned
 * travels with the attempt (in its server field, unused here), so the
 * write can be checked against the row when it arrives.
 */
#include "../sim.h"
#include "model_impl.h"
#include "occ.h"

/* Schedule the next leg of attempt a, or take it at once without delay. */
static void
leg(struct model *m, uint32_t a, unsigned kind, engine_handler now_fn)
{
    struct event ev;

    if (m->network) {
        engine_at(m->eng, engine_now(m->eng) + model_net_delay(m), kind, a,
                  m->attempts[a].gen);
        return;
    }
    ev.time = engine_now(m->eng);
    ev.order = kind;
    ev.arg = a;
    ev.gen = m->attempts[a].gen;
    now_fn(m, &ev);
}

/* The latency faults in effect, added to the server's answer. */
static double
server_delay(struct model *m)
{
    const struct model_config *c = m->cfg;
    double t = 0;
    size_t i;

    for (i = 0; m->latency_faults && !faults_bypassed(m) && i < c->nfaults;
         i++) {
        if (m->fault_active[i] && c->faults[i].kind == FAULT_LATENCY)
            t += dist_draw(&c->faults[i].add, m->rng_faults);
    }
    return t;
}

void
occ_send(struct model *m, uint32_t a)
{
    leg(m, a, EV_OCC_READ, occ_on_read);
}

void
occ_on_read(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    struct attempt *at = &m->attempts[ev->arg];
    double delay;

    if (at->gen != ev->gen)
        return;
    if (service_refusing(m)) {
        service_reply(m, ev->arg, OUTCOME_UNAVAILABLE);
        return;
    }
    SIM_ASSERT(m->occ_version < UINT32_MAX);
    at->server = (uint32_t)m->occ_version;
    delay = server_delay(m) + (m->network ? model_net_delay(m) : 0);
    if (delay > 0)
        engine_at(m->eng, engine_now(m->eng) + delay, EV_OCC_READ_BACK,
                  ev->arg, at->gen);
    else
        occ_on_read_back(m, ev);
}

void
occ_on_read_back(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    struct attempt *at = &m->attempts[ev->arg];
    const struct request *rq;

    if (at->gen != ev->gen)
        return;
    rq = &m->requests[at->req];
    if (rq->state != REQ_IN_ATTEMPT || rq->gen != at->req_gen) {
        /* The client gave up on this attempt: no write follows. */
        attempt_release(m, ev->arg);
        return;
    }
    leg(m, ev->arg, EV_OCC_WRITE, occ_on_write);
}

void
occ_on_write(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    struct attempt *at = &m->attempts[ev->arg];
    enum outcome o = OUTCOME_SUCCESS;

    if (at->gen != ev->gen)
        return;
    model_count_attempt(m, ev->arg);

    if (service_refusing(m))
        o = OUTCOME_UNAVAILABLE;
    else if ((o = service_draw_error(m)) == OUTCOME_SUCCESS) {
        /* The write carries the version its read saw. */
        if (at->server == m->occ_version)
            m->occ_version++;
        else
            o = OUTCOME_ERROR;
    }
    service_reply(m, ev->arg, o);
}
