/*
 * The reports of a results folder, for people: report.md and a
 * self-contained report.html (no external resource, no script; the
 * charts inlined as SVG). Both record what made the results (scenario,
 * seed, replications, version, command line) and show the scenario in
 * words, the summary with 95 % intervals, the charts and the ROI.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "../run/rollout.h"
#include "../run/runner.h"
#include "../run/sweep.h"
#include "plot.h"

/*
 * Write report.md for res, made by the command line argv[0..argc), whose
 * charts came out as plots says. Returns 0 or SIM_EIO.
 */
int report_write_md(const struct run_results *res,
                    const struct plot_set *plots, int argc,
                    char *const *argv, FILE *f);

/* Write report.md for a rollout. */
int report_write_rollout_md(const struct rollout_result *r, int argc,
                            char *const *argv, FILE *f);

/*
 * Write report.html likewise; the charts are read from the SVG files
 * in dir/plots and inlined. Returns 0 or SIM_EIO.
 */
int report_write_html(const struct run_results *res,
                      const struct plot_set *plots, const char *dir,
                      int argc, char *const *argv, FILE *f);

/*
 * After the charts of results folder dir were redrawn (stampede plot),
 * replace the charts part of dir/report.md and dir/report.html, each
 * through a temporary file renamed into place. A report that is missing
 * or has no charts part is left alone. Returns 0 or SIM_EIO.
 */
int report_update_charts(const char *dir, const struct plot_set *plots);

/*
 * Write report.md for a sweep, whose charts came out as plots says: the
 * provenance, the grid, and the charts with their captions.
 */
int report_write_sweep_md(const struct sweep *sw,
                          const struct plot_sweep_set *plots, int argc,
                          char *const *argv, FILE *f);

/*
 * Write report.html for a sweep likewise, with the SVG charts of
 * dir/plots inlined. Returns 0 or SIM_EIO.
 */
int report_write_sweep_html(const struct sweep *sw,
                            const struct plot_sweep_set *plots,
                            const char *dir, int argc, char *const *argv,
                            FILE *f);

/* report_update_charts for a sweep results folder. */
int report_update_sweep_charts(const char *dir,
                               const struct plot_sweep_set *plots);

#endif
