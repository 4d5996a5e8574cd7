/*
 * Faults: the scripted chaos. Each fault switches an effect on the
 * service on at its start and off at its end.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stdint.h>

#include "../core/dist.h"

struct model;

enum fault_kind {
    FAULT_OUTAGE,   /* attempts fail at once with unavailable */
    FAULT_ERRORS,   /* attempts fail with probability rate */
    FAULT_LATENCY,  /* service times grow by a drawn delay */
    FAULT_CAPACITY  /* fewer servers work */
};

/* Which action of the self-healing controller ends a healed fault. */
enum fault_cure {
    CURE_RESTART,
    CURE_FAILOVER,
    CURE_SCALE,
    CURE_HUMAN   /* only a human; a human also ends any other fault */
};

struct fault_spec {
    enum fault_kind kind;
    double start;        /* seconds */
    double end;          /* seconds; start + duration, INFINITY if healed */
    int until_healed;    /* lasts until an action of cured_by ends it */
    enum fault_cure cured_by;
    int drop_inflight;   /* outage: fail queued and served attempts */
    double rate;         /* errors: probability per attempt */
    int retryable;       /* errors: may the client retry them */
    struct dist add;     /* latency: added service time */
    double servers;      /* capacity: a count, or a fraction when below */
    int servers_fraction;/* ... servers_fraction is set */
};

const char *fault_kind_name(enum fault_kind kind);
const char *fault_cure_name(enum fault_cure cure);

/* The working servers during a capacity fault, of configured servers. */
uint32_t fault_capacity(const struct fault_spec *f, uint32_t configured);

/* Schedule every fault's start and end. */
void fault_start(struct model *m);

/*
 * An action of kind cure has completed: end the active faults it cures
 * (a human ends every active fault). Returns how many ended.
 */
uint32_t fault_cure(struct model *m, enum fault_cure cure);

/* Is any fault in effect at the primary service? */
int fault_any_active(const struct model *m);

#endif
