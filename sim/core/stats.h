/*
 * Statistics across replications: mean, standard deviation and the
 * Student-t 95 % confidence interval of the mean, through GSL.
 */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

struct stats_summary {
    double mean;
    double sd;      /* sample sd (n - 1); NAN when n < 2 */
    double ci95_lo; /* NAN when n < 2 */
    double ci95_hi;
    size_t n;       /* how many values were finite */
};

/*
 * Summarise the finite values of x[0..count) in index order; NaN values
 * (a metric undefined in that replication) are skipped. With no finite
 * value every field is NAN and n is 0.
 */
void stats_summarize(const double *x, size_t count, size_t stride,
                     struct stats_summary *out);

/* The 0.975 quantile of Student's t with dof degrees of freedom. */
double stats_t975(size_t dof);

#endif
