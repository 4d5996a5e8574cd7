/*
 * The fault timeline. Overlapping faults combine: outages nest, error
 * faults are tried in file order (the first that strikes decides), added
 * latencies sum, and the smallest capacity wins.
 */
#include <math.h>

#include "../sim.h"
#include "model_impl.h"

const char *
fault_cure_name(enum fault_cure cure)
{
    static const char *const names[] = {"restart", "failover", "scale",
                                        "human"};

    return names[cure];
}

const char *
fault_kind_name(enum fault_kind kind)
{
    static const char *const names[] = {"outage", "errors", "latency",
                                        "capacity"};

    return names[kind];
}

uint32_t
fault_capacity(const struct fault_spec *f, uint32_t configured)
{
    double n = f->servers;

    /* A fraction rounds down: 50% of 5 servers leaves 2. */
    if (f->servers_fraction)
        n = floor(f->servers * configured + 1e-9);
    return n < configured ? (uint32_t)n : configured;
}

static void
set_active(struct model *m, uint32_t i, int on)
{
    const struct fault_spec *f = &m->cfg->faults[i];
    int delta = on ? 1 : -1;

    /* A healed fault's scripted end, if any, may come after its cure. */
    if (m->fault_active[i] == on)
        return;
    m->fault_active[i] = (uint8_t)on;
    if (!on)
        m->fault_end[i] = engine_now(m->eng);
    switch (f->kind) {
    case FAULT_OUTAGE:
        service_outage(m, on, f->drop_inflight);
        break;
    case FAULT_ERRORS:
        m->error_faults += (uint32_t)delta;
        break;
    case FAULT_LATENCY:
        m->latency_faults += (uint32_t)delta;
        break;
    case FAULT_CAPACITY:
        service_refresh_capacity(m);
        break;
    }
}

uint32_t
fault_cure(struct model *m, enum fault_cure cure)
{
    const struct model_config *c = m->cfg;
    uint32_t i, ended = 0;

    for (i = 0; i < c->nfaults; i++) {
        const struct fault_spec *f = &c->faults[i];

        if (!m->fault_active[i])
            continue;
        if (cure == CURE_HUMAN || (f->until_healed && f->cured_by == cure)) {
            set_active(m, i, 0);
            ended++;
        }
    }
    return ended;
}

int
fault_any_active(const struct model *m)
{
    size_t i;

    for (i = 0; i < m->cfg->nfaults; i++) {
        if (m->fault_active[i])
            return 1;
    }
    return 0;
}

void
fault_on_begin(void *ctx, const struct event *ev)
{
    set_active(ctx, ev->arg, 1);
}

void
fault_on_end(void *ctx, const struct event *ev)
{
    set_active(ctx, ev->arg, 0);
}

void
fault_start(struct model *m)
{
    const struct model_config *c = m->cfg;
    uint32_t i;

    /* All starts first: at equal times a fault begins before one ends. */
    for (i = 0; i < c->nfaults; i++)
        engine_at(m->eng, c->faults[i].start, EV_FAULT_BEGIN, i, 0);
    for (i = 0; i < c->nfaults; i++)
        engine_at(m->eng, c->faults[i].end, EV_FAULT_END, i, 0);
}
