/*
 * The result table on stdout: one row per strategy with the headline
 * metrics and their 95 % intervals.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stdio.h>

#include "../run/rollout.h"
#include "../run/runner.h"
#include "../run/sweep.h"

/* Print the table of res to out. */
void table_print(const struct run_results *res, FILE *out);

/* Print a sweep: a row per grid point and strategy. */
void table_print_sweep(const struct sweep *sw, FILE *out);

/*
 * Print a rollout: a row per stage and gate with its verdict, then which
 * stage and gate stopped it and by how much, and the validation.
 */
void table_print_rollout(const struct rollout_result *r, FILE *out);

#endif
