/*
 * The thread pool that runs independent units of work, and the results of
 * a whole run gathered in unit order.
 */
#ifndef RUNNER_H
#define RUNNER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/engine.h"
#include "../core/stats.h"
#include "replication.h"
#include "scenario.h"

/* How far a run is, for a progress display. */
struct runner_status {
    size_t done;     /* units finished */
    size_t total;
    double fraction; /* of all the work, counting units under way */
    uint64_t events; /* fired so far */
    double elapsed;  /* wall seconds */
};

typedef void (*runner_report)(void *ctx, const struct runner_status *st);

struct runner_options {
    unsigned threads;            /* 0 or 1: the calling thread only */
    volatile sig_atomic_t *stop; /* non-zero: stop early; may be NULL */
    runner_report report;        /* called about 4 times a second from a
                                    monitor thread, and once at the end;
                                    NULL for none */
    void *report_ctx;
    int drop_series;             /* free time series after the metrics */
};

/*
 * Work on unit index, reporting through watch (pass it to the engine);
 * called from worker threads.
 */
typedef void (*runner_task)(void *ctx, size_t index,
                            struct engine_watch *watch);

/*
 * Call task(ctx, i, watch) for every i in [0, count) on up to
 * opt->threads POSIX threads, the calling thread among them. Units are
 * handed out in index order; a task must write only its own unit's
 * output. Stops handing out units once *opt->stop is non-zero. Returns 0
 * or SIM_EINTR when stopped.
 */
int runner_map(size_t count, const struct runner_options *opt,
               runner_task task, void *ctx);

/* Every unit of a run: strategy s, replication r at units[s * reps + r]. */
struct run_results {
    const struct scenario *sc;
    struct unit_result *units;
    size_t nunits;
    /* summary[s * METRIC_COUNT + m]: metric m of strategy s */
    struct stats_summary *summary;
    uint64_t events;
};

/*
 * Run every strategy and replication of sc, then summarise. Returns 0,
 * or SIM_EINTR / SIM_ENOMEM; the results are complete only on 0. Free
 * with run_results_free.
 */
int runner_run(const struct scenario *sc, const struct runner_options *opt,
               struct run_results *out);

/*
 * Run several scenarios at once (the points of a sweep), all their units
 * in one pool; out[i] receives scenario i's results.
 */
int runner_run_many(const struct scenario *const *sc, size_t n,
                    const struct runner_options *opt,
                    struct run_results *out);

void run_results_free(struct run_results *res);

/* The unit of strategy s, replication r. */
const struct unit_result *run_results_unit(const struct run_results *res,
                                           size_t s, size_t r);

/* The summary of metric m for strategy s. */
const struct stats_summary *run_results_summary(
    const struct run_results *res, size_t s, enum metric m);

#endif
