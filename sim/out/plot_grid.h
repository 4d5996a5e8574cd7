/*
 * The data side of a sweep's charts, for plot.c and the tests only:
 * sweep.csv read back into a grid of points, and the data files that
 * the sweep's gnuplot scripts read, derived from it. Reading the CSV
 * file rather than the sweep in memory lets `stampede plot` redraw a
 * sweep folder with the same code.
 */
#ifndef PLOT_GRID_H
#define PLOT_GRID_H

#include <stddef.h>
#include <stdio.h>

/* A metric that a sweep charts, as sweep.csv names it. */
struct plot_grid_metric {
    const char *name;    /* column of sweep.csv: "success_rate" */
    const char *title;   /* for titles: "success rate" */
    const char *label;   /* for an axis or a colour box, with its unit */
    const char *what;    /* a sentence for captions: what it measures */
    const char *format;  /* a cell's value, for gnuplot's sprintf */
    double scale;        /* from sweep.csv to the chart: 100 for rates */
    int percent;         /* shown as 0-100 % */
    int heat;            /* drawn as a heat map for two keys */
    const char *missing; /* what a point without a value means */
};

enum { PLOT_GRID_METRICS = 10 };

/* In the order the reports show them. */
extern const struct plot_grid_metric plot_grid_metrics[PLOT_GRID_METRICS];

/* A varied key of sweep.csv: the columns before "strategy". */
struct plot_grid_axis {
    char *key;
    char **values;   /* as written, in the order of the file */
    double *numbers; /* as loaded: seconds, fractions; NAN if not */
    size_t nvalues;
    int numeric;      /* every value is a number: a numeric axis */
    const char *unit; /* "s", "fraction" or "" */
};

struct plot_grid {
    struct plot_grid_axis *axes;
    size_t naxes;
    char **strategies; /* in the order of the file */
    size_t nstrategies;
    size_t npoints; /* product of the axes' lengths */
    /*
     * Mean, low and high of the 95 % interval, in the units of
     * sweep.csv, of point p, strategy s and metric m at
     * values[((p * nstrategies + s) * PLOT_GRID_METRICS + m) * 3];
     * NAN where sweep.csv has no value. The first axis varies slowest.
     */
    double *values;
};

/* "Every strategy", where a strategy's index is expected. */
static const size_t PLOT_GRID_ALL = (size_t)-1;

/*
 * Read sweep.csv from f (named path in messages) into g. A value of an
 * axis is a number as it is, a duration with a unit in seconds, or a
 * percentage as a fraction; an axis with any other value is shown as
 * categories. Returns 0, SIM_EIO, or SIM_EPARSE when the file is not
 * what stampede writes (with a message through log).
 */
int plot_grid_read(FILE *f, const char *path, struct plot_grid *g);

void plot_grid_free(struct plot_grid *g);

/* Metric m of strategy s at point p, scaled for the chart; NAN if none. */
double plot_grid_value(const struct plot_grid *g, size_t p, size_t s, size_t m);

/*
 * How many values of metric m are defined, for strategy s or for
 * PLOT_GRID_ALL.
 */
size_t plot_grid_defined(const struct plot_grid *g, size_t s, size_t m);

/* Are a heat map's cells few enough to print their values in? */
int plot_grid_cells_readable(const struct plot_grid *g);

/*
 * For a grid of one axis: metric m as one block per strategy (blocks
 * apart by two blank lines, for gnuplot's index), a row per value of
 * the axis: x (the number, or the value's place counted from 0 on a
 * category axis), mean, low and high, scaled. An undefined interval is
 * written as the mean, so that the point still shows. Returns 0 or
 * SIM_EIO.
 */
int plot_grid_write_lines(const struct plot_grid *g, size_t m, FILE *f);

/*
 * For a grid of two axes: metric m of strategy s, a row per point: the
 * place of the first axis's value (x), of the second's (y), both
 * counted from 0, and the scaled mean. Returns 0 or SIM_EIO.
 */
int plot_grid_write_cells(const struct plot_grid *g, size_t m, size_t s,
                          FILE *f);

/*
 * data.gp for a chart of metric m: the scenario's title, the strategies,
 * the metric's words, the axes (keys, labels with units, values), and
 * for a heat map of strategy s (or PLOT_GRID_ALL for line charts) the
 * strategy, the colour range shared by every strategy's map of m and
 * the number of cells without a value. Returns 0 or SIM_EIO.
 */
int plot_grid_write_vars(const struct plot_grid *g, const char *title, size_t m,
                         size_t s, FILE *f);

#endif
