/*
 * The stdout table. Cells are formatted first, then padded to the widest
 * cell of their column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "table.h"

#define METRIC_COLUMNS 6
#define CELL 64

enum unit { U_COUNT, U_PERCENT, U_RATIO, U_SECONDS };

/*
 * v with sig significant digits and never an exponent: %g switches to
 * one below 1e-4 and from 10^sig up, which reads badly in a table.
 */
static void
plain_number(double v, int sig, char *buf, size_t size)
{
    double a = fabs(v);

    if (a >= pow(10, sig) || a == 0)
        snprintf(buf, size, "%.0f", v);
    else if (a < 1e-4)
        snprintf(buf, size, "%.*f", 4 + sig, v);
    else
        snprintf(buf, size, "%.*g", sig, v);
}

void
table_format_seconds(double mean, double half, int with_ci, char *buf,
                     size_t size)
{
    /* The unit that keeps the mean between 1 and a few hundred. */
    static const struct {
        double below, scale;
        const char *name;
    } units[] = {
        {1, 1e-3, "ms"},
        {600, 1, "s"},
        {36000, 60, "m"},
        {INFINITY, 3600, "h"},
    };
    char m[32], h[32];
    size_t u = 0;

    while (!(fabs(mean) < units[u].below) &&
           u + 1 < sizeof(units) / sizeof(units[0]))
        u++;
    plain_number(mean / units[u].scale, 3, m, sizeof(m));
    plain_number(half / units[u].scale, 2, h, sizeof(h));
    if (with_ci)
        snprintf(buf, size, "%s%s ± %s%s", m, units[u].name, h,
                 units[u].name);
    else
        snprintf(buf, size, "%s%s", m, units[u].name);
}

/* "mean ± half-width" of a summary, or "-" when undefined. */
static void
cell(const struct stats_summary *x, enum unit u, char *buf)
{
    double half = (x->ci95_hi - x->ci95_lo) / 2;
    int with_ci = x->n >= 2 && isfinite(half);

    if (x->n == 0) {
        snprintf(buf, CELL, "-");
        return;
    }
    switch (u) {
    case U_COUNT:
        snprintf(buf, CELL, with_ci ? "%.0f ± %.0f" : "%.0f", x->mean,
                 half);
        break;
    case U_PERCENT:
        snprintf(buf, CELL, with_ci ? "%.2f%% ± %.2f%%" : "%.2f%%",
                 x->mean * 100, half * 100);
        break;
    case U_RATIO:
        snprintf(buf, CELL, with_ci ? "%.2f ± %.2f" : "%.2f", x->mean,
                 half);
        break;
    case U_SECONDS:
        table_format_seconds(x->mean, half, with_ci, buf, CELL);
        break;
    }
}

/* Display width of a UTF-8 string: count the bytes that start a glyph. */
static size_t
width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* The headline cells of strategy s: requests ... p99 latency. */
static void
fill_metrics(const struct run_results *res, size_t s, char (*row)[CELL])
{
    static const struct {
        enum metric m;
        enum unit u;
    } cols[METRIC_COLUMNS] = {
        {METRIC_REQUESTS, U_COUNT},     {METRIC_SUCCESS_RATE, U_PERCENT},
        {METRIC_SPIKE, U_RATIO},        {METRIC_AMPLIFICATION, U_RATIO},
        {METRIC_MTTR, U_SECONDS},       {METRIC_LATENCY_P99, U_SECONDS},
    };
    const struct stats_summary *rec;
    size_t c, unrecovered;

    for (c = 0; c < METRIC_COLUMNS; c++)
        cell(run_results_summary(res, s, cols[c].m), cols[c].u, row[c]);

    /* MTTR is a mean over recovered runs: say how many did not. */
    rec = run_results_summary(res, s, METRIC_RECOVERED);
    unrecovered = (size_t)llround((1 - rec->mean) * (double)rec->n);
    if (res->sc->nfaults > 0 && unrecovered > 0)
        snprintf(row[4] + strlen(row[4]), CELL - strlen(row[4]),
                 " (%zu/%zu never)", unrecovered, rec->n);
}

/* Print rows of ncols cells under heads, each column as wide as needed. */
static void
print_grid(FILE *out, size_t ncols, const char *const *heads,
           char (*cells)[CELL], size_t nrows)
{
    size_t *w = xcalloc(ncols, sizeof(*w)), r, c;

    for (c = 0; c < ncols; c++)
        w[c] = width(heads[c]);
    for (r = 0; r < nrows; r++) {
        for (c = 0; c < ncols; c++) {
            if (width(cells[r * ncols + c]) > w[c])
                w[c] = width(cells[r * ncols + c]);
        }
    }
    for (c = 0; c < ncols; c++)
        fprintf(out, "%s%-*s", c ? "  " : "",
                c + 1 < ncols ? (int)w[c] : 0, heads[c]);
    fputc('\n', out);
    for (r = 0; r < nrows; r++) {
        for (c = 0; c < ncols; c++) {
            const char *x = cells[r * ncols + c];

            fprintf(out, "%s%s%*s", c ? "  " : "", x,
                    c + 1 < ncols ? (int)(w[c] - width(x)) : 0, "");
        }
        fputc('\n', out);
    }
    free(w);
}

static const char *const metric_heads[METRIC_COLUMNS] = {
    "requests", "success", "spike", "amplification", "MTTR", "p99 latency",
};

static void
print_footnote(FILE *out, uint32_t replications)
{
    if (replications >= 2)
        fprintf(out, "(mean ± half-width of the 95%% interval over %u "
                "replications)\n", replications);
}

void
table_print(const struct run_results *res, FILE *out)
{
    const char *heads[1 + METRIC_COLUMNS] = {"strategy"};
    size_t n = res->sc->nstrategies, s, ncols = 1 + METRIC_COLUMNS;
    char (*cells)[CELL] = xcalloc(n * ncols, sizeof(*cells));

    memcpy(heads + 1, metric_heads, sizeof(metric_heads));
    for (s = 0; s < n; s++) {
        util_printable(res->sc->strategies[s].name, cells[s * ncols], CELL);
        fill_metrics(res, s, &cells[s * ncols + 1]);
    }
    print_grid(out, ncols, heads, cells, n);
    print_footnote(out, res->sc->replications);
    free(cells);
}

void
table_print_sweep(const struct sweep *sw, FILE *out)
{
    size_t ncols = sw->naxes + 1 + METRIC_COLUMNS, nrows = 0, p, s, a;
    const char **heads = xcalloc(ncols, sizeof(*heads));
    char (*cells)[CELL];

    for (p = 0; p < sw->npoints; p++)
        nrows += sw->results[p].sc->nstrategies;
    cells = xcalloc(nrows * ncols, sizeof(*cells));
    for (a = 0; a < sw->naxes; a++)
        heads[a] = sw->axes[a].key;
    heads[sw->naxes] = "strategy";
    memcpy(heads + sw->naxes + 1, metric_heads, sizeof(metric_heads));

    nrows = 0;
    for (p = 0; p < sw->npoints; p++) {
        const struct run_results *res = &sw->results[p];

        for (s = 0; s < res->sc->nstrategies; s++, nrows++) {
            char (*row)[CELL] = &cells[nrows * ncols];

            for (a = 0; a < sw->naxes; a++)
                util_printable(sweep_value(sw, p, a), row[a], CELL);
            util_printable(res->sc->strategies[s].name, row[sw->naxes],
                           CELL);
            fill_metrics(res, s, &row[sw->naxes + 1]);
        }
    }
    print_grid(out, ncols, heads, cells, nrows);
    print_footnote(out, sw->points[0]->replications);
    free(cells);
    free(heads);
}

/* "mean [lo, hi]", or the mean alone without an interval. */
static void
interval_cell(const struct stats_summary *x, char *buf)
{
    if (x->n == 0)
        snprintf(buf, CELL, "-");
    else if (x->n < 2 || isnan(x->ci95_lo))
        snprintf(buf, CELL, "%.4g", x->mean);
    else
        snprintf(buf, CELL, "%.4g [%.4g, %.4g]", x->mean, x->ci95_lo,
                 x->ci95_hi);
}

static const char *const verdict_words[] = {"pass", "FAIL", "skipped"};

/* Which gate stopped the rollout, and by how much. */
static void
print_stop(const struct rollout_result *r, FILE *out)
{
    const struct rollout_config *ro = &r->sc->rollout;
    const struct rollout_stage *st;
    const struct stage_result *sr;
    const struct stats_summary *x;
    double edge;
    int g;

    if (r->failed_stage < 0) {
        fprintf(out, "rollout passed: every gate of the %zu stages holds\n",
                ro->nstages);
        return;
    }
    st = &ro->stages[r->failed_stage];
    sr = &r->stages[r->failed_stage];
    fprintf(out, "rollout stopped at stage '%s' (%g%% of the traffic):\n",
            st->name, st->traffic * 100);
    for (g = 0; g < GATE_COUNT; g++) {
        if (sr->verdict[g] != VERDICT_FAIL)
            continue;
        x = &sr->value[g];
        if (x->n == 0 || isnan(x->mean)) {
            fprintf(out, "  %s: no value (no run recovered or nothing "
                    "finished)\n", rollout_gate_name((enum gate)g));
            continue;
        }
        /* The side of the interval that crossed the threshold. */
        edge = g == GATE_MIN_SUCCESS_RATE
                   ? (x->n >= 2 ? x->ci95_lo : x->mean)
                   : (x->n >= 2 ? x->ci95_hi : x->mean);
        fprintf(out, "  %s: %s %.4g, past the threshold %.4g by %.4g\n",
                rollout_gate_name((enum gate)g),
                x->n >= 2 ? "the 95% interval reaches" : "the value is",
                edge, st->threshold[g], fabs(edge - st->threshold[g]));
    }
    if (sr->analysis == VERDICT_FAIL)
        fprintf(out, "  analysis: %u failed checks, limit %u\n",
                sr->failed_checks, ro->failure_limit);
}

/* "p% [lo, hi] of n trials", or a dash when no trial got this far. */
static void
share_cell(double p, double lo, double hi, uint32_t n, char *buf)
{
    if (n == 0)
        snprintf(buf, CELL, "- (no trial got here)");
    else
        snprintf(buf, CELL, "%.1f%% [%.1f, %.1f] of %u", p * 100, lo * 100,
                 hi * 100, n);
}

static void
print_validation(const struct rollout_result *r, FILE *out)
{
    const struct rollout_config *ro = &r->sc->rollout;
    const char *heads[] = {"stage", "false alarms (good stopped)",
                           "misses (bad let through)"};
    char (*cells)[CELL] = xcalloc(ro->nstages * 3, sizeof(*cells));
    size_t s;

    for (s = 0; s < ro->nstages; s++) {
        const struct stage_validation *v = &r->validation[s];

        util_printable(ro->stages[s].name, cells[s * 3], CELL);
        share_cell(v->false_alarms, v->fa_lo, v->fa_hi, v->good_trials,
                   cells[s * 3 + 1]);
        share_cell(v->misses, v->miss_lo, v->miss_hi, v->bad_trials,
                   cells[s * 3 + 2]);
    }
    fputc('\n', out);
    print_grid(out, 3, heads, cells, ro->nstages);
}

void
table_print_rollout(const struct rollout_result *r, FILE *out)
{
    const struct rollout_config *ro = &r->sc->rollout;
    const char *heads[] = {"stage", "traffic", "clients", "gate",
                           "value [95% interval]", "threshold", "verdict"};
    size_t s, rows = 0, ncols = 7;
    char (*cells)[CELL] = xcalloc(ro->nstages * (GATE_COUNT + 1) * ncols,
                                  sizeof(*cells));
    int g;

    for (s = 0; s < ro->nstages; s++) {
        const struct rollout_stage *st = &ro->stages[s];
        const struct stage_result *sr = &r->stages[s];

        for (g = 0; g <= GATE_COUNT; g++) {
            char (*row)[CELL] = &cells[rows * ncols];
            enum verdict v;

            if ((g == GATE_COUNT && !ro->analysis) ||
                (g < GATE_COUNT && !st->has[g]))
                continue;
            v = g < GATE_COUNT ? sr->verdict[g] : sr->analysis;
            util_printable(st->name, row[0], CELL);
            snprintf(row[1], CELL, "%g%%", st->traffic * 100);
            snprintf(row[2], CELL, "%u", sr->cohort);
            snprintf(row[3], CELL, "%s",
                     g < GATE_COUNT ? rollout_gate_name((enum gate)g)
                                    : "analysis (failed checks)");
            if (v == VERDICT_SKIPPED)
                snprintf(row[4], CELL, "-");
            else if (g < GATE_COUNT)
                interval_cell(&sr->value[g], row[4]);
            else
                snprintf(row[4], CELL, "%u", sr->failed_checks);
            if (g == GATE_COUNT)
                snprintf(row[5], CELL, "< %u", ro->failure_limit);
            else
                snprintf(row[5], CELL, "%s %g",
                         g == GATE_MIN_SUCCESS_RATE ? ">=" : "<=",
                         st->threshold[g]);
            snprintf(row[6], CELL, "%s", verdict_words[v]);
            rows++;
        }
    }
    print_grid(out, ncols, heads, cells, rows);
    free(cells);
    print_stop(r, out);
    if (r->validation != NULL)
        print_validation(r, out);
}
