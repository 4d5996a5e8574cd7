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
        snprintf(buf, CELL, with_ci ? "%.3gs ± %.2gs" : "%.3gs", x->mean,
                 half);
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
