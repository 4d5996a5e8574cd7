/*
 * The unit-test runner: every suite, a list of failures, a one-line total,
 * and a non-zero exit status on any failure.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "tests.h"

int
tests_add_suite(const char *name, const struct test_entry *tests)
{
    CU_pSuite suite = CU_add_suite(name, NULL, NULL);

    if (suite == NULL)
        return CU_get_error();
    for (; tests->name != NULL; tests++) {
        if (CU_add_test(suite, tests->name, tests->fn) == NULL)
            return CU_get_error();
    }
    return 0;
}

int
main(void)
{
    static int (*const suites[])(void) = {
        suite_queue,   suite_engine, suite_util,   suite_rng,
        suite_dist,    suite_stats,  suite_hist,   suite_retry,
        suite_service, suite_client, suite_metrics, suite_scenario,
        suite_runner,  suite_sweep,  suite_breaker, suite_budget,
        suite_metastable, suite_occ,  suite_healing, suite_roi,
        suite_csv,     suite_report, suite_rollout, suite_plot_grid,
        suite_table,   suite_footprint, suite_probe,
    };
    unsigned failures, failed_tests;
    size_t i;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        if (suites[i]() != 0) {
            fprintf(stderr, "cannot register suite %zu\n", i);
            CU_cleanup_registry();
            return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures();
    failed_tests = CU_get_number_of_tests_failed();
    printf("\nunit tests: %u run, %u failed (%u failed assertions)\n",
           CU_get_number_of_tests_run(), failed_tests, failures);
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
