/*
 * Log-linear binning in the manner of HdrHistogram: an exponent picks a
 * power-of-two range, and the next SUB_BITS bits below the top bit pick a
 * linear bin inside it. Recording is a few shifts; memory is fixed.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "hist.h"
#include "util.h"

#define SUB_BITS 10
#define SUB_COUNT (1u << SUB_BITS)
#define MAX_SHIFT 40
/* Values below 2 * SUB_COUNT are exact; then SUB_COUNT bins per octave. */
#define BIN_COUNT (2 * SUB_COUNT + MAX_SHIFT * SUB_COUNT)

struct hist {
    uint64_t count;
    double sum;
    uint64_t bins[BIN_COUNT];
};

struct hist *
hist_new(void)
{
    return xcalloc(1, sizeof(struct hist));
}

void
hist_free(struct hist *h)
{
    free(h);
}

size_t
hist_footprint(void)
{
    return sizeof(struct hist);
}

static size_t
bin_of(uint64_t us)
{
    unsigned msb, shift;

    if (us < 2 * SUB_COUNT)
        return (size_t)us;
    msb = 63u - (unsigned)__builtin_clzll(us);
    shift = msb - SUB_BITS;
    if (shift > MAX_SHIFT)
        return BIN_COUNT - 1;
    return 2 * SUB_COUNT + (size_t)(shift - 1) * SUB_COUNT +
           (size_t)((us >> shift) - SUB_COUNT);
}

/* The lower edge and width of a bin, in microseconds. */
static void
bin_range(size_t bin, double *lower, double *width)
{
    size_t shift, sub;

    if (bin < 2 * SUB_COUNT) {
        *lower = (double)bin;
        *width = 1;
        return;
    }
    shift = (bin - 2 * SUB_COUNT) / SUB_COUNT + 1;
    sub = (bin - 2 * SUB_COUNT) % SUB_COUNT + SUB_COUNT;
    *lower = ldexp((double)sub, (int)shift);
    *width = ldexp(1.0, (int)shift);
}

void
hist_record(struct hist *h, double seconds)
{
    double us = seconds > 0 ? seconds * 1e6 : 0;

    if (us > 0x1p62)
        us = 0x1p62;
    h->bins[bin_of((uint64_t)us)]++;
    h->count++;
    h->sum += seconds > 0 ? seconds : 0;
}

uint64_t
hist_count(const struct hist *h)
{
    return h->count;
}

double
hist_mean(const struct hist *h)
{
    return h->count ? h->sum / (double)h->count : NAN;
}

double
hist_quantile(const struct hist *h, double q)
{
    uint64_t rank, seen = 0;
    double lower, width;
    size_t i;

    if (h->count == 0)
        return NAN;
    SIM_ASSERT(q > 0 && q <= 1);
    /* The epsilon keeps 0.99 * 100 from becoming rank 100 by rounding. */
    rank = (uint64_t)ceil(q * (double)h->count - 1e-9);
    if (rank < 1)
        rank = 1;

    for (i = 0; i < BIN_COUNT; i++) {
        seen += h->bins[i];
        if (seen >= rank)
            break;
    }
    SIM_ASSERT(i < BIN_COUNT);
    bin_range(i, &lower, &width);
    return (lower + width / 2) * 1e-6;
}
