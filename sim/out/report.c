/*
 * report.md, the table cells both reports share, and the update of the
 * charts part after `stampede plot`. No wall-clock time goes in, so the
 * same run gives the same files.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/log.h"
#include "../core/util.h"
#include "report.h"
#include "report_parts.h"
#include "roi.h"

/* ---- Cells ------------------------------------------------------------ */

/* Four significant digits, but whole numbers from 1000 on. */
static void
number(char *buf, size_t size, double v)
{
    snprintf(buf, size, fabs(v) >= 1000 ? "%.0f" : "%.4g", v);
}

/* "mean [lo, hi]", "mean" with one replication, "-" when undefined. */
static void
interval(char *buf, size_t size, double mean, double lo, double hi,
         size_t n)
{
    char a[32], b[32], c[32];

    if (n == 0 || isnan(mean)) {
        snprintf(buf, size, "-");
        return;
    }
    number(a, sizeof(a), mean);
    if (n < 2 || isnan(lo) || isnan(hi)) {
        snprintf(buf, size, "%s", a);
        return;
    }
    number(b, sizeof(b), lo);
    number(c, sizeof(c), hi);
    snprintf(buf, size, "%s [%s, %s]", a, b, c);
}

static void
summary_cell(char *buf, const struct stats_summary *x, double scale)
{
    interval(buf, REPORT_CELL, x->mean * scale, x->ci95_lo * scale,
             x->ci95_hi * scale, x->n);
}

const char *const report_summary_heads[REPORT_SUMMARY_COLUMNS] = {
    "strategy",      "requests", "success %",    "spike",
    "amplification", "MTTR (s)", "downtime (s)", "p99 latency (s)",
};

void
report_summary_row(const struct run_results *res, size_t s,
                   char cells[REPORT_SUMMARY_COLUMNS][REPORT_CELL])
{
    static const struct {
        enum metric m;
        double scale;
    } cols[REPORT_SUMMARY_COLUMNS - 1] = {
        {METRIC_REQUESTS, 1},      {METRIC_SUCCESS_RATE, 100},
        {METRIC_SPIKE, 1},         {METRIC_AMPLIFICATION, 1},
        {METRIC_MTTR, 1},          {METRIC_DOWNTIME, 1},
        {METRIC_LATENCY_P99, 1},
    };
    const struct stats_summary *rec;
    size_t c, never, len;

    util_printable(res->sc->strategies[s].name, cells[0], REPORT_CELL);
    for (c = 0; c < REPORT_SUMMARY_COLUMNS - 1; c++)
        summary_cell(cells[c + 1], run_results_summary(res, s, cols[c].m),
                     cols[c].scale);

    /* MTTR is a mean over recovered runs: say how many did not. */
    rec = run_results_summary(res, s, METRIC_RECOVERED);
    never = (size_t)llround((1 - rec->mean) * (double)rec->n);
    len = strlen(cells[5]);
    if (res->sc->nfaults > 0 && never > 0)
        snprintf(cells[5] + len, REPORT_CELL - len, ", %zu of %zu never "
                 "recovered", never, rec->n);
}

/* ---- Healing ---------------------------------------------------------- */

const char *const report_healing_heads[REPORT_HEALING_COLUMNS] = {
    "strategy",  "mode",      "detection (s)", "repair (s)",
    "restarts",  "failovers", "scale-ups",     "people called",
};

const char *const report_healing_note =
    "Detection runs from a fault's start to the controller's first "
    "unhealthy verdict, repair from there to recovery; both are means "
    "over the faults detected, with 95 % intervals. The actions are "
    "counted where they started, as a mean per run; healing.csv has "
    "every verdict and step with its time.";

const struct healing_config *
report_healing_of(const struct scenario *sc, size_t s)
{
    const struct healing_config *h = sc->strategies[s].healing_set
                                         ? &sc->strategies[s].healing
                                         : &sc->healing;

    return h->mode == HEALING_OFF ? NULL : h;
}

void
report_healing_row(const struct run_results *res, size_t s,
                   char cells[REPORT_HEALING_COLUMNS][REPORT_CELL])
{
    static const enum healing_action counted[4] = {
        HEAL_RESTART, HEAL_FAILOVER, HEAL_SCALE, HEAL_ESCALATE};
    const struct scenario *sc = res->sc;
    double started[4] = {0};
    size_t r, i, c;

    util_printable(sc->strategies[s].name, cells[0], REPORT_CELL);
    snprintf(cells[1], REPORT_CELL, "%s",
             healing_mode_name(report_healing_of(sc, s)->mode));
    summary_cell(cells[2], run_results_summary(res, s, METRIC_DETECTION_TIME),
                 1);
    summary_cell(cells[3], run_results_summary(res, s, METRIC_REPAIR_TIME),
                 1);
    for (r = 0; r < sc->replications; r++) {
        const struct unit_result *u = run_results_unit(res, s, r);

        for (i = 0; i < u->nhealing; i++) {
            for (c = 0; c < 4; c++)
                started[c] += u->healing[i].action == counted[c] &&
                              u->healing[i].outcome == HEAL_STARTED;
        }
    }
    for (c = 0; c < 4; c++)
        number(cells[4 + c], REPORT_CELL,
               started[c] / (double)sc->replications);
}

/* An amount of money: whole units with thousands separated by commas. */
static void
money(char *buf, size_t size, double v)
{
    char digits[48];
    size_t n, i, o = 0;
    int neg = v < 0;

    if (isnan(v)) {
        snprintf(buf, size, "-");
        return;
    }
    snprintf(digits, sizeof(digits), "%.0f", fabs(v));
    n = strlen(digits);
    if (neg && llround(v) != 0 && o + 1 < size)
        buf[o++] = '-';
    for (i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static void
percent(char *buf, size_t size, double fraction)
{
    snprintf(buf, size, "%+.0f %%", fraction * 100);
}

const char *const report_roi_heads[REPORT_ROI_COLUMNS] = {
    "strategy", "implementation (h)", "investment",
    "downtime saved per incident (s)", "yearly value", "ROI",
};

void
report_roi_row(const struct run_results *res, size_t s,
               char cells[REPORT_ROI_COLUMNS][REPORT_CELL])
{
    struct roi_row row;
    char a[40], b[40], c[40];

    roi_strategy(res, s, &row);
    util_printable(res->sc->strategies[s].name, cells[0], REPORT_CELL);
    number(cells[1], REPORT_CELL, res->sc->roi.implementation_hours[s]);
    money(cells[2], REPORT_CELL, row.mean.investment);
    interval(cells[3], REPORT_CELL, row.downtime_saved.mean,
             row.downtime_saved.ci95_lo, row.downtime_saved.ci95_hi,
             row.downtime_saved.n);
    money(a, sizeof(a), row.mean.yearly_value);
    money(b, sizeof(b), row.lo.yearly_value);
    money(c, sizeof(c), row.hi.yearly_value);
    if (isnan(row.lo.yearly_value))
        snprintf(cells[4], REPORT_CELL, "%s", a);
    else
        snprintf(cells[4], REPORT_CELL, "%s [%s, %s]", a, b, c);
    if (isnan(row.mean.roi)) {
        snprintf(cells[5], REPORT_CELL, "- (no investment)");
        return;
    }
    percent(a, sizeof(a), row.mean.roi);
    percent(b, sizeof(b), row.lo.roi);
    percent(c, sizeof(c), row.hi.roi);
    if (isnan(row.lo.roi))
        snprintf(cells[5], REPORT_CELL, "%s", a);
    else
        snprintf(cells[5], REPORT_CELL, "%s [%s, %s]", a, b, c);
}

int
report_roi_all_equal(const struct run_results *res)
{
    struct roi_row row;
    size_t s;

    for (s = 0; s < res->sc->nstrategies; s++) {
        roi_strategy(res, s, &row);
        if (row.downtime_saved.mean != 0 || row.downtime_saved.sd > 0 ||
            row.interventions_saved != 0)
            return 0;
    }
    return 1;
}

const char *const report_roi_no_change =
    "No strategy changed the downtime or the repairs in any replication, "
    "so none saves anything that this cost model prices: where hours are "
    "spent, the ROI is -100 %.";

const char *const report_roi_notes[] = {
    "One run of the scenario stands for one incident. Yearly value = "
    "(downtime minutes saved x downtime cost per minute + human "
    "interventions saved x minutes per intervention x engineer cost per "
    "minute) x incidents per year; investment = implementation hours x "
    "engineer cost per hour; ROI = (yearly value - investment) / "
    "investment.",
    "Downtime saved is the baseline's downtime minus the strategy's, "
    "replication by replication (both ran on the same random numbers); "
    "the intervals in brackets are 95 % confidence intervals of that "
    "difference, carried through the formula.",
    "Human interventions are the repairs a person made after the "
    "self-healing controller escalated to one (the interventions "
    "metric); the yearly value is paired the same way, so its interval "
    "includes both savings.",
    NULL,
};

/* ---- Text pieces ------------------------------------------------------ */

char *
report_scenario_text(const struct scenario *sc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    if (f == NULL)
        return xstrdup("");
    scenario_describe(sc, f);
    fclose(f);
    return text;
}

char *
report_command(int argc, char *const *argv)
{
    size_t len = 1;
    char *s;
    int i;

    for (i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    s = xcalloc(len, 1);
    for (i = 0; i < argc; i++) {
        if (i > 0)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

const char *
report_no_charts(const struct plot_set *plots)
{
    int c;

    if (plots->disabled)
        return "The charts were not drawn: the run was made with "
               "--no-plots.";
    if (plots->gnuplot_missing)
        return "The charts were not drawn: gnuplot was not on PATH when "
               "these results were made.";
    for (c = 0; c < PLOT_COUNT; c++) {
        if (plots->state[c] == PLOT_DRAWN || plots->state[c] == PLOT_SKIPPED)
            return NULL;
    }
    return "The charts were not drawn.";
}

const char *
report_no_sweep_charts(const struct plot_sweep_set *plots)
{
    size_t c;

    if (plots->disabled)
        return "The charts were not drawn: the sweep was made with "
               "--no-plots.";
    if (plots->gnuplot_missing)
        return "The charts were not drawn: gnuplot was not on PATH when "
               "these results were made.";
    if (plots->why[0] != '\0')
        return plots->why;
    for (c = 0; c < plots->ncharts; c++) {
        if (plots->charts[c].state == PLOT_DRAWN ||
            plots->charts[c].state == PLOT_SKIPPED)
            return NULL;
    }
    return "The charts were not drawn.";
}

/* ---- report.md -------------------------------------------------------- */

static void
md_row(FILE *f, const char (*cells)[REPORT_CELL], size_t n)
{
    size_t c;

    fputc('|', f);
    for (c = 0; c < n; c++)
        fprintf(f, " %s |", cells[c]);
    fputc('\n', f);
}

static void
md_head(FILE *f, const char *const *heads, size_t n)
{
    size_t c;

    fputc('|', f);
    for (c = 0; c < n; c++)
        fprintf(f, " %s |", heads[c]);
    fputs("\n|---|", f);
    for (c = 1; c < n; c++)
        fputs("---:|", f);
    fputc('\n', f);
}

static void
md_charts(FILE *f, const struct plot_set *plots)
{
    const char *none = report_no_charts(plots);
    int c;

    fputs(REPORT_CHARTS_BEGIN "\n\n", f);
    if (none != NULL) {
        fprintf(f, "%s Run `stampede plot DIR` on this folder to draw them "
                "(it needs gnuplot).\n\n", none);
    } else {
        for (c = 0; c < PLOT_COUNT; c++) {
            const char *name = plot_chart_name((enum plot_chart)c);

            fprintf(f, "### %s\n\n", plot_chart_title((enum plot_chart)c));
            if (plots->state[c] == PLOT_DRAWN)
                fprintf(f, "![%s](plots/%s.png)\n\n%s (also as "
                        "[SVG](plots/%s.svg))\n\n",
                        plot_chart_title((enum plot_chart)c), name,
                        plot_chart_caption((enum plot_chart)c), name);
            else if (plots->state[c] == PLOT_SKIPPED)
                fprintf(f, "Not drawn. %s\n\n", plots->why[c]);
            else
                fputs("Not drawn: gnuplot failed on it.\n\n", f);
        }
        if (plots->band[0])
            fprintf(f, "Bands over time show the %s.\n\n", plots->band);
    }
    fputs(REPORT_CHARTS_END "\n", f);
}

static void
md_roi(const struct run_results *res, FILE *f)
{
    const struct scenario *sc = res->sc;
    char cells[REPORT_ROI_COLUMNS][REPORT_CELL], base[128];
    size_t s, i;

    util_printable(sc->strategies[sc->roi.baseline].name, base,
                   sizeof(base));
    fprintf(f, "\n## Return on investment\n\nAgainst the baseline `%s`, "
            "at %g a minute of downtime, %g an hour of engineering and "
            "%g incident%s a month. Every row is in roi.csv.\n\n", base,
            sc->roi.downtime_cost_per_minute, sc->roi.engineer_cost_per_hour,
            sc->roi.incidents_per_month,
            sc->roi.incidents_per_month == 1 ? "" : "s");
    md_head(f, report_roi_heads, REPORT_ROI_COLUMNS);
    for (s = 0; s < sc->nstrategies; s++) {
        if (s == sc->roi.baseline)
            continue;
        report_roi_row(res, s, cells);
        md_row(f, (const char(*)[REPORT_CELL])cells, REPORT_ROI_COLUMNS);
    }
    fputc('\n', f);
    if (report_roi_all_equal(res))
        fprintf(f, "%s\n\n", report_roi_no_change);
    for (i = 0; report_roi_notes[i] != NULL; i++)
        fprintf(f, "%s\n\n", report_roi_notes[i]);
}

static void
md_healing(const struct run_results *res, FILE *f)
{
    char cells[REPORT_HEALING_COLUMNS][REPORT_CELL];
    size_t s;
    int any = 0;

    for (s = 0; s < res->sc->nstrategies; s++) {
        if (report_healing_of(res->sc, s) == NULL)
            continue;
        if (!any++) {
            fputs("\n## Self-healing\n\n", f);
            md_head(f, report_healing_heads, REPORT_HEALING_COLUMNS);
        }
        report_healing_row(res, s, cells);
        md_row(f, (const char(*)[REPORT_CELL])cells,
               REPORT_HEALING_COLUMNS);
    }
    if (any)
        fprintf(f, "\n%s\n", report_healing_note);
}

/* The provenance: what made the results folder. */
static void
provenance(const struct scenario *sc, int argc, char *const *argv, FILE *f)
{
    char *cmd = report_command(argc, argv);

    fputs("## How these results were made\n\n", f);
    fprintf(f, "- stampede %s\n", SIM_VERSION);
    fprintf(f, "- scenario: `%s` (a copy is in scenario.yaml)\n", sc->path);
    fprintf(f, "- seed %llu, %u replication%s, %zu strateg%s\n",
            (unsigned long long)sc->seed, sc->replications,
            sc->replications == 1 ? "" : "s", sc->nstrategies,
            sc->nstrategies == 1 ? "y" : "ies");
    fprintf(f, "- command: %s\n", cmd);
    free(cmd);
}

int
report_write_md(const struct run_results *res, const struct plot_set *plots,
                int argc, char *const *argv, FILE *f)
{
    const struct scenario *sc = res->sc;
    char cells[REPORT_SUMMARY_COLUMNS][REPORT_CELL];
    char *text = report_scenario_text(sc);
    size_t s;

    fprintf(f, "# stampede results: %s\n\n", sc->name);
    if (sc->description[0] != '\0')
        fprintf(f, "%s\n\n", sc->description);
    provenance(sc, argc, argv, f);
    fprintf(f, "\n## The scenario\n\n```text\n%s```\n\n", text);

    fputs("## Summary\n\nMean over the replications, with the 95 % "
          "confidence interval in brackets.\n\n", f);
    md_head(f, report_summary_heads, REPORT_SUMMARY_COLUMNS);
    for (s = 0; s < sc->nstrategies; s++) {
        report_summary_row(res, s, cells);
        md_row(f, (const char(*)[REPORT_CELL])cells,
               REPORT_SUMMARY_COLUMNS);
    }
    fputs("\nEvery metric, with its interval, is in summary.csv; each "
          "replication in replications.csv; each bucket in "
          "timeseries.csv.\n\n## Charts\n\n", f);
    md_charts(f, plots);
    if (sc->roi.enabled)
        md_roi(res, f);
    md_healing(res, f);
    free(text);
    return ferror(f) ? SIM_EIO : 0;
}

/* One chart of a sweep; a heat map's caption is its metric's, above. */
static void
md_sweep_chart(FILE *f, const struct plot_sweep_chart *ch, int heat_map)
{
    if (ch->state == PLOT_DRAWN)
        fprintf(f, "![%s](plots/%s.png)\n\n%s (also as "
                "[SVG](plots/%s.svg))\n\n", ch->title, ch->name,
                heat_map ? ch->title : ch->caption, ch->name);
    else if (ch->state == PLOT_SKIPPED)
        fprintf(f, "%s: not drawn. %s\n\n", ch->title, ch->why);
    else
        fprintf(f, "%s: not drawn, gnuplot failed on it.\n\n", ch->title);
}

/* The charts part of a sweep's report.md, a heading per metric. */
static void
md_sweep_charts(FILE *f, const struct plot_sweep_set *plots)
{
    const char *none = report_no_sweep_charts(plots);
    size_t c;
    int first;

    fputs(REPORT_CHARTS_BEGIN "\n\n", f);
    if (none != NULL)
        fprintf(f, "%s%s\n\n", none,
                plots->disabled || plots->gnuplot_missing
                    ? " Run `stampede plot DIR` on this folder to draw "
                      "them (it needs gnuplot)."
                    : "");
    for (c = 0; none == NULL && c < plots->ncharts; c++) {
        first = c == 0 || strcmp(plots->charts[c].group,
                                 plots->charts[c - 1].group) != 0;
        if (first)
            fprintf(f, "### %s\n\n", plots->charts[c].group);
        /* A metric's maps are all drawn or all skipped: see plot.c. */
        if (first && plots->heat_maps &&
            plots->charts[c].state != PLOT_SKIPPED)
            fprintf(f, "%s\n\n", plots->charts[c].caption);
        md_sweep_chart(f, &plots->charts[c], plots->heat_maps);
    }
    fputs(REPORT_CHARTS_END "\n", f);
}

int
report_write_sweep_md(const struct sweep *sw,
                      const struct plot_sweep_set *plots, int argc,
                      char *const *argv, FILE *f)
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
          "interval, is in sweep.csv.\n\n## Charts\n\n", f);
    md_sweep_charts(f, plots);
    return ferror(f) ? SIM_EIO : 0;
}

int
report_write_rollout_md(const struct rollout_result *r, int argc,
                        char *const *argv, FILE *f)
{
    const struct scenario *sc = r->sc;
    const struct rollout_config *ro = &sc->rollout;
    char cell[REPORT_CELL];
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
            if (r->stages[s].verdict[g] == VERDICT_SKIPPED) {
                fputs(" - |", f);
            } else {
                summary_cell(cell, x, 1);
                fprintf(f, " %s |", cell);
            }
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

/* ---- Redrawn charts --------------------------------------------------- */

static int
read_all(const char *path, char **text)
{
    FILE *f = fopen(path, "r");
    size_t len = 0, cap = 8192, got;

    if (f == NULL)
        return errno == ENOENT ? 1 : SIM_EIO;
    *text = xmalloc(cap);
    while ((got = fread(*text + len, 1, cap - 1 - len, f)) > 0) {
        len += got;
        if (len + 1 == cap)
            *text = xrealloc(*text, cap *= 2);
    }
    (*text)[len] = '\0';
    if (ferror(f)) {
        fclose(f);
        free(*text);
        return SIM_EIO;
    }
    fclose(f);
    return 0;
}

/*
 * Replace the charts part of file name in dir by what charts writes;
 * the new file is written beside it and renamed over it.
 */
static int
splice(const char *dir, const char *name, const void *plots,
       void (*charts)(const void *, const char *, FILE *))
{
    char *path = xasprintf("%s/%s", dir, name);
    char *tmp = xasprintf("%s/.%s.tmp", dir, name);
    char *text = NULL, *begin, *end;
    FILE *f;
    int rc = read_all(path, &text);

    if (rc != 0)
        goto done; /* 1: no such report, nothing to do */
    begin = strstr(text, REPORT_CHARTS_BEGIN);
    end = begin ? strstr(begin, REPORT_CHARTS_END) : NULL;
    if (end == NULL)
        goto done;
    end += strlen(REPORT_CHARTS_END) + (end[strlen(REPORT_CHARTS_END)] ==
                                        '\n');
    f = fopen(tmp, "w");
    if (f == NULL) {
        rc = SIM_EIO;
        goto done;
    }
    fwrite(text, 1, (size_t)(begin - text), f);
    charts(plots, dir, f);
    fputs(end, f);
    if (ferror(f) | (fclose(f) != 0) || rename(tmp, path) != 0)
        rc = SIM_EIO;
done:
    if (rc == SIM_EIO) {
        log_error("cannot rewrite %s: %s", path, strerror(errno));
        remove(tmp);
    }
    free(text);
    free(path);
    free(tmp);
    return rc < 0 ? rc : 0;
}

static void
md_charts_in(const void *plots, const char *dir, FILE *f)
{
    (void)dir;
    md_charts(f, plots);
}

static void
html_charts_in(const void *plots, const char *dir, FILE *f)
{
    report_html_charts(plots, dir, f);
}

int
report_update_charts(const char *dir, const struct plot_set *plots)
{
    int rc = splice(dir, "report.md", plots, md_charts_in);

    if (splice(dir, "report.html", plots, html_charts_in) != 0)
        rc = SIM_EIO;
    return rc;
}

static void
md_sweep_charts_in(const void *plots, const char *dir, FILE *f)
{
    (void)dir;
    md_sweep_charts(f, plots);
}

static void
html_sweep_charts_in(const void *plots, const char *dir, FILE *f)
{
    report_html_sweep_charts(plots, dir, f);
}

int
report_update_sweep_charts(const char *dir,
                           const struct plot_sweep_set *plots)
{
    int rc = splice(dir, "report.md", plots, md_sweep_charts_in);

    if (splice(dir, "report.html", plots, html_sweep_charts_in) != 0)
        rc = SIM_EIO;
    return rc;
}
