/*
 * Charts through gnuplot, the one module that starts it. gnuplot runs as
 * a program (fork and exec, never linked), on scripts kept in
 * scripts/plots/ and installed beside the binary, reading data files
 * that this module derives from the CSV files of a results folder. A
 * missing gnuplot is not an error here: the caller decides whether to
 * warn or fail.
 *
 * Two levels: plot_results draws every chart of a results folder;
 * plot_draw runs one script on data already prepared, for commands such
 * as a sweep that bring their own data and scripts.
 */
#ifndef PLOT_H
#define PLOT_H

#include <stddef.h>
#include <stdio.h>

/* The charts of a results folder, in the order reports show them. */
enum plot_chart {
    PLOT_ATTEMPTS,
    PLOT_SUCCESS,
    PLOT_DEGRADATION,
    PLOT_SPIKE,
    PLOT_AMPLIFICATION,
    PLOT_MTTR,
    PLOT_ROI,
    PLOT_COUNT
};

/* What became of one chart. */
enum plot_state {
    PLOT_NOT_DRAWN, /* gnuplot missing, --no-plots, or not tried */
    PLOT_DRAWN,     /* plots/NAME.png and plots/NAME.svg exist */
    PLOT_SKIPPED,   /* nothing to show (no faults, no roi.csv, ...) */
    PLOT_FAILED     /* gnuplot failed; the reason was logged */
};

struct plot_set {
    enum plot_state state[PLOT_COUNT];
    char why[PLOT_COUNT][160]; /* for PLOT_SKIPPED: a sentence */
    char band[80];             /* what the bands of time charts show */
    int gnuplot_missing;       /* no gnuplot on PATH */
    int disabled;              /* not tried: --no-plots */
};

/* The file name of a chart without extension ("attempts"). */
const char *plot_chart_name(enum plot_chart c);

/* Its title for people ("Attempts per second"). */
const char *plot_chart_title(enum plot_chart c);

/* What the reader should see in it: one or two sentences. */
const char *plot_chart_caption(enum plot_chart c);

/* What a results folder holds besides its CSV files. */
struct plot_context {
    const char *title;       /* the scenario's name */
    double slo_success_rate; /* a fraction; NAN draws no SLO line */
};

/*
 * Draw every chart of results folder dir from its CSV files
 * (timeseries.csv, summary.csv, faults.csv and roi.csv when present)
 * into dir/plots/, as PNG and SVG. The charts are drawn in a temporary
 * folder beside it, which then replaces dir/plots in one step. Fills
 * out; returns 0 (also when gnuplot is missing or a chart failed: see
 * out), SIM_EIO when a file cannot be read or written, SIM_EPARSE when a
 * CSV file is not what stampede writes.
 */
int plot_results(const char *dir, const struct plot_context *ctx,
                 struct plot_set *out);

/* One chart of a sweep: a metric against a key, or a heat map. */
struct plot_sweep_chart {
    char name[96];     /* file name in plots/ without extension */
    char title[200];   /* for people: "recovered: retry-3" */
    char caption[600]; /* what the reader should see in it */
    char group[80];    /* the heading it goes under: "Success rate" */
    size_t metric;     /* for plot.c: which metric, */
    size_t strategy;   /* and which strategy's heat map */
    enum plot_state state;
    char why[160];     /* for PLOT_SKIPPED: a sentence */
};

/* The charts of a sweep, in the order reports show them. */
struct plot_sweep_set {
    struct plot_sweep_chart *charts;
    size_t ncharts;
    int heat_maps;       /* two keys: a heat map per metric and strategy */
    char why[240];       /* no chart at all, by design: why */
    int gnuplot_missing; /* no gnuplot on PATH */
    int disabled;        /* not tried: --no-plots */
};

/*
 * Draw the charts of sweep results folder dir from its sweep.csv into
 * dir/plots/, as PNG and SVG, in a temporary folder that then replaces
 * dir/plots. One varied key: a chart per metric against its values, a
 * line per strategy with 95 % error bars. Two keys: a heat map per
 * metric and strategy, the first key across, the second up. More keys:
 * no chart, and out->why says so. Fills out (free it with
 * plot_sweep_set_free); returns as plot_results.
 */
int plot_sweep(const char *dir, const struct plot_context *ctx,
               struct plot_sweep_set *out);

void plot_sweep_set_free(struct plot_sweep_set *set);

/* Is there a gnuplot on PATH? */
int plot_have_gnuplot(void);

/*
 * Put the folder of the gnuplot scripts into buf: $STAMPEDE_PLOTS when
 * set, else share/stampede/plots beside the binary's bin/ folder (an
 * installed stampede, whatever PREFIX or DESTDIR), else the compiled-in
 * install folder, else scripts/plots of the source tree beside build/.
 * Returns 0, or -1 when no such folder holds the scripts.
 */
int plot_scripts_dir(char *buf, size_t size);

/*
 * Run the script named script (a file of plot_scripts_dir()) with
 * gnuplot in folder work, once per format, writing work/BASE.png and
 * work/BASE.svg. gnuplot first reads work/data.gp when there is one
 * (the variables of the data), then for each format common.gp (the
 * terminal, for the variables format and output, and the palette).
 * Returns 0, or SIM_EIO when gnuplot cannot be started or fails (its
 * messages are logged).
 */
int plot_draw(const char *work, const char *script, const char *base);

/* Write s as a gnuplot string literal (single quotes). */
void plot_quote(FILE *f, const char *s);

/*
 * Write " v" into a data file for gnuplot, with six significant digits,
 * or " NaN" (which gnuplot reads as "no value here") for a NaN.
 */
void plot_put_number(FILE *f, double v);

#endif
