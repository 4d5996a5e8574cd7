/*
 * The rollout's gates as a JUnit XML report, which CI systems read: one
 * test case per stage and gate, failed or skipped as the rollout judged.
 */
#ifndef JUNIT_H
#define JUNIT_H

#include <stdio.h>

#include "../run/rollout.h"

/* Write the report of r to f. Returns 0 or SIM_EIO. */
int junit_write(const struct rollout_result *r, FILE *f);

#endif
