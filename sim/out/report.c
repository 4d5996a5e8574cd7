/*
 * The Markdown report. No wall-clock time goes in, so the same run gives
 * the same file.
 */
#include <math.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "report.h"

/* Four significant digits, but whole numbers from 1000 on. */
static void
number(FILE *f, double v)
{
    fprintf(f, fabs(v) >= 1000 ? "%.0f" : "%.4g", v);
}

static void
interval(FILE *f, const struct stats_summary *x, double scale)
{
    fputc(' ', f);
    if (x->n == 0) {
        fputs("-", f);
    } else {
        number(f, x->mean * scale);
        if (x->n >= 2) {
            fputs(" [", f);
            number(f, x->ci95_lo * scale);
            fputs(", ", f);
            number(f, x->ci95_hi * scale);
            fputc(']', f);
        }
    }
    fputs(" |", f);
}

static void
summary_table(const struct run_results *res, FILE *f)
{
    static const struct {
        enum metric m;
        const char *head;
        double scale;
    } cols[] = {
        {METRIC_REQUESTS, "requests", 1},
        {METRIC_SUCCESS_RATE, "success %", 100},
        {METRIC_SPIKE, "spike", 1},
        {METRIC_AMPLIFICATION, "amplification", 1},
        {METRIC_MTTR, "MTTR (s)", 1},
        {METRIC_DOWNTIME, "downtime (s)", 1},
        {METRIC_LATENCY_P99, "p99 latency (s)", 1},
    };
    size_t s, c, ncols = sizeof(cols) / sizeof(cols[0]);

    fputs("| strategy |", f);
    for (c = 0; c < ncols; c++)
        fprintf(f, " %s |", cols[c].head);
    fputs("\n|---|", f);
    for (c = 0; c < ncols; c++)
        fputs("---:|", f);
    fputc('\n', f);
    for (s = 0; s < res->sc->nstrategies; s++) {
        char name[128];

        util_printable(res->sc->strategies[s].name, name, sizeof(name));
        fprintf(f, "| %s |", name);
        for (c = 0; c < ncols; c++)
            interval(f, run_results_summary(res, s, cols[c].m),
                     cols[c].scale);
        fputc('\n', f);
    }
}

/* The provenance: what made the results folder. */
static void
provenance(const struct scenario *sc, int argc, char *const *argv, FILE *f)
{
    int i;

    fputs("## How these results were made\n\n", f);
    fprintf(f, "- stampede %s\n", SIM_VERSION);
    fprintf(f, "- scenario: `%s` (a copy is in scenario.yaml)\n", sc->path);
    fprintf(f, "- seed %llu, %u replication%s, %zu strateg%s\n",
            (unsigned long long)sc->seed, sc->replications,
            sc->replications == 1 ? "" : "s", sc->nstrategies,
            sc->nstrategies == 1 ? "y" : "ies");
    fputs("- command:", f);
    for (i = 0; i < argc; i++)
        fprintf(f, " %s", argv[i]);
    fputs("\n", f);
}

int
report_write_md(const struct run_results *res, int argc, char *const *argv,
                FILE *f)
{
    const struct scenario *sc = res->sc;

    fprintf(f, "# stampede results: %s\n\n", sc->name);
    if (sc->description[0] != '\0')
        fprintf(f, "%s\n\n", sc->description);
    provenance(sc, argc, argv, f);
    fputs("\n## Summary\n\n", f);
    fputs("Mean over the replications, with the 95 % confidence interval "
          "in brackets.\n\n", f);
    summary_table(res, f);
    fputs("\nEvery metric, with its interval, is in summary.csv; each "
          "replication in replications.csv; each bucket in "
          "timeseries.csv.\n", f);
    return ferror(f) ? SIM_EIO : 0;
}

int
report_write_sweep_md(const struct sweep *sw, int argc, char *const *argv,
                      FILE *f)
{
    const struct scenario *sc = sw->points[0];
    size_t a, v;

    fprintf(f, "# stampede sweep: %s\n\n", sc->name);
    if (sc->description[0] != '\0')
        fprintf(f, "%s\n\n", sc->description);
    provenance(sc, argc, argv, f);
    fprintf(f, "\n## Grid\n\n%zu points:\n\n", sw->npoints);
    for (a = 0; a < sw->naxes; a++) {
        fprintf(f, "- `%s`:", sw->axes[a].key);
        for (v = 0; v < sw->axes[a].nvalues; v++)
            fprintf(f, "%s %s", v ? "," : "", sw->axes[a].values[v]);
        fputc('\n', f);
    }
    fputs("\nEvery metric of every point and strategy, with its 95 % "
          "interval, is in sweep.csv.\n", f);
    return ferror(f) ? SIM_EIO : 0;
}

int
report_write_rollout_md(const struct rollout_result *r, int argc,
                        char *const *argv, FILE *f)
{
    const struct scenario *sc = r->sc;
    const struct rollout_config *ro = &sc->rollout;
    size_t s;
    int g;

    fprintf(f, "# stampede rollout: %s\n\n", sc->name);
    fprintf(f, "Candidate `%s` against baseline `%s`.\n\n",
            sc->strategies[ro->candidate].name,
            sc->strategies[ro->baseline].name);
    provenance(sc, argc, argv, f);
    fputs("\n## Gates\n\n| stage | traffic | gate | value [95 % interval] "
          "| threshold | verdict |\n|---|---:|---|---:|---:|---|\n", f);
    for (s = 0; s < ro->nstages; s++) {
        for (g = 0; g < GATE_COUNT; g++) {
            const struct stats_summary *x = &r->stages[s].value[g];

            if (!ro->stages[s].has[g])
                continue;
            fprintf(f, "| %s | %g%% | %s |", ro->stages[s].name,
                    ro->stages[s].traffic * 100,
                    rollout_gate_name((enum gate)g));
            if (r->stages[s].verdict[g] == VERDICT_SKIPPED)
                fputs(" - |", f);
            else
                interval(f, x, 1);
            fprintf(f, " %g | %s |\n", ro->stages[s].threshold[g],
                    r->stages[s].verdict[g] == VERDICT_PASS   ? "pass"
                    : r->stages[s].verdict[g] == VERDICT_FAIL ? "**fail**"
                                                              : "skipped");
        }
    }
    if (r->failed_stage >= 0)
        fprintf(f, "\nThe rollout stops at stage `%s`; rollout.csv has "
                "every value.\n", ro->stages[r->failed_stage].name);
    else
        fputs("\nEvery gate of every stage holds.\n", f);
    return ferror(f) ? SIM_EIO : 0;
}
