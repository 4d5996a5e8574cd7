/*
 * Sweeps. Each point is an ordinary scenario: the file, the user's --set
 * options, then one KEY=VALUE per axis, all through the loader, so a
 * value in a sweep is checked exactly as one in a file. All points' units
 * share one thread pool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "sweep.h"

#define MAX_POINTS 10000

int
sweep_parse_axis(const char *arg, struct sweep_axis *axis, char *err,
                 size_t size)
{
    const char *eq = strchr(arg, '='), *p, *comma;

    memset(axis, 0, sizeof(*axis));
    if (eq == NULL || eq == arg || eq[1] == '\0') {
        snprintf(err, size, "--vary needs KEY=V1,V2,..., got '%s'", arg);
        return SIM_EUSAGE;
    }
    axis->key = xasprintf("%.*s", (int)(eq - arg), arg);
    for (p = eq + 1;; p = comma + 1) {
        comma = strchr(p, ',');
        axis->values = xreallocarray(axis->values, axis->nvalues + 1,
                                     sizeof(char *));
        axis->values[axis->nvalues++] =
            comma ? xasprintf("%.*s", (int)(comma - p), p) : xstrdup(p);
        if (comma == NULL)
            break;
    }
    return 0;
}

const char *
sweep_value(const struct sweep *sw, size_t p, size_t a)
{
    size_t stride = 1, i;

    for (i = a + 1; i < sw->naxes; i++)
        stride *= sw->axes[i].nvalues;
    return sw->axes[a].values[(p / stride) % sw->axes[a].nvalues];
}

/* Load point p: the user's sets, then KEY=VALUE for each axis. */
static int
load_point(const char *path, char *const *sets, size_t nsets,
           struct sweep *sw, size_t p, struct scenario_errors *errs)
{
    char **all = xcalloc(nsets + sw->naxes, sizeof(char *));
    size_t i;
    int rc;

    for (i = 0; i < nsets; i++)
        all[i] = sets[i];
    for (i = 0; i < sw->naxes; i++)
        all[nsets + i] = xasprintf("%s=%s", sw->axes[i].key,
                                   sweep_value(sw, p, i));
    rc = scenario_load(path, all, nsets + sw->naxes, &sw->points[p], errs);
    for (i = 0; i < sw->naxes; i++)
        free(all[nsets + i]);
    free(all);
    return rc;
}

int
sweep_load(const char *path, char *const *sets, size_t nsets,
           struct sweep_axis *axes, size_t naxes, struct sweep *out,
           struct scenario_errors *errs)
{
    size_t a, p;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    memset(errs, 0, sizeof(*errs));
    out->axes = axes;
    out->naxes = naxes;
    out->npoints = 1;
    for (a = 0; a < naxes; a++) {
        out->npoints *= axes[a].nvalues;
        if (out->npoints > MAX_POINTS) {
            errs->messages[0] = xasprintf("the grid has more than %d "
                                          "points", MAX_POINTS);
            errs->count = errs->total = 1;
            return SIM_EINPUT;
        }
    }
    out->points = xcalloc(out->npoints, sizeof(*out->points));
    for (p = 0; p < out->npoints && rc == 0; p++)
        rc = load_point(path, sets, nsets, out, p, errs);
    return rc;
}

int
sweep_run(struct sweep *sw, const struct runner_options *opt)
{
    sw->results = xcalloc(sw->npoints, sizeof(*sw->results));
    return runner_run_many((const struct scenario *const *)sw->points,
                           sw->npoints, opt, sw->results);
}

void
sweep_free(struct sweep *sw)
{
    size_t a, v, p;

    for (p = 0; sw->results != NULL && p < sw->npoints; p++)
        run_results_free(&sw->results[p]);
    for (p = 0; sw->points != NULL && p < sw->npoints; p++)
        scenario_free(sw->points[p]);
    for (a = 0; a < sw->naxes; a++) {
        for (v = 0; v < sw->axes[a].nvalues; v++)
            free(sw->axes[a].values[v]);
        free(sw->axes[a].values);
        free(sw->axes[a].key);
    }
    free(sw->axes);
    free(sw->points);
    free(sw->results);
    memset(sw, 0, sizeof(*sw));
}
