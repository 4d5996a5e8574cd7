/*
 * The service: a pool of servers in front of a FIFO waiting room, as an
 * M/G/c/K queue whose faults the fault module switches on and off.
 */
#ifndef SERVICE_H
#define SERVICE_H

#include <stdint.h>

#include "../core/dist.h"
#include "outcome.h"

struct model;

#define SERVICE_UNLIMITED UINT64_MAX

struct service_config {
    int occ;               /* contention occ: one OCC row (occ.h) */
    uint32_t servers;
    struct dist service_time;
    uint64_t queue_limit;  /* waiting places; SERVICE_UNLIMITED */
    int cancel_on_timeout; /* a timed-out attempt leaves the service */
    struct dist network_delay; /* one way, per message leg */
};

/* Set up servers and queue for the run. */
void service_start(struct model *m);

/* Attempt a reaches the service. */
void service_reach(struct model *m, uint32_t a);

/* A cancellation of attempt a (of generation gen) reaches the service. */
void service_cancel(struct model *m, uint32_t a, uint32_t gen);

/* Fault effects. */
void service_outage(struct model *m, int begin, int drop_inflight);
void service_set_capacity(struct model *m, uint32_t servers_up);

#endif
