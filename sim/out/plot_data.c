/*
 * From a results folder's CSV files to the data files of the gnuplot
 * scripts. gnuplot cannot group rows by strategy and bucket and take a
 * mean over replications, so that happens here; the scripts only draw.
 *
 * timeseries.csv is read as a stream, one strategy at a time (it is
 * written grouped by strategy, then replication, then bucket), so memory
 * grows with the buckets of one strategy, not with the file.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/log.h"
#include "../core/util.h"
#include "csv.h"
#include "plot.h"
#include "plot_data.h"

/* More points than this per line are merged into display bins. */
#define MAX_POINTS 3000
#define LEVELS 5

/* Mean, smallest and largest of one bucket over the replications. */
struct spread {
    double sum, min, max;
    size_t n;
};

/* One strategy's time series, built up replication by replication. */
struct series {
    struct spread *attempts; /* per second */
    struct spread *success;  /* percent of attempts that ended */
    unsigned (*levels)[LEVELS];
    size_t buckets, cap;
};

/* A metric of summary.csv for one strategy. */
struct summary {
    double mean, lo, hi;
    size_t n;
};

struct strategy_row {
    char *name;
    struct summary spike, amplification, mttr, recovered;
};

struct data {
    const char *dir, *work;
    struct strategy_row *rows;
    size_t nrows;
    size_t reps;
    double width; /* bucket width, seconds */
    double horizon;
    size_t buckets;
    size_t bin; /* buckets per display point */
    size_t nfaults;
    size_t *roi_index; /* strategy of each row of roi.dat */
    size_t nroi;
};

/* ---- Files ------------------------------------------------------------ */

static FILE *
open_in(const struct data *d, const char *name, int optional)
{
    char *path = xasprintf("%s/%s", d->dir, name);
    FILE *f = fopen(path, "r");

    if (f == NULL && !(optional && errno == ENOENT))
        log_error("cannot read %s: %s", path, strerror(errno));
    free(path);
    return f;
}

static FILE *
open_out(const struct data *d, const char *name)
{
    char *path = xasprintf("%s/%s", d->work, name);
    FILE *f = fopen(path, "w");

    if (f == NULL)
        log_error("cannot create %s: %s", path, strerror(errno));
    free(path);
    return f;
}

static int
close_out(FILE *f)
{
    int bad = ferror(f);

    return fclose(f) != 0 || bad ? SIM_EIO : 0;
}

/* A CSV field as a number; NAN when empty or not a number. */
static double
number(const char *s)
{
    double v;

    return util_parse_double(s, &v) == 0 ? v : NAN;
}

static int
bad_file(const struct data *d, const char *name, size_t line,
         const char *what)
{
    log_error("%s/%s:%zu: %s", d->dir, name, line, what);
    return SIM_EPARSE;
}

/* ---- summary.csv ------------------------------------------------------ */

static size_t
row_of(struct data *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->nrows; i++) {
        if (strcmp(d->rows[i].name, name) == 0)
            return i;
    }
    d->rows = xreallocarray(d->rows, d->nrows + 1, sizeof(*d->rows));
    memset(&d->rows[d->nrows], 0, sizeof(*d->rows));
    d->rows[d->nrows].name = xstrdup(name);
    return d->nrows++;
}

static struct summary *
metric_slot(struct strategy_row *row, const char *metric)
{
    if (strcmp(metric, "spike") == 0)
        return &row->spike;
    if (strcmp(metric, "amplification") == 0)
        return &row->amplification;
    if (strcmp(metric, "mttr") == 0)
        return &row->mttr;
    if (strcmp(metric, "recovered") == 0)
        return &row->recovered;
    return NULL;
}

static int
read_summary(struct data *d)
{
    static const char *const cols[] = {"strategy", "metric", "mean",
                                       "ci95_lo", "ci95_hi", "n"};
    struct csv_reader r;
    FILE *f = open_in(d, "summary.csv", 0);
    int at[6], rc;
    size_t i;

    if (f == NULL)
        return SIM_EIO;
    csv_reader_init(&r, f);
    rc = csv_read(&r);
    for (i = 0; i < 6 && rc == 1; i++) {
        at[i] = csv_find(&r, cols[i]);
        if (at[i] < 0)
            rc = bad_file(d, "summary.csv", 1, "no column of that name");
    }
    while (rc == 1 && (rc = csv_read(&r)) == 1) {
        struct summary *x;

        if (r.nfields != 7) {
            rc = bad_file(d, "summary.csv", r.line, "not 7 fields");
            break;
        }
        x = metric_slot(&d->rows[row_of(d, r.fields[at[0]])],
                        r.fields[at[1]]);
        if (x == NULL)
            continue;
        x->mean = number(r.fields[at[2]]);
        x->lo = number(r.fields[at[3]]);
        x->hi = number(r.fields[at[4]]);
        x->n = (size_t)fmax(0, number(r.fields[at[5]]));
    }
    csv_reader_free(&r);
    fclose(f);
    if (rc == 0 && d->nrows == 0)
        rc = bad_file(d, "summary.csv", 1, "no strategy");
    return rc < 0 ? (rc == SIM_EIO ? SIM_EIO : SIM_EPARSE) : 0;
}

/* ---- timeseries.csv --------------------------------------------------- */

enum ts_col {
    TS_STRATEGY, TS_REPLICATION, TS_T, TS_ATTEMPTS, TS_SUCCESSES,
    TS_FAILURES, TS_TIMEOUTS, TS_REJECTED, TS_LEVEL, TS_COUNT
};

static const char *const ts_names[TS_COUNT] = {
    "strategy", "replication", "t", "attempts", "successes", "failures",
    "timeouts", "rejected", "degradation_level",
};

static void
spread_add(struct spread *s, double v)
{
    if (isnan(v))
        return;
    if (s->n == 0 || v < s->min)
        s->min = v;
    if (s->n == 0 || v > s->max)
        s->max = v;
    s->sum += v;
    s->n++;
}

static void
series_grow(struct series *s, size_t b)
{
    size_t old = s->cap;

    if (b < s->cap)
        return;
    s->cap = b + 1 > 2 * s->cap ? b + 1 : 2 * s->cap;
    s->attempts = xreallocarray(s->attempts, s->cap, sizeof(*s->attempts));
    s->success = xreallocarray(s->success, s->cap, sizeof(*s->success));
    s->levels = xreallocarray(s->levels, s->cap, sizeof(*s->levels));
    memset(s->attempts + old, 0, (s->cap - old) * sizeof(*s->attempts));
    memset(s->success + old, 0, (s->cap - old) * sizeof(*s->success));
    memset(s->levels + old, 0, (s->cap - old) * sizeof(*s->levels));
}

/* Add one row of timeseries.csv, bucket b of some replication. */
static void
series_add(struct series *s, size_t b, char **f, const int *at)
{
    double ok = number(f[at[TS_SUCCESSES]]);
    double ended = ok + number(f[at[TS_FAILURES]]) +
                   number(f[at[TS_TIMEOUTS]]) + number(f[at[TS_REJECTED]]);
    double level = number(f[at[TS_LEVEL]]);

    series_grow(s, b);
    spread_add(&s->attempts[b], number(f[at[TS_ATTEMPTS]]));
    spread_add(&s->success[b], ended > 0 ? 100 * ok / ended : NAN);
    if (level >= 0 && level < LEVELS)
        s->levels[b][(int)level]++;
    if (b + 1 > s->buckets)
        s->buckets = b + 1;
}

/*
 * One display point of lines over time: the mean of the bucket means,
 * the smallest minimum and the largest maximum of bin buckets from b,
 * times scale.
 */
static void
put_bin(FILE *f, const struct spread *s, size_t b, size_t bin,
        size_t buckets, double width, double scale)
{
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    size_t i, n = 0, end = b + bin < buckets ? b + bin : buckets;

    for (i = b; i < end; i++) {
        if (s[i].n == 0)
            continue;
        sum += s[i].sum / (double)s[i].n;
        lo = fmin(lo, s[i].min);
        hi = fmax(hi, s[i].max);
        n++;
    }
    plot_put_number(f, (double)(b + end) / 2 * width);
    plot_put_number(f, n ? scale * sum / (double)n : NAN);
    plot_put_number(f, n ? scale * lo : NAN);
    plot_put_number(f, n ? scale * hi : NAN);
    fputc('\n', f);
}

/*
 * The median level of a bucket over the replications; with an even
 * count, the worse of the two middle ones, so that a chart never shows
 * a bucket better than half of the runs saw it.
 */
static int
median_level(const unsigned *count)
{
    unsigned total = 0, seen = 0;
    int l;

    for (l = 0; l < LEVELS; l++)
        total += count[l];
    for (l = 0; l < LEVELS; l++) {
        seen += count[l];
        if (2 * seen > total)
            return l;
    }
    return 0;
}

/* Runs of one level as boxes: x centre, y, half width, half height. */
static void
put_levels(FILE *f, const struct series *s, size_t row, size_t nrows,
           double width)
{
    size_t b = 0, e;
    int level;

    while (b < s->buckets) {
        level = median_level(s->levels[b]);
        for (e = b + 1; e < s->buckets; e++) {
            if (median_level(s->levels[e]) != level)
                break;
        }
        plot_put_number(f, (double)(b + e) / 2 * width);
        plot_put_number(f, (double)(nrows - 1 - row));
        plot_put_number(f, (double)(e - b) / 2 * width);
        plot_put_number(f, 0.4);
        fprintf(f, " %d\n", level);
        b = e;
    }
}

struct ts_out {
    FILE *attempts, *success, *levels;
};

/* Write the finished series of strategy row and start a new one. */
static void
series_flush(struct data *d, struct series *s, size_t row,
             struct ts_out *o)
{
    size_t b;

    if (d->buckets == 0) {
        d->buckets = s->buckets;
        d->bin = (s->buckets + MAX_POINTS - 1) / MAX_POINTS;
        if (d->bin < 1)
            d->bin = 1;
    }
    if (row > 0) {
        fputs("\n\n", o->attempts);
        fputs("\n\n", o->success);
        fputs("\n\n", o->levels);
    }
    for (b = 0; b < s->buckets; b += d->bin) {
        /* Attempts were counted per bucket: per second here. */
        put_bin(o->attempts, s->attempts, b, d->bin, s->buckets, d->width,
                1 / d->width);
        put_bin(o->success, s->success, b, d->bin, s->buckets, d->width,
                1);
    }
    put_levels(o->levels, s, row, d->nrows, d->width);
    memset(s->attempts, 0, s->cap * sizeof(*s->attempts));
    memset(s->success, 0, s->cap * sizeof(*s->success));
    memset(s->levels, 0, s->cap * sizeof(*s->levels));
    s->buckets = 0;
}

/* Check the header of timeseries.csv and find its columns. */
static int
ts_header(struct data *d, struct csv_reader *r, int *at)
{
    int rc = csv_read(r), i;

    if (rc != 1)
        return rc < 0 ? rc : bad_file(d, "timeseries.csv", 1, "empty");
    for (i = 0; i < TS_COUNT; i++) {
        at[i] = csv_find(r, ts_names[i]);
        if (at[i] < 0)
            return bad_file(d, "timeseries.csv", 1, "a column is missing");
    }
    return 0;
}

static int
ts_rows(struct data *d, struct csv_reader *r, const int *at,
        struct ts_out *o)
{
    struct series s = {0};
    size_t row = 0, b = 0, nfields = r->nfields, rep = 0;
    char *current = NULL;
    int rc, started = 0;

    while ((rc = csv_read(r)) == 1) {
        const char *name = r->fields[at[TS_STRATEGY]];
        size_t this_rep;

        if (r->nfields != nfields) {
            rc = bad_file(d, "timeseries.csv", r->line, "wrong field count");
            break;
        }
        this_rep = (size_t)fmax(0, number(r->fields[at[TS_REPLICATION]]));
        if (!started || strcmp(name, current) != 0) {
            if (started)
                series_flush(d, &s, row++, o);
            if (row_of(d, name) != row) {
                rc = bad_file(d, "timeseries.csv", r->line,
                              "strategies not in the order of summary.csv");
                break;
            }
            free(current);
            current = xstrdup(name);
            started = 1;
            b = 0;
        } else if (this_rep != rep) {
            b = 0;
        }
        rep = this_rep;
        if (this_rep + 1 > d->reps)
            d->reps = this_rep + 1;
        if (b == 1 && d->width == 0)
            d->width = number(r->fields[at[TS_T]]);
        series_add(&s, b++, r->fields, at);
    }
    if (d->width == 0 || isnan(d->width))
        d->width = 1;
    if (rc == 0 && started)
        series_flush(d, &s, row++, o);
    free(current);
    free(s.attempts);
    free(s.success);
    free(s.levels);
    return rc;
}

/*
 * Bucket width: the second row's t (the first bucket starts at 0). A
 * run of one bucket has no second row; its width is then the horizon,
 * which nothing else tells here, so 1 s stands in.
 */
static int
read_timeseries(struct data *d)
{
    struct ts_out o = {0};
    struct csv_reader r;
    FILE *f = open_in(d, "timeseries.csv", 0);
    int at[TS_COUNT], rc;

    if (f == NULL)
        return SIM_EIO;
    o.attempts = open_out(d, "attempts.dat");
    o.success = open_out(d, "success.dat");
    o.levels = open_out(d, "degradation.dat");
    csv_reader_init(&r, f);
    rc = o.attempts && o.success && o.levels ? ts_header(d, &r, at)
                                              : SIM_EIO;
    if (rc == 0)
        rc = ts_rows(d, &r, at, &o);
    d->horizon = (double)d->buckets * d->width;
    csv_reader_free(&r);
    fclose(f);
    if (o.attempts && close_out(o.attempts) != 0)
        rc = SIM_EIO;
    if (o.success && close_out(o.success) != 0)
        rc = SIM_EIO;
    if (o.levels && close_out(o.levels) != 0)
        rc = SIM_EIO;
    return rc < 0 ? rc : 0;
}

/* ---- Per-strategy metrics --------------------------------------------- */

/*
 * metrics.dat, one row per strategy: index, then mean, low and high of
 * spike, amplification and MTTR, then the replications that recovered
 * and all of them.
 */
static int
write_metrics(const struct data *d)
{
    FILE *f = open_out(d, "metrics.dat");
    size_t i;

    if (f == NULL)
        return SIM_EIO;
    fputs("# i spike lo hi amplification lo hi mttr lo hi recovered n\n", f);
    for (i = 0; i < d->nrows; i++) {
        const struct strategy_row *r = &d->rows[i];
        double recovered = r->recovered.n
                               ? r->recovered.mean * (double)r->recovered.n
                               : 0;

        fprintf(f, "%zu", i);
        plot_put_number(f, r->spike.mean);
        plot_put_number(f, r->spike.lo);
        plot_put_number(f, r->spike.hi);
        plot_put_number(f, r->amplification.mean);
        plot_put_number(f, r->amplification.lo);
        plot_put_number(f, r->amplification.hi);
        plot_put_number(f, r->mttr.mean);
        plot_put_number(f, r->mttr.lo);
        plot_put_number(f, r->mttr.hi);
        plot_put_number(f, round(recovered));
        fprintf(f, " %zu\n", r->recovered.n);
    }
    return close_out(f);
}

/* ---- roi.csv ---------------------------------------------------------- */

enum roi_col { RC_STRATEGY, RC_BASELINE, RC_ROI, RC_LO, RC_HI, RC_INV,
               RC_COUNT };

static const char *const roi_names[RC_COUNT] = {
    "strategy", "baseline", "roi", "roi_ci95_lo", "roi_ci95_hi",
    "investment",
};

/*
 * roi.dat, one row per strategy but the baseline: its place on the x
 * axis, its index (for name and colour), ROI, low and high in percent,
 * and the investment. The baseline's name goes to *baseline.
 */
static int
roi_rows(struct data *d, struct csv_reader *r, FILE *out, char **baseline)
{
    int at[RC_COUNT], rc, i;
    size_t x = 0;

    for (i = 0; i < RC_COUNT; i++) {
        at[i] = csv_find(r, roi_names[i]);
        if (at[i] < 0)
            return bad_file(d, "roi.csv", 1, "a column is missing");
    }
    while ((rc = csv_read(r)) == 1) {
        const char *name = r->fields[at[RC_STRATEGY]];
        size_t s;

        if (r->nfields != 15)
            return bad_file(d, "roi.csv", r->line, "not 15 fields");
        for (s = 0; s < d->nrows; s++) {
            if (strcmp(d->rows[s].name, name) == 0)
                break;
        }
        if (s == d->nrows)
            return bad_file(d, "roi.csv", r->line, "unknown strategy");
        if (*baseline == NULL)
            *baseline = xstrdup(r->fields[at[RC_BASELINE]]);
        if (strcmp(name, *baseline) == 0)
            continue;
        fprintf(out, "%zu %zu", x++, s);
        d->roi_index = xreallocarray(d->roi_index, d->nroi + 1,
                                     sizeof(*d->roi_index));
        d->roi_index[d->nroi++] = s;
        plot_put_number(out, 100 * number(r->fields[at[RC_ROI]]));
        plot_put_number(out, 100 * number(r->fields[at[RC_LO]]));
        plot_put_number(out, 100 * number(r->fields[at[RC_HI]]));
        plot_put_number(out, number(r->fields[at[RC_INV]]));
        fputc('\n', out);
    }
    return rc;
}

/* 1 when roi.dat was written, 0 when there is no roi.csv, or an error. */
static int
write_roi(struct data *d, char **baseline)
{
    struct csv_reader r;
    FILE *in = open_in(d, "roi.csv", 1), *out;
    int rc;

    if (in == NULL)
        return errno == ENOENT ? 0 : SIM_EIO;
    out = open_out(d, "roi.dat");
    if (out == NULL) {
        fclose(in);
        return SIM_EIO;
    }
    fputs("# x strategy roi% lo% hi% investment\n", out);
    csv_reader_init(&r, in);
    rc = csv_read(&r);
    if (rc == 1)
        rc = roi_rows(d, &r, out, baseline);
    csv_reader_free(&r);
    fclose(in);
    if (close_out(out) != 0 && rc >= 0)
        rc = SIM_EIO;
    return rc < 0 ? rc : 1;
}

/* ---- data.gp ---------------------------------------------------------- */

/* The faults of faults.csv as gnuplot arrays; none if it is missing. */
static int
write_faults(struct data *d, FILE *gp)
{
    struct csv_reader r;
    FILE *in = open_in(d, "faults.csv", 1);
    int rc = 0, start, end, label;
    size_t n = 0;

    fputs("array fault_start[64]\narray fault_end[64]\n"
          "array fault_label[64]\n", gp);
    if (in != NULL) {
        csv_reader_init(&r, in);
        rc = csv_read(&r);
        start = csv_find(&r, "start");
        end = csv_find(&r, "end");
        label = csv_find(&r, "label");
        if (rc == 1 && (start < 0 || end < 0 || label < 0))
            rc = bad_file(d, "faults.csv", 1, "a column is missing");
        /* Sixty-four labelled faults are more than a chart can show. */
        while (rc == 1 && n < 64 && (rc = csv_read(&r)) == 1) {
            double e = number(r.fields[end]);

            n++;
            fprintf(gp, "fault_start[%zu] = %.9g\n", n,
                    number(r.fields[start]));
            /*
             * XXX: a fault that lasts until healed is shaded to the end:
             * healing.csv has when it ended, by strategy and replication
             * (README.md, known limitations).
             */
            fprintf(gp, "fault_end[%zu] = %.9g\n", n,
                    isnan(e) ? d->horizon : e);
            fprintf(gp, "fault_label[%zu] = ", n);
            plot_quote(gp, r.fields[label]);
            fputc('\n', gp);
        }
        csv_reader_free(&r);
        fclose(in);
    }
    fprintf(gp, "nfaults = %zu\n", n);
    d->nfaults = n;
    return rc < 0 ? rc : 0;
}

static int
write_vars(struct data *d, const struct plot_context *ctx,
           const char *baseline, const char *band)
{
    FILE *gp = open_out(d, "data.gp");
    size_t i;
    int rc;

    if (gp == NULL)
        return SIM_EIO;
    fputs("# Written by stampede for the scripts of its charts.\n"
          "scenario = ", gp);
    plot_quote(gp, ctx->title);
    fprintf(gp, "\nnstrategies = %zu\narray names[%zu]\n", d->nrows,
            d->nrows);
    for (i = 0; i < d->nrows; i++) {
        fprintf(gp, "names[%zu] = ", i + 1);
        plot_quote(gp, d->rows[i].name);
        fputc('\n', gp);
    }
    fprintf(gp, "replications = %zu\nbucket = %.9g\nhorizon = %.9g\n"
            "bin = %zu\n", d->reps, d->width, d->horizon, d->bin);
    if (isnan(ctx->slo_success_rate))
        fputs("has_slo = 0\nslo = 0\n", gp);
    else
        fprintf(gp, "has_slo = 1\nslo = %.9g\n",
                100 * ctx->slo_success_rate);
    fputs("band = ", gp);
    plot_quote(gp, band);
    fputs("\nbaseline = ", gp);
    plot_quote(gp, baseline ? baseline : "");
    /* The strategy of each ROI bar, counted from 0. */
    fprintf(gp, "\nnroi = %zu\narray roi_index[%zu]\n", d->nroi,
            d->nroi ? d->nroi : 1);
    for (i = 0; i < d->nroi; i++)
        fprintf(gp, "roi_index[%zu] = %zu\n", i + 1, d->roi_index[i]);
    rc = write_faults(d, gp);
    if (close_out(gp) != 0 && rc == 0)
        rc = SIM_EIO;
    return rc;
}

/* ---- What to draw ----------------------------------------------------- */

static void
skip(struct plot_set *set, enum plot_chart c, const char *why)
{
    set->state[c] = PLOT_SKIPPED;
    snprintf(set->why[c], sizeof(set->why[c]), "%s", why);
}

static void
decide(const struct data *d, int have_roi, struct plot_set *set)
{
    size_t i, spikes = 0, mttrs = 0;

    for (i = 0; i < d->nrows; i++) {
        spikes += !isnan(d->rows[i].spike.mean);
        mttrs += d->rows[i].mttr.n > 0;
    }
    if (d->nfaults == 0) {
        skip(set, PLOT_SPIKE, "The scenario has no faults, so there is "
             "no spike to measure.");
        skip(set, PLOT_MTTR, "The scenario has no faults, so there is "
             "nothing to recover from.");
    } else {
        if (spikes == 0)
            skip(set, PLOT_SPIKE, "No strategy has a spike: the first "
                 "fault starts in the first bucket, so there is no "
                 "baseline rate to compare with.");
        if (mttrs == 0)
            skip(set, PLOT_MTTR, "No strategy recovered before the "
                 "horizon in any replication, so there is no MTTR.");
    }
    if (!have_roi)
        skip(set, PLOT_ROI, "The scenario has no roi section.");
    else if (d->nroi == 0)
        skip(set, PLOT_ROI, "The baseline is the only strategy: there is "
             "nothing to compare with it.");
}

static void
data_free(struct data *d)
{
    size_t i;

    for (i = 0; i < d->nrows; i++)
        free(d->rows[i].name);
    free(d->rows);
    free(d->roi_index);
}

int
plot_data_write(const char *dir, const char *work,
                const struct plot_context *ctx, struct plot_set *set)
{
    struct data d = {0};
    char *baseline = NULL;
    int rc, have_roi = 0;

    d.dir = dir;
    d.work = work;
    rc = read_summary(&d);
    if (rc == 0)
        rc = read_timeseries(&d);
    if (rc == 0)
        rc = write_metrics(&d);
    if (rc == 0) {
        have_roi = write_roi(&d, &baseline);
        rc = have_roi < 0 ? have_roi : 0;
    }
    if (rc == 0) {
        if (d.bin > 1)
            snprintf(set->band, sizeof(set->band), "min-max over %zu "
                     "replication%s, in bins of %zu buckets", d.reps,
                     d.reps == 1 ? "" : "s", d.bin);
        else
            snprintf(set->band, sizeof(set->band), "min-max over %zu "
                     "replication%s", d.reps, d.reps == 1 ? "" : "s");
        rc = write_vars(&d, ctx, baseline, set->band);
    }
    if (rc == 0)
        decide(&d, have_roi > 0, set);
    free(baseline);
    data_free(&d);
    return rc;
}
