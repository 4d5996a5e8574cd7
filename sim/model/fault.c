/*
 * The fault timeline. Overlapping faults combine: outages nest, error
 * faults are tried in file order (the first that strikes decides), added
 * latencies sum, and the smallest capacity wins.
 */
#include <math.h>

#include "../sim.h"
#include "model_impl.h"

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
update_capacity(struct model *m)
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
    if (up != m->servers_up)
        service_set_capacity(m, up);
}

static void
set_active(struct model *m, uint32_t i, int on)
{
    const struct fault_spec *f = &m->cfg->faults[i];
    int delta = on ? 1 : -1;

    m->fault_active[i] = (uint8_t)on;
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
        update_capacity(m);
        break;
    }
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
