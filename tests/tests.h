/*
 * The CUnit suites, one per module, registered from one table in main.c.
 */
#ifndef TESTS_H
#define TESTS_H

#include <CUnit/CUnit.h>

/* Each suite adds itself to the registry; returns 0 or a CUnit error. */
int suite_queue(void);
int suite_engine(void);
int suite_util(void);
int suite_rng(void);
int suite_dist(void);
int suite_stats(void);
int suite_hist(void);
int suite_retry(void);
int suite_service(void);
int suite_client(void);
int suite_metrics(void);
int suite_scenario(void);
int suite_runner(void);
int suite_sweep(void);
int suite_breaker(void);
int suite_budget(void);
int suite_metastable(void);
int suite_occ(void);
int suite_healing(void);
int suite_roi(void);
int suite_csv(void);
int suite_report(void);
int suite_rollout(void);
int suite_plot_grid(void);
int suite_table(void);
int suite_footprint(void);
int suite_probe(void);

/* Add the tests of a table to a new suite called name. */
struct test_entry {
    const char *name;
    CU_TestFunc fn;
};
int tests_add_suite(const char *name, const struct test_entry *tests);

#endif
