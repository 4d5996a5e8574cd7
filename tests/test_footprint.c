/*
 * Memory estimates before a run: the available memory read from a
 * meminfo file, estimates that grow with what a run keeps, one world per
 * busy thread, no overflow on absurd scenarios, and an estimate that
 * bounds what a real run held.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sim/core/probe.h"
#include "../sim/core/queue.h"
#include "../sim/run/footprint.h"
#include "../sim/run/runner.h"
#include "../sim/sim.h"
#include "tests.h"

/* Write text to a new temporary file; path receives its name. */
static void
write_temp(char *path, const char *text)
{
    int fd = mkstemp(path);
    FILE *f;

    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static struct scenario *
load_text(const char *text, char *const *sets, size_t nsets)
{
    char path[] = "/tmp/stampede-footprint-XXXXXX";
    struct scenario_errors errs;
    struct scenario *sc = NULL;

    write_temp(path, text);
    if (scenario_load(path, sets, nsets, &sc, &errs) != 0)
        scenario_errors_clear(&errs);
    unlink(path);
    return sc;
}

static const char small[] =
    "name: footprint\n"
    "duration: 60s\n"
    "replications: 4\n"
    "clients: {count: 500, arrival: {process: poisson, rate: 1}}\n"
    "service: {servers: 4, service_time: {dist: exponential, "
    "mean: 5ms}}\n"
    "faults: [{kind: outage, start: 20s, duration: 10s}]\n"
    "strategies:\n"
    "  - {name: a, retry: {policy: exponential, jitter: full, "
    "base: 500ms, cap: 8s, max_attempts: 6}}\n"
    "  - {name: b, retry: {policy: fixed, delay: 1s, max_attempts: 4}}\n";

static void
test_footprint_reads_mem_available(void)
{
    char path[] = "/tmp/stampede-meminfo-XXXXXX";
    double bytes = 0;

    write_temp(path, "MemTotal:       16000000 kB\n"
                     "MemFree:         1000000 kB\n"
                     "MemAvailable:    8000000 kB\n"
                     "Buffers:           10000 kB\n");
    CU_ASSERT(footprint_available(path, &bytes) == 0);
    CU_ASSERT_DOUBLE_EQUAL(bytes, 8000000.0 * 1024, 0.5);
    unlink(path);
}

static void
test_footprint_refuses_unreadable_or_old_meminfo(void)
{
    char path[] = "/tmp/stampede-meminfo-XXXXXX";
    double bytes = -1;

    /* Kernels before 3.14 have no MemAvailable line. */
    write_temp(path, "MemTotal: 16000000 kB\nMemFree: 1000000 kB\n");
    CU_ASSERT(footprint_available(path, &bytes) == SIM_EPARSE);
    unlink(path);
    CU_ASSERT(footprint_available(path, &bytes) == SIM_EIO);
    CU_ASSERT(bytes == -1);
}

static void
test_footprint_results_grow_with_replications_and_buckets(void)
{
    char *reps[] = {"replications=8"}, *fine[] = {"bucket=100ms"};
    struct scenario *a = load_text(small, NULL, 0);
    struct scenario *b = load_text(small, reps, 1);
    struct scenario *c = load_text(small, fine, 1);
    struct footprint fa, fb, fc;

    CU_ASSERT_FATAL(a != NULL && b != NULL && c != NULL);
    footprint_run(a, 2, 0, &fa);
    footprint_run(b, 2, 0, &fb);
    footprint_run(c, 2, 0, &fc);
    /* Twice the replications keep about twice the time series. */
    CU_ASSERT(fb.results > 1.9 * fa.results && fb.results < 2.1 * fa.results);
    CU_ASSERT_DOUBLE_EQUAL(fb.worlds, fa.worlds, 1e-6 * fa.worlds);
    /* Ten times the buckets: about ten times the series. */
    CU_ASSERT(fc.results > 9 * fa.results && fc.results < 11 * fa.results);
    CU_ASSERT(footprint_total(&fa) ==
              fa.program + fa.results + fa.worlds);
    scenario_free(a);
    scenario_free(b);
    scenario_free(c);
}

static void
test_footprint_counts_one_world_per_busy_thread(void)
{
    struct scenario *sc = load_text(small, NULL, 0);
    struct footprint one, two, many;

    CU_ASSERT_FATAL(sc != NULL);
    footprint_run(sc, 1, 0, &one);
    footprint_run(sc, 2, 0, &two);
    footprint_run(sc, 1000, 0, &many);
    CU_ASSERT(one.nworlds == 1);
    CU_ASSERT(two.nworlds == 2);
    /* 2 strategies x 4 replications: no more than 8 at once. */
    CU_ASSERT(many.nworlds == 8);
    CU_ASSERT_DOUBLE_EQUAL(two.worlds, 2 * one.worlds, 1e-6 * one.worlds);
    CU_ASSERT(many.program > one.program);
    scenario_free(sc);
}

static void
test_footprint_absurd_scenarios_give_huge_finite_estimates(void)
{
    char *sets[] = {"clients.count=100000000",
                    "clients.arrival.rate=1000000",
                    "duration=1e9s",
                    "bucket=1000s",
                    "replications=100000",
                    "service.servers=1",
                    "strategies.a.retry.max_attempts=unlimited"};
    struct scenario *sc = load_text(small, sets, 7);
    struct footprint fp;
    char text[32];

    CU_ASSERT_FATAL(sc != NULL);
    footprint_run(sc, 1024, 1, &fp);
    CU_ASSERT(isfinite(footprint_total(&fp)));
    CU_ASSERT(footprint_total(&fp) > 1e18);
    footprint_format(footprint_total(&fp), text, sizeof(text));
    CU_ASSERT(strstr(text, "EiB") != NULL);
    scenario_free(sc);
}

/*
 * What a real run held: every unit's peak of pending events, each of
 * them at least an event's size in the queue, must fit in the estimate
 * of one world; the results, in the estimate of the results.
 */
static void
test_footprint_bounds_what_a_run_held(void)
{
    struct scenario *sc = load_text(small, NULL, 0);
    struct runner_options opt = {.threads = 1};
    struct run_results res;
    struct footprint fp;
    double series = 0;
    size_t i;

    CU_ASSERT_FATAL(sc != NULL);
    footprint_run(sc, 1, 0, &fp);
    CU_ASSERT_FATAL(runner_run(sc, &opt, &res) == 0);
    for (i = 0; i < res.nunits; i++) {
        const struct probe *p = res.units[i].series;

        CU_ASSERT(queue_footprint((double)res.units[i].peak_pending) <
                  fp.worlds);
        series += (double)p->buckets * (p->ncounters + p->nlevels) * 8;
    }
    CU_ASSERT(series < fp.results);
    run_results_free(&res);
    scenario_free(sc);
}

static void
test_footprint_formats_sizes_for_people(void)
{
    char text[32];

    footprint_format(100, text, sizeof(text));
    CU_ASSERT_STRING_EQUAL(text, "100 bytes");
    footprint_format(640 * 1024, text, sizeof(text));
    CU_ASSERT_STRING_EQUAL(text, "640 KiB");
    footprint_format(1.5 * 1024 * 1024 * 1024, text, sizeof(text));
    CU_ASSERT_STRING_EQUAL(text, "1.5 GiB");
}

int
suite_footprint(void)
{
    static const struct test_entry tests[] = {
        {"reads MemAvailable", test_footprint_reads_mem_available},
        {"refuses an unreadable or old meminfo",
         test_footprint_refuses_unreadable_or_old_meminfo},
        {"results grow with replications and buckets",
         test_footprint_results_grow_with_replications_and_buckets},
        {"counts one world per busy thread",
         test_footprint_counts_one_world_per_busy_thread},
        {"absurd scenarios give huge finite estimates",
         test_footprint_absurd_scenarios_give_huge_finite_estimates},
        {"bounds what a run held", test_footprint_bounds_what_a_run_held},
        {"formats sizes for people",
         test_footprint_formats_sizes_for_people},
        {NULL, NULL},
    };

    return tests_add_suite("footprint", tests);
}
