/*
 * From sweep.csv to the data files of a sweep's charts. sweep.csv has a
 * row per grid point and strategy; its varied keys are the columns
 * before "strategy", holding the values as the user wrote them. The
 * rows are read in any order and put in their place in the grid, which
 * is laid out as the sweep lays out its points (first axis slowest).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/log.h"
#include "../core/util.h"
#include "csv.h"
#include "plot.h"
#include "plot_grid.h"

const struct plot_grid_metric plot_grid_metrics[PLOT_GRID_METRICS] = {
    {"recovered", "runs that recovered", "runs that recovered (%)",
     "The share of replications in which the service recovered: its "
     "success ratio stayed at the SLO for the SLO window before the "
     "horizon.",
     "%.0f", 100, 1, 1, "no value"},
    {"success_rate", "success rate", "logical requests that succeeded (%)",
     "The share of the logical requests finished before the horizon that "
     "succeeded, retries included.",
     "%.1f", 100, 1, 1, "no value"},
    {"mttr", "mean time to recovery", "MTTR (s)",
     "From each fault's start until the service recovered, over the "
     "replications that recovered; where none did, there is no value.",
     "%.3g", 1, 0, 1, "no replication recovered"},
    {"downtime", "downtime", "downtime: time below the SLO (s)",
     "The seconds of buckets whose success ratio was below the SLO.", "%.3g", 1,
     0, 1, "no value"},
    {"spike", "retry spike",
     "peak attempts per second / rate before the fault (×)",
     "The busiest bucket's attempts per second from the first fault on, "
     "as a multiple of the rate before it.",
     "%.3g", 1, 0, 0, "no value"},
    {"recovery_spike", "recovery spike",
     "peak attempts per second after the faults / rate before (×)",
     "The busiest bucket's attempts per second after the last fault "
     "ended, as a multiple of the rate before the first.",
     "%.3g", 1, 0, 0, "no value"},
    {"amplification", "amplification", "attempts per logical request",
     "Attempts that reached the service per logical request started: 1 "
     "means no retries.",
     "%.3g", 1, 0, 0, "no value"},
    {"error_rate", "error rate", "logical requests that failed (%)",
     "The share of the logical requests finished before the horizon that "
     "failed, without a fallback.",
     "%.1f", 100, 1, 0, "no value"},
    {"latency_p50", "median latency", "p50 latency of a request (s)",
     "The median time from a logical request's start to its end, "
     "retries and waits included.",
     "%.3g", 1, 0, 0, "no value"},
    {"latency_p99", "p99 latency", "p99 latency of a request (s)",
     "The 99th percentile of the time from a logical request's start to "
     "its end, retries and waits included.",
     "%.3g", 1, 0, 0, "no value"},
};

/* One row of sweep.csv until the grid's shape is known. */
struct row {
    size_t *place; /* the index of its value on each axis */
    size_t strategy;
    double values[PLOT_GRID_METRICS][3];
};

struct reading {
    const char *path;
    struct csv_reader r;
    size_t nfields;
    int strategy_at;
    int at[PLOT_GRID_METRICS][3];
    struct row *rows;
    size_t nrows;
};

static int
bad(const struct reading *rd, const char *what, const char *name)
{
    log_error("%s:%zu: %s%s", rd->path, rd->r.line, what, name);
    return SIM_EPARSE;
}

/* The index of s in names[0..*n), appended when new. */
static size_t
place_of(char ***names, size_t *n, const char *s)
{
    size_t i;

    for (i = 0; i < *n; i++) {
        if (strcmp((*names)[i], s) == 0)
            return i;
    }
    *names = xreallocarray(*names, *n + 1, sizeof(**names));
    (*names)[*n] = xstrdup(s);
    return (*n)++;
}

static int
read_header(struct reading *rd, struct plot_grid *g)
{
    static const char *const ends[3] = {"", "_ci95_lo", "_ci95_hi"};
    char name[64];
    size_t a, m, e;
    int rc = csv_read(&rd->r);

    if (rc != 1)
        return rc < 0 ? rc : bad(rd, "empty file", "");
    rd->nfields = rd->r.nfields;
    rd->strategy_at = csv_find(&rd->r, "strategy");
    if (rd->strategy_at <= 0)
        return bad(rd, "no varied key before the column ", "strategy");
    g->naxes = (size_t)rd->strategy_at;
    g->axes = xcalloc(g->naxes, sizeof(*g->axes));
    for (a = 0; a < g->naxes; a++)
        g->axes[a].key = xstrdup(rd->r.fields[a]);
    for (m = 0; m < PLOT_GRID_METRICS; m++) {
        for (e = 0; e < 3; e++) {
            snprintf(name, sizeof(name), "%s%s", plot_grid_metrics[m].name,
                     ends[e]);
            rd->at[m][e] = csv_find(&rd->r, name);
            if (rd->at[m][e] < 0)
                return bad(rd, "no column ", name);
        }
    }
    return 0;
}

/* A field as a number; NAN when empty, as csv.c writes undefined. */
static double
field_number(const char *s)
{
    double v;

    return util_parse_double(s, &v) == 0 ? v : NAN;
}

static int
read_rows(struct reading *rd, struct plot_grid *g)
{
    struct row *row;
    size_t a, m, e;
    int rc;

    while ((rc = csv_read(&rd->r)) == 1) {
        if (rd->r.nfields != rd->nfields)
            return bad(rd, "not as many fields as the header", "");
        rd->rows = xreallocarray(rd->rows, rd->nrows + 1, sizeof(*row));
        row = &rd->rows[rd->nrows++];
        row->place = xcalloc(g->naxes, sizeof(*row->place));
        for (a = 0; a < g->naxes; a++)
            row->place[a] = place_of(&g->axes[a].values, &g->axes[a].nvalues,
                                     rd->r.fields[a]);
        row->strategy = place_of(&g->strategies, &g->nstrategies,
                                 rd->r.fields[rd->strategy_at]);
        for (m = 0; m < PLOT_GRID_METRICS; m++) {
            for (e = 0; e < 3; e++)
                row->values[m][e] = field_number(rd->r.fields[rd->at[m][e]]);
        }
    }
    if (rc == 0 && rd->nrows == 0)
        return bad(rd, "no grid point", "");
    return rc;
}

/*
 * A value as the loader takes it: a plain number as it is, a duration
 * with a unit in seconds, a percentage as a fraction. Which one tells
 * the axis its unit.
 */
static double
value_number(const char *s, const char **unit)
{
    double v;

    *unit = "";
    if (util_parse_double(s, &v) == 0)
        return v;
    *unit = "s";
    if (util_parse_duration(s, &v) == 0)
        return v;
    *unit = "fraction";
    if (strchr(s, '%') != NULL && util_parse_fraction(s, &v) == 0)
        return v;
    *unit = NULL;
    return NAN;
}

/* An axis is numeric when every value is, with at most one unit. */
static void
axis_numbers(struct plot_grid_axis *x)
{
    const char *unit;
    size_t v;

    x->numbers = xcalloc(x->nvalues, sizeof(*x->numbers));
    x->numeric = 1;
    x->unit = "";
    for (v = 0; v < x->nvalues; v++) {
        x->numbers[v] = value_number(x->values[v], &unit);
        if (unit == NULL)
            x->numeric = 0;
        else if (*unit != '\0' && *x->unit != '\0' &&
                 strcmp(unit, x->unit) != 0)
            x->numeric = 0;
        else if (*unit != '\0')
            x->unit = unit;
    }
    if (!x->numeric)
        x->unit = "";
}

/* Put each row in its place: point, strategy, metric. */
static void
fill(struct plot_grid *g, const struct reading *rd)
{
    size_t i, a, p, stride, n, m;

    g->npoints = 1;
    for (a = 0; a < g->naxes; a++)
        g->npoints *= g->axes[a].nvalues;
    n = g->npoints * g->nstrategies * PLOT_GRID_METRICS * 3;
    g->values = xmalloc(n * sizeof(*g->values));
    for (i = 0; i < n; i++)
        g->values[i] = NAN;
    for (i = 0; i < rd->nrows; i++) {
        const struct row *row = &rd->rows[i];

        p = 0;
        stride = 1;
        for (a = g->naxes; a-- > 0;) {
            p += row->place[a] * stride;
            stride *= g->axes[a].nvalues;
        }
        for (m = 0; m < PLOT_GRID_METRICS; m++)
            memcpy(&g->values[((p * g->nstrategies + row->strategy) *
                                   PLOT_GRID_METRICS +
                               m) *
                              3],
                   row->values[m], sizeof(row->values[m]));
    }
}

int
plot_grid_read(FILE *f, const char *path, struct plot_grid *g)
{
    struct reading rd;
    size_t i, a;
    int rc;

    memset(g, 0, sizeof(*g));
    memset(&rd, 0, sizeof(rd));
    rd.path = path;
    csv_reader_init(&rd.r, f);
    rc = read_header(&rd, g);
    if (rc == 0)
        rc = read_rows(&rd, g);
    if (rc == 0) {
        for (a = 0; a < g->naxes; a++)
            axis_numbers(&g->axes[a]);
        fill(g, &rd);
    }
    for (i = 0; i < rd.nrows; i++)
        free(rd.rows[i].place);
    free(rd.rows);
    csv_reader_free(&rd.r);
    if (rc != 0)
        plot_grid_free(g);
    return rc;
}

void
plot_grid_free(struct plot_grid *g)
{
    size_t a, v;

    for (a = 0; a < g->naxes; a++) {
        for (v = 0; v < g->axes[a].nvalues; v++)
            free(g->axes[a].values[v]);
        free(g->axes[a].values);
        free(g->axes[a].numbers);
        free(g->axes[a].key);
    }
    for (v = 0; v < g->nstrategies; v++)
        free(g->strategies[v]);
    free(g->axes);
    free(g->strategies);
    free(g->values);
    memset(g, 0, sizeof(*g));
}

static const double *
triple(const struct plot_grid *g, size_t p, size_t s, size_t m)
{
    return &g->values[((p * g->nstrategies + s) * PLOT_GRID_METRICS + m) * 3];
}

double
plot_grid_value(const struct plot_grid *g, size_t p, size_t s, size_t m)
{
    return triple(g, p, s, m)[0] * plot_grid_metrics[m].scale;
}

size_t
plot_grid_defined(const struct plot_grid *g, size_t s, size_t m)
{
    size_t p, i, n = 0;

    for (p = 0; p < g->npoints; p++) {
        for (i = 0; i < g->nstrategies; i++) {
            if ((s == PLOT_GRID_ALL || s == i) &&
                !isnan(plot_grid_value(g, p, i, m)))
                n++;
        }
    }
    return n;
}

int
plot_grid_cells_readable(const struct plot_grid *g)
{
    /* At 1200 by 680 pixels a cell then holds "100.0" at 11 points. */
    return g->naxes == 2 && g->axes[0].nvalues <= 12 &&
           g->axes[1].nvalues <= 16;
}

/* The x of value v of axis 0: its number, or its place. */
static double
x_of(const struct plot_grid_axis *x, size_t v)
{
    return x->numeric ? x->numbers[v] : (double)v;
}

/*
 * The order in which a line visits the values of axis x: by number on a
 * numeric axis, so that a line never runs back, else as given.
 */
static size_t *
line_order(const struct plot_grid_axis *x)
{
    size_t *order = xcalloc(x->nvalues, sizeof(*order)), i, j;

    /* Insertion sort: few values, and equal ones keep their order. */
    for (i = 0; i < x->nvalues; i++) {
        for (j = i;
             j > 0 && x->numeric && x->numbers[order[j - 1]] > x->numbers[i];
             j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    return order;
}

int
plot_grid_write_lines(const struct plot_grid *g, size_t m, FILE *f)
{
    const struct plot_grid_metric *pm = &plot_grid_metrics[m];
    size_t *order = line_order(&g->axes[0]), s, i, v;

    fprintf(f, "# %s against %s: x mean ci95_lo ci95_hi\n", pm->name,
            g->axes[0].key);
    for (s = 0; s < g->nstrategies; s++) {
        fprintf(f, "%s# strategy %s\n", s > 0 ? "\n\n" : "", g->strategies[s]);
        for (i = 0; i < g->axes[0].nvalues; i++) {
            const double *t = triple(g, v = order[i], s, m);
            double mean = t[0] * pm->scale;
            int no_ci = isnan(t[1]) || isnan(t[2]);

            fprintf(f, "%.9g", x_of(&g->axes[0], v));
            plot_put_number(f, mean);
            plot_put_number(f, no_ci ? mean : t[1] * pm->scale);
            plot_put_number(f, no_ci ? mean : t[2] * pm->scale);
            fputc('\n', f);
        }
    }
    free(order);
    return ferror(f) ? SIM_EIO : 0;
}

int
plot_grid_write_cells(const struct plot_grid *g, size_t m, size_t s, FILE *f)
{
    size_t nx = g->axes[0].nvalues, ny = g->axes[1].nvalues, x, y;

    fprintf(f, "# %s of %s: x (%s) y (%s) mean\n", plot_grid_metrics[m].name,
            g->strategies[s], g->axes[0].key, g->axes[1].key);
    for (x = 0; x < nx; x++) {
        for (y = 0; y < ny; y++) {
            fprintf(f, "%zu %zu", x, y);
            plot_put_number(f, plot_grid_value(g, x * ny + y, s, m));
            fputc('\n', f);
        }
    }
    return ferror(f) ? SIM_EIO : 0;
}

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/*
 * Can a numeric axis have its tics at the swept values, with labels
 * that do not run into each other? Yes when there are at most 12 and no
 * two are closer than 6 % of the axis (on a log axis, of its decades).
 */
static int
tics_at_values(const struct plot_grid_axis *x, int log_scale)
{
    double *v, gap = INFINITY, span;
    size_t i;

    if (!x->numeric || x->nvalues > 12)
        return 0;
    v = xmemdup(x->numbers, x->nvalues * sizeof(*v));
    for (i = 0; log_scale && i < x->nvalues; i++)
        v[i] = log10(v[i]);
    qsort(v, x->nvalues, sizeof(*v), by_value);
    span = v[x->nvalues - 1] - v[0];
    for (i = 1; i < x->nvalues; i++)
        gap = fmin(gap, v[i] - v[i - 1]);
    free(v);
    return x->nvalues == 1 || (span > 0 && gap >= 0.06 * span);
}

/* The variables of one axis, named with prefix ("x", "y"). */
static void
axis_vars(FILE *f, const struct plot_grid_axis *x, const char *prefix)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t v;
    int log_scale;

    fprintf(f, "%skey = ", prefix);
    plot_quote(f, x->key);
    fprintf(f, "\n%slabel_text = ", prefix);
    if (*x->unit != '\0') {
        char *text = xasprintf("%s (%s)", x->key, x->unit);

        plot_quote(f, text);
        free(text);
    } else {
        plot_quote(f, x->key);
    }
    fprintf(f,
            "\nn%s = %zu\n%scat = %d\narray %slabels[%zu]\n"
            "array %svalues[%zu]\n",
            prefix, x->nvalues, prefix, !x->numeric, prefix, x->nvalues, prefix,
            x->nvalues);
    for (v = 0; v < x->nvalues; v++) {
        fprintf(f, "%slabels[%zu] = ", prefix, v + 1);
        plot_quote(f, x->values[v]);
        fprintf(f, "\n%svalues[%zu] = %.9g\n", prefix, v + 1, x_of(x, v));
        lo = fmin(lo, x_of(x, v));
        hi = fmax(hi, x_of(x, v));
    }
    /* Values spread over decades read better on a log scale. */
    log_scale = x->numeric && x->nvalues >= 3 && lo > 0 && hi / lo >= 20;
    fprintf(f, "%smin = %.9g\n%smax = %.9g\n%slog = %d\n%stics_at = %d\n",
            prefix, lo, prefix, hi, prefix, log_scale, prefix,
            tics_at_values(x, log_scale));
}

/*
 * The colour range of the heat maps of metric m, the same for every
 * strategy so that their maps compare: 0-100 for percentages, else from
 * 0 (or the smallest value, if negative) to the largest.
 */
static void
colour_range(const struct plot_grid *g, size_t m, double *lo, double *hi)
{
    size_t p, s;
    double v;

    *lo = 0;
    *hi = plot_grid_metrics[m].percent ? 100 : 0;
    for (p = 0; p < g->npoints && !plot_grid_metrics[m].percent; p++) {
        for (s = 0; s < g->nstrategies; s++) {
            v = plot_grid_value(g, p, s, m);
            if (!isnan(v)) {
                *lo = fmin(*lo, v);
                *hi = fmax(*hi, v);
            }
        }
    }
    if (!(*hi > *lo))
        *hi = *lo + 1;
}

static void
heat_vars(const struct plot_grid *g, size_t m, size_t s, FILE *f)
{
    double lo, hi;

    axis_vars(f, &g->axes[1], "y");
    fputs("strategy = ", f);
    plot_quote(f, g->strategies[s]);
    colour_range(g, m, &lo, &hi);
    fprintf(f,
            "\ncb_min = %.9g\ncb_max = %.9g\nnundefined = %zu\n"
            "show_values = %d\n",
            lo, hi, g->npoints - plot_grid_defined(g, s, m),
            plot_grid_cells_readable(g));
}

/*
 * The span of a line chart of metric m: the smallest and largest mean
 * and interval bound. Every metric charted is at least 0 and every
 * percentage at most 100; Student's t intervals of few replications
 * can reach past those bounds, which are then the span's ends.
 */
static void
value_span(const struct plot_grid *g, size_t m, double *lo, double *hi)
{
    const struct plot_grid_metric *pm = &plot_grid_metrics[m];
    size_t p, s, e;
    double v;

    *lo = INFINITY;
    *hi = -INFINITY;
    for (p = 0; p < g->npoints; p++) {
        for (s = 0; s < g->nstrategies; s++) {
            for (e = 0; e < 3; e++) {
                v = triple(g, p, s, m)[e] * pm->scale;
                if (isnan(v))
                    continue;
                v = fmax(0, pm->percent ? fmin(100, v) : v);
                *lo = fmin(*lo, v);
                *hi = fmax(*hi, v);
            }
        }
    }
    if (*lo > *hi)
        *lo = *hi = 0;
}

int
plot_grid_write_vars(const struct plot_grid *g, const char *title, size_t m,
                     size_t s, FILE *f)
{
    const struct plot_grid_metric *pm = &plot_grid_metrics[m];
    double lo, hi;
    size_t i;

    fputs("# Written by stampede for the scripts of its sweep charts.\n"
          "scenario = ",
          f);
    plot_quote(f, title);
    fprintf(f, "\nnstrategies = %zu\narray names[%zu]\n", g->nstrategies,
            g->nstrategies);
    for (i = 0; i < g->nstrategies; i++) {
        fprintf(f, "names[%zu] = ", i + 1);
        plot_quote(f, g->strategies[i]);
        fputc('\n', f);
    }
    fputs("metric_title = ", f);
    plot_quote(f, pm->title);
    fputs("\nmetric_label = ", f);
    plot_quote(f, pm->label);
    fputs("\ncell_format = ", f);
    plot_quote(f, pm->format);
    fputs("\nmissing_text = ", f);
    plot_quote(f, pm->missing);
    fprintf(f, "\nmetric_percent = %d\n", pm->percent);
    axis_vars(f, &g->axes[0], "x");
    if (s != PLOT_GRID_ALL) {
        heat_vars(g, m, s, f);
    } else {
        value_span(g, m, &lo, &hi);
        fprintf(f, "y_lo = %.9g\ny_hi = %.9g\n", lo, hi);
    }
    return ferror(f) ? SIM_EIO : 0;
}
