/*
 * The model-test fixture.
 */
#include <math.h>
#include <string.h>

#include "../sim/sim.h"
#include "fixture.h"

void
fixture_init(struct fixture *f)
{
    memset(f, 0, sizeof(*f));
    f->clients.count = 1;
    f->clients.arrival.process = ARRIVAL_ONCE;
    f->clients.timeout = INFINITY;
    f->clients.deadline = INFINITY;
    f->service.servers = 1;
    dist_init(&f->service.service_time, DIST_CONSTANT, 0.010, 0);
    f->service.queue_limit = SERVICE_UNLIMITED;
    dist_init(&f->service.network_delay, DIST_CONSTANT, 0, 0);
    f->retry.kind = RETRY_NONE;
    f->retry.cap = INFINITY;
    f->retry.multiplier = 2;
    f->retry.max_attempts = 1;
    f->retry.max_total_wait = INFINITY;
    f->retry.retry_on = OUTCOME_RETRYABLE;
    f->cfg.horizon = 100;
    f->cfg.bucket = 1;
    f->cfg.seed = 1;
}

struct fault_spec *
fixture_fault(struct fixture *f, enum fault_kind kind, double start,
              double end)
{
    struct fault_spec *x = &f->faults[f->nfaults++];

    SIM_ASSERT(f->nfaults <= 4);
    memset(x, 0, sizeof(*x));
    x->kind = kind;
    x->start = start;
    x->end = end;
    x->retryable = 1;
    return x;
}

const struct model_totals *
fixture_run(struct fixture *f)
{
    f->cfg.clients = &f->clients;
    f->cfg.service = &f->service;
    f->cfg.faults = f->faults;
    f->cfg.nfaults = f->nfaults;
    f->cfg.retry = &f->retry;
    f->m = model_new(&f->cfg, NULL);
    SIM_ASSERT(f->m != NULL);
    SIM_ASSERT(model_run(f->m) == 0);
    return model_totals(f->m);
}

void
fixture_free(struct fixture *f)
{
    model_free(f->m);
    f->m = NULL;
}

uint64_t
fixture_sum(const struct fixture *f, unsigned c)
{
    const struct probe *p = model_probe(f->m);
    uint64_t sum = 0;
    size_t b;

    for (b = 0; b < p->buckets; b++)
        sum += probe_count(p, b, c);
    return sum;
}
