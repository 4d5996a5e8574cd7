/*
 * Staged rollouts: cohort sizes, the gate rule, the Wilson interval, and
 * small rollouts whose verdicts are known from how they are built: a
 * candidate that harms only once its cohort is large, an analysis whose
 * verdict hangs on failure_limit, a validation of a candidate against
 * itself, and results that do not depend on the thread count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sim/core/util.h"
#include "../sim/out/csv.h"
#include "../sim/run/rollout.h"
#include "../sim/run/runner.h"
#include "../sim/run/scenario.h"
#include "../sim/sim.h"
#include "tests.h"

/* Load a scenario from text through a temporary file, with overrides. */
static struct scenario *
load_text(const char *text, char *const *sets, size_t nsets)
{
    char path[] = "/tmp/stampede-rollout-XXXXXX";
    struct scenario_errors errs;
    struct scenario *sc = NULL;
    int fd = mkstemp(path);
    FILE *f;
    size_t i;

    SIM_ASSERT(fd >= 0);
    f = fdopen(fd, "w");
    SIM_ASSERT(f != NULL);
    fputs(text, f);
    fclose(f);
    if (scenario_load(path, sets, nsets, &sc, &errs) != 0) {
        for (i = 0; i < errs.count; i++)
            fprintf(stderr, "%s\n", errs.messages[i]);
        scenario_errors_clear(&errs);
    }
    unlink(path);
    return sc;
}

/* A summary of n values with the given mean and interval. */
static struct stats_summary
summary(double mean, double lo, double hi, size_t n)
{
    struct stats_summary x = {mean, NAN, lo, hi, n};

    if (n >= 2)
        x.sd = (hi - lo) / 4; /* any finite value: the rule ignores it */
    return x;
}

/* ---- Cohorts ----------------------------------------------------------- */

static void
test_rollout_cohort_rounds_down_but_keeps_one_client(void)
{
    /* Exact integers: each expected value is the definition applied. */
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.05), 1);   /* 0.5 -> at least 1 */
    CU_ASSERT_EQUAL(rollout_cohort(100, 0.05), 5);
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.25), 2);   /* 2.5 -> 2 */
    CU_ASSERT_EQUAL(rollout_cohort(10, 0.29), 2);   /* 2.9 -> 2 */
    CU_ASSERT_EQUAL(rollout_cohort(10, 1.0), 10);
    CU_ASSERT_EQUAL(rollout_cohort(7, 1.0), 7);
}

static void
test_rollout_cohort_at_the_loaders_edges(void)
{
    /*
     * The loader accepts traffic in (0, 1] and 1 to 1e8 clients. The
     * smallest share still gets one client; one client is the whole
     * cohort at any share; all of 1e8 clients fit a uint32_t.
     */
    CU_ASSERT_EQUAL(rollout_cohort(1, 1e-12), 1);
    CU_ASSERT_EQUAL(rollout_cohort(100000000, 1e-12), 1);
    CU_ASSERT_EQUAL(rollout_cohort(1, 0.5), 1);
    CU_ASSERT_EQUAL(rollout_cohort(1, 1.0), 1);
    CU_ASSERT_EQUAL(rollout_cohort(100000000, 1.0), 100000000);
}

static void
test_rollout_cohort_is_exact_for_whole_percentages(void)
{
    /*
     * Every share written as "P%" or "P.D%" (parsed as the loader does,
     * P.D / 100) of client counts up to the loader's 1e8 must give the
     * integer quotient P.D * clients / 100, exactly. Compared with
     * integer arithmetic; no tolerance, a client is a client. This
     * failed for 29 % of 1e8 clients (28999999) while the rounding guard
     * was an absolute 1e-9, smaller than one ulp at 2.9e7.
     */
    static const uint32_t clients[] = {1,      3,        7,        10,
                                       99,     100,      12345,    999999,
                                       123457, 33333333, 99999999, 100000000};
    char text[16];
    double share;
    uint64_t want;
    unsigned per_mille, i, wrong = 0;

    for (per_mille = 1; per_mille <= 1000; per_mille++) {
        snprintf(text, sizeof(text), "%u.%u%%", per_mille / 10,
                 per_mille % 10);
        CU_ASSERT_FATAL(util_parse_fraction(text, &share) == 0);
        for (i = 0; i < sizeof(clients) / sizeof(clients[0]); i++) {
            want = (uint64_t)per_mille * clients[i] / 1000;
            want = want < 1 ? 1 : want;
            wrong += rollout_cohort(clients[i], share) != want;
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* ---- The gate rule ------------------------------------------------------ */

static void
test_rollout_max_gate_holds_with_upper_end_on_threshold(void)
{
    /* Exact comparisons: the values are chosen to be representable. */
    struct stats_summary on = summary(0.5, 0.25, 1.5, 5);
    struct stats_summary straddle = summary(1.25, 1.0, 1.75, 5);
    struct stats_summary above = summary(2.0, 1.75, 2.25, 5);

    CU_ASSERT(rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &on));
    CU_ASSERT(rollout_gate_holds(GATE_MAX_SPIKE, 1.5, &on));
    /* The mean is below the threshold but the interval reaches above. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_MTTR, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_P99_LATENCY, 1.5, &straddle));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_SPIKE, 1.5, &above));
}

static void
test_rollout_min_gate_holds_with_lower_end_on_threshold(void)
{
    /* Success rate is the one minimum: the lower end must clear it. */
    struct stats_summary on = summary(0.9375, 0.875, 1.0, 5);
    struct stats_summary straddle = summary(0.9375, 0.8125, 1.0, 5);

    CU_ASSERT(rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0.875, &on));
    /* The mean is above the threshold but the interval reaches below. */
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0.875, &straddle));
    /* The same interval judged as a maximum is read from the other end. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 0.875, &on));
}

static void
test_rollout_gate_with_one_value_judges_it_and_with_none_fails(void)
{
    /* n == 1 has no interval (NaN ends): the mean itself is judged. */
    struct stats_summary one = summary(1.5, NAN, NAN, 1);
    struct stats_summary none = summary(NAN, NAN, NAN, 0);

    CU_ASSERT(rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.5, &one));
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_AMPLIFICATION, 1.25, &one));
    CU_ASSERT(rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 1.5, &one));
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 1.75, &one));
    /* No value at all is no evidence: neither kind of gate holds. */
    CU_ASSERT(!rollout_gate_holds(GATE_MAX_ERROR_RATE, 1e9, &none));
    CU_ASSERT(!rollout_gate_holds(GATE_MIN_SUCCESS_RATE, 0, &none));
}

/* ---- The Wilson interval ------------------------------------------------ */

static void
test_rollout_wilson_matches_hand_computation(void)
{
    /*
     * Wilson's score interval: with p = k/n, z = 1.959963984540054 and
     * z^2 = 3.8414588206941254, centre c = (p + z^2/2n) / (1 + z^2/n)
     * and half-width h = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n).
     *
     * k = 5, n = 50: p = 0.1, 1 + z^2/n = 1.0768291764138824,
     * c = 0.13841458820694125 / 1.0768291764138824 = 0.1285390396533435,
     * h = z sqrt(0.0021841458820694125) / 1.0768291764138824
     *   = 0.0850632747214531: [0.0434757649318904, 0.2136023143747965].
     *
     * k = 0, n = 10: c = h = (z^2/20) / (1 + z^2/10), so the interval is
     * [0, z^2 / (10 + z^2)] = [0, 0.2775327998628892]; k = n = 10 is its
     * mirror, [10 / (10 + z^2), 1] = [0.7224672001371107, 1].
     *
     * Tolerance 1e-12: the formulas are a handful of operations on
     * values of order 1, so the error is a few ulps, and a wrong z (say
     * 1.96) moves the ends by about 1e-5.
     */
    double lo, hi;

    rollout_wilson(5, 50, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.0434757649318904, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.2136023143747965, 1e-12);
    rollout_wilson(0, 10, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 0.2775327998628892, 1e-12);
    rollout_wilson(10, 10, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0.7224672001371107, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1, 1e-12);
    /* No trials, no interval. */
    rollout_wilson(0, 0, &lo, &hi);
    CU_ASSERT(isnan(lo) && isnan(hi));
}

/* ---- Small rollouts ----------------------------------------------------- */

/*
 * Half of all attempts fail with an error, for the whole run. The
 * baseline never retries, so its attempts per request are exactly 1;
 * the candidate retries at once up to ten times, about 2 attempts per
 * request (1 + 1/2 + ... + 1/2^9). The whole service's amplification
 * is then about 1 + traffic: 1.1 at 10 %, 1.5 at 50 %. A gate at 1.25
 * sits 0.15 and 0.25 from those, many interval half-widths (about 0.03
 * with 600 requests a replication) away. The candidate's error rate is
 * 2^-10, far under 10 %.
 */
static const char stages_text[] =
    "name: stages\n"
    "duration: 30s\n"
    "seed: 3\n"
    "replications: 5\n"
    "clients: {count: 20, arrival: {process: poisson, rate: 1}}\n"
    "service: {servers: 4, service_time: 10ms}\n"
    "faults: [{kind: errors, start: 0s, duration: 30s, rate: 50%}]\n"
    "strategies:\n"
    "  - {name: once, retry: {policy: none}}\n"
    "  - {name: hammer, retry: {policy: fixed, delay: 10ms, "
    "max_attempts: 10}}\n"
    "rollout:\n"
    "  baseline: once\n"
    "  candidate: hammer\n"
    "  stages:\n"
    "    - {name: small, traffic: 10%,\n"
    "       gates: {max_amplification: 1.25, max_error_rate: 10%}}\n"
    "    - {name: half, traffic: 50%,\n"
    "       gates: {max_amplification: 1.25, max_error_rate: 10%}}\n"
    "    - {name: all, traffic: 100%, gates: {max_amplification: 1.25}}\n";

static void
test_rollout_stops_where_the_candidates_load_grows_too_large(void)
{
    struct scenario *sc = load_text(stages_text, NULL, 0);
    struct runner_options opt = {.threads = 2};
    struct rollout_result res;
    const struct stage_result *st;

    CU_ASSERT_FATAL(sc != NULL);
    CU_ASSERT_FATAL(rollout_run(sc, &opt, &res) == 0);
    CU_ASSERT_EQUAL(res.failed_stage, 1);
    st = res.stages;
    CU_ASSERT_EQUAL(st[0].cohort, 2);
    CU_ASSERT_EQUAL(st[1].cohort, 10);
    CU_ASSERT_EQUAL(st[2].cohort, 20);
    CU_ASSERT_EQUAL(st[0].overall, VERDICT_PASS);
    CU_ASSERT_EQUAL(st[0].verdict[GATE_MAX_AMPLIFICATION], VERDICT_PASS);
    CU_ASSERT_EQUAL(st[0].verdict[GATE_MAX_ERROR_RATE], VERDICT_PASS);
    CU_ASSERT_EQUAL(st[0].verdict[GATE_MAX_SPIKE], VERDICT_SKIPPED);
    CU_ASSERT_EQUAL(st[1].overall, VERDICT_FAIL);
    CU_ASSERT_EQUAL(st[1].verdict[GATE_MAX_AMPLIFICATION], VERDICT_FAIL);
    CU_ASSERT_EQUAL(st[1].verdict[GATE_MAX_ERROR_RATE], VERDICT_PASS);
    CU_ASSERT_EQUAL(st[2].overall, VERDICT_SKIPPED);
    CU_ASSERT_EQUAL(st[2].verdict[GATE_MAX_AMPLIFICATION], VERDICT_SKIPPED);
    /*
     * The values behind the verdicts, against the estimate above:
     * 1 + traffic within 0.1. The mix depends on which clients are
     * busier, so the estimate is only that close.
     */
    CU_ASSERT_EQUAL(st[1].value[GATE_MAX_AMPLIFICATION].n, 5);
    CU_ASSERT_DOUBLE_EQUAL(st[0].value[GATE_MAX_AMPLIFICATION].mean, 1.1,
                           0.1);
    CU_ASSERT_DOUBLE_EQUAL(st[1].value[GATE_MAX_AMPLIFICATION].mean, 1.5,
                           0.1);
    CU_ASSERT(st[1].value[GATE_MAX_ERROR_RATE].ci95_hi < 0.1);
    CU_ASSERT(res.validation == NULL);
    rollout_result_free(&res);
    scenario_free(sc);
}

/*
 * Errors hit half the attempts from 10 s to 20 s only, and nobody
 * retries: the cohort's error rate is about 1/2 in the second of three
 * 10 s intervals and 0 in the others, about 1/6 over the stage. The
 * stage-wide gate at 30 % holds (1/6 is many interval widths below
 * it); exactly one analysis check fails. So failure_limit alone decides:
 * 1 fails the stage, 2 passes it.
 */
static const char analysis_text[] =
    "name: analysis\n"
    "duration: 30s\n"
    "seed: 5\n"
    "replications: 3\n"
    "clients: {count: 20, arrival: {process: poisson, rate: 1}}\n"
    "service: {servers: 4, service_time: 10ms}\n"
    "faults: [{kind: errors, start: 10s, duration: 10s, rate: 50%}]\n"
    "strategies:\n"
    "  - {name: once, retry: {policy: none}}\n"
    "  - {name: also-once, retry: {policy: none}}\n"
    "rollout:\n"
    "  baseline: once\n"
    "  candidate: also-once\n"
    "  stages:\n"
    "    - {name: all, traffic: 100%, gates: {max_error_rate: 30%}}\n"
    "  analysis: {interval: 10s, failure_limit: 1}\n";

static void
test_rollout_analysis_failure_limit_decides_the_stage(void)
{
    static char *const limit2[] = {"rollout.analysis.failure_limit=2"};
    struct runner_options opt = {.threads = 2};
    struct scenario *sc1 = load_text(analysis_text, NULL, 0);
    struct scenario *sc2 = load_text(analysis_text, limit2, 1);
    struct rollout_result r1, r2;

    CU_ASSERT_FATAL(sc1 != NULL && sc2 != NULL);
    CU_ASSERT_EQUAL(sc2->rollout.failure_limit, 2);
    CU_ASSERT_FATAL(rollout_run(sc1, &opt, &r1) == 0);
    CU_ASSERT_FATAL(rollout_run(sc2, &opt, &r2) == 0);
    /* The same runs: the stage-wide gate holds and one check fails. */
    CU_ASSERT_EQUAL(r1.stages[0].verdict[GATE_MAX_ERROR_RATE], VERDICT_PASS);
    CU_ASSERT_EQUAL(r2.stages[0].verdict[GATE_MAX_ERROR_RATE], VERDICT_PASS);
    CU_ASSERT_EQUAL(r1.stages[0].failed_checks, 1);
    CU_ASSERT_EQUAL(r2.stages[0].failed_checks, 1);
    CU_ASSERT_EQUAL(r1.stages[0].analysis, VERDICT_FAIL);
    CU_ASSERT_EQUAL(r1.stages[0].overall, VERDICT_FAIL);
    CU_ASSERT_EQUAL(r1.failed_stage, 0);
    CU_ASSERT_EQUAL(r2.stages[0].analysis, VERDICT_PASS);
    CU_ASSERT_EQUAL(r2.stages[0].overall, VERDICT_PASS);
    CU_ASSERT_EQUAL(r2.failed_stage, -1);
    rollout_result_free(&r1);
    rollout_result_free(&r2);
    scenario_free(sc1);
    scenario_free(sc2);
}

/*
 * The good and the bad candidate are one strategy, and the gate sits at
 * the median of a single run's error rate (half the attempts fail, no
 * retries): about half the trials stop at the first stage either way.
 */
static const char validate_text[] =
    "name: same\n"
    "duration: 10s\n"
    "seed: 11\n"
    "clients: {count: 5, arrival: {process: poisson, rate: 2}}\n"
    "service: {servers: 2, service_time: 10ms}\n"
    "faults: [{kind: errors, start: 0s, duration: 10s, rate: 50%}]\n"
    "strategies:\n"
    "  - {name: once, retry: {policy: none}}\n"
    "rollout:\n"
    "  baseline: once\n"
    "  candidate: once\n"
    "  stages:\n"
    "    - {name: first, traffic: 100%, gates: {max_error_rate: 50%}}\n"
    "    - {name: second, traffic: 100%, gates: {max_error_rate: 50%}}\n"
    "  validate: {good: once, bad: once, trials: 800}\n";

static void
test_rollout_validate_same_candidate_false_alarms_equal_detections(void)
{
    struct scenario *sc = load_text(validate_text, NULL, 0);
    struct runner_options opt = {.threads = 2};
    struct rollout_result res;
    const struct stage_validation *v;
    double detections, sd;

    CU_ASSERT_FATAL(sc != NULL);
    CU_ASSERT_FATAL(rollout_run(sc, &opt, &res) == 0);
    CU_ASSERT_FATAL(res.validation != NULL);
    v = &res.validation[0];
    CU_ASSERT_EQUAL(v->good_trials, 800);
    CU_ASSERT_EQUAL(v->bad_trials, 800);
    detections = 1 - v->misses;
    /* Not a trivial 0 = 0 or 1 = 1: the gate must split the trials. */
    CU_ASSERT(v->false_alarms > 0.2 && v->false_alarms < 0.8);
    /*
     * Both are shares of 800 independent trials of one distribution, so
     * their difference has mean 0 and sd sqrt(2 p (1 - p) / 800), at
     * most 0.025. Allowed: 4 sd of the observed p (a 6e-5 chance of a
     * false failure if the seed changes).
     */
    sd = sqrt(2 * v->false_alarms * (1 - v->false_alarms) / 800);
    CU_ASSERT_DOUBLE_EQUAL(v->false_alarms, detections, 4 * sd);
    /* The Wilson intervals hold their estimates. */
    CU_ASSERT(v->fa_lo <= v->false_alarms && v->false_alarms <= v->fa_hi);
    CU_ASSERT(v->miss_lo <= v->misses && v->misses <= v->miss_hi);
    /* Only the trials that passed the first stage reach the second. */
    CU_ASSERT_EQUAL(res.validation[1].good_trials,
                    800 - (uint32_t)lround(v->false_alarms * 800));
    CU_ASSERT_EQUAL(res.validation[1].bad_trials,
                    (uint32_t)lround(v->misses * 800));
    rollout_result_free(&res);
    scenario_free(sc);
}

/* rollout.csv of a result, in memory; free the text. */
static char *
rollout_csv(const struct rollout_result *r, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);

    SIM_ASSERT(f != NULL);
    CU_ASSERT(csv_write_rollout(r, f) == 0);
    fclose(f);
    return text;
}

static void
test_rollout_results_do_not_depend_on_threads(void)
{
    static char *const sets[] = {
        "rollout.analysis={interval: 10s, failure_limit: 2}",
        "rollout.validate={good: hammer, bad: once, trials: 6}"};
    struct scenario *sc = load_text(stages_text, sets, 2);
    struct runner_options one = {.threads = 1}, two = {.threads = 2};
    struct rollout_result r1, r2;
    char *csv1, *csv2;
    size_t len1, len2, n;

    CU_ASSERT_FATAL(sc != NULL);
    CU_ASSERT_FATAL(sc->rollout.analysis && sc->rollout.validate);
    CU_ASSERT_FATAL(rollout_run(sc, &one, &r1) == 0);
    CU_ASSERT_FATAL(rollout_run(sc, &two, &r2) == 0);
    n = sc->rollout.nstages;
    /* Bit for bit: the same doubles, not merely close ones. */
    CU_ASSERT(memcmp(r1.stages, r2.stages, n * sizeof(*r1.stages)) == 0);
    CU_ASSERT(memcmp(r1.validation, r2.validation,
                     n * sizeof(*r1.validation)) == 0);
    CU_ASSERT_EQUAL(r1.failed_stage, r2.failed_stage);
    CU_ASSERT_EQUAL(r1.events, r2.events);
    csv1 = rollout_csv(&r1, &len1);
    csv2 = rollout_csv(&r2, &len2);
    CU_ASSERT(len1 > 0 && len1 == len2 && memcmp(csv1, csv2, len1) == 0);
    free(csv1);
    free(csv2);
    rollout_result_free(&r1);
    rollout_result_free(&r2);
    scenario_free(sc);
}

int
suite_rollout(void)
{
    static const struct test_entry tests[] = {
        {"cohort rounds down but keeps one client",
         test_rollout_cohort_rounds_down_but_keeps_one_client},
        {"cohort at the loader's edges",
         test_rollout_cohort_at_the_loaders_edges},
        {"cohort is exact for whole percentages",
         test_rollout_cohort_is_exact_for_whole_percentages},
        {"max gate holds with upper end on threshold",
         test_rollout_max_gate_holds_with_upper_end_on_threshold},
        {"min gate holds with lower end on threshold",
         test_rollout_min_gate_holds_with_lower_end_on_threshold},
        {"gate with one value judges it and with none fails",
         test_rollout_gate_with_one_value_judges_it_and_with_none_fails},
        {"wilson matches hand computation",
         test_rollout_wilson_matches_hand_computation},
        {"stops where the candidate's load grows too large",
         test_rollout_stops_where_the_candidates_load_grows_too_large},
        {"analysis failure_limit decides the stage",
         test_rollout_analysis_failure_limit_decides_the_stage},
        {"validate same candidate: false alarms equal detections",
         test_rollout_validate_same_candidate_false_alarms_equal_detections},
        {"results do not depend on threads",
         test_rollout_results_do_not_depend_on_threads},
        {NULL, NULL},
    };

    return tests_add_suite("rollout", tests);
}
