/*
 * The result table on stdout: one row per strategy with the headline
 * metrics and their 95 % intervals.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stdio.h>

#include "../run/runner.h"
#include "../run/sweep.h"

/* Print the table of res to out. */
void table_print(const struct run_results *res, FILE *out);

/* Print a sweep: a row per grid point and strategy. */
void table_print_sweep(const struct sweep *sw, FILE *out);

#endif
