/*
 * The result table on stdout: one row per strategy with the headline
 * metrics and their 95 % intervals.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "../run/rollout.h"
#include "../run/runner.h"
#include "../run/sweep.h"

/*
 * Format a time in seconds for people, with the half-width of its 95 %
 * interval when with_ci: both in the unit that suits the mean (ms below
 * 1 s, s below 10 minutes, m below 10 hours, h beyond), three
 * significant digits for the mean and two for the half-width, never in
 * exponent notation ("57.9ms ± 0.19ms", "30.1m ± 4.5m"). Writes at most
 * size bytes into buf.
 */
void table_format_seconds(double mean, double half, int with_ci, char *buf,
                          size_t size);

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
