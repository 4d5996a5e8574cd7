/*
 * The thread pool that runs independent units of work, and the results of
 * a whole run gathered in unit order.
 */
#ifndef RUNNER_H
#define RUNNER_H

#include <signal.h>
#include <stddef.h>

#include "../core/stats.h"
#include "replication.h"
#include "scenario.h"

/* Work on unit index; called from worker threads. */
typedef void (*runner_task)(void *ctx, size_t index);

/*
 * Call task(ctx, i) for every i in [0, count) on up to threads POSIX
 * threads (1 runs on the calling thread). Units are handed out in index
 * order; a task must write only its own unit's output. Stops handing out
 * units once *stop is non-zero. Returns 0, SIM_EINTR when stopped, or
 * SIM_ENOMEM when no thread could be started.
 */
int runner_map(size_t count, unsigned threads, runner_task task, void *ctx,
               volatile sig_atomic_t *stop);

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
 * Run every strategy and replication of sc on threads threads, then
 * summarise. Returns 0, or SIM_EINTR / SIM_ENOMEM; the results are
 * complete only on 0. Free with run_results_free.
 */
int runner_run(const struct scenario *sc, unsigned threads,
               volatile sig_atomic_t *stop, struct run_results *out);

void run_results_free(struct run_results *res);

/* The unit of strategy s, replication r. */
const struct unit_result *run_results_unit(const struct run_results *res,
                                           size_t s, size_t r);

/* The summary of metric m for strategy s. */
const struct stats_summary *run_results_summary(
    const struct run_results *res, size_t s, enum metric m);

#endif
