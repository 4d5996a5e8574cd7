/*
 * One unit of work: one strategy of a scenario in one replication, run
 * from an empty world to the horizon.
 */
#ifndef REPLICATION_H
#define REPLICATION_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"
#include "scenario.h"

struct probe;
struct engine_watch;

struct unit_result {
    double metrics[METRIC_COUNT];
    struct probe *series; /* the time series; owned */
    struct healing_entry *healing; /* the healing log; owned */
    size_t nhealing;
    uint64_t events;      /* events the engine fired */
    size_t peak_pending;  /* most events pending at once */
    int status;           /* 0, or SIM_EINTR / SIM_ENOMEM */
};

/*
 * Simulate strategy number strategy of sc in replication rep (counted
 * from 0) into *out. The result depends only on (sc, strategy, rep): the
 * random streams are derived from sc->seed and rep. watch as for
 * engine_new. Returns out->status.
 */
int replication_run(const struct scenario *sc, size_t strategy, uint32_t rep,
                    struct engine_watch *watch, struct unit_result *out);

/* Free what a result owns; the struct itself stays. */
void unit_result_clear(struct unit_result *r);

#endif
