/*
 * Sweeps: a scenario run at every point of a grid of values, each axis a
 * key and its values ("clients.count=1000,10000"), every point loaded and
 * checked like a --set.
 */
#ifndef SWEEP_H
#define SWEEP_H

#include <stddef.h>

#include "runner.h"
#include "scenario.h"

struct sweep_axis {
    char *key;      /* a dotted path, as --set takes it */
    char **values;  /* as written */
    size_t nvalues;
};

struct sweep {
    struct sweep_axis *axes;
    size_t naxes;
    size_t npoints;            /* product of the axes' lengths */
    struct scenario **points;  /* by point; the first axis varies slowest */
    struct run_results *results;
};

/*
 * Parse "KEY=V1,V2,..." into axis. Returns 0, or SIM_EUSAGE with a
 * message in err (size bytes).
 */
int sweep_parse_axis(const char *arg, struct sweep_axis *axis, char *err,
                     size_t size);

/* Axis a's value at point p. */
const char *sweep_value(const struct sweep *sw, size_t p, size_t a);

/*
 * Load the scenario at path once per point of the grid, with sets applied
 * first and the point's values after them. On bad input returns
 * SIM_EINPUT with the problems of the first point that has any in errs.
 * Takes ownership of axes (freed by sweep_free, also on failure).
 */
int sweep_load(const char *path, char *const *sets, size_t nsets,
               struct sweep_axis *axes, size_t naxes, struct sweep *out,
               struct scenario_errors *errs);

/* Run every point; results in sw->results[p]. */
int sweep_run(struct sweep *sw, const struct runner_options *opt);

void sweep_free(struct sweep *sw);

#endif
