/*
 * Bucketed counters and time-weighted levels.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "probe.h"
#include "util.h"

struct probe *
probe_new(double horizon, double width, unsigned ncounters, unsigned nlevels)
{
    struct probe *p = xcalloc(1, sizeof(*p));
    double n = ceil(horizon / width - 1e-9);
    unsigned l;

    SIM_ASSERT(width > 0 && n >= 1 && n < 1e9);
    p->width = width;
    p->horizon = horizon;
    p->buckets = (size_t)n;
    p->ncounters = ncounters;
    p->nlevels = nlevels;
    p->counts = xcalloc(p->buckets * ncounters, sizeof(*p->counts));
    p->levels = xcalloc(p->buckets * (nlevels ? nlevels : 1),
                        sizeof(*p->levels));
    p->level_value = xcalloc(nlevels ? nlevels : 1, sizeof(double));
    p->level_since = xcalloc(nlevels ? nlevels : 1, sizeof(double));
    p->level_bucket = xcalloc(nlevels ? nlevels : 1, sizeof(size_t));
    p->level_end = xcalloc(nlevels ? nlevels : 1, sizeof(double));
    for (l = 0; l < nlevels; l++)
        p->level_end[l] = width;
    p->cur = 0;
    p->cur_end = width;
    return p;
}

double
probe_footprint(double horizon, double width, unsigned ncounters,
                unsigned nlevels)
{
    double n = ceil(horizon / width - 1e-9);
    double nl = nlevels ? nlevels : 1;

    return sizeof(struct probe) + n * (ncounters * sizeof(uint64_t) +
                                       nl * sizeof(double)) +
           3 * nl * sizeof(double) + nl * sizeof(size_t);
}

void
probe_free(struct probe *p)
{
    if (p == NULL)
        return;
    free(p->counts);
    free(p->levels);
    free(p->level_value);
    free(p->level_since);
    free(p->level_bucket);
    free(p->level_end);
    free(p);
}

double
probe_bucket_start(const struct probe *p, size_t b)
{
    return (double)b * p->width;
}

double
probe_bucket_width(const struct probe *p, size_t b)
{
    double end = (double)(b + 1) * p->width;

    return (end < p->horizon ? end : p->horizon) - probe_bucket_start(p, b);
}

/*
 * Level l held its value from level_since to t1: add value x time to
 * each bucket that span crosses, and move the cached bucket to t1's.
 */
static void
integrate(struct probe *p, unsigned l, double t1)
{
    double t0 = p->level_since[l], value = p->level_value[l];
    size_t b = p->level_bucket[l];

    while (t1 >= p->level_end[l]) {
        if (value != 0 && b < p->buckets)
            p->levels[b * p->nlevels + l] += value * (p->level_end[l] - t0);
        t0 = p->level_end[l];
        b++;
        p->level_end[l] = (double)(b + 1) * p->width;
    }
    if (value != 0 && t1 > t0 && b < p->buckets)
        p->levels[b * p->nlevels + l] += value * (t1 - t0);
    p->level_bucket[l] = b;
}

void
probe_level(struct probe *p, double t, unsigned l, double value)
{
    SIM_ASSERT(l < p->nlevels && t >= p->level_since[l]);
    integrate(p, l, t);
    p->level_since[l] = t;
    p->level_value[l] = value;
}

void
probe_finish(struct probe *p)
{
    unsigned l;
    size_t b;

    for (l = 0; l < p->nlevels; l++)
        probe_level(p, p->horizon, l, p->level_value[l]);
    for (b = 0; b < p->buckets; b++) {
        double w = probe_bucket_width(p, b);

        for (l = 0; l < p->nlevels; l++)
            p->levels[b * p->nlevels + l] /= w;
    }
}
