/*
 * The parts of the reports that can be checked without a run: the
 * charts part of report.html, on an SVG file written here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sim/out/report_parts.h"
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

int
suite_report(void)
{
    static const struct test_entry tests[] = {
        {"html inlines svg with its own ids",
         test_report_html_inlines_svg_with_its_own_ids},
        {"says why no chart was drawn",
         test_report_says_why_no_chart_was_drawn},
        {NULL, NULL},
    };

    return tests_add_suite("report", tests);
}
