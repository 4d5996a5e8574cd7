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
           2 * nl * sizeof(double);
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

/* Add value x (t0 - t1) of level l into the buckets that [t0, t1) spans. */
static void
integrate(struct probe *p, unsigned l, double t0, double t1, double value)
{
    size_t b;
    double end;

    if (value == 0 || t1 <= t0)
        return;
    b = (size_t)(t0 / p->width);
    while (t0 < t1 && b < p->buckets) {
        end = (double)(b + 1) * p->width;
        if (end > t1)
            end = t1;
        if (end > t0)
            p->levels[b * p->nlevels + l] += value * (end - t0);
        t0 = end;
        b++;
    }
}

void
probe_level(struct probe *p, double t, unsigned l, double value)
{
    SIM_ASSERT(l < p->nlevels && t >= p->level_since[l]);
    integrate(p, l, p->level_since[l], t, p->level_value[l]);
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
