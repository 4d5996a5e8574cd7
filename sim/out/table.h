/*
 * The result table on stdout: one row per strategy with the headline
 * metrics and their 95 % intervals.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stdio.h>

#include "../run/runner.h"

/* Print the table of res to out. */
void table_print(const struct run_results *res, FILE *out);

#endif
