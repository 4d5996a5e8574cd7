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

/* A level's recording state. */
struct probe_track {
    double since;  /* when it took its value */
    double value;
    double end;    /* the end of the bucket that since falls in */
    size_t bucket; /* that bucket */
    double *sum;   /* its integral of the level, or the probe's sink */
};

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
    uint64_t *row;    /* the counters of bucket cur */
    struct probe_track *tracks; /* one per level */
    double sink;      /* receives what falls past the last bucket */
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

/* Move the counters' bucket forward to the one holding t. */
void probe_advance(struct probe *p, double t);

/*
 * Add n to counter c in the bucket of time t; t never decreases. Inline
 * with the bucket cached: several counters change at every event.
 */
static inline void
probe_add(struct probe *p, double t, unsigned c, uint64_t n)
{
    if (t >= p->cur_end)
        probe_advance(p, t);
    p->row[c] += n;
}

/* probe_level's way across bucket ends (and its checks). */
void probe_level_slow(struct probe *p, double t, unsigned l, double value);

/*
 * Level l changes to value at time t (never before its last change).
 * Inline for the usual case, a change within the bucket of the last.
 */
static inline void
probe_level(struct probe *p, double t, unsigned l, double value)
{
    struct probe_track *k = &p->tracks[l];

    if (l < p->nlevels && t >= k->since && t < k->end) {
        *k->sum += k->value * (t - k->since);
        k->since = t;
        k->value = value;
    } else {
        probe_level_slow(p, t, l, value);
    }
}

/* The current value of level l. */
static inline double
probe_level_value(const struct probe *p, unsigned l)
{
    return p->tracks[l].value;
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
