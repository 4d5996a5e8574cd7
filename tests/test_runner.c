/*
 * The thread pool: every unit runs exactly once, and a run's results are
 * the same whatever the number of threads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sim/core/probe.h"
#include "../sim/run/runner.h"
#include "../sim/sim.h"
#include "tests.h"

static void
count_unit(void *ctx, size_t index, struct engine_watch *watch)
{
    unsigned *seen = ctx;

    (void)watch;
    seen[index]++;
}

static void
test_runner_runs_every_unit_exactly_once(void)
{
    static const unsigned threads[] = {1, 2, 7};
    unsigned seen[1000];
    size_t t, i;

    for (t = 0; t < 3; t++) {
        struct runner_options opt = {.threads = threads[t]};

        memset(seen, 0, sizeof(seen));
        CU_ASSERT(runner_map(1000, &opt, count_unit, seen) == 0);
        for (i = 0; i < 1000; i++)
            CU_ASSERT(seen[i] == 1);
    }
}

static void
test_runner_stops_before_starting_units(void)
{
    volatile sig_atomic_t stop = 1;
    struct runner_options opt = {.threads = 2, .stop = &stop};
    unsigned seen[10] = {0};
    size_t i;

    CU_ASSERT(runner_map(10, &opt, count_unit, seen) == SIM_EINTR);
    for (i = 0; i < 10; i++)
        CU_ASSERT(seen[i] == 0);
}

static struct scenario *
load_text(const char *text)
{
    char path[] = "/tmp/stampede-runner-XXXXXX";
    struct scenario_errors errs;
    struct scenario *sc = NULL;
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");

    fputs(text, f);
    fclose(f);
    if (scenario_load(path, NULL, 0, &sc, &errs) != 0)
        scenario_errors_clear(&errs);
    unlink(path);
    return sc;
}

static void
test_runner_results_do_not_depend_on_threads(void)
{
    struct scenario *sc = load_text(
        "name: runner\n"
        "duration: 60s\n"
        "replications: 5\n"
        "clients: {count: 200, arrival: {process: poisson, rate: 1}}\n"
        "service: {servers: 3, service_time: {dist: exponential, "
        "mean: 10ms}}\n"
        "faults: [{kind: outage, start: 20s, duration: 10s}]\n"
        "strategies:\n"
        "  - {name: a, retry: {policy: exponential, jitter: full, "
        "base: 1s}}\n"
        "  - {name: b, retry: {policy: fixed, delay: 2s}}\n");
    struct runner_options opt1 = {.threads = 1}, opt3 = {.threads = 3};
    struct run_results one, three;
    const struct probe *p, *q;
    size_t i;

    CU_ASSERT_FATAL(sc != NULL);
    CU_ASSERT_FATAL(runner_run(sc, &opt1, &one) == 0);
    CU_ASSERT_FATAL(runner_run(sc, &opt3, &three) == 0);
    CU_ASSERT(one.nunits == 10 && three.nunits == 10);
    for (i = 0; i < one.nunits; i++) {
        p = one.units[i].series;
        q = three.units[i].series;
        /* Bit for bit: the same doubles, not merely close ones. */
        CU_ASSERT(memcmp(one.units[i].metrics, three.units[i].metrics,
                         sizeof(one.units[i].metrics)) == 0);
        CU_ASSERT(memcmp(p->counts, q->counts,
                         p->buckets * p->ncounters * sizeof(*p->counts)) ==
                  0);
        CU_ASSERT(memcmp(p->levels, q->levels,
                         p->buckets * p->nlevels * sizeof(*p->levels)) ==
                  0);
    }
    /* Different replications are different runs. */
    CU_ASSERT(one.units[0].metrics[METRIC_ATTEMPTS] !=
              one.units[1].metrics[METRIC_ATTEMPTS]);
    CU_ASSERT(memcmp(one.summary, three.summary,
                     sc->nstrategies * METRIC_COUNT *
                         sizeof(*one.summary)) == 0);
    run_results_free(&one);
    run_results_free(&three);
    scenario_free(sc);
}

int
suite_runner(void)
{
    static const struct test_entry tests[] = {
        {"runs every unit exactly once",
         test_runner_runs_every_unit_exactly_once},
        {"stops before starting units",
         test_runner_stops_before_starting_units},
        {"results do not depend on threads",
         test_runner_results_do_not_depend_on_threads},
        {NULL, NULL},
    };

    return tests_add_suite("runner", tests);
}
