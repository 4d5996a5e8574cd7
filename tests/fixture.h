/*
 * A world built in code rather than from YAML, for model tests: one
 * client sending one request at time 0 to one server with a constant
 * 10 ms service time, no faults, no retries, a 100 s horizon. Tests
 * change what they need, then run it.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include "../sim/core/hist.h"
#include "../sim/core/probe.h"
#include "../sim/model/model.h"

struct fixture {
    struct client_config clients;
    struct service_config service;
    struct fault_spec faults[4];
    size_t nfaults;
    struct retry_policy retry;
    struct model_config cfg;
    struct model *m;
};

void fixture_init(struct fixture *f);

/* Add a fault of kind from start to end; returns it for more settings. */
struct fault_spec *fixture_fault(struct fixture *f, enum fault_kind kind,
                                 double start, double end);

/* Run to the horizon; the model stays in f->m until fixture_free. */
const struct model_totals *fixture_run(struct fixture *f);
void fixture_free(struct fixture *f);

/* Sum of counter c over every bucket of the run's probe. */
uint64_t fixture_sum(const struct fixture *f, unsigned c);

#endif
