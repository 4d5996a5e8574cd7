/*
 * The verdicts of scenarios/metastable.yaml (run from the top of the
 * source tree, as make test does): a 20 s capacity loss under unbudgeted
 * retries never recovers; the same retries under a token bucket or a
 * breaker recover; a 2 s trigger recovers under every strategy. These
 * are the claims the scenario's comments make, so a change in the model
 * that breaks them must fail here.
 */
#include <string.h>

#include "../sim/run/runner.h"
#include "../sim/sim.h"
#include "tests.h"

#define SCENARIO "scenarios/metastable.yaml"

/* The share of runs in which strategy name recovered. */
static double
recovered(const struct run_results *res, const char *name)
{
    size_t s;

    for (s = 0; s < res->sc->nstrategies; s++) {
        if (strcmp(res->sc->strategies[s].name, name) == 0)
            return run_results_summary(res, s, METRIC_RECOVERED)->mean;
    }
    CU_FAIL("no such strategy in " SCENARIO);
    return -1;
}

static int
run_with(char *const *sets, size_t nsets, struct scenario **sc,
         struct run_results *res)
{
    struct runner_options opt = {.threads = 2};
    struct scenario_errors errs;

    if (scenario_load(SCENARIO, sets, nsets, sc, &errs) != 0) {
        scenario_errors_clear(&errs);
        return -1;
    }
    return runner_run(*sc, &opt, res);
}

static void
test_metastable_retries_keep_it_down_protections_do_not(void)
{
    static char *const sets[] = {"replications=3"};
    struct scenario *sc = NULL;
    struct run_results res;

    CU_ASSERT_FATAL(run_with(sets, 1, &sc, &res) == 0);
    CU_ASSERT(recovered(&res, "retry-3") == 0);
    CU_ASSERT(recovered(&res, "ratio-budget") == 0);
    CU_ASSERT(recovered(&res, "token-bucket") == 1);
    CU_ASSERT(recovered(&res, "breaker") == 1);
    CU_ASSERT(recovered(&res, "no-retry") == 1);
    /* Goodput near zero: only the 2 minutes before the trigger succeed. */
    CU_ASSERT(run_results_summary(&res, 0, METRIC_SUCCESS_RATE)->mean < 0.25);
    run_results_free(&res);
    scenario_free(sc);
}

static void
test_metastable_short_trigger_recovers_everywhere(void)
{
    static char *const sets[] = {"replications=3", "faults[0].duration=2s"};
    struct scenario *sc = NULL;
    struct run_results res;
    size_t s;

    CU_ASSERT_FATAL(run_with(sets, 2, &sc, &res) == 0);
    for (s = 0; s < sc->nstrategies; s++)
        CU_ASSERT(run_results_summary(&res, s, METRIC_RECOVERED)->mean == 1);
    run_results_free(&res);
    scenario_free(sc);
}

int
suite_metastable(void)
{
    static const struct test_entry tests[] = {
        {"retries keep it down, protections do not",
         test_metastable_retries_keep_it_down_protections_do_not},
        {"short trigger recovers everywhere",
         test_metastable_short_trigger_recovers_everywhere},
        {NULL, NULL},
    };

    return tests_add_suite("metastable", tests);
}
