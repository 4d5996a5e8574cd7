/*
 * The parts of the reports that can be checked without a run: the
 * charts part of report.html, on an SVG file written here, and the
 * healing table, on results made up here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sim/out/report_parts.h"
#include "../sim/run/scenario.h"
#include "tests.h"

/* A results folder holding plots/attempts.svg with text svg. */
static void
make_folder(char *dir, size_t size, const char *svg)
{
    char path[256];
    FILE *f;

    snprintf(dir, size, "/tmp/stampede-report-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/plots", dir);
    CU_ASSERT_FATAL(mkdir(path, 0700) == 0);
    snprintf(path, sizeof(path), "%s/plots/attempts.svg", dir);
    f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(svg, f);
    fclose(f);
}

static void
remove_folder(const char *dir)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/plots/attempts.svg", dir);
    remove(path);
    snprintf(path, sizeof(path), "%s/plots", dir);
    rmdir(path);
    rmdir(dir);
}

/* The charts part for plots, as a new string. */
static char *
charts_html(const struct plot_set *plots, const char *dir)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    CU_ASSERT_FATAL(f != NULL);
    report_html_charts(plots, dir, f);
    fclose(f);
    return text;
}

static void
test_report_html_inlines_svg_with_its_own_ids(void)
{
    /*
     * gnuplot gives the same ids in every file; inlined side by side
     * they must not collide, so each gets the chart's name in front,
     * where defined and where referred to.
     */
    static const char svg[] =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<svg width=\"10\" height=\"10\">\n"
        "<title>Gnuplot</title>\n"
        "<g id=\"gnuplot_canvas\"><defs><path id='gpPt0' d='M0,0'/>"
        "</defs><use xlink:href='#gpPt0'/><rect fill=\"url(#grad)\"/>"
        "<text>said \"id\" &amp; more</text></g>\n</svg>\n";
    struct plot_set plots;
    char dir[64], *html;
    int c;

    make_folder(dir, sizeof(dir), svg);
    memset(&plots, 0, sizeof(plots));
    for (c = 0; c < PLOT_COUNT; c++) {
        plots.state[c] = PLOT_SKIPPED;
        snprintf(plots.why[c], sizeof(plots.why[c]), "a < b");
    }
    plots.state[PLOT_ATTEMPTS] = PLOT_DRAWN;
    html = charts_html(&plots, dir);

    CU_ASSERT(strncmp(html, REPORT_CHARTS_BEGIN "\n", 25) == 0);
    CU_ASSERT(strstr(html, "<?xml") == NULL);
    CU_ASSERT(strstr(html, "<figure id=\"chart-attempts\">\n<svg width") !=
              NULL);
    CU_ASSERT(strstr(html, "<title>Attempts per second</title>") != NULL);
    CU_ASSERT(strstr(html, "<g id=\"attempts-gnuplot_canvas\">") != NULL);
    CU_ASSERT(strstr(html, "<path id='attempts-gpPt0'") != NULL);
    CU_ASSERT(strstr(html, "xlink:href='#attempts-gpPt0'") != NULL);
    CU_ASSERT(strstr(html, "url(#attempts-grad)") != NULL);
    CU_ASSERT(strstr(html, "said \"id\" &amp; more") != NULL);
    /* A chart with nothing to show says why, escaped. */
    CU_ASSERT(strstr(html, "<strong>Retry spike.</strong> Not drawn. "
                           "a &lt; b") != NULL);
    CU_ASSERT(strstr(html, REPORT_CHARTS_END "\n") != NULL);
    free(html);
    remove_folder(dir);
}

static void
test_report_says_why_no_chart_was_drawn(void)
{
    struct plot_set plots;
    char *html;

    memset(&plots, 0, sizeof(plots));
    plots.disabled = 1;
    CU_ASSERT(strstr(report_no_charts(&plots), "--no-plots") != NULL);
    plots.disabled = 0;
    plots.gnuplot_missing = 1;
    CU_ASSERT(strstr(report_no_charts(&plots), "gnuplot") != NULL);
    html = charts_html(&plots, "/nonexistent");
    CU_ASSERT(strstr(html, "<p class=\"note\">") != NULL);
    CU_ASSERT(strstr(html, "<figure") == NULL);
    free(html);

    plots.gnuplot_missing = 0;
    plots.state[PLOT_MTTR] = PLOT_SKIPPED;
    CU_ASSERT(report_no_charts(&plots) == NULL);
}

static void
test_report_healing_table_counts_actions_per_run(void)
{
    /*
     * Two replications of a controller that restarted once and then
     * called a person, and that restarted twice: 1.5 restarts and 0.5
     * people called per run, counted where each action started (the
     * "done" steps and probe verdicts are not counted). A strategy
     * without a controller gets no row. Detection and repair times come
     * from the summary as they are.
     */
    static const struct healing_entry rep0[] = {
        {10, HEAL_PROBE, HEAL_UNHEALTHY, 0, 0},
        {10, HEAL_RESTART, HEAL_STARTED, 0, 0},
        {25, HEAL_RESTART, HEAL_DONE, 0, 4},
        {85, HEAL_ESCALATE, HEAL_STARTED, 0, 4},
        {900, HEAL_REPAIR, HEAL_DONE, 1, 4},
    };
    static const struct healing_entry rep1[] = {
        {10, HEAL_RESTART, HEAL_STARTED, 0, 0},
        {25, HEAL_RESTART, HEAL_DONE, 0, 4},
        {85, HEAL_RESTART, HEAL_STARTED, 0, 0},
        {100, HEAL_RESTART, HEAL_DONE, 1, 4},
    };
    struct strategy strategies[2];
    struct scenario sc;
    struct unit_result units[4];
    struct stats_summary summary[2 * METRIC_COUNT];
    struct run_results res;
    char cells[REPORT_HEALING_COLUMNS][REPORT_CELL];

    memset(strategies, 0, sizeof(strategies));
    memset(&sc, 0, sizeof(sc));
    memset(units, 0, sizeof(units));
    memset(summary, 0, sizeof(summary));
    strategies[0].name = "plain";
    strategies[1].name = "healed";
    strategies[1].healing_set = 1;
    strategies[1].healing.mode = HEALING_AUTO;
    sc.strategies = strategies;
    sc.nstrategies = 2;
    sc.replications = 2;
    units[2].healing = (struct healing_entry *)rep0;
    units[2].nhealing = sizeof(rep0) / sizeof(rep0[0]);
    units[3].healing = (struct healing_entry *)rep1;
    units[3].nhealing = sizeof(rep1) / sizeof(rep1[0]);
    summary[METRIC_COUNT + METRIC_DETECTION_TIME].mean = 10;
    summary[METRIC_COUNT + METRIC_DETECTION_TIME].n = 1;
    summary[METRIC_COUNT + METRIC_REPAIR_TIME].mean = 450;
    summary[METRIC_COUNT + METRIC_REPAIR_TIME].n = 1;
    res.sc = &sc;
    res.units = units;
    res.nunits = 4;
    res.summary = summary;
    res.events = 0;

    CU_ASSERT(report_healing_of(&sc, 0) == NULL);
    CU_ASSERT_FATAL(report_healing_of(&sc, 1) != NULL);
    report_healing_row(&res, 1, cells);
    CU_ASSERT_STRING_EQUAL(cells[0], "healed");
    CU_ASSERT_STRING_EQUAL(cells[1], "auto");
    CU_ASSERT_STRING_EQUAL(cells[2], "10");
    CU_ASSERT_STRING_EQUAL(cells[3], "450");
    CU_ASSERT_STRING_EQUAL(cells[4], "1.5");
    CU_ASSERT_STRING_EQUAL(cells[5], "0");
    CU_ASSERT_STRING_EQUAL(cells[6], "0");
    CU_ASSERT_STRING_EQUAL(cells[7], "0.5");

    /* The scenario's controller counts for a strategy without its own. */
    sc.healing.mode = HEALING_MANUAL;
    CU_ASSERT(report_healing_of(&sc, 0) == &sc.healing);
}

int
suite_report(void)
{
    static const struct test_entry tests[] = {
        {"html inlines svg with its own ids",
         test_report_html_inlines_svg_with_its_own_ids},
        {"says why no chart was drawn",
         test_report_says_why_no_chart_was_drawn},
        {"healing table counts actions per run",
         test_report_healing_table_counts_actions_per_run},
        {NULL, NULL},
    };

    return tests_add_suite("report", tests);
}
