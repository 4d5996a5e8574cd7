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
    p->tracks = xcalloc(nlevels ? nlevels : 1, sizeof(*p->tracks));
    for (l = 0; l < nlevels; l++) {
        p->tracks[l].end = width;
        p->tracks[l].sum = &p->levels[l];
    }
    p->cur = 0;
    p->cur_end = width;
    p->row = p->counts;
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
           nl * sizeof(struct probe_track);
}

void
probe_free(struct probe *p)
{
    if (p == NULL)
        return;
    free(p->counts);
    free(p->levels);
    free(p->tracks);
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

void
probe_advance(struct probe *p, double t)
{
    while (t >= p->cur_end && p->cur + 1 < p->buckets) {
        p->cur++;
        /* Through int64_t: a signed conversion is one instruction. */
        p->cur_end = (double)(int64_t)(p->cur + 1) * p->width;
    }
    p->row = p->counts + p->cur * p->ncounters;
}

/*
 * Level l held its value from since to t1, over one or more bucket ends:
 * add value x time to each bucket the span crosses and move the track
 * to t1's bucket. The adds are the ones the inline path makes, so that
 * the sums come out the same whichever path a change took.
 */
void
probe_level_slow(struct probe *p, double t1, unsigned l, double value)
{
    struct probe_track *k;

    SIM_ASSERT(l < p->nlevels && t1 >= p->tracks[l].since);
    k = &p->tracks[l];
    while (t1 >= k->end) {
        *k->sum += k->value * (k->end - k->since);
        k->since = k->end;
        k->bucket++;
        k->end = (double)(int64_t)(k->bucket + 1) * p->width;
        k->sum = k->bucket < p->buckets
                     ? &p->levels[k->bucket * p->nlevels + l]
                     : &p->sink;
    }
    *k->sum += k->value * (t1 - k->since);
    k->since = t1;
    k->value = value;
}

void
probe_finish(struct probe *p)
{
    unsigned l;
    size_t b;

    for (l = 0; l < p->nlevels; l++)
        probe_level(p, p->horizon, l, p->tracks[l].value);
    for (b = 0; b < p->buckets; b++) {
        double w = probe_bucket_width(p, b);

        for (l = 0; l < p->nlevels; l++)
            p->levels[b * p->nlevels + l] /= w;
    }
}
