/*
 * The simulated world of one replication: clients calling a service that
 * fails as scripted, observed by a probe. Built on the engine, which it
 * drives through event handlers.
 */
#ifndef MODEL_H
#define MODEL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "breaker.h"
#include "budget.h"
#include "client.h"
#include "fallback.h"
#include "fault.h"
#include "healing.h"
#include "retry.h"
#include "service.h"

struct probe;
struct hist;
struct engine_watch;

/* The client-side policies of a group of clients. */
struct model_policy {
    const struct retry_policy *retry;
    const struct breaker_config *breaker;   /* NULL or BREAKER_OFF: none */
    const struct budget_config *budget;     /* NULL or BUDGET_NONE: none */
    const struct fallback_config *fallback; /* NULL or FALLBACK_NONE */
};

/*
 * What one replication of one strategy simulates; all times in seconds.
 * With a candidate, clients [0, candidate_clients) follow its policies
 * (a rollout's cohort) and are also observed apart.
 */
struct model_config {
    const struct client_config *clients;
    const struct service_config *service;
    const struct fault_spec *faults;
    size_t nfaults;
    const struct retry_policy *retry;
    const struct breaker_config *breaker; /* trip BREAKER_OFF: none */
    const struct budget_config *budget;   /* kind BUDGET_NONE: none */
    const struct fallback_config *fallback; /* NULL or FALLBACK_NONE */
    const struct healing_config *healing;   /* NULL or HEALING_OFF */
    const struct model_policy *candidate;   /* NULL: one group */
    uint32_t candidate_clients;
    double cohort_window;   /* > 0: the cohort's latency also per window */
    double horizon;
    double bucket;
    uint64_t seed;
    uint64_t replication;
};

/* Counters of the time series, per bucket (timeseries.csv order). */
enum model_counter {
    MC_ATTEMPTS,
    MC_FIRST_ATTEMPTS,
    MC_RETRIES,
    MC_SUCCESSES,
    MC_FAILURES,
    MC_TIMEOUTS,
    MC_REJECTED,
    MC_SHORT_CIRCUITED,
    MC_REQUESTS_STARTED,
    MC_REQUESTS_SUCCEEDED,
    MC_REQUESTS_FAILED,
    MC_REQUESTS_DEGRADED,
    MC_COUNT
};

/* Levels of the time series, averaged over each bucket's time. */
enum model_level {
    ML_IN_FLIGHT,   /* logical requests started and not ended */
    ML_QUEUE_LEN,   /* attempts waiting in the service's queue */
    ML_SERVERS_UP,  /* servers that work */
    ML_BREAKERS_OPEN,
    ML_COUNT
};

/* Whole-run totals, for metrics and for conservation checks. */
struct model_totals {
    uint64_t requests_started;
    uint64_t requests_succeeded;
    uint64_t requests_failed;
    uint64_t requests_degraded;
    uint64_t requests_unfinished; /* in flight at the horizon */
    uint64_t attempts_sent;       /* left the client */
    uint64_t attempts;            /* reached the service */
    uint64_t outcomes[OUTCOME_COUNT]; /* by enum outcome, as seen */
    uint64_t retries_refused;     /* retries a budget did not allow */
    uint64_t repairs;             /* human interventions (healing) */
    double last_end;              /* when the last request ended */
};

struct model;

/*
 * Build the world for cfg (which must outlive the model). watch, if not
 * NULL, follows and may stop the run (see engine_new). Returns NULL when a
 * random stream cannot be created.
 */
struct model *model_new(const struct model_config *cfg,
                        struct engine_watch *watch);
void model_free(struct model *m);

/* Simulate to the horizon. Returns 0 or SIM_EINTR. */
int model_run(struct model *m);

/* Results, valid after model_run and owned by the model. */
const struct probe *model_probe(const struct model *m);
const struct hist *model_latency(const struct model *m);
const struct model_totals *model_totals(const struct model *m);
uint64_t model_events(const struct model *m);

/* Hand the time series over to the caller, who frees it. */
struct probe *model_take_probe(struct model *m);

/*
 * What the candidate's cohort alone saw (NULL without a candidate): its
 * time series (levels are not kept), latencies and totals.
 */
struct probe *model_take_cohort_probe(struct model *m);
const struct hist *model_cohort_latency(const struct model *m);
/* The cohort's latency of requests that ended in window k (cohort_window). */
const struct hist *model_cohort_window_latency(const struct model *m,
                                               size_t k);
const struct model_totals *model_cohort_totals(const struct model *m);

/*
 * The healing log, and for each fault when it ended (NAN if it was still
 * on at the horizon) and when the healing controller first found the
 * service unhealthy during it (NAN if never). Owned by the model.
 */
const struct healing_entry *model_healing_log(const struct model *m,
                                              size_t *n);
const double *model_fault_ends(const struct model *m);
const double *model_detections(const struct model *m);
size_t model_peak_pending(const struct model *m);

/*
 * An upper estimate of the bytes a model of cfg holds at its peak: the
 * requests and attempts a retry storm can keep alive at once (bounded by
 * the arrivals within the longest lifetime a request can have), their
 * pending events, the per-client state, the probe and the histograms.
 * A double, so that absurd scenarios do not overflow. For the memory
 * check before a run; cfg needs no random streams.
 */
double model_footprint(const struct model_config *cfg);

#endif
