/*
 * What report.md and report.html share, for report.c and report_html.c
 * only: the cells of the tables as text, so that both files show the
 * same numbers, and the markers around the charts part.
 */
#ifndef REPORT_PARTS_H
#define REPORT_PARTS_H

#include <stdio.h>

#include "../run/runner.h"
#include "plot.h"

/* The charts part lies between these lines, so that it can be redrawn. */
#define REPORT_CHARTS_BEGIN "<!-- stampede:charts -->"
#define REPORT_CHARTS_END "<!-- /stampede:charts -->"

#define REPORT_CELL 160

/* The summary table: a header row, then one row per strategy. */
enum { REPORT_SUMMARY_COLUMNS = 8 };
extern const char *const report_summary_heads[REPORT_SUMMARY_COLUMNS];

/* Row s of the summary table: "mean [lo, hi]" per column. */
void report_summary_row(const struct run_results *res, size_t s,
                        char cells[REPORT_SUMMARY_COLUMNS][REPORT_CELL]);

/* The ROI table, when the scenario has a roi section. */
enum { REPORT_ROI_COLUMNS = 6 };
extern const char *const report_roi_heads[REPORT_ROI_COLUMNS];

void report_roi_row(const struct run_results *res, size_t s,
                    char cells[REPORT_ROI_COLUMNS][REPORT_CELL]);

/* Did no strategy change the downtime? Then ROI deserves a word. */
int report_roi_all_equal(const struct run_results *res);

/* What the report says when report_roi_all_equal. */
extern const char *const report_roi_no_change;

/* The sentences that explain the ROI, as plain text. */
extern const char *const report_roi_notes[];

/*
 * The healing table, one row per strategy with a self-healing
 * controller: its mode, detection and repair times, and how often per
 * run each action started.
 */
enum { REPORT_HEALING_COLUMNS = 8 };
extern const char *const report_healing_heads[REPORT_HEALING_COLUMNS];

/* The controller strategy s runs with, or NULL if it has none. */
const struct healing_config *report_healing_of(const struct scenario *sc,
                                               size_t s);

void report_healing_row(const struct run_results *res, size_t s,
                        char cells[REPORT_HEALING_COLUMNS][REPORT_CELL]);

/* The sentence under the healing table. */
extern const char *const report_healing_note;

/* scenario_describe's text, in a new string. */
char *report_scenario_text(const struct scenario *sc);

/* The command line as one string of words separated by spaces. */
char *report_command(int argc, char *const *argv);

/* Why no chart was drawn, as a sentence, or NULL if some were. */
const char *report_no_charts(const struct plot_set *plots);

/* The HTML of the charts part, with the SVG files of dir/plots. */
void report_html_charts(const struct plot_set *plots, const char *dir,
                        FILE *f);

/* Why no sweep chart was drawn, as a sentence, or NULL if some were. */
const char *report_no_sweep_charts(const struct plot_sweep_set *plots);

/* The HTML of a sweep's charts part, likewise. */
void report_html_sweep_charts(const struct plot_sweep_set *plots,
                              const char *dir, FILE *f);

#endif
