/*
 * Summaries over replications. The values are gathered in replication
 * order before GSL sums them, so the result never depends on which thread
 * finished first.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "util.h"

double
stats_t975(size_t dof)
{
    return gsl_cdf_tdist_Pinv(0.975, (double)dof);
}

void
stats_summarize(const double *x, size_t count, size_t stride,
                struct stats_summary *out)
{
    double *finite = xmalloc((count ? count : 1) * sizeof(*finite));
    double half;
    size_t i, n = 0;

    for (i = 0; i < count; i++) {
        if (isfinite(x[i * stride]))
            finite[n++] = x[i * stride];
    }

    out->n = n;
    out->mean = n ? gsl_stats_mean(finite, 1, n) : NAN;
    out->sd = NAN;
    out->ci95_lo = NAN;
    out->ci95_hi = NAN;
    if (n >= 2) {
        out->sd = gsl_stats_sd_m(finite, 1, n, out->mean);
        half = stats_t975(n - 1) * out->sd / sqrt((double)n);
        out->ci95_lo = out->mean - half;
        out->ci95_hi = out->mean + half;
    }
    free(finite);
}
