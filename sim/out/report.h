/*
 * report.md: what made a results folder (scenario, seed, replications,
 * version, command line) and its summary, for people.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "../run/runner.h"

/* Write report.md for res, made by the command line argv[0..argc). */
int report_write_md(const struct run_results *res, int argc,
                    char *const *argv, FILE *f);

#endif
