/*
 * Memory estimates before a run. Each part is an upper bound, built from
 * the sizes of the structures the run allocates and, for the simulated
 * world, from the most requests that can be alive at once (model.c).
 *
 * Measured against the peak RSS that `stampede run -v` reports (glibc,
 * x86-64, -j 2 and --no-plots unless said), in MiB:
 *
 *   scenario and change                          peak  estimate  ratio
 *   tests/scenarios/herd-small.yaml               6.9        12    1.7
 *   scenarios/herd.yaml (5 strategies, -r 10)    17.9        37    2.1
 *   herd.yaml, 10^4 clients, -r 1                15.2        35    2.3
 *   herd.yaml, 10^5 clients, -r 1               106.9       247    2.3
 *   herd.yaml, 10^6 clients, one strategy, -j 1 487.6      1229    2.5
 *   herd-small, bucket 1ms, -r 10               250.4       265    1.06
 *   herd-small, bucket 1ms, -r 2, with charts    55.8       119    2.1
 *   hand-closed.yaml, 10^6 closed clients       163.7       248    1.5
 *   once-spread.yaml, 10^6 clients              195.6       424    2.2
 *   metastable.yaml, 10^5 clients (timeouts)     65.7        94    1.4
 *   mttr.yaml, 2 x 10^4 clients (healing)        20.8        75    3.6
 *   aws-occ.yaml                                 42.5        48    1.13
 *   rollout.yaml (rollout)                       11.8        23    1.9
 *
 * So the estimate is an upper bound within a factor of 4, mostly 2 to
 * 2.5: the request pool is counted at twice its use (it grows by
 * doubling) and the live requests at the arrivals of a whole lifetime,
 * which only a storm as long as the retries reaches.
 *
 * The bound on live requests assumes the draws of service and network
 * times stay within four times their means for a whole request; heavy
 * tails (Pareto with a shape near 1) can break it, which is why the
 * refusal can be overridden with --force.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../sim.h"
#include "../core/probe.h"
#include "../core/stats.h"
#include "../model/model.h"
#include "footprint.h"
#include "replication.h"
#include "rollout.h"

/* A tiny run's peak RSS is 5 MiB; each thread adds its stack and arena. */
#define PROGRAM_BYTES (8.0 * 1024 * 1024)
#define THREAD_BYTES (1.0 * 1024 * 1024)

/* Bytes per strategy and bucket that the charts and report.html read. */
#define PLOT_BYTES_PER_BUCKET 256.0

double
footprint_total(const struct footprint *fp)
{
    return fp->program + fp->results + fp->worlds;
}

static const struct healing_config *
healing_of(const struct scenario *sc, size_t s)
{
    return sc->strategies[s].healing_set ? &sc->strategies[s].healing
                                         : &sc->healing;
}

/* The world of strategy s, as replication_run builds it. */
static double
world_bytes(const struct scenario *sc, size_t s)
{
    const struct strategy *st = &sc->strategies[s];
    struct model_config cfg = {
        .clients = &sc->clients,
        .service = &sc->service,
        .faults = sc->faults,
        .nfaults = sc->nfaults,
        .retry = &st->retry,
        .breaker = &st->breaker,
        .budget = &st->budget,
        .fallback = &st->fallback,
        .healing = healing_of(sc, s),
        .horizon = sc->duration,
        .bucket = sc->bucket,
    };

    return model_footprint(&cfg);
}

/* The largest world among the strategies of sc. */
static double
largest_world(const struct scenario *sc)
{
    double most = 0;
    size_t s;

    for (s = 0; s < sc->nstrategies; s++)
        most = fmax(most, world_bytes(sc, s));
    return most;
}

/* The healing log a unit keeps: every probe may change the verdict. */
static double
healing_log_bytes(const struct scenario *sc, size_t s)
{
    const struct healing_config *h = healing_of(sc, s);

    if (h->mode == HEALING_OFF)
        return 0;
    return 2 * (sc->duration / h->check_interval + 16) *
           sizeof(struct healing_entry);
}

static size_t
busy_threads(unsigned threads, double units)
{
    double n = threads > 1 ? threads : 1;

    return (size_t)fmax(1, fmin(n, units));
}

static void
start(unsigned threads, struct footprint *out)
{
    memset(out, 0, sizeof(*out));
    out->program = PROGRAM_BYTES + (threads > 1 ? threads : 1) * THREAD_BYTES;
}

void
footprint_run(const struct scenario *sc, unsigned threads, int plots,
              struct footprint *out)
{
    double series = probe_footprint(sc->duration, sc->bucket, MC_COUNT,
                                    ML_COUNT);
    double reps = sc->replications, buckets = ceil(sc->duration / sc->bucket);
    size_t s;

    start(threads, out);
    for (s = 0; s < sc->nstrategies; s++)
        out->results += reps * (sizeof(struct unit_result) + series +
                                healing_log_bytes(sc, s));
    out->results += (double)sc->nstrategies * METRIC_COUNT *
                    sizeof(struct stats_summary);
    if (plots)
        out->results += (double)sc->nstrategies * buckets *
                        PLOT_BYTES_PER_BUCKET;
    out->nworlds = busy_threads(threads, reps * (double)sc->nstrategies);
    out->worlds = (double)out->nworlds * largest_world(sc);
}

void
footprint_sweep(const struct scenario *const *points, size_t n,
                unsigned threads, struct footprint *out)
{
    double units = 0, world = 0, u;
    size_t p;

    start(threads, out);
    for (p = 0; p < n; p++) {
        /* A sweep keeps the metrics of each unit, not its time series. */
        u = (double)points[p]->nstrategies * points[p]->replications;
        units += u;
        out->results += u * sizeof(struct unit_result) +
                        (double)points[p]->nstrategies * METRIC_COUNT *
                            sizeof(struct stats_summary);
        world = fmax(world, largest_world(points[p]));
    }
    out->nworlds = busy_threads(threads, units);
    out->worlds = (double)out->nworlds * world;
}

void
footprint_rollout(const struct scenario *sc, unsigned threads,
                  struct footprint *out)
{
    const struct rollout_config *ro = &sc->rollout;
    struct model_policy cand = {0};
    double intervals = 0, units = sc->replications, world = 0;
    size_t i, which[3] = {ro->candidate, ro->good, ro->bad};
    struct model_config cfg;

    rollout_world_config(sc, &cand, sc->clients.count, &cfg);
    start(threads, out);
    if (ro->analysis)
        intervals = ceil(sc->duration / ro->interval - 1e-9);
    /* A stage's units keep their gate values and analysis intervals. */
    out->results = units * (128 + intervals * 4 * sizeof(double));
    if (ro->validate) {
        out->results += 2.0 * ro->trials * 32;
        units = fmax(units, ro->trials);
    }
    for (i = 0; i < (ro->validate ? 3u : 1u); i++) {
        const struct strategy *st = &sc->strategies[which[i]];

        cand.retry = &st->retry;
        cand.breaker = &st->breaker;
        cand.budget = &st->budget;
        cand.fallback = &st->fallback;
        world = fmax(world, model_footprint(&cfg));
    }
    out->nworlds = busy_threads(threads, units);
    out->worlds = (double)out->nworlds * world;
}

/*
 * XXX: a container's memory limit (the cgroup's memory.max) is not read,
 * so inside a container with a limit below MemAvailable a run that fits
 * the machine but not the limit is let through (README.md, known
 * limitations).
 */
int
footprint_available(const char *path, double *bytes)
{
    char line[256];
    unsigned long long kib;
    FILE *f = fopen(path, "r");
    int rc = SIM_EPARSE;

    if (f == NULL)
        return SIM_EIO;
    while (fgets(line, sizeof(line), f) != NULL) {
        if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1) {
            *bytes = (double)kib * 1024;
            rc = 0;
            break;
        }
    }
    fclose(f);
    return rc;
}

void
footprint_format(double bytes, char *buf, size_t size)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB",
                                        "TiB", "PiB", "EiB"};
    size_t u = 0;

    while (bytes >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
        bytes /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%.0f bytes", bytes);
    else
        snprintf(buf, size, "%.*f %s", bytes < 10 ? 1 : 0, bytes, units[u]);
}
