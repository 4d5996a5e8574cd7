/*
 * Per-bucket time series recorded while a run happens: counters (how many
 * of something happened in each bucket) and levels (a quantity that rises
 * and falls, averaged over each bucket's time). The model names the
 * counters and levels; the probe only indexes them.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdint.h>

struct probe {
    double width;     /* bucket width, seconds */
    double horizon;   /* end of the last bucket, seconds */
    size_t buckets;   /* ceil(horizon / width) */
    unsigned ncounters;
    unsigned nlevels;
    uint64_t *counts;  /* buckets x ncounters, row per bucket */
    double *levels;    /* buckets x nlevels: integral, then mean */

    /*
     * Recording state: time is non-decreasing, so the bucket is cached.
     * Bucket b is [b width, (b + 1) width) with both ends computed so,
     * for counters and levels alike.
     */
    size_t cur;
    double cur_end;
    double *level_value;
    double *level_since;
    size_t *level_bucket; /* the bucket of level_since */
    double *level_end;    /* and its end */
};

/*
 * A probe of ceil(horizon / width) buckets. The caller has checked that
 * the count is reasonable. Free with probe_free (NULL is fine).
 */
struct probe *probe_new(double horizon, double width, unsigned ncounters,
                        unsigned nlevels);
void probe_free(struct probe *p);

/*
 * The bytes probe_new(horizon, width, ncounters, nlevels) allocates, as
 * a double so that absurd bucket counts do not overflow.
 */
double probe_footprint(double horizon, double width, unsigned ncounters,
                       unsigned nlevels);

/* Add n to counter c in the bucket of time t; t never decreases. */
static inline void
probe_add(struct probe *p, double t, unsigned c, uint64_t n)
{
    while (t >= p->cur_end && p->cur + 1 < p->buckets) {
        p->cur++;
        p->cur_end = (double)(p->cur + 1) * p->width;
    }
    p->counts[p->cur * p->ncounters + c] += n;
}

/* Level l changes to value at time t. */
void probe_level(struct probe *p, double t, unsigned l, double value);

/* The current value of level l. */
static inline double
probe_level_value(const struct probe *p, unsigned l)
{
    return p->level_value[l];
}

/*
 * Close the recording at the horizon: levels become time averages over
 * each bucket (the last bucket may be shorter than the others).
 */
void probe_finish(struct probe *p);

/* The start and the width of bucket b, in seconds. */
double probe_bucket_start(const struct probe *p, size_t b);
double probe_bucket_width(const struct probe *p, size_t b);

static inline uint64_t
probe_count(const struct probe *p, size_t b, unsigned c)
{
    return p->counts[b * p->ncounters + c];
}

#endif
