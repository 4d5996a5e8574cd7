/*
 * A log-linear histogram of durations, for latency percentiles of
 * millions of requests in fixed memory.
 */
#ifndef HIST_H
#define HIST_H

#include <stddef.h>
#include <stdint.h>

/*
 * Resolution: values are counted in whole microseconds; below 2048 us
 * every microsecond has a bin, and above it each power of two is split
 * into 1024 bins, so a reported value is within 0.05 % of the true one
 * (half a bin). The largest value kept is about 2^50 us (35 years).
 */
struct hist;

struct hist *hist_new(void);
void hist_free(struct hist *h);

/* The bytes one histogram takes (its size is fixed). */
size_t hist_footprint(void);

/* Count one value in seconds (negative values count as 0). */
void hist_record(struct hist *h, double seconds);

uint64_t hist_count(const struct hist *h);

/* The exact mean of the recorded values; NAN when empty. */
double hist_mean(const struct hist *h);

/*
 * The nearest-rank quantile q in (0, 1]: the smallest recorded value v
 * such that at least q of the values are <= v, reported as the midpoint
 * of v's bin, in seconds. NAN when empty.
 */
double hist_quantile(const struct hist *h, double q);

#endif
