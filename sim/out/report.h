/*
 * report.md: what made a results folder (scenario, seed, replications,
 * version, command line) and its summary, for people.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "../run/rollout.h"
#include "../run/runner.h"
#include "../run/sweep.h"

/* Write report.md for res, made by the command line argv[0..argc). */
int report_write_md(const struct run_results *res, int argc,
                    char *const *argv, FILE *f);

/* Write report.md for a rollout. */
int report_write_rollout_md(const struct rollout_result *r, int argc,
                            char *const *argv, FILE *f);

/* Write report.md for a sweep. */
int report_write_sweep_md(const struct sweep *sw, int argc,
                          char *const *argv, FILE *f);

#endif
