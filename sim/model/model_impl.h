/*
 * The state of the simulated world, shared by the model's modules (client,
 * service, fault) and by nothing outside sim/model/.
 */
#ifndef MODEL_IMPL_H
#define MODEL_IMPL_H

#include "../core/engine.h"
#include "../core/hist.h"
#include "../core/probe.h"
#include "../core/rng.h"
#include "healing.h"
#include "model.h"

/* Event kinds. */
enum model_event {
    EV_ARRIVAL,     /* poisson: the next request of some client */
    EV_SCHEDULED,   /* periodic and once: the next planned request */
    EV_THINK_DONE,  /* closed: client arg issues its next request */
    EV_RETRY,       /* request arg (gen) retries */
    EV_TIMER,       /* attempt arg (gen) timed out at the client */
    EV_REACH,       /* attempt arg (gen) reaches the service */
    EV_SERVED,      /* server arg (gen) finished its attempt */
    EV_RESPONSE,    /* attempt arg (gen)'s answer reaches the client */
    EV_CANCEL,      /* attempt arg (gen)'s cancellation reaches service */
    EV_FAULT_BEGIN, /* fault arg starts */
    EV_FAULT_END,   /* fault arg ends */
    EV_HALF_OPEN,   /* client arg's breaker (gen) ends its open period */
    EV_OCC_READ,    /* OCC: attempt arg (gen)'s read reaches the row */
    EV_OCC_READ_BACK, /* OCC: the version read reaches the client */
    EV_OCC_WRITE,   /* OCC: the write reaches the row */
    EV_PROBE,       /* healing: the next health probe */
    EV_CONFIRMED,   /* healing: a human confirmed action arg */
    EV_RESTART_DONE,
    EV_SWITCHED,    /* healing: the failover to backup is complete */
    EV_FAILED_BACK,
    EV_SCALED,
    EV_REPAIRED,    /* healing: the human's repair is done */
    EV_COUNT
};

#define NONE32 UINT32_MAX

enum request_state { REQ_FREE, REQ_IN_ATTEMPT, REQ_WAITING };

/*
 * A logical request, from its first try to its end. gen changes whenever
 * the request stops waiting for something, so an event or an answer that
 * carries an older gen is stale and ignored (lazy cancellation).
 *
 * 32 bytes, at a multiple of 32 in the pool: in a retry storm millions
 * wait, each retry fetches its request from memory, and a record that
 * straddled two cache lines (as 40 bytes did, one time in three) cost a
 * second miss. Decorrelated jitter's previous wait, the one field most
 * policies never read, lives in a pool of its own.
 */
struct request {
    double start;
    double total_wait; /* waits so far, for max_total_wait */
    uint32_t client;   /* or the next free slot, when free */
    uint32_t gen;
    uint32_t attempts; /* attempts made so far */
    uint16_t retry_cost; /* budget tokens the last retry took */
    uint8_t state;
};

#define REQUEST_ALIGN 32
_Static_assert(sizeof(struct request) == REQUEST_ALIGN,
               "a request fills an aligned 32-byte slot");

enum attempt_state {
    ATT_FREE,
    ATT_TO_SERVICE, /* on the network towards the service */
    ATT_QUEUED,
    ATT_SERVING,
    ATT_TO_CLIENT   /* the answer is on the network */
};

/* One try of a request, from the client's send to the answer's arrival. */
struct attempt {
    uint32_t req;
    uint32_t req_gen; /* the request's gen when this attempt was sent */
    uint32_t gen;     /* this slot's generation, for its events */
    uint32_t number;  /* 1 for the first try */
    uint32_t server;  /* while serving; the next free slot when free */
    uint8_t state;
    uint8_t outcome;
};

/*
 * A place in the service's FIFO queue; stale when gen no longer matches.
 * req lets the queue prefetch the request ahead of serving it.
 */
struct queue_slot {
    uint32_t attempt;
    uint32_t gen;
    uint32_t req;
};

/* A planned arrival of periodic and once processes. */
struct planned {
    double t;
    uint32_t client;
};

/* A group of clients' observations apart from the whole service's. */
struct cohort {
    struct probe *probe;
    struct hist *latency;
    struct hist **windows;  /* per cohort_window, by end time; or NULL */
    size_t nwindows;
    struct model_totals totals;
    uint32_t live;
};

struct model {
    const struct model_config *cfg;
    struct engine *eng;
    struct probe *probe;
    struct hist *latency;
    struct model_totals totals;
    struct model_policy policy[2]; /* [1]: the candidate's, if any */
    struct cohort *cohort;         /* the candidate's, if any */

    struct rng *rng_arrivals;
    struct rng *rng_think;
    struct rng *rng_service;
    struct rng *rng_network;
    struct rng *rng_faults;
    struct rng *rng_jitter;
    struct rng *rng_healing;

    /* Requests and attempts: pools with free lists. */
    struct request *requests;
    double *prev_waits;    /* per request, for decorrelated jitter only */
    uint32_t nrequests, request_cap, request_free, live_requests;
    struct attempt *attempts;
    uint32_t nattempts, attempt_cap, attempt_free;

    /* Arrivals. */
    double arrival_gap;    /* poisson: the mean gap between any two */
    struct planned *plan;
    uint32_t plan_next;
    uint32_t plan_cycle;

    /* Service. */
    uint32_t servers_total, servers_up, busy;
    uint32_t servers_alloc;   /* room for backup and scaled servers too */
    uint32_t *server_job;  /* attempt per server, NONE32 when idle */
    uint32_t *server_req;  /* ... and its request, for prefetching */
    uint32_t *server_gen;
    uint32_t *idle;        /* stack of idle server indices */
    uint32_t nidle;
    struct queue_slot *ring;
    size_t ring_head, ring_len, ring_cap;
    uint64_t queue_live;   /* ring entries that are not stale */
    int network;           /* network_delay is not constantly 0 */
    uint64_t occ_version;  /* contention occ: the row's version */

    /* Client protections, one per client when configured. */
    struct breaker *breakers;
    uint32_t breakers_open;
    struct budget *budgets;
    double *last_success;  /* per client, for a cache fallback */

    /* Faults in effect. */
    uint8_t *fault_active;
    uint32_t outages, error_faults, latency_faults;
    double *fault_end;     /* when each fault ended; NAN while not */
    double *detected_at;   /* first unhealthy verdict during each fault */

    /* Self-healing (healing.c); servers as the controller left them. */
    const struct healing_config *heal;
    struct healing_entry *heal_log;
    size_t heal_len, heal_cap;
    uint64_t health_ok, health_total; /* outcomes since the last probe */
    uint32_t bad_probes;
    int unhealthy;
    int heal_busy;         /* an action, confirmation or repair under way */
    uint32_t restarts;
    double restart_ready;  /* the earliest next restart (cooldown) */
    int restarting;
    int on_backup, failover_used, failing_back;
    uint32_t scaled;       /* servers autoscaling added */
    double scale_ready;
    uint32_t repairs;      /* human interventions */
};

/* The policies client follows. */
static inline const struct model_policy *
policy_of(const struct model *m, uint32_t client)
{
    return &m->policy[m->cohort != NULL &&
                      client < m->cfg->candidate_clients];
}

/* The cohort that also observes client's events, or NULL. */
static inline struct cohort *
cohort_of(const struct model *m, uint32_t client)
{
    return m->cohort != NULL && client < m->cfg->candidate_clients
               ? m->cohort
               : NULL;
}

/* Count a cohort request's latency in the window its end falls in. */
static inline void
cohort_record_window(const struct model *m, struct cohort *co, double now,
                     double latency)
{
    size_t k = (size_t)(now / m->cfg->cohort_window);

    hist_record(co->windows[k < co->nwindows ? k : co->nwindows - 1],
                latency);
}

/*
 * Count one event of client in counter c, for the service and cohort.
 * Inline: it runs several times per attempt.
 */
static inline void
model_count(struct model *m, uint32_t client, unsigned c)
{
    struct cohort *co = cohort_of(m, client);
    double now = engine_now(m->eng);

    probe_add(m->probe, now, c, 1);
    if (co != NULL)
        probe_add(co->probe, now, c, 1);
}

/* Attempt a reaches the service (an OCC write reaches the row). */
void model_count_attempt(struct model *m, uint32_t a);

/* The same for the number-th try of a request of client. */
void model_count_try(struct model *m, uint32_t client, uint32_t number);

/* Shared helpers of the model's modules (model.c). */
uint32_t attempt_alloc(struct model *m);
void attempt_release(struct model *m, uint32_t a);
double model_net_delay(struct model *m);

/* Are the primary's faults switched off by a failover? */
static inline int
faults_bypassed(const struct model *m)
{
    return m->on_backup;
}

/* Does the service turn every attempt away (an outage, a restart)? */
static inline int
service_refusing(const struct model *m)
{
    return m->restarting || (m->outages > 0 && !faults_bypassed(m));
}

/* Recompute the working servers after a fault or healing change. */
void service_refresh_capacity(struct model *m);

/* Fail every attempt queued or in service (a crash or a restart). */
void service_drop_inflight(struct model *m);

/* From service.c, for the client: answer attempt a with outcome o. */
void service_reply(struct model *m, uint32_t a, enum outcome o);

/* Did an error fault strike the attempt that just finished? */
enum outcome service_draw_error(struct model *m);

/* Client handlers (client.c). */
void client_on_arrival(void *ctx, const struct event *ev);
void client_on_scheduled(void *ctx, const struct event *ev);
void client_on_think_done(void *ctx, const struct event *ev);
void client_on_retry(void *ctx, const struct event *ev);
void client_on_timer(void *ctx, const struct event *ev);
void client_on_response(void *ctx, const struct event *ev);

/* Service handlers (service.c). */
void service_on_reach(void *ctx, const struct event *ev);
void service_on_served(void *ctx, const struct event *ev);
void service_on_cancel(void *ctx, const struct event *ev);

void client_on_half_open(void *ctx, const struct event *ev);

/* Fault handlers (fault.c). */
void fault_on_begin(void *ctx, const struct event *ev);
void fault_on_end(void *ctx, const struct event *ev);

#endif
