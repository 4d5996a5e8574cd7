/*
 * A plain pool of POSIX threads over an index counter. Each unit writes
 * only its own slot of the results, and everything downstream reads the
 * slots in index order, so the output does not depend on which thread
 * ran what or finished first.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "runner.h"

struct pool {
    pthread_mutex_t lock;
    size_t next;
    size_t count;
    runner_task task;
    void *ctx;
    volatile sig_atomic_t *stop;
};

static void *
worker(void *arg)
{
    struct pool *p = arg;
    size_t i;

    for (;;) {
        pthread_mutex_lock(&p->lock);
        i = p->next < p->count ? p->next++ : p->count;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->count || (p->stop != NULL && *p->stop))
            return NULL;
        p->task(p->ctx, i);
    }
}

int
runner_map(size_t count, unsigned threads, runner_task task, void *ctx,
           volatile sig_atomic_t *stop)
{
    struct pool p = {.next = 0, .count = count, .task = task, .ctx = ctx,
                     .stop = stop};
    pthread_t *tids;
    unsigned i, started = 0;

    if (threads > count)
        threads = count ? (unsigned)count : 1;
    pthread_mutex_init(&p.lock, NULL);
    tids = xcalloc(threads, sizeof(*tids));
    /* The calling thread works too, so threads - 1 are started. */
    for (i = 1; i < threads; i++) {
        if (pthread_create(&tids[i], NULL, worker, &p) != 0)
            break;
        started++;
    }
    worker(&p);
    for (i = 1; i <= started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    pthread_mutex_destroy(&p.lock);
    return stop != NULL && *stop ? SIM_EINTR : 0;
}

/* What each unit needs: where results go, and the stop flag. */
struct run_ctx {
    struct run_results *res;
    volatile sig_atomic_t *stop;
};

static void
run_unit(void *ctx, size_t index)
{
    struct run_ctx *rc = ctx;
    struct run_results *res = rc->res;
    uint32_t reps = res->sc->replications;

    replication_run(res->sc, index / reps, (uint32_t)(index % reps),
                    rc->stop, &res->units[index]);
}

static void
summarise(struct run_results *res)
{
    const struct scenario *sc = res->sc;
    size_t s, m, reps = sc->replications;
    double *column = xmalloc(reps * sizeof(*column));
    size_t r;

    res->summary = xcalloc(sc->nstrategies * METRIC_COUNT,
                           sizeof(*res->summary));
    for (s = 0; s < sc->nstrategies; s++) {
        for (m = 0; m < METRIC_COUNT; m++) {
            for (r = 0; r < reps; r++)
                column[r] = res->units[s * reps + r].metrics[m];
            stats_summarize(column, reps, 1,
                            &res->summary[s * METRIC_COUNT + m]);
        }
    }
    free(column);
}

int
runner_run(const struct scenario *sc, unsigned threads,
           volatile sig_atomic_t *stop, struct run_results *out)
{
    struct run_ctx rc;
    size_t i;
    int status;

    memset(out, 0, sizeof(*out));
    out->sc = sc;
    out->nunits = sc->nstrategies * sc->replications;
    out->units = xcalloc(out->nunits, sizeof(*out->units));
    rc.res = out;
    rc.stop = stop;
    status = runner_map(out->nunits, threads, run_unit, &rc, stop);
    for (i = 0; status == 0 && i < out->nunits; i++) {
        status = out->units[i].status;
        out->events += out->units[i].events;
    }
    if (status == 0)
        summarise(out);
    return status;
}

void
run_results_free(struct run_results *res)
{
    size_t i;

    if (res->units != NULL) {
        for (i = 0; i < res->nunits; i++)
            unit_result_clear(&res->units[i]);
    }
    free(res->units);
    free(res->summary);
    memset(res, 0, sizeof(*res));
}

const struct unit_result *
run_results_unit(const struct run_results *res, size_t s, size_t r)
{
    return &res->units[s * res->sc->replications + r];
}

const struct stats_summary *
run_results_summary(const struct run_results *res, size_t s, enum metric m)
{
    return &res->summary[s * METRIC_COUNT + m];
}
