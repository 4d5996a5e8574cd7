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

#define COLUMNS 7
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

static void
fill_row(const struct run_results *res, size_t s, char row[][CELL])
{
    static const struct {
        enum metric m;
        enum unit u;
    } cols[COLUMNS - 1] = {
        {METRIC_REQUESTS, U_COUNT},     {METRIC_SUCCESS_RATE, U_PERCENT},
        {METRIC_SPIKE, U_RATIO},        {METRIC_AMPLIFICATION, U_RATIO},
        {METRIC_MTTR, U_SECONDS},       {METRIC_LATENCY_P99, U_SECONDS},
    };
    const struct stats_summary *rec;
    size_t c, unrecovered;

    util_printable(res->sc->strategies[s].name, row[0], CELL);
    for (c = 0; c < COLUMNS - 1; c++)
        cell(run_results_summary(res, s, cols[c].m), cols[c].u, row[c + 1]);

    /* MTTR is a mean over recovered runs: say how many did not. */
    rec = run_results_summary(res, s, METRIC_RECOVERED);
    unrecovered = (size_t)llround((1 - rec->mean) * (double)rec->n);
    if (res->sc->nfaults > 0 && unrecovered > 0)
        snprintf(row[5] + strlen(row[5]), CELL - strlen(row[5]),
                 " (%zu/%zu never)", unrecovered, rec->n);
}

void
table_print(const struct run_results *res, FILE *out)
{
    static const char *const heads[COLUMNS] = {
        "strategy", "requests", "success", "spike",
        "amplification", "MTTR", "p99 latency",
    };
    size_t n = res->sc->nstrategies, s, c, w[COLUMNS];
    char (*rows)[COLUMNS][CELL] = xcalloc(n, sizeof(*rows));

    for (c = 0; c < COLUMNS; c++)
        w[c] = width(heads[c]);
    for (s = 0; s < n; s++) {
        fill_row(res, s, rows[s]);
        for (c = 0; c < COLUMNS; c++) {
            if (width(rows[s][c]) > w[c])
                w[c] = width(rows[s][c]);
        }
    }

    for (c = 0; c < COLUMNS; c++)
        fprintf(out, "%s%-*s", c ? "  " : "",
                c + 1 < COLUMNS ? (int)w[c] : 0, heads[c]);
    fputc('\n', out);
    for (s = 0; s < n; s++) {
        for (c = 0; c < COLUMNS; c++)
            fprintf(out, "%s%s%*s", c ? "  " : "", rows[s][c],
                    c + 1 < COLUMNS ? (int)(w[c] - width(rows[s][c])) : 0,
                    "");
        fputc('\n', out);
    }
    if (res->sc->replications >= 2)
        fprintf(out, "(mean ± half-width of the 95%% interval over %u "
                "replications)\n", res->sc->replications);
    free(rows);
}
