/*
 * report.html: one file that a browser shows as it is, offline, without
 * script. The charts are gnuplot's SVG files inlined; each gets its own
 * prefix on the ids it defines and refers to, because gnuplot names
 * them alike in every file and one page holds them all.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "markup.h"
#include "report.h"
#include "report_parts.h"

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "'DejaVu Sans',sans-serif;color:#222;background:#fff;margin:0;"
    "line-height:1.45}\n"
    "main{max-width:1000px;margin:0 auto;padding:1.5em 1.2em 3em}\n"
    "h1{font-size:1.7em;margin:.2em 0 .3em}\n"
    "h2{font-size:1.3em;margin:1.8em 0 .5em;border-bottom:1px solid #ddd;"
    "padding-bottom:.2em}\n"
    "h3{font-size:1.05em;margin:1.4em 0 .4em}\n"
    ".lede{font-size:1.1em;color:#444}\n"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
    "\ndt{font-weight:600}dd{margin:0}\n"
    "code,pre{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;"
    "font-size:.9em}\n"
    "pre{background:#f6f6f6;border:1px solid #e4e4e4;padding:.8em;"
    "overflow-x:auto;white-space:pre-wrap}\n"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.92em}\n"
    "th,td{border:1px solid #ddd;padding:.3em .6em}\n"
    "th{background:#f2f2f2;text-align:left}\n"
    "td{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "td:first-child{text-align:left;font-weight:600}\n"
    ".scroll{overflow-x:auto}\n"
    ".ci{color:#666;font-size:.85em}\n"
    "figure{margin:1.2em 0 2em}\n"
    "figure svg{width:100%;height:auto;display:block;"
    "border:1px solid #eee}\n"
    "figcaption{color:#444;font-size:.93em;margin-top:.4em}\n"
    ".note{background:#fff8e1;border-left:4px solid #E69F00;"
    "padding:.5em .8em}\n"
    "footer{margin-top:3em;color:#666;font-size:.85em}\n";

static void
table_head(FILE *f, const char *const *heads, size_t n)
{
    size_t c;

    fputs("<div class=\"scroll\"><table>\n<thead><tr>", f);
    for (c = 0; c < n; c++) {
        fputs("<th>", f);
        markup_text(f, heads[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
}

/* A cell "mean [lo, hi]" shows its interval on a line of its own. */
static void
table_row(FILE *f, const char (*cells)[REPORT_CELL], size_t n)
{
    char text[REPORT_CELL], *bracket;
    size_t c;

    fputs("<tr>", f);
    for (c = 0; c < n; c++) {
        snprintf(text, sizeof(text), "%s", cells[c]);
        bracket = strstr(text, " [");
        if (bracket != NULL)
            *bracket = '\0';
        fputs("<td>", f);
        markup_text(f, text);
        if (bracket != NULL) {
            fputs("<br><span class=\"ci\">", f);
            markup_text(f, bracket + 1);
            fputs("</span>", f);
        }
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

/* ---- Inlined SVG ------------------------------------------------------ */

static char *
read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t len = 0, cap = 65536, got;
    char *text;

    if (f == NULL)
        return NULL;
    text = xmalloc(cap);
    while ((got = fread(text + len, 1, cap - 1 - len, f)) > 0) {
        len += got;
        if (len + 1 == cap)
            text = xrealloc(text, cap *= 2);
    }
    text[len] = '\0';
    fclose(f);
    return text;
}

/*
 * Copy the svg element of text to f, with prefix- before every id it
 * defines (id="x", id='x') and every reference to one (href="#x",
 * href='#x', url(#x)), and the chart's title as the SVG's title.
 */
static void
put_svg(FILE *f, const char *text, const char *prefix, const char *title)
{
    static const char *const marks[] = {" id=\"", " id='", "href=\"#",
                                        "href='#", "url(#"};
    const char *p = strstr(text, "<svg"), *next, *t;
    size_t i, m = 0, len;

    while (p != NULL && *p) {
        next = NULL;
        for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
            t = strstr(p, marks[i]);
            if (t != NULL && (next == NULL || t < next)) {
                next = t;
                m = i;
            }
        }
        t = strstr(p, "<title>");
        if (t != NULL && (next == NULL || t < next)) {
            /* gnuplot calls every chart "Gnuplot": name it instead. */
            fwrite(p, 1, (size_t)(t - p), f);
            fputs("<title>", f);
            markup_text(f, title);
            fputs("</title>", f);
            t = strstr(t, "</title>");
            p = t ? t + strlen("</title>") : t;
            continue;
        }
        if (next == NULL) {
            fputs(p, f);
            break;
        }
        len = strlen(marks[m]);
        fwrite(p, 1, (size_t)(next - p) + len, f);
        fprintf(f, "%s-", prefix);
        p = next + len;
    }
}

void
report_html_charts(const struct plot_set *plots, const char *dir, FILE *f)
{
    const char *none = report_no_charts(plots);
    char *path, *svg;
    int c;

    fputs(REPORT_CHARTS_BEGIN "\n", f);
    if (none != NULL) {
        fputs("<p class=\"note\">", f);
        markup_text(f, none);
        fputs(" Run <code>stampede plot DIR</code> on this folder to draw "
              "them (it needs gnuplot).</p>\n", f);
    }
    for (c = 0; none == NULL && c < PLOT_COUNT; c++) {
        const char *name = plot_chart_name((enum plot_chart)c);
        const char *title = plot_chart_title((enum plot_chart)c);

        fprintf(f, "<figure id=\"chart-%s\">\n", name);
        path = xasprintf("%s/plots/%s.svg", dir, name);
        svg = plots->state[c] == PLOT_DRAWN ? read_text(path) : NULL;
        if (svg != NULL) {
            put_svg(f, svg, name, title);
            fputs("<figcaption><strong>", f);
            markup_text(f, title);
            fputs(".</strong> ", f);
            markup_text(f, plot_chart_caption((enum plot_chart)c));
            if (c <= PLOT_DEGRADATION && plots->band[0]) {
                fputs(" Bands: ", f);
                markup_text(f, plots->band);
                fputc('.', f);
            }
            fputs("</figcaption>\n", f);
        } else {
            fputs("<figcaption><strong>", f);
            markup_text(f, title);
            fputs(".</strong> Not drawn. ", f);
            markup_text(f, plots->state[c] == PLOT_SKIPPED
                       ? plots->why[c]
                       : "gnuplot failed on it.");
            fputs("</figcaption>\n", f);
        }
        fputs("</figure>\n", f);
        free(svg);
        free(path);
    }
    fputs(REPORT_CHARTS_END "\n", f);
}

/* ---- Sections --------------------------------------------------------- */

static void
html_made(const struct scenario *sc, int argc, char *const *argv, FILE *f)
{
    char *cmd = report_command(argc, argv);

    fputs("<section id=\"made\">\n<h2>How these results were made</h2>\n"
          "<dl>\n<dt>version</dt><dd>stampede " SIM_VERSION "</dd>\n"
          "<dt>scenario</dt><dd><code>", f);
    markup_text(f, sc->path);
    fprintf(f, "</code> (a copy is in scenario.yaml)</dd>\n"
            "<dt>seed</dt><dd>%llu</dd>\n<dt>replications</dt><dd>%u</dd>\n"
            "<dt>strategies</dt><dd>%zu</dd>\n<dt>command</dt><dd><code>",
            (unsigned long long)sc->seed, sc->replications,
            sc->nstrategies);
    markup_text(f, cmd);
    fputs("</code></dd>\n</dl>\n</section>\n", f);
    free(cmd);
}

static void
html_scenario(const struct scenario *sc, FILE *f)
{
    char *text = report_scenario_text(sc);

    fputs("<section id=\"scenario\">\n<h2>The scenario</h2>\n<pre>", f);
    markup_text(f, text);
    fputs("</pre>\n</section>\n", f);
    free(text);
}

static void
html_summary(const struct run_results *res, FILE *f)
{
    char cells[REPORT_SUMMARY_COLUMNS][REPORT_CELL];
    size_t s;

    fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p>Mean over the "
          "replications, with the 95 % confidence interval in brackets."
          "</p>\n", f);
    table_head(f, report_summary_heads, REPORT_SUMMARY_COLUMNS);
    for (s = 0; s < res->sc->nstrategies; s++) {
        report_summary_row(res, s, cells);
        table_row(f, (const char(*)[REPORT_CELL])cells,
                  REPORT_SUMMARY_COLUMNS);
    }
    fputs("</tbody></table></div>\n<p>Every metric, with its interval, is "
          "in summary.csv; each replication in replications.csv; each "
          "bucket in timeseries.csv.</p>\n</section>\n", f);
}

static void
html_roi(const struct run_results *res, FILE *f)
{
    const struct scenario *sc = res->sc;
    char cells[REPORT_ROI_COLUMNS][REPORT_CELL];
    size_t s, i;

    fputs("<section id=\"roi\">\n<h2>Return on investment</h2>\n"
          "<p>Against the baseline <code>", f);
    markup_text(f, sc->strategies[sc->roi.baseline].name);
    fprintf(f, "</code>, at %g a minute of downtime, %g an hour of "
            "engineering and %g incident%s a month. Every row is in "
            "roi.csv.</p>\n", sc->roi.downtime_cost_per_minute,
            sc->roi.engineer_cost_per_hour, sc->roi.incidents_per_month,
            sc->roi.incidents_per_month == 1 ? "" : "s");
    table_head(f, report_roi_heads, REPORT_ROI_COLUMNS);
    for (s = 0; s < sc->nstrategies; s++) {
        if (s == sc->roi.baseline)
            continue;
        report_roi_row(res, s, cells);
        table_row(f, (const char(*)[REPORT_CELL])cells, REPORT_ROI_COLUMNS);
    }
    fputs("</tbody></table></div>\n", f);
    if (report_roi_all_equal(res)) {
        fputs("<p class=\"note\">", f);
        markup_text(f, report_roi_no_change);
        fputs("</p>\n", f);
    }
    for (i = 0; report_roi_notes[i] != NULL; i++) {
        fputs("<p>", f);
        markup_text(f, report_roi_notes[i]);
        fputs("</p>\n", f);
    }
    fputs("</section>\n", f);
}

static void
html_healing(const struct run_results *res, FILE *f)
{
    char cells[REPORT_HEALING_COLUMNS][REPORT_CELL];
    size_t s;
    int any = 0;

    for (s = 0; s < res->sc->nstrategies; s++) {
        if (report_healing_of(res->sc, s) == NULL)
            continue;
        if (!any++) {
            fputs("<section id=\"healing\">\n<h2>Self-healing</h2>\n", f);
            table_head(f, report_healing_heads, REPORT_HEALING_COLUMNS);
        }
        report_healing_row(res, s, cells);
        table_row(f, (const char(*)[REPORT_CELL])cells,
                  REPORT_HEALING_COLUMNS);
    }
    if (!any)
        return;
    fputs("</tbody></table></div>\n<p>", f);
    markup_text(f, report_healing_note);
    fputs("</p>\n</section>\n", f);
}

/* The page up to its first section: "stampede KIND: NAME". */
static void
html_open(const struct scenario *sc, const char *kind, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n<title>", f);
    fprintf(f, "stampede %s: ", kind);
    markup_text(f, sc->name);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
            "<h1>stampede %s: ", style, kind);
    markup_text(f, sc->name);
    fputs("</h1>\n", f);
    if (sc->description[0] != '\0') {
        fputs("<p class=\"lede\">", f);
        markup_text(f, sc->description);
        fputs("</p>\n", f);
    }
}

int
report_write_html(const struct run_results *res,
                  const struct plot_set *plots, const char *dir, int argc,
                  char *const *argv, FILE *f)
{
    const struct scenario *sc = res->sc;

    html_open(sc, "results", f);
    html_made(sc, argc, argv, f);
    html_scenario(sc, f);
    html_summary(res, f);
    fputs("<section id=\"charts\">\n<h2>Charts</h2>\n", f);
    report_html_charts(plots, dir, f);
    fputs("</section>\n", f);
    if (sc->roi.enabled)
        html_roi(res, f);
    html_healing(res, f);
    fputs("<footer>Made by stampede " SIM_VERSION ". The CSV files beside "
          "this report hold every number; plots/ holds each chart as PNG "
          "and SVG.</footer>\n</main>\n</body>\n</html>\n", f);
    return ferror(f) ? SIM_EIO : 0;
}

/* ---- A sweep ---------------------------------------------------------- */

/* One chart of a sweep: its SVG inlined, or why it is not there. */
static void
sweep_figure(const struct plot_sweep_chart *c, int heat_map,
             const char *dir, FILE *f)
{
    char *path = xasprintf("%s/plots/%s.svg", dir, c->name);
    char *svg = c->state == PLOT_DRAWN ? read_text(path) : NULL;

    fprintf(f, "<figure id=\"chart-%s\">\n", c->name);
    if (svg != NULL)
        put_svg(f, svg, c->name, c->title);
    fputs("<figcaption><strong>", f);
    markup_text(f, c->title);
    fputs(".</strong> ", f);
    /* A heat map's caption is above it, shared with the other maps. */
    if (svg == NULL)
        markup_text(f, c->state == PLOT_SKIPPED
                           ? c->why
                           : "Not drawn: gnuplot failed on it.");
    else if (!heat_map)
        markup_text(f, c->caption);
    fputs("</figcaption>\n</figure>\n", f);
    free(svg);
    free(path);
}

void
report_html_sweep_charts(const struct plot_sweep_set *plots,
                         const char *dir, FILE *f)
{
    const char *none = report_no_sweep_charts(plots);
    size_t c;

    fputs(REPORT_CHARTS_BEGIN "\n", f);
    if (none != NULL) {
        fputs("<p class=\"note\">", f);
        markup_text(f, none);
        if (plots->disabled || plots->gnuplot_missing)
            fputs(" Run <code>stampede plot DIR</code> on this folder to "
                  "draw them (it needs gnuplot).", f);
        fputs("</p>\n", f);
    }
    for (c = 0; none == NULL && c < plots->ncharts; c++) {
        if (c == 0 ||
            strcmp(plots->charts[c].group, plots->charts[c - 1].group) != 0) {
            fputs("<h3>", f);
            markup_text(f, plots->charts[c].group);
            fputs("</h3>\n", f);
            /* A metric's heat maps share their caption. */
            if (plots->heat_maps &&
                plots->charts[c].state != PLOT_SKIPPED) {
                fputs("<p>", f);
                markup_text(f, plots->charts[c].caption);
                fputs("</p>\n", f);
            }
        }
        sweep_figure(&plots->charts[c], plots->heat_maps, dir, f);
    }
    fputs(REPORT_CHARTS_END "\n", f);
}

int
report_write_sweep_html(const struct sweep *sw,
                        const struct plot_sweep_set *plots, const char *dir,
                        int argc, char *const *argv, FILE *f)
{
    size_t a, v;

    html_open(sw->points[0], "sweep", f);
    html_made(sw->points[0], argc, argv, f);
    fprintf(f, "<section id=\"grid\">\n<h2>Grid</h2>\n<p>%zu points:</p>"
            "\n<ul>\n", sw->npoints);
    for (a = 0; a < sw->naxes; a++) {
        fputs("<li><code>", f);
        markup_text(f, sw->axes[a].key);
        fputs("</code>:", f);
        for (v = 0; v < sw->axes[a].nvalues; v++) {
            fputs(v ? ", " : " ", f);
            markup_text(f, sw->axes[a].values[v]);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n<p>Every metric of every point and strategy, with its "
          "95 % interval, is in sweep.csv.</p>\n</section>\n"
          "<section id=\"charts\">\n<h2>Charts</h2>\n", f);
    report_html_sweep_charts(plots, dir, f);
    fputs("</section>\n<footer>Made by stampede " SIM_VERSION ". sweep.csv "
          "beside this report holds every number; plots/ holds each chart "
          "as PNG and SVG.</footer>\n</main>\n</body>\n</html>\n", f);
    return ferror(f) ? SIM_EIO : 0;
}
