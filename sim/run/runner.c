/*
 * A plain pool of POSIX threads over an index counter. Each unit writes
 * only its own slot of the results, and everything downstream reads the
 * slots in index order, so the output does not depend on which thread
 * ran what or finished first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../sim.h"
#include "../core/util.h"
#include "runner.h"

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t finished; /* signalled when the last worker is done */
    size_t next;
    size_t count;
    size_t done;
    unsigned running;        /* workers still at work */
    runner_task task;
    void *ctx;
    const struct runner_options *opt;
    struct engine_watch *watches; /* one per worker */
    double started;
};

struct worker_arg {
    struct pool *pool;
    unsigned slot;
};

static double
wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
stopped(const struct pool *p)
{
    return p->opt->stop != NULL && *p->opt->stop;
}

static void *
worker(void *arg)
{
    struct worker_arg *w = arg;
    struct pool *p = w->pool;
    struct engine_watch *watch = &p->watches[w->slot];
    size_t i;

    for (;;) {
        pthread_mutex_lock(&p->lock);
        i = p->next < p->count && !stopped(p) ? p->next++ : p->count;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->count)
            break;
        atomic_store_explicit(&watch->ppm, 0, memory_order_relaxed);
        p->task(p->ctx, i, watch);
        atomic_store_explicit(&watch->ppm, 0, memory_order_relaxed);
        pthread_mutex_lock(&p->lock);
        p->done++;
        pthread_mutex_unlock(&p->lock);
    }
    pthread_mutex_lock(&p->lock);
    if (--p->running == 0)
        pthread_cond_broadcast(&p->finished);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The status for a progress display; called with the lock held. */
static void
status(struct pool *p, unsigned nslots, struct runner_status *st)
{
    double under_way = 0;
    unsigned i;

    st->done = p->done;
    st->total = p->count;
    st->events = 0;
    for (i = 0; i < nslots; i++) {
        st->events += atomic_load_explicit(&p->watches[i].events,
                                           memory_order_relaxed);
        under_way += atomic_load_explicit(&p->watches[i].ppm,
                                          memory_order_relaxed) * 1e-6;
    }
    st->fraction = p->count ? ((double)p->done + under_way) / p->count : 1;
    if (st->fraction > 1)
        st->fraction = 1;
    st->elapsed = wall_now() - p->started;
}

/* The monitor thread: report about 4 times a second until all is done. */
static void *
monitor(void *arg)
{
    struct pool *p = arg;
    unsigned nslots = p->opt->threads > 1 ? p->opt->threads : 1;
    struct runner_status st;
    struct timespec until;

    pthread_mutex_lock(&p->lock);
    while (p->running > 0) {
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        if (pthread_cond_timedwait(&p->finished, &p->lock, &until) !=
                ETIMEDOUT ||
            p->running == 0)
            continue;
        status(p, nslots, &st);
        p->opt->report(p->opt->report_ctx, &st);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int
runner_map(size_t count, const struct runner_options *opt, runner_task task,
           void *ctx)
{
    unsigned threads = opt->threads > 1 ? opt->threads : 1, i, started = 0;
    struct pool p;
    struct worker_arg *args;
    struct runner_status st;
    pthread_t *tids, mon;
    int have_monitor = 0;

    memset(&p, 0, sizeof(p));
    p.count = count;
    p.task = task;
    p.ctx = ctx;
    p.opt = opt;
    p.started = wall_now();
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.finished, NULL);
    p.watches = xcalloc(threads, sizeof(*p.watches));
    args = xcalloc(threads, sizeof(*args));
    tids = xcalloc(threads, sizeof(*tids));
    for (i = 0; i < threads; i++) {
        p.watches[i].stop = opt->stop;
        args[i].pool = &p;
        args[i].slot = i;
    }

    /* The calling thread works too, so threads - 1 are started. */
    p.running = 1;
    for (i = 1; i < threads && i < count; i++) {
        pthread_mutex_lock(&p.lock);
        p.running++;
        pthread_mutex_unlock(&p.lock);
        if (pthread_create(&tids[i], NULL, worker, &args[i]) != 0) {
            pthread_mutex_lock(&p.lock);
            p.running--;
            pthread_mutex_unlock(&p.lock);
            break;
        }
        started++;
    }
    if (opt->report != NULL)
        have_monitor = pthread_create(&mon, NULL, monitor, &p) == 0;
    worker(&args[0]);
    for (i = 1; i <= started; i++)
        pthread_join(tids[i], NULL);
    if (have_monitor)
        pthread_join(mon, NULL);
    if (opt->report != NULL) {
        status(&p, threads, &st);
        opt->report(opt->report_ctx, &st);
    }

    free(tids);
    free(args);
    free(p.watches);
    pthread_cond_destroy(&p.finished);
    pthread_mutex_destroy(&p.lock);
    return stopped(&p) ? SIM_EINTR : 0;
}

/* Where each unit of one or several scenarios goes. */
struct batch {
    const struct scenario *const *sc;
    size_t n;
    struct run_results *out;
    size_t *first; /* first unit index of each scenario */
    int drop_series;
};

static void
run_unit(void *ctx, size_t index, struct engine_watch *watch)
{
    struct batch *b = ctx;
    size_t k = 0, local;
    uint32_t reps;

    while (k + 1 < b->n && index >= b->first[k + 1])
        k++;
    local = index - b->first[k];
    reps = b->sc[k]->replications;
    replication_run(b->sc[k], local / reps, (uint32_t)(local % reps), watch,
                    &b->out[k].units[local]);
    if (b->drop_series)
        unit_result_clear(&b->out[k].units[local]);
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
runner_run_many(const struct scenario *const *sc, size_t n,
                const struct runner_options *opt, struct run_results *out)
{
    struct batch b = {sc, n, out, xcalloc(n + 1, sizeof(size_t)),
                      opt->drop_series};
    size_t k, i;
    int status;

    for (k = 0; k < n; k++) {
        memset(&out[k], 0, sizeof(out[k]));
        out[k].sc = sc[k];
        out[k].nunits = sc[k]->nstrategies * sc[k]->replications;
        out[k].units = xcalloc(out[k].nunits, sizeof(*out[k].units));
        b.first[k + 1] = b.first[k] + out[k].nunits;
    }
    status = runner_map(b.first[n], opt, run_unit, &b);
    for (k = 0; status == 0 && k < n; k++) {
        for (i = 0; status == 0 && i < out[k].nunits; i++) {
            status = out[k].units[i].status;
            out[k].events += out[k].units[i].events;
        }
        if (status == 0)
            summarise(&out[k]);
    }
    free(b.first);
    return status;
}

int
runner_run(const struct scenario *sc, const struct runner_options *opt,
           struct run_results *out)
{
    return runner_run_many(&sc, 1, opt, out);
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
