/*
 * The scenario loader against the contract: SPEC.md section 3 and the key
 * tables of scenarios/README.md. Every expected value and message below is
 * worked out by hand from those documents (durations in seconds, fractions
 * as numbers, file:line:column counted from 1, the key path, then the
 * problem), not copied from the program's output.
 *
 * Each test writes its YAML to a temporary file made with mkstemp, loads
 * it and removes the file at once; messages start with that file's name,
 * which the checks below replace by "FILE" before comparing.
 *
 * Most files are put together from the four parts below, so that line
 * numbers can be counted in the source: TOP is lines 1-2, CLIENTS,
 * SERVICE and STRATEGY are three, three and two lines, and BASE, all four
 * in that order, is a valid file of 10 lines to which lines 11 onwards
 * are added.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../sim/core/util.h"
#include "../sim/run/scenario.h"
#include "../sim/sim.h"
#include "tests.h"

#define TOP                                                                    \
    "name: t\n"                                                                \
    "duration: 10m\n"
#define CLIENTS                                                                \
    "clients:\n"                                                               \
    "  count: 100\n"                                                           \
    "  arrival: {process: poisson, rate: 0.1}\n"
#define SERVICE                                                                \
    "service:\n"                                                               \
    "  servers: 5\n"                                                           \
    "  service_time: 10ms\n"
#define STRATEGY                                                               \
    "strategies:\n"                                                            \
    "  - name: a\n"
#define BASE TOP CLIENTS SERVICE STRATEGY

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A file that has one problem, and the one message it must give. */
struct bad_case {
    const char *text;
    const char *message; /* "FILE" stands for the file's path */
};

/* One load: the temporary file's name, the result and the messages. */
struct load {
    char path[64];
    int rc;
    struct scenario *sc;
    struct scenario_errors errs;
};

/* Write data to a new temporary file; its name goes to path. */
static void
write_temp(char *path, size_t size, const void *data, size_t len)
{
    const char *p = data;
    ssize_t put;
    int fd;

    snprintf(path, size, "/tmp/stampede-scenario-XXXXXX");
    fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);

    while (len > 0) {
        put = write(fd, p, len);
        CU_ASSERT_FATAL(put > 0);
        p += put;
        len -= (size_t)put;
    }
    close(fd);
}

static void
load_bytes(struct load *l, const void *data, size_t len, char *const *sets,
           size_t nsets)
{
    write_temp(l->path, sizeof(l->path), data, len);
    l->sc = NULL;
    l->rc = scenario_load(l->path, sets, nsets, &l->sc, &l->errs);
    unlink(l->path);
}

static void
load_text(struct load *l, const char *text)
{
    load_bytes(l, text, strlen(text), NULL, 0);
}

static void
load_free(struct load *l)
{
    scenario_free(l->sc);
    l->sc = NULL;
    scenario_errors_clear(&l->errs);
}

/*
 * Compare message i with expected, the file's path shown as FILE; on a
 * mismatch the failure shows both texts.
 */
static void
check_message(const struct load *l, size_t i, const char *expected,
              unsigned line)
{
    char shown[2048], what[4500];
    const char *m = i < l->errs.count ? l->errs.messages[i] : "(none)";
    size_t n = strlen(l->path);

    if (strncmp(m, l->path, n) == 0)
        snprintf(shown, sizeof(shown), "FILE%s", m + n);
    else
        snprintf(shown, sizeof(shown), "%s", m);
    snprintf(what, sizeof(what), "message %zu is \"%s\", expected \"%s\"", i,
             shown, expected);
    CU_assertImplementation(strcmp(shown, expected) == 0, line, what, __FILE__,
                            "", CU_FALSE);
}

/* The load failed on its input with exactly these messages, in order. */
static void
expect_errors(unsigned line, const struct load *l, const char *const *expected,
              size_t n)
{
    char what[256];
    size_t i;

    snprintf(what, sizeof(what),
             "rc %d with %zu messages kept of %zu found; expected "
             "SIM_EINPUT with %zu",
             l->rc, l->errs.count, l->errs.total, n);
    CU_assertImplementation(l->rc == SIM_EINPUT && l->sc == NULL &&
                                l->errs.count == n && l->errs.total == n,
                            line, what, __FILE__, "", CU_FALSE);
    for (i = 0; i < n; i++)
        check_message(l, i, expected[i], line);
}

#define EXPECT_ERRORS(l, ...)                                                  \
    expect_errors(__LINE__, (l), (const char *const[]){__VA_ARGS__},           \
                  COUNT(((const char *const[]){__VA_ARGS__})))

/* The load succeeded; if not, the failure shows the first message. */
static void
expect_ok(unsigned line, const struct load *l)
{
    char what[2200];

    snprintf(what, sizeof(what), "loads, but rc %d, %zu messages: %s", l->rc,
             l->errs.total, l->errs.count > 0 ? l->errs.messages[0] : "");
    CU_assertImplementation(l->rc == 0 && l->sc != NULL && l->errs.total == 0,
                            line, what, __FILE__, "", CU_FALSE);
}

#define EXPECT_OK(l) expect_ok(__LINE__, (l))

/* Load each case and expect its one message. */
static void
check_bad_cases(unsigned line, const struct bad_case *cases, size_t n)
{
    struct load l;
    size_t i;

    for (i = 0; i < n; i++) {
        load_text(&l, cases[i].text);
        expect_errors(line, &l, &cases[i].message, 1);
        load_free(&l);
    }
}

#define CHECK_BAD_CASES(cases) check_bad_cases(__LINE__, cases, COUNT(cases))

/* Stop a test whose file did not load, before it reads the scenario. */
#define REQUIRE_OK(l)                                                          \
    do {                                                                       \
        EXPECT_OK(l);                                                          \
        if ((l)->sc == NULL) {                                                 \
            load_free(l);                                                      \
            return;                                                            \
        }                                                                      \
    } while (0)

/* ---- Values ---------------------------------------------------------- */

static void
test_scenario_full_file_loads_into_typed_values(void)
{
    /*
     * Section 3 of the spec: durations with a unit or plain seconds
     * (5m = 300 s, 250ms = 0.25 s, 30 = 30 s), fractions as 99% = 0.99,
     * counts such as 1e4 accepted when whole, YAML 1.1 booleans.
     */
    static const char text[] =
        "name: payment-outage\n"
        "description: 60 s outage of the payment API\n"
        "duration: 5m\n"
        "bucket: 250ms\n"
        "seed: 42\n"
        "replications: 20\n"
        "clients:\n"
        "  count: 1e4\n"
        "  arrival: {process: poisson, rate: 0.1}\n"
        "  timeout: 2s\n"
        "  deadline: 30\n"
        "service:\n"
        "  servers: 20\n"
        "  service_time: {dist: exponential, mean: 10ms}\n"
        "  queue_limit: 1000\n"
        "  cancel_on_timeout: yes\n"
        "  network_delay: {dist: uniform, min: 1ms, max: 3ms}\n"
        "slo: {success_rate: 99%, window: 30s}\n"
        "strategies:\n"
        "  - name: fixed-5s\n"
        "    retry: {policy: fixed, delay: 5s, max_attempts: 8}\n";
    const struct scenario *sc;
    struct load l;

    load_text(&l, text);
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT_STRING_EQUAL(sc->path, l.path);
    CU_ASSERT_STRING_EQUAL(sc->name, "payment-outage");
    CU_ASSERT_STRING_EQUAL(sc->description, "60 s outage of the payment API");
    CU_ASSERT_DOUBLE_EQUAL(sc->duration, 300, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(sc->bucket, 0.25, 1e-12);
    CU_ASSERT(sc->seed == 42);
    CU_ASSERT(sc->replications == 20);

    CU_ASSERT(sc->clients.count == 10000);
    CU_ASSERT(sc->clients.arrival.process == ARRIVAL_POISSON);
    CU_ASSERT_DOUBLE_EQUAL(sc->clients.arrival.rate, 0.1, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->clients.timeout, 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->clients.deadline, 30, 1e-12);

    CU_ASSERT(sc->service.servers == 20);
    CU_ASSERT(sc->service.service_time.kind == DIST_EXPONENTIAL);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.service_time.p1, 0.01, 1e-12);
    CU_ASSERT(sc->service.queue_limit == 1000);
    CU_ASSERT(sc->service.cancel_on_timeout == 1);
    CU_ASSERT(sc->service.network_delay.kind == DIST_UNIFORM);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.network_delay.p1, 0.001, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.network_delay.p2, 0.003, 1e-12);

    CU_ASSERT_DOUBLE_EQUAL(sc->slo.success_rate, 0.99, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->slo.window, 30, 1e-12);
    CU_ASSERT(sc->nfaults == 0);
    CU_ASSERT_FATAL(sc->nstrategies == 1);
    CU_ASSERT_STRING_EQUAL(sc->strategies[0].name, "fixed-5s");
    CU_ASSERT(sc->strategies[0].retry.kind == RETRY_FIXED);
    CU_ASSERT_DOUBLE_EQUAL(sc->strategies[0].retry.delay, 5, 1e-12);
    CU_ASSERT(sc->strategies[0].retry.max_attempts == 8);
    load_free(&l);
}

static void
test_scenario_minimal_file_gets_every_default(void)
{
    /*
     * The defaults of scenarios/README.md: bucket 1 s, seed 1, one
     * replication, no timeout or deadline, an unlimited queue, no
     * cancellation, a network delay of constant 0, an SLO of 99.9 % over
     * 10 s, and a strategy without retry makes one attempt only.
     */
    const struct scenario *sc;
    const struct retry_policy *p;
    struct load l;

    load_text(&l, BASE);
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT_STRING_EQUAL(sc->description, "");
    CU_ASSERT_DOUBLE_EQUAL(sc->bucket, 1, 0);
    CU_ASSERT(sc->seed == 1);
    CU_ASSERT(sc->replications == 1);
    CU_ASSERT(isinf(sc->clients.timeout) && sc->clients.timeout > 0);
    CU_ASSERT(isinf(sc->clients.deadline) && sc->clients.deadline > 0);
    CU_ASSERT(sc->service.queue_limit == SERVICE_UNLIMITED);
    CU_ASSERT(sc->service.cancel_on_timeout == 0);
    CU_ASSERT(sc->service.network_delay.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.network_delay.p1, 0, 0);
    CU_ASSERT(sc->nfaults == 0);
    CU_ASSERT_DOUBLE_EQUAL(sc->slo.success_rate, 0.999, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->slo.window, 10, 0);

    CU_ASSERT_FATAL(sc->nstrategies == 1);
    p = &sc->strategies[0].retry;
    CU_ASSERT(p->kind == RETRY_NONE);
    CU_ASSERT(p->max_attempts == 1);
    load_free(&l);
}

static void
test_scenario_retry_policies_fill_their_defaults(void)
{
    /*
     * The strategies table of scenarios/README.md: jitter none, multiplier
     * 2, no cap, 3 attempts, no total wait limit, retry on all four
     * retryable failures, and a linear increment equal to base.
     */
    static const char text[] =
        TOP CLIENTS SERVICE
        "strategies:\n"
        "  - name: empty\n"
        "    retry: {}\n"
        "  - name: exp\n"
        "    retry: {policy: exponential, base: 1s}\n"
        "  - name: lin\n"
        "    retry: {policy: linear, base: 2s}\n"
        "  - name: fixed\n"
        "    retry: {policy: fixed, delay: 0s}\n";
    const struct retry_policy *p;
    struct load l;

    load_text(&l, text);
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nstrategies == 4);
    CU_ASSERT(l.sc->strategies[0].retry.kind == RETRY_NONE);
    CU_ASSERT(l.sc->strategies[0].retry.max_attempts == 1);

    p = &l.sc->strategies[1].retry;
    CU_ASSERT(p->kind == RETRY_EXPONENTIAL);
    CU_ASSERT(p->jitter == JITTER_NONE);
    CU_ASSERT_DOUBLE_EQUAL(p->base, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(p->multiplier, 2, 0);
    CU_ASSERT(isinf(p->cap) && p->cap > 0);
    CU_ASSERT(p->max_attempts == 3);
    CU_ASSERT(isinf(p->max_total_wait) && p->max_total_wait > 0);
    CU_ASSERT(p->retry_on == OUTCOME_RETRYABLE);

    p = &l.sc->strategies[2].retry;
    CU_ASSERT(p->kind == RETRY_LINEAR);
    CU_ASSERT_DOUBLE_EQUAL(p->increment, 2, 0);
    CU_ASSERT(isinf(p->cap) && p->cap > 0);
    CU_ASSERT(p->max_attempts == 3);

    p = &l.sc->strategies[3].retry;
    CU_ASSERT(p->kind == RETRY_FIXED);
    CU_ASSERT_DOUBLE_EQUAL(p->delay, 0, 0);
    CU_ASSERT(p->max_attempts == 3);
    CU_ASSERT(p->retry_on == OUTCOME_RETRYABLE);
    load_free(&l);
}

static void
test_scenario_retry_policies_keep_every_given_value(void)
{
    /*
     * Values as written, in seconds; max_attempts "unlimited" is
     * RETRY_UNLIMITED and retry_on is the set of the outcomes listed.
     */
    static const char text[] =
        TOP CLIENTS SERVICE
        "strategies:\n"
        "  - name: linear\n"
        "    retry: {policy: linear, jitter: equal, base: 1s,\n"
        "            increment: 500ms, cap: 10s, max_total_wait: 1m}\n"
        "  - name: decorrelated\n"
        "    retry: {policy: exponential, jitter: decorrelated,\n"
        "            base: 100ms, cap: 32s, multiplier: 3,\n"
        "            max_attempts: unlimited, retry_on: [timeout, rejected]}\n"
        "  - name: fixed\n"
        "    retry: {policy: fixed, jitter: full, delay: 5s, max_attempts: 8,\n"
        "            retry_on: [unavailable, error]}\n";
    const struct retry_policy *p;
    struct load l;

    load_text(&l, text);
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nstrategies == 3);
    p = &l.sc->strategies[0].retry;
    CU_ASSERT(p->kind == RETRY_LINEAR && p->jitter == JITTER_EQUAL);
    CU_ASSERT_DOUBLE_EQUAL(p->base, 1, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p->increment, 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p->cap, 10, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p->max_total_wait, 60, 1e-12);

    p = &l.sc->strategies[1].retry;
    CU_ASSERT(p->kind == RETRY_EXPONENTIAL);
    CU_ASSERT(p->jitter == JITTER_DECORRELATED);
    CU_ASSERT_DOUBLE_EQUAL(p->base, 0.1, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p->cap, 32, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(p->multiplier, 3, 1e-12);
    CU_ASSERT(p->max_attempts == RETRY_UNLIMITED);
    CU_ASSERT(p->retry_on ==
              (OUTCOME_BIT(OUTCOME_TIMEOUT) | OUTCOME_BIT(OUTCOME_REJECTED)));

    p = &l.sc->strategies[2].retry;
    CU_ASSERT(p->kind == RETRY_FIXED && p->jitter == JITTER_FULL);
    CU_ASSERT_DOUBLE_EQUAL(p->delay, 5, 1e-12);
    CU_ASSERT(p->max_attempts == 8);
    CU_ASSERT(p->retry_on ==
              (OUTCOME_BIT(OUTCOME_UNAVAILABLE) | OUTCOME_BIT(OUTCOME_ERROR)));
    load_free(&l);
}

static void
test_scenario_faults_load_with_their_kinds(void)
{
    /*
     * Section 3.1 and the faults table: end = start + duration; rates as
     * fractions (5% and 0.05 alike); retryable defaults to true; capacity
     * servers with '%' or a decimal point are a fraction, else a count.
     */
    static const char text[] =
        BASE
        "faults:\n"
        "  - {kind: outage, start: 60s, duration: 60s, drop_inflight: true}\n"
        "  - {kind: outage, start: 1m, duration: 1m}\n"
        "  - {kind: errors, start: 2m, duration: 30s, rate: 5%,\n"
        "     retryable: false}\n"
        "  - {kind: errors, start: 150, duration: 1.5s, rate: 0.05}\n"
        "  - kind: latency\n"
        "    start: 3m\n"
        "    duration: 1m\n"
        "    add: {dist: lognormal, mean: 800ms, sd: 300ms}\n"
        "  - {kind: capacity, start: 200s, duration: 20s, servers: 50%}\n"
        "  - {kind: capacity, start: 220s, duration: 20s, servers: 0.5}\n"
        "  - {kind: capacity, start: 240s, duration: 20s, servers: 5}\n"
        "  - {kind: latency, start: 4m, duration: 1m, add: 100ms}\n";
    const struct fault_spec *f;
    struct load l;

    load_text(&l, text);
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nfaults == 9);
    f = l.sc->faults;
    CU_ASSERT(f[0].kind == FAULT_OUTAGE && f[0].drop_inflight == 1);
    CU_ASSERT_DOUBLE_EQUAL(f[0].start, 60, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f[0].end, 120, 1e-12);
    CU_ASSERT(f[1].kind == FAULT_OUTAGE && f[1].drop_inflight == 0);
    CU_ASSERT(f[2].kind == FAULT_ERRORS && f[2].retryable == 0);
    CU_ASSERT_DOUBLE_EQUAL(f[2].rate, 0.05, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(f[2].end, 150, 1e-12);
    CU_ASSERT(f[3].kind == FAULT_ERRORS && f[3].retryable == 1);
    CU_ASSERT_DOUBLE_EQUAL(f[3].rate, 0.05, 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(f[3].end, 151.5, 1e-12);

    CU_ASSERT(f[4].kind == FAULT_LATENCY);
    CU_ASSERT_DOUBLE_EQUAL(f[4].start, 180, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(f[4].end, 240, 1e-12);
    CU_ASSERT(f[4].add.kind == DIST_LOGNORMAL);
    CU_ASSERT(f[5].kind == FAULT_CAPACITY && f[5].servers_fraction);
    CU_ASSERT_DOUBLE_EQUAL(f[5].servers, 0.5, 1e-15);
    CU_ASSERT(f[6].servers_fraction);
    CU_ASSERT_DOUBLE_EQUAL(f[6].servers, 0.5, 1e-15);
    CU_ASSERT(!f[7].servers_fraction);
    CU_ASSERT_DOUBLE_EQUAL(f[7].servers, 5, 0);
    CU_ASSERT(f[8].add.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(f[8].add.p1, 0.1, 1e-12);

    /* The first start is 60 s; the last end is 4m + 1m = 300 s. */
    CU_ASSERT_DOUBLE_EQUAL(scenario_first_fault_start(l.sc), 60, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(scenario_last_fault_end(l.sc), 300, 1e-12);
    load_free(&l);
}

static void
test_scenario_without_faults_has_no_fault_times(void)
{
    /* scenario.h: NAN without faults. */
    struct load l;

    load_text(&l, BASE);
    REQUIRE_OK(&l);
    CU_ASSERT(isnan(scenario_first_fault_start(l.sc)));
    CU_ASSERT(isnan(scenario_last_fault_end(l.sc)));
    load_free(&l);
}

static void
test_scenario_distributions_keep_their_parameters(void)
{
    /*
     * The distribution table of scenarios/README.md, parameters in the
     * order of struct dist (times in seconds); a bare duration is a
     * constant.
     */
    static const struct {
        const char *text;
        enum dist_kind kind;
        double p1, p2;
    } cases[] = {
        {"1.5s", DIST_CONSTANT, 1.5, 0},
        {"250", DIST_CONSTANT, 250, 0},
        {"{dist: constant, value: 20ms}", DIST_CONSTANT, 0.02, 0},
        {"{dist: exponential, mean: 10ms}", DIST_EXPONENTIAL, 0.01, 0},
        {"{dist: uniform, min: 1ms, max: 3ms}", DIST_UNIFORM, 0.001, 0.003},
        {"{dist: normal, mean: 100ms, sd: 50ms}", DIST_NORMAL, 0.1, 0.05},
        {"{dist: lognormal, mean: 800ms, sd: 300ms}", DIST_LOGNORMAL, 0.8, 0.3},
        {"{dist: gamma, mean: 2s, shape: 4}", DIST_GAMMA, 2, 4},
        {"{dist: pareto, scale: 1ms, shape: 2.5}", DIST_PARETO, 0.001, 2.5},
    };
    char text[512];
    const struct dist *d;
    struct load l;
    size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        snprintf(text, sizeof(text),
                 TOP CLIENTS STRATEGY "service:\n  servers: 5\n"
                 "  service_time: %s\n", cases[i].text);
        load_text(&l, text);
        EXPECT_OK(&l);
        if (l.sc != NULL) {
            d = &l.sc->service.service_time;
            CU_ASSERT(d->kind == cases[i].kind);
            CU_ASSERT_DOUBLE_EQUAL(d->p1, cases[i].p1, 1e-12);
            CU_ASSERT_DOUBLE_EQUAL(d->p2, cases[i].p2, 1e-12);
        }
        load_free(&l);
    }
}

static void
test_scenario_lognormal_is_matched_to_its_mean_and_sd(void)
{
    /*
     * A lognormal with mean m and sd s has sigma^2 = ln(1 + s^2/m^2) and
     * mu = ln(m) - sigma^2/2. By hand for m = 0.8 s, s = 0.3 s:
     * s^2/m^2 = 0.140625, sigma^2 = 0.1315764, sigma = 0.3627346,
     * mu = -0.2231436 - 0.0657882 = -0.2889317.
     */
    struct load l;

    load_text(&l, TOP CLIENTS STRATEGY
              "service:\n"
              "  servers: 5\n"
              "  service_time: {dist: lognormal, mean: 800ms, sd: 300ms}\n");
    REQUIRE_OK(&l);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->service.service_time.gsl_a, -0.2889317, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->service.service_time.gsl_b, 0.3627346, 1e-6);
    load_free(&l);
}

static void
test_scenario_arrival_processes_take_their_own_keys(void)
{
    /*
     * The clients table: closed takes a think_time distribution (a bare
     * duration is a constant), periodic an interval, once at and spread
     * that default to 0.
     */
    static const struct {
        const char *arrival;
        enum arrival_process process;
        double value; /* think time, interval or at, in seconds */
        double spread;
    } cases[] = {
        {"{process: closed, think_time: 5s}", ARRIVAL_CLOSED, 5, 0},
        {"{process: closed, think_time: {dist: exponential, mean: 2s}}",
         ARRIVAL_CLOSED, 2, 0},
        {"{process: periodic, interval: 10s}", ARRIVAL_PERIODIC, 10, 0},
        {"{process: once, at: 1m, spread: 30s}", ARRIVAL_ONCE, 60, 30},
        {"{process: once}", ARRIVAL_ONCE, 0, 0},
    };
    const struct arrival_config *a;
    char text[512];
    struct load l;
    size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        snprintf(text, sizeof(text),
                 TOP SERVICE STRATEGY "clients:\n  count: 100\n"
                 "  arrival: %s\n", cases[i].arrival);
        load_text(&l, text);
        EXPECT_OK(&l);
        if (l.sc != NULL) {
            a = &l.sc->clients.arrival;
            CU_ASSERT(a->process == cases[i].process);
            if (a->process == ARRIVAL_CLOSED)
                CU_ASSERT_DOUBLE_EQUAL(a->think_time.p1, cases[i].value, 0);
            if (a->process == ARRIVAL_PERIODIC)
                CU_ASSERT_DOUBLE_EQUAL(a->interval, cases[i].value, 0);
            if (a->process == ARRIVAL_ONCE) {
                CU_ASSERT_DOUBLE_EQUAL(a->at, cases[i].value, 0);
                CU_ASSERT_DOUBLE_EQUAL(a->spread, cases[i].spread, 0);
            }
        }
        load_free(&l);
    }
}

static void
test_scenario_unlimited_may_be_written_out(void)
{
    /* README: queue_limit defaults to the word unlimited, also allowed. */
    struct load l;

    load_text(&l, TOP CLIENTS STRATEGY SERVICE "  queue_limit: unlimited\n");
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->service.queue_limit == SERVICE_UNLIMITED);
    load_free(&l);
}

static void
test_scenario_limits_themselves_are_accepted(void)
{
    /*
     * The edges of the documented ranges are inside them: a 100-byte name,
     * exactly 10^6 buckets (1000 s in 1 ms), the largest seed, 100000
     * replications, 10^8 clients, 10^6 servers, a queue of 0, a fault
     * starting just before the end, 100 %, a 60-character strategy name,
     * cap equal to base, multiplier 1, and an SLO of 100 %.
     */
    static const char text[] =
        "name: nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
        "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\n"
        "duration: 1000s\n"
        "bucket: 1ms\n"
        "seed: 18446744073709551615\n"
        "replications: 100000\n"
        "clients: {count: 1e8, arrival: {process: poisson, rate: 1e9}}\n"
        "service: {servers: 1000000, service_time: 0s, queue_limit: 0}\n"
        "faults:\n"
        "  - {kind: capacity, start: 999s, duration: 1s, servers: 100%}\n"
        "  - {kind: capacity, start: 0s, duration: 1s, servers: 1000000}\n"
        "  - {kind: errors, start: 0, duration: 1s, rate: 100%}\n"
        "strategies:\n"
        "  - name: ssssssssssssssssssssssssssssss"
        "ssssssssssssssssssssssssssssss\n"
        "    retry: {policy: exponential, base: 1s, cap: 1s, multiplier: 1,\n"
        "            max_attempts: 1e9}\n"
        "slo: {success_rate: 100%, window: 1000s}\n";
    const struct scenario *sc;
    struct load l;

    load_text(&l, text);
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT(strlen(sc->name) == 100);
    CU_ASSERT_DOUBLE_EQUAL(sc->bucket, 0.001, 1e-15);
    CU_ASSERT(sc->seed == UINT64_MAX);
    CU_ASSERT(sc->replications == 100000);
    CU_ASSERT(sc->clients.count == 100000000);
    CU_ASSERT(sc->service.servers == 1000000);
    CU_ASSERT(sc->service.queue_limit == 0);
    CU_ASSERT_FATAL(sc->nfaults == 3 && sc->nstrategies == 1);
    CU_ASSERT(sc->faults[0].servers_fraction);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].servers, 1, 0);
    CU_ASSERT(!sc->faults[1].servers_fraction);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[1].servers, 1000000, 0);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[2].rate, 1, 0);
    CU_ASSERT(strlen(sc->strategies[0].name) == 60);
    CU_ASSERT_DOUBLE_EQUAL(sc->strategies[0].retry.cap, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(sc->strategies[0].retry.multiplier, 1, 0);
    CU_ASSERT(sc->strategies[0].retry.max_attempts == 1000000000);
    CU_ASSERT_DOUBLE_EQUAL(sc->slo.success_rate, 1, 0);
    load_free(&l);
}

static void
test_scenario_longest_duration_is_a_billion_seconds(void)
{
    /* README: durations are at most 10^9 s; 1000 s buckets give 10^6. */
    struct load l;

    load_text(&l, "name: t\nduration: 1e9s\nbucket: 1000s\n"
                  CLIENTS SERVICE STRATEGY);
    REQUIRE_OK(&l);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->duration, 1e9, 0);
    load_free(&l);
}

static void
test_scenario_aliases_share_a_value(void)
{
    /*
     * YAML anchors and aliases: an alias reads as a copy of its anchor's
     * value, so two strategies can share one policy and a bare duration
     * can serve as two constant distributions.
     */
    static const char text[] =
        TOP CLIENTS
        "service:\n"
        "  servers: 5\n"
        "  service_time: &d 5ms\n"
        "  network_delay: *d\n"
        "strategies:\n"
        "  - name: a\n"
        "    retry: &r {policy: fixed, delay: 1s}\n"
        "  - name: b\n"
        "    retry: *r\n";
    const struct scenario *sc;
    struct load l;
    size_t i;

    load_text(&l, text);
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT(sc->service.service_time.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.service_time.p1, 0.005, 1e-12);
    CU_ASSERT(sc->service.network_delay.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.network_delay.p1, 0.005, 1e-12);
    CU_ASSERT_FATAL(sc->nstrategies == 2);
    for (i = 0; i < 2; i++) {
        CU_ASSERT(sc->strategies[i].retry.kind == RETRY_FIXED);
        CU_ASSERT_DOUBLE_EQUAL(sc->strategies[i].retry.delay, 1, 0);
    }
    load_free(&l);
}

/* ---- Errors ---------------------------------------------------------- */

static void
test_scenario_a_missing_key_under_an_alias_is_reported_once(void)
{
    /*
     * The stand-in put in for a missing key goes into the anchored
     * mapping itself, so each alias of it met that stand-in as if the
     * user had written start: '' ("faults[1].start: expected a
     * duration ..., got ''"). The problem is reported once, where the
     * mapping is.
     */
    struct load l;

    load_text(&l, BASE "faults:\n"
                       "  - &f {kind: outage, duration: 1s}\n"
                       "  - *f\n"
                       "  - *f\n");
    EXPECT_ERRORS(&l, "FILE:12:5: faults[0]: missing required key 'start'");
    load_free(&l);
}

static void
test_scenario_unknown_keys_are_named_with_a_suggestion(void)
{
    /*
     * Spec section 3: "path: unknown key 'jiter' (did you mean
     * 'jitter'?)" at the key; a key far from every known one gets no
     * suggestion. A top-level key has an empty path, which is left out.
     */
    static const struct bad_case cases[] = {
        {BASE "replicatons: 5\n",
         "FILE:11:1: unknown key 'replicatons' (did you mean "
         "'replications'?)"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: exponential, jiter: full, base: 1s}\n",
         "FILE:11:34: strategies[0].retry: unknown key 'jiter' (did you "
         "mean 'jitter'?)"},
        {BASE "flavour: red\n", "FILE:11:1: unknown key 'flavour'"},
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  arrival: {process: poisson, rate: 0.1}\n"
         "  flavour: red\n",
         "FILE:11:3: clients: unknown key 'flavour'"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: {dist: constant, value: 1s, shpe: 2}\n",
         "FILE:10:45: service.service_time: unknown key 'shpe' (did you "
         "mean 'shape'?)"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_unknown_values_suggest_or_list_the_names(void)
{
    /*
     * A misspelt name gets "did you mean", anything else the list of
     * names in the order of the spec, at the value's position.
     */
    static const struct bad_case cases[] = {
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  arrival: {process: poison, rate: 0.1}\n",
         "FILE:10:22: clients.arrival.process: unknown value 'poison' (did "
         "you mean 'poisson'?)"},
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  arrival: {process: bursty, rate: 0.1}\n",
         "FILE:10:22: clients.arrival.process: unknown value 'bursty' "
         "(expected one of: poisson, closed, periodic, once)"},
        {BASE
         "faults:\n"
         "  - {kind: outtage, start: 1m, duration: 1m}\n",
         "FILE:12:12: faults[0].kind: unknown value 'outtage' (did you mean "
         "'outage'?)"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: fixed, delay: 1s, retry_on: [timeout, eror]}\n",
         "FILE:11:59: strategies[0].retry.retry_on[1]: unknown value 'eror' "
         "(did you mean 'error'?)"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: {dist: lognorml, mean: 1s, sd: 1s}\n",
         "FILE:10:24: service.service_time.dist: unknown value 'lognorml' "
         "(did you mean 'lognormal'?)"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: 10ms\n"
         "  contention: queueing\n",
         "FILE:11:15: service.contention: unknown value 'queueing' "
         "(expected one of: none, occ)"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_wrong_shapes_are_reported(void)
{
    /*
     * A mapping where a single value belongs and the reverse, a list
     * where a name belongs, and a file that is not a mapping at all;
     * each at the offending node.
     */
    static const struct bad_case cases[] = {
        {TOP SERVICE STRATEGY "clients: 100\n",
         "FILE:8:10: clients: expected a mapping, got a single value"},
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: {n: 100}\n"
         "  arrival: {process: poisson, rate: 0.1}\n",
         "FILE:9:10: clients.count: expected a single value, got a "
         "mapping"},
        {BASE "faults: {kind: outage}\n",
         "FILE:11:9: faults: expected a list, got a mapping"},
        {TOP CLIENTS SERVICE "strategies:\n  - a\n",
         "FILE:10:5: strategies[0]: expected a mapping, got a single "
         "value"},
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  arrival: {process: [poisson], rate: 0.1}\n",
         "FILE:10:22: clients.arrival.process: expected a name, got a "
         "list"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: [10ms]\n",
         "FILE:10:17: service.service_time: expected a mapping, got a "
         "list"},
        {BASE "[a]: 1\n", "FILE:11:1: keys must be names, got a list"},
        {"- name: t\n",
         "FILE:1:1: expected a mapping of keys such as name and duration"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_missing_keys_are_reported_where_their_mapping_starts(void)
{
    /*
     * Required keys of the README tables: reported at the mapping that
     * lacks them (a block mapping starts at its first key, a flow mapping
     * at its brace), and keys a kind requires name that kind.
     */
    static const struct bad_case cases[] = {
        {"duration: 10m\n" CLIENTS SERVICE STRATEGY,
         "FILE:1:1: missing required key 'name'"},
        {TOP SERVICE STRATEGY "clients:\n  count: 100\n",
         "FILE:9:3: clients: missing required key 'arrival'"},
        {BASE "faults:\n  - {kind: outage, duration: 1m}\n",
         "FILE:12:5: faults[0]: missing required key 'start'"},
        {TOP CLIENTS SERVICE "strategies:\n  - retry: {policy: none}\n",
         "FILE:10:5: strategies[0]: missing required key 'name'"},
        {TOP CLIENTS SERVICE "strategies: []\n",
         "FILE:9:13: strategies: needs at least 1 entry"},
        {BASE "faults:\n  - {kind: outage, start: 1m}\n",
         "FILE:12:5: faults[0]: missing required key 'duration' or "
         "'until'"},
        {BASE "faults:\n  - {kind: errors, start: 1m, duration: 1m}\n",
         "FILE:12:5: faults[0]: missing required key 'rate' for faults of "
         "kind errors"},
        {BASE "faults:\n  - {kind: latency, start: 1m, duration: 1m}\n",
         "FILE:12:5: faults[0]: missing required key 'add' for faults of "
         "kind latency"},
        {BASE "faults:\n  - {kind: capacity, start: 1m, duration: 1m}\n",
         "FILE:12:5: faults[0]: missing required key 'servers' for faults "
         "of kind capacity"},
        {TOP CLIENTS SERVICE
         "strategies:\n  - name: a\n    retry: {policy: fixed}\n",
         "FILE:11:12: strategies[0].retry: missing required key 'delay' for "
         "policy fixed"},
        {TOP CLIENTS SERVICE
         "strategies:\n  - name: a\n    retry: {policy: exponential}\n",
         "FILE:11:12: strategies[0].retry: missing required key 'base' for "
         "policy exponential"},
        {TOP SERVICE STRATEGY
         "clients:\n  count: 100\n  arrival: {process: poisson}\n",
         "FILE:10:12: clients.arrival: missing required key 'rate' for "
         "poisson arrivals"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: {dist: lognormal, mean: 1s}\n",
         "FILE:10:17: service.service_time: missing required key 'sd' for a "
         "lognormal distribution"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_duplicates_are_reported_at_the_second(void)
{
    /* A key given twice, and two strategies of one name (README). */
    static const struct bad_case cases[] = {
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  count: 200\n"
         "  arrival: {process: poisson, rate: 0.1}\n",
         "FILE:10:3: clients.count: given more than once"},
        {TOP CLIENTS SERVICE
         "strategies:\n  - name: a\n  - name: b\n  - name: a\n",
         "FILE:12:11: strategies[2].name: 'a' is already the name of "
         "strategies[0]"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_keys_that_do_not_apply_are_errors(void)
{
    /*
     * README: "keys that do not apply (a rate on an outage, a delay on
     * an exponential policy) ... are errors", reported at the value.
     */
    static const struct bad_case cases[] = {
        {BASE
         "faults:\n"
         "  - {kind: outage, start: 1m, duration: 1m, rate: 5%}\n",
         "FILE:12:51: faults[0].rate: does not apply to faults of kind "
         "outage"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: exponential, base: 1s, delay: 2s}\n",
         "FILE:11:51: strategies[0].retry.delay: does not apply to policy "
         "exponential"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: linear, base: 1s, multiplier: 2}\n",
         "FILE:11:51: strategies[0].retry.multiplier: does not apply to "
         "policy linear"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: none, max_attempts: 3}\n",
         "FILE:11:41: strategies[0].retry.max_attempts: does not apply to "
         "policy none"},
        {TOP SERVICE STRATEGY
         "clients:\n"
         "  count: 100\n"
         "  arrival: {process: closed, think_time: 1s, rate: 1}\n",
         "FILE:10:52: clients.arrival.rate: does not apply to closed "
         "arrivals"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: {dist: normal, mean: 1s, sd: 1s, shape: 2}\n",
         "FILE:10:57: service.service_time.shape: does not apply to a "
         "normal distribution"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_bad_numbers_name_the_value_and_the_range(void)
{
    /*
     * The ranges of scenarios/README.md: counts are whole and within
     * their range, durations have a known unit, are not negative, at
     * most 10^9 s, and positive where zero makes no sense; fractions lie
     * in [0, 1]; booleans are true or false.
     */
    static const struct bad_case cases[] = {
        {TOP SERVICE STRATEGY
         "clients:\n  count: 0\n  arrival: {process: poisson, rate: 1}\n",
         "FILE:9:10: clients.count: must be between 1 and 100000000, got "
         "'0'"},
        {TOP SERVICE STRATEGY
         "clients:\n  count: abc\n  arrival: {process: poisson, rate: 1}\n",
         "FILE:9:10: clients.count: expected a whole number, got 'abc'"},
        {TOP SERVICE STRATEGY
         "clients:\n  count: 2.5\n  arrival: {process: poisson, rate: 1}\n",
         "FILE:9:10: clients.count: expected a whole number, got '2.5'"},
        {TOP SERVICE STRATEGY
         "clients:\n  count: -5\n  arrival: {process: poisson, rate: 1}\n",
         "FILE:9:10: clients.count: must be between 1 and 100000000, got "
         "'-5'"},
        {BASE "replications: 0\n",
         "FILE:11:15: replications: must be between 1 and 100000, got "
         "'0'"},
        {BASE "seed: -1\n", "FILE:11:7: seed: must be at least 0, got '-1'"},
        {"name: t\nduration: 10 min\n" CLIENTS SERVICE STRATEGY,
         "FILE:2:11: duration: expected a duration such as 250ms, 1.5s or "
         "5m, got '10 min'"},
        {"name: t\nduration: 2e9\n" CLIENTS SERVICE STRATEGY,
         "FILE:2:11: duration: must be at most 1e9s (31 years), got "
         "'2e9'"},
        {"name: t\nduration: 0s\n" CLIENTS SERVICE STRATEGY,
         "FILE:2:11: duration: must be greater than 0, got '0s'"},
        {TOP SERVICE STRATEGY CLIENTS "  timeout: -2s\n",
         "FILE:11:12: clients.timeout: must not be negative, got '-2s'"},
        {BASE
         "faults:\n"
         "  - {kind: errors, start: 1m, duration: 1m, rate: half}\n",
         "FILE:12:51: faults[0].rate: expected a fraction such as 5% or "
         "0.05, got 'half'"},
        {BASE
         "faults:\n"
         "  - {kind: errors, start: 1m, duration: 1m, rate: 150%}\n",
         "FILE:12:51: faults[0].rate: must be between 0% and 100%, got "
         "'150%'"},
        {BASE
         "faults:\n"
         "  - {kind: capacity, start: 1m, duration: 1m, servers: 6}\n",
         "FILE:12:56: faults[0].servers: must be between 0 and 5, got "
         "'6'"},
        {TOP SERVICE STRATEGY
         "clients:\n  count: 100\n  arrival: {process: poisson, rate: x}\n",
         "FILE:10:37: clients.arrival.rate: expected a number, got 'x'"},
        {TOP CLIENTS STRATEGY SERVICE "  cancel_on_timeout: maybe\n",
         "FILE:11:22: service.cancel_on_timeout: expected true or false, "
         "got 'maybe'"},
        {TOP CLIENTS STRATEGY
         "service:\n  servers: 0\n  service_time: 10ms\n",
         "FILE:9:12: service.servers: must be between 1 and 1000000, got "
         "'0'"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: fixed, delay: 1s, max_attempts: 0}\n",
         "FILE:11:53: strategies[0].retry.max_attempts: must be between 1 "
         "and 1000000000, got '0'"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: exponential, base: 1s, multiplier: 0.5}\n",
         "FILE:11:56: strategies[0].retry.multiplier: must be at least 1, "
         "got '0.5'"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: fixed, delay: 1s, max_attempts: forever}\n",
         "FILE:11:53: strategies[0].retry.max_attempts: expected a whole "
         "number or 'unlimited', got 'forever'"},
        {TOP CLIENTS STRATEGY SERVICE "  queue_limit: lots\n",
         "FILE:11:16: service.queue_limit: expected a whole number or "
         "'unlimited', got 'lots'"},
        {BASE "slo: {success_rate: 0%}\n",
         "FILE:11:21: slo.success_rate: must be greater than 0%, got '0%'"},
        {"name: a/b\nduration: 10m\n" CLIENTS SERVICE STRATEGY,
         "FILE:1:7: name: must be a plain folder name (no '/', no '..', no "
         "control characters, 1 to 100 bytes), got 'a/b'"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_values_that_contradict_each_other_are_reported(void)
{
    /*
     * Relations between keys (README): a bucket no longer than the run
     * and at most 10^6 of them (2 h in 1 ms is 7.2e6), cap at least base,
     * decorrelated jitter only with exponential backoff, a uniform's max
     * not below its min, and a fault that starts before the end.
     */
    static const struct bad_case cases[] = {
        {BASE "bucket: 20m\n",
         "FILE:11:9: bucket: must not be longer than the duration"},
        {"name: t\nduration: 2h\n" CLIENTS SERVICE STRATEGY "bucket: 1ms\n",
         "FILE:11:9: bucket: gives 7.2e+06 buckets over the duration; at "
         "most 1000000 are allowed"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: exponential, base: 2s, cap: 1s}\n",
         "FILE:11:49: strategies[0].retry.cap: must not be less than base "
         "(2s), got '1s'"},
        {TOP CLIENTS SERVICE
         "strategies:\n"
         "  - name: a\n"
         "    retry: {policy: linear, jitter: decorrelated, base: 1s}\n",
         "FILE:11:37: strategies[0].retry.jitter: decorrelated jitter needs "
         "policy exponential"},
        {TOP CLIENTS STRATEGY
         "service:\n"
         "  servers: 5\n"
         "  service_time: {dist: uniform, min: 2s, max: 1s}\n",
         "FILE:10:47: service.service_time.max: must not be less than min "
         "(2s), got '1s'"},
        {BASE "faults:\n  - {kind: outage, start: 10m, duration: 1m}\n",
         "FILE:12:27: faults[0].start: 10m is not before the end of the run "
         "(10m)"},
        {BASE "faults:\n  - {kind: outage, start: 11m, duration: 1m}\n",
         "FILE:12:27: faults[0].start: 11m is not before the end of the run "
         "(10m)"},
    };

    CHECK_BAD_CASES(cases);
}

/* ---- The roi section ------------------------------------------------- */

/* Two strategies, a and b, then the roi section from line 12 on. */
#define TWO TOP CLIENTS SERVICE STRATEGY "  - name: b\n"
#define ROI_START                                                              \
    "roi:\n"                                                                   \
    "  baseline: a\n"                                                          \
    "  downtime_cost_per_minute: 2000\n"                                       \
    "  engineer_cost_per_hour: 150\n"                                          \
    "  incidents_per_month: 2\n"

static void
test_scenario_roi_loads_hours_by_strategy_name(void)
{
    /*
     * SPEC.md section 3.5: the baseline names a strategy, amounts are
     * plain numbers, implementation_hours maps strategy names to hours.
     * Lines 12-18; strategies without hours get 0.
     */
    const struct roi_config *r;
    struct load l;

    load_text(&l, TWO ROI_START "  manual_intervention_minutes: 15\n"
                  "  implementation_hours: {b: 40.5}\n");
    REQUIRE_OK(&l);
    r = &l.sc->roi;
    CU_ASSERT(r->enabled);
    CU_ASSERT(r->baseline == 0);
    CU_ASSERT_DOUBLE_EQUAL(r->downtime_cost_per_minute, 2000, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->engineer_cost_per_hour, 150, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->incidents_per_month, 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->manual_intervention_minutes, 15, 0);
    CU_ASSERT_FATAL(r->implementation_hours != NULL);
    CU_ASSERT_DOUBLE_EQUAL(r->implementation_hours[0], 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->implementation_hours[1], 40.5, 0);
    load_free(&l);

    /* Without the section there is no cost model; hours may be left out. */
    load_text(&l, TWO);
    REQUIRE_OK(&l);
    CU_ASSERT(!l.sc->roi.enabled);
    CU_ASSERT(l.sc->roi.implementation_hours == NULL);
    load_free(&l);
    load_text(&l, TWO "roi:\n  baseline: b\n"
                  "  downtime_cost_per_minute: 0\n"
                  "  engineer_cost_per_hour: 0\n"
                  "  incidents_per_month: 0.5\n");
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->roi.baseline == 1);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->roi.manual_intervention_minutes, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->roi.implementation_hours[0], 0, 0);
    load_free(&l);
}

static void
test_scenario_roi_hours_can_be_set_by_name(void)
{
    char *sets[] = {"roi.implementation_hours.b=12",
                    "roi.engineer_cost_per_hour=90"};
    struct load l;
    const char *text = TWO ROI_START;

    load_bytes(&l, text, strlen(text), sets, 2);
    REQUIRE_OK(&l);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->roi.implementation_hours[1], 12, 0);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->roi.engineer_cost_per_hour, 90, 0);
    load_free(&l);
}

static void
test_scenario_roi_problems_point_at_their_value(void)
{
    /* Lines 10 and 11 are strategies a and b; roi starts on line 12. */
    static const struct bad_case cases[] = {
        {TWO "roi: {baseline: c, downtime_cost_per_minute: 1,\n"
             "  engineer_cost_per_hour: 1, incidents_per_month: 1}\n",
         "FILE:12:17: roi.baseline: 'c' is not one of the strategies"},
        {TWO "roi: {baseline: zzz, downtime_cost_per_minute: 1,\n"
             "  engineer_cost_per_hour: 1, incidents_per_month: 1}\n",
         "FILE:12:17: roi.baseline: 'zzz' is not one of the strategies"},
        {TWO ROI_START "  implementation_hours: {c: 4}\n",
         "FILE:17:29: roi.implementation_hours.c: 'c' is not one of the "
         "strategies"},
        {TWO ROI_START "  implementation_hours: {a: 4}\n",
         "FILE:17:29: roi.implementation_hours.a: the baseline is what the "
         "others are compared with; it takes no implementation hours"},
        {TWO ROI_START "  implementation_hours: {b: -4}\n",
         "FILE:17:29: roi.implementation_hours.b: must not be negative, "
         "got '-4'"},
        {TWO ROI_START "  implementation_hours: {b: 4, b: 5}\n",
         "FILE:17:32: roi.implementation_hours.b: given more than once"},
        {TWO ROI_START "  implementation_hours: {b: [4]}\n",
         "FILE:17:29: roi.implementation_hours.b: expected a number of "
         "hours, got a list"},
        {TWO ROI_START "  implementation_hours: [{b: 4}]\n",
         "FILE:17:25: roi.implementation_hours: expected a mapping of "
         "strategy names to hours, got a list"},
        {TWO ROI_START "  manual_intervention_minutes: 15m\n",
         "FILE:17:32: roi.manual_intervention_minutes: expected a number, "
         "got '15m'"},
        {TWO ROI_START "  implementation_hour: {b: 4}\n",
         "FILE:17:3: roi: unknown key 'implementation_hour' (did you mean "
         "'implementation_hours'?)"},
        {TWO "roi:\n  baseline: a\n  downtime_cost_per_minute: 1\n"
             "  engineer_cost_per_hour: 1\n",
         "FILE:13:3: roi: missing required key 'incidents_per_month'"},
        {TWO ROI_START "  incidents_per_month: 2e13\n",
         "FILE:17:3: roi.incidents_per_month: given more than once"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_healing_and_fallback_load(void)
{
    /*
     * A healed fault, the scenario's healing with its defaults, and a
     * strategy that overrides it; `fallback: static` is short for
     * `fallback: {kind: static}`.
     */
    struct load l;

    load_text(&l, BASE
              "    fallback: static\n"
              "    healing: {mode: manual}\n"
              "  - name: b\n"
              "    fallback: {kind: cache, ttl: 30s}\n"
              "faults:\n"
              "  - {kind: outage, start: 1m, until: healed, "
              "cured_by: failover}\n"
              "healing:\n"
              "  restart: {duration: 10s}\n"
              "  failover: {backup_servers: 4}\n");
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->faults[0].until_healed == 1);
    CU_ASSERT(l.sc->faults[0].cured_by == CURE_FAILOVER);
    CU_ASSERT(isinf(l.sc->faults[0].end));
    CU_ASSERT(l.sc->healing.mode == HEALING_AUTO);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.check_interval, 10, 0);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.threshold, 0.9, 1e-15);
    CU_ASSERT(l.sc->healing.unhealthy_after == 3);
    CU_ASSERT(l.sc->healing.restart && l.sc->healing.restart_max == 3);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.restart_duration, 10, 0);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.restart_cooldown, 60, 0);
    CU_ASSERT(l.sc->healing.failover && l.sc->healing.backup_servers == 4);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.switch_time, 5, 0);
    CU_ASSERT(!l.sc->healing.autoscale);
    CU_ASSERT(l.sc->healing.manual_repair.kind == DIST_LOGNORMAL);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->healing.manual_repair.p1, 1800, 0);
    CU_ASSERT(l.sc->strategies[0].healing_set);
    CU_ASSERT(l.sc->strategies[0].healing.mode == HEALING_MANUAL);
    CU_ASSERT(!l.sc->strategies[1].healing_set);
    CU_ASSERT(l.sc->strategies[0].fallback.kind == FALLBACK_STATIC);
    CU_ASSERT(l.sc->strategies[1].fallback.kind == FALLBACK_CACHE);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->strategies[1].fallback.ttl, 30, 0);
    load_free(&l);

    load_text(&l, BASE "faults:\n  - {kind: outage, start: 1m, until: "
              "later, duration: 5s}\n");
    EXPECT_ERRORS(&l,
                  "FILE:12:38: faults[0].until: the only value is 'healed'",
                  "FILE:12:55: faults[0].duration: does not apply to a "
                  "fault that lasts until healed");
    load_free(&l);
}

static void
test_scenario_occ_takes_no_servers(void)
{
    /*
     * contention: occ models one row that answers at once: servers,
     * service times, queues and capacity faults do not apply, and are
     * not required. TOP, CLIENTS and STRATEGY take lines 1 to 7.
     */
    struct load l;

    load_text(&l, TOP CLIENTS STRATEGY
              "service:\n"
              "  contention: occ\n"
              "  network_delay: {dist: normal, mean: 10ms, sd: 2ms}\n");
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->service.occ == 1);
    CU_ASSERT(l.sc->service.network_delay.kind == DIST_NORMAL);
    load_free(&l);

    load_text(&l, TOP CLIENTS STRATEGY
              "service:\n"
              "  contention: occ\n"
              "  servers: 3\n"
              "faults: [{kind: capacity, start: 1m, duration: 1m, "
              "servers: 1}]\n");
    EXPECT_ERRORS(&l,
                  "FILE:10:12: service.servers: does not apply to "
                  "contention occ (its row answers at once)",
                  "FILE:11:17: faults[0].kind: capacity faults do not "
                  "apply to contention occ (its row has no servers)");
    load_free(&l);

    load_text(&l, TOP CLIENTS STRATEGY "service:\n  queue_limit: 5\n");
    EXPECT_ERRORS(&l,
                  "FILE:9:3: service: missing required key 'servers'",
                  "FILE:9:3: service: missing required key "
                  "'service_time'");
    load_free(&l);
}

static void
test_scenario_yaml_errors_carry_the_parser_position(void)
{
    /*
     * libyaml's problem, then its context, at its mark plus one: an
     * unclosed list is found at the end of the input, a second ':' on a
     * line where it stands, a tab where it starts the line, an alias
     * where it is used.
     */
    static const struct bad_case cases[] = {
        {"name: t\nduration: [10m\n",
         "FILE:3:1: did not find expected ',' or ']' while parsing a flow "
         "sequence"},
        {"name: t\nduration: 10m: 5\n",
         "FILE:2:14: mapping values are not allowed in this context"},
        {"clients:\n\tcount: 1\n",
         "FILE:2:1: found character that cannot start any token while "
         "scanning for the next token"},
        {"name: *x\n", "FILE:1:7: found undefined alias"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_empty_file_is_an_input_error(void)
{
    /* Nothing to run: an empty file, or one of comments only. */
    static const struct bad_case cases[] = {
        {"", "FILE:1:1: the file is empty"},
        {"# a scenario, one day\n\n", "FILE:1:1: the file is empty"},
    };

    CHECK_BAD_CASES(cases);
}

static void
test_scenario_missing_file_is_an_io_error(void)
{
    /*
     * scenario.h: SIM_EIO when the file cannot be read, with the message
     * in errs; the style guide's system errors name the operation, the
     * path and strerror(errno).
     */
    char dir[64], path[96], expected[160];
    struct scenario *sc = NULL;
    struct scenario_errors errs;

    snprintf(dir, sizeof(dir), "/tmp/stampede-scenario-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/missing.yaml", dir);
    snprintf(expected, sizeof(expected),
             "cannot open %s: No such file or directory", path);

    CU_ASSERT(scenario_load(path, NULL, 0, &sc, &errs) == SIM_EIO);
    CU_ASSERT(sc == NULL);
    CU_ASSERT(errs.count == 1 && errs.total == 1);
    if (errs.count == 1)
        CU_ASSERT_STRING_EQUAL(errs.messages[0], expected);
    scenario_errors_clear(&errs);
    rmdir(dir);
}

static void
test_scenario_text_loads_like_a_file_of_its_bytes(void)
{
    /*
     * scenario_load_text reads len bytes, with no NUL after them, and
     * names its messages after the name it is given.
     */
    static const char text[] = BASE "replications: 0\nIGNORED";
    struct scenario *sc = NULL;
    struct scenario_errors errs;
    size_t len = strlen(text) - strlen("IGNORED");

    CU_ASSERT(scenario_load_text("mem.yaml", text, strlen(BASE), NULL, 0,
                                 &sc, &errs) == 0);
    CU_ASSERT(errs.total == 0);
    if (sc != NULL) {
        CU_ASSERT_STRING_EQUAL(sc->path, "mem.yaml");
        CU_ASSERT_STRING_EQUAL(sc->name, "t");
    }
    scenario_free(sc);
    sc = NULL;

    CU_ASSERT(scenario_load_text("mem.yaml", text, len, NULL, 0, &sc,
                                 &errs) == SIM_EINPUT);
    CU_ASSERT(sc == NULL);
    CU_ASSERT(errs.count == 1 && errs.total == 1);
    if (errs.count == 1)
        CU_ASSERT_STRING_EQUAL(errs.messages[0],
                               "mem.yaml:11:15: replications: must be "
                               "between 1 and 100000, got '0'");
    scenario_errors_clear(&errs);
}

static void
test_scenario_directory_is_an_io_error(void)
{
    /* fopen takes a directory on Linux; reading it fails with EISDIR. */
    char dir[64], expected[160];
    struct scenario *sc = NULL;
    struct scenario_errors errs;

    snprintf(dir, sizeof(dir), "/tmp/stampede-scenario-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    snprintf(expected, sizeof(expected), "cannot read %s: Is a directory", dir);

    CU_ASSERT(scenario_load(dir, NULL, 0, &sc, &errs) == SIM_EIO);
    CU_ASSERT(sc == NULL);
    CU_ASSERT(errs.count == 1 && errs.total == 1);
    if (errs.count == 1)
        CU_ASSERT_STRING_EQUAL(errs.messages[0], expected);
    scenario_errors_clear(&errs);
    rmdir(dir);
}

/* ---- All problems at once -------------------------------------------- */

static void
test_scenario_all_problems_are_reported_in_file_order(void)
{
    /*
     * The style guide: every error of a file before stopping, sorted by
     * line and column. The file lists its sections in the reverse of the
     * order the loader checks them (slo last, clients first), and mixes
     * an unknown key, found before any value is checked.
     */
    static const char text[] =
        "slo: {success_rate: 200%}\n"
        "strategies:\n"
        "  - name: a\n"
        "    retry: {policy: fixed, delay: soon}\n"
        "service:\n"
        "  servers: 5\n"
        "  service_time: 10ms\n"
        "  flavour: blue\n"
        "clients:\n"
        "  count: many\n"
        "  arrival: {process: poisson, rate: 0.1}\n"
        "name: t\n"
        "duration: 10m\n";
    struct load l;

    load_text(&l, text);
    EXPECT_ERRORS(&l,
                  "FILE:1:21: slo.success_rate: must be between 0% and "
                  "100%, got '200%'",
                  "FILE:4:35: strategies[0].retry.delay: expected a "
                  "duration such as 250ms, 1.5s or 5m, got 'soon'",
                  "FILE:8:3: service: unknown key 'flavour'",
                  "FILE:10:10: clients.count: expected a whole number, got "
                  "'many'");
    load_free(&l);
}

static void
test_scenario_missing_or_misshapen_values_hide_no_other_problem(void)
{
    /*
     * A missing key and a value of the wrong shape are reported, and the
     * values around them are still checked: four problems, one per part.
     */
    static const char text[] =
        TOP
        "clients:\n"
        "  arrival: {process: poisson, rate: 0.1}\n"
        "service:\n"
        "  servers: 0\n"
        "  service_time: [10ms]\n"
        "strategies:\n"
        "  - name: a\n"
        "    retry: {policy: fixed, delay: -1s}\n";
    struct load l;

    load_text(&l, text);
    EXPECT_ERRORS(&l, "FILE:4:3: clients: missing required key 'count'",
                  "FILE:6:12: service.servers: must be between 1 and "
                  "1000000, got '0'",
                  "FILE:7:17: service.service_time: expected a mapping, got "
                  "a list",
                  "FILE:10:35: strategies[0].retry.delay: must not be "
                  "negative, got '-1s'");
    load_free(&l);
}

static void
test_scenario_several_problems_on_one_line_sort_by_column(void)
{
    /* Two values of one flow mapping: the left one comes first. */
    struct load l;

    load_text(&l, BASE
              "faults:\n"
              "  - {kind: errors, start: x, duration: y, rate: 5%}\n");
    EXPECT_ERRORS(&l,
                  "FILE:12:27: faults[0].start: expected a duration such "
                  "as 250ms, 1.5s or 5m, got 'x'",
                  "FILE:12:40: faults[0].duration: expected a duration "
                  "such as 250ms, 1.5s or 5m, got 'y'");
    load_free(&l);
}

static void
test_scenario_messages_are_capped_but_all_are_counted(void)
{
    /*
     * scenario.h: at most SCENARIO_MAX_ERRORS messages are kept and total
     * counts all. 25 faults with a bad start come first in the file and a
     * bad count last; the loader checks the count first, but sorting
     * before the cut keeps the first 20 lines of the file: faults[0] to
     * faults[19] on lines 2 to 21, each value in column 27.
     */
    static const char fault[] =
        "  - {kind: outage, start: soon, duration: 1m}\n";
    static const char tail[] =
        TOP SERVICE STRATEGY
        "clients:\n"
        "  count: abc\n"
        "  arrival: {process: poisson, rate: 0.1}\n";
    char text[2048], expected[160];
    struct load l;
    size_t i;

    snprintf(text, sizeof(text), "faults:\n");
    for (i = 0; i < 25; i++)
        strcat(text, fault);
    strcat(text, tail);
    load_text(&l, text);

    CU_ASSERT(l.rc == SIM_EINPUT && l.sc == NULL);
    CU_ASSERT(l.errs.total == 26);
    CU_ASSERT_FATAL(l.errs.count == SCENARIO_MAX_ERRORS);
    for (i = 0; i < SCENARIO_MAX_ERRORS; i++) {
        snprintf(expected, sizeof(expected),
                 "FILE:%zu:27: faults[%zu].start: expected a duration such "
                 "as 250ms, 1.5s or 5m, got 'soon'",
                 i + 2, i);
        check_message(&l, i, expected, __LINE__);
    }
    load_free(&l);
}

/* ---- --set ----------------------------------------------------------- */

/* BASE with a retry policy and two faults, lines 11 to 15. */
#define SET_FILE                                                             \
    BASE                                                                     \
    "  - name: full-jitter\n"                                                \
    "    retry: {policy: exponential, jitter: full, base: 1s}\n"             \
    "faults:\n"                                                              \
    "  - {kind: outage, start: 1m, duration: 1m}\n"                          \
    "  - {kind: outage, start: 3m, duration: 1m}\n"

static void
load_with_sets(struct load *l, const char *text, char *const *sets,
               size_t nsets)
{
    load_bytes(l, text, strlen(text), sets, nsets);
}

static void
test_scenario_set_replaces_and_adds_values(void)
{
    /*
     * Spec section 2: --set KEY=VALUE overrides one value by its dotted
     * path; a key the file lacks is added; list entries are addressed by
     * index (faults[0] or faults.1) or by name.
     */
    static char *const sets[] = {
        "clients.count=500",
        "bucket=2s",
        "service.queue_limit=10",
        "faults[0].start=90s",
        "faults.1.duration=30s",
        "strategies.full-jitter.retry.base=500ms",
    };
    const struct scenario *sc;
    struct load l;

    load_with_sets(&l, SET_FILE, sets, COUNT(sets));
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT(sc->clients.count == 500);
    CU_ASSERT_DOUBLE_EQUAL(sc->bucket, 2, 0);
    CU_ASSERT(sc->service.queue_limit == 10);
    CU_ASSERT_FATAL(sc->nfaults == 2 && sc->nstrategies == 2);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].start, 90, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].end, 150, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[1].start, 180, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[1].end, 210, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->strategies[1].retry.base, 0.5, 1e-12);
    CU_ASSERT(sc->strategies[1].retry.jitter == JITTER_FULL);
    load_free(&l);
}

static void
test_scenario_set_takes_yaml_flow_values(void)
{
    /*
     * A value is YAML, so a whole entry or mapping can be given in flow
     * style; a bare duration where a distribution belongs is a constant.
     */
    static char *const sets[] = {
        "faults[0]={kind: latency, start: 1m, duration: 10s, add: 50ms}",
        "strategies.a.retry={policy: fixed, delay: 2s}",
        "service.service_time={dist: exponential, mean: 20ms}",
        "service.network_delay=5ms",
    };
    const struct scenario *sc;
    struct load l;

    load_with_sets(&l, SET_FILE, sets, COUNT(sets));
    REQUIRE_OK(&l);
    sc = l.sc;
    CU_ASSERT_FATAL(sc->nfaults == 2);
    CU_ASSERT(sc->faults[0].kind == FAULT_LATENCY);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].start, 60, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].end, 70, 1e-12);
    CU_ASSERT(sc->faults[0].add.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(sc->faults[0].add.p1, 0.05, 1e-12);
    CU_ASSERT(sc->strategies[0].retry.kind == RETRY_FIXED);
    CU_ASSERT_DOUBLE_EQUAL(sc->strategies[0].retry.delay, 2, 0);
    CU_ASSERT(sc->strategies[0].retry.max_attempts == 3);
    CU_ASSERT(sc->service.service_time.kind == DIST_EXPONENTIAL);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.service_time.p1, 0.02, 1e-12);
    CU_ASSERT(sc->service.network_delay.kind == DIST_CONSTANT);
    CU_ASSERT_DOUBLE_EQUAL(sc->service.network_delay.p1, 0.005, 1e-12);
    load_free(&l);
}

static void
test_scenario_set_one_past_the_end_appends_an_entry(void)
{
    /*
     * An index equal to the length of a list appends an entry, and a list
     * the file lacks is created: SET_FILE has two faults and two
     * strategies, BASE no faults.
     */
    static char *const append[] = {
        "faults[2]={kind: errors, start: 5m, duration: 1m, rate: 1%}",
        "strategies[2].name=b",
    };
    static char *const create[] = {
        "faults[0]={kind: outage, start: 1m, duration: 1m}",
        "faults[1]={kind: outage, start: 3m, duration: 1m}",
    };
    struct load l;

    load_with_sets(&l, SET_FILE, append, COUNT(append));
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nfaults == 3 && l.sc->nstrategies == 3);
    CU_ASSERT(l.sc->faults[2].kind == FAULT_ERRORS);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[2].start, 300, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[2].end, 360, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[2].rate, 0.01, 1e-15);
    CU_ASSERT_STRING_EQUAL(l.sc->strategies[2].name, "b");
    CU_ASSERT(l.sc->strategies[2].retry.kind == RETRY_NONE);
    load_free(&l);

    load_with_sets(&l, BASE, create, COUNT(create));
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nfaults == 2);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[0].start, 60, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[1].start, 180, 1e-12);
    load_free(&l);
}

static void
test_scenario_set_creates_a_list_through_a_longer_path(void)
{
    /* BASE has no faults: faults[0].kind must create the list, entry 0. */
    static char *const sets[] = {
        "faults[0].kind=outage",
        "faults[0].start=1m",
        "faults.0.duration=30s",
    };
    struct load l;

    load_with_sets(&l, BASE, sets, COUNT(sets));
    REQUIRE_OK(&l);
    CU_ASSERT_FATAL(l.sc->nfaults == 1);
    CU_ASSERT(l.sc->faults[0].kind == FAULT_OUTAGE);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->faults[0].end, 90, 1e-12);
    load_free(&l);
}

static void
test_scenario_later_set_wins_and_bad_file_values_can_be_replaced(void)
{
    /*
     * Options apply in order, so the last of two on one key holds; a
     * value replaced by --set is never checked, so a bad one in the file
     * does no harm.
     */
    static char *const twice[] = {"clients.count=1", "clients.count=2"};
    static char *const fix[] = {"clients.count=5"};
    struct load l;

    load_with_sets(&l, BASE, twice, COUNT(twice));
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->clients.count == 2);
    load_free(&l);

    load_with_sets(&l,
                   TOP SERVICE STRATEGY
                   "clients:\n"
                   "  count: abc\n"
                   "  arrival: {process: poisson, rate: 0.1}\n",
                   fix, COUNT(fix));
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->clients.count == 5);
    load_free(&l);
}

static void
test_scenario_set_errors_name_the_option(void)
{
    /*
     * A problem with a value given by --set is located by the option
     * itself, "--set KEY=VALUE", followed by the key path as usual.
     */
    static const struct {
        char *set;
        const char *message;
    } cases[] = {
        {"clients.count=abc",
         "--set clients.count=abc: clients.count: expected a whole number, "
         "got 'abc'"},
        {"clients.count", "--set clients.count: expected KEY=VALUE"},
        {"=5", "--set =5: expected KEY=VALUE"},
        {"strategies.nope.retry.base=1s",
         "--set strategies.nope.retry.base=1s: strategies has no entry "
         "'nope'"},
        {"faults[3]={kind: outage, start: 1m, duration: 1m}",
         "--set faults[3]={kind: outage, start: 1m, duration: 1m}: faults "
         "has no entry '3'"},
        {"faults[7].start=1s",
         "--set faults[7].start=1s: faults has no entry '7'"},
        {"clients.cont=5",
         "--set clients.cont=5: clients: unknown key 'cont' (did you mean "
         "'count'?)"},
        {"name.first=x", "--set name.first=x: name has no entry 'first'"},
        {"name=[oops",
         "--set name=[oops: did not find expected ',' or ']' while parsing "
         "a flow sequence"},
        {"faults[0].rate=5%",
         "--set faults[0].rate=5%: faults[0].rate: does not apply to faults "
         "of kind outage"},
        {"bucket=0", "--set bucket=0: bucket: must be greater than 0, got "
                     "'0'"},
        {"faults[1]={kind: outage, start: 1m, duration: 1m, flavour: x}",
         "--set faults[1]={kind: outage, start: 1m, duration: 1m, flavour: "
         "x}: faults[1]: unknown key 'flavour'"},
    };
    struct load l;
    size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        load_with_sets(&l, SET_FILE, &cases[i].set, 1);
        expect_errors(__LINE__, &l, &cases[i].message, 1);
        load_free(&l);
    }
}

static void
test_scenario_set_keys_must_be_utf8(void)
{
    /*
     * libyaml makes no node of text that is not UTF-8, and a --set key
     * becomes nodes as it is walked: such a key once ended the run with
     * "out of memory" (found by make fuzz). Overlong forms, surrogates,
     * code points past U+10FFFF and cut sequences are refused; a key in
     * any script is a key like another.
     */
    static const struct {
        char *set;
        const char *message;
    } cases[] = {
        {"clients.co\x99nt=5",
         "--set clients.co\x99nt=5: the key is not valid UTF-8"},
        {"\xc0\xae=5", "--set \xc0\xae=5: the key is not valid UTF-8"},
        {"\xed\xa0\x80=5", "--set \xed\xa0\x80=5: the key is not valid UTF-8"},
        {"\xf4\x90\x80\x80=5",
         "--set \xf4\x90\x80\x80=5: the key is not valid UTF-8"},
        {"a\xe2\x82=5", "--set a\xe2\x82=5: the key is not valid UTF-8"},
        {"\xf8\x88\x80\x80\x80=5",
         "--set \xf8\x88\x80\x80\x80=5: the key is not valid UTF-8"},
        {"d\xc3\xa9lai=5", "--set d\xc3\xa9lai=5: unknown key 'd\xc3\xa9lai'"},
        {"\xf0\x9f\x90\x83=5", "--set \xf0\x9f\x90\x83=5: unknown key "
                               "'\xf0\x9f\x90\x83'"},
    };
    struct load l;
    size_t i;

    for (i = 0; i < COUNT(cases); i++) {
        load_with_sets(&l, SET_FILE, &cases[i].set, 1);
        expect_errors(__LINE__, &l, &cases[i].message, 1);
        load_free(&l);
    }
}

static void
test_scenario_set_problems_follow_the_file_in_option_order(void)
{
    /*
     * File problems come first, in file order, then each option's in the
     * order given, although the loader checks bucket before seed and
     * seed before the clients.
     */
    static char *const sets[] = {"bucket=0", "clients.count=abc"};
    struct load l;

    load_with_sets(&l, BASE "seed: x\n", sets, COUNT(sets));
    EXPECT_ERRORS(&l, "FILE:11:7: seed: expected a whole number, got 'x'",
                  "--set bucket=0: bucket: must be greater than 0, got '0'",
                  "--set clients.count=abc: clients.count: expected a "
                  "whole number, got 'abc'");
    load_free(&l);
}

static void
test_scenario_set_that_breaks_a_file_value_blames_the_file_value(void)
{
    /*
     * A shorter duration leaves both faults (at 1m and 3m, lines 14 and
     * 15) at or after the end: the starts are what the file wrote. Times
     * are shown as util_format_duration writes them: seconds below 120 s
     * (60s), minutes from there.
     */
    static char *const sets[] = {"duration=1m"};
    struct load l;

    load_with_sets(&l, SET_FILE, sets, COUNT(sets));
    EXPECT_ERRORS(&l,
                  "FILE:14:27: faults[0].start: 60s is not before the end "
                  "of the run (60s)",
                  "FILE:15:27: faults[1].start: 3m is not before the end "
                  "of the run (60s)");
    load_free(&l);
}

/* ---- Hostile input --------------------------------------------------- */

/* head, open n times, close n times, then tail; free the result. */
static char *
nested(const char *head, const char *open, const char *close, size_t n,
       const char *tail)
{
    size_t lh = strlen(head), lo = strlen(open), lc = strlen(close);
    char *s = xmalloc(lh + n * (lo + lc) + strlen(tail) + 1), *p = s;
    size_t i;

    memcpy(p, head, lh);
    p += lh;
    for (i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    for (i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    strcpy(p, tail);
    return s;
}

static void
test_scenario_reader_errors_point_at_the_bad_byte(void)
{
    /*
     * libyaml reports bad bytes by offset only; the loader counts lines
     * and columns itself. A control character opens line 3; an invalid
     * UTF-8 byte follows "description: " (13 columns) on line 3.
     */
    struct load l;

    load_text(&l, "name: t\nduration: 10m\n\x01\n");
    EXPECT_ERRORS(&l, "FILE:3:1: control characters are not allowed");
    load_free(&l);
    load_text(&l, "name: t\nduration: 10m\ndescription: \xff\n");
    EXPECT_ERRORS(&l, "FILE:3:14: invalid leading UTF-8 octet");
    load_free(&l);
}

static void
test_scenario_second_document_is_refused(void)
{
    /* BASE is 10 lines; the "---" of a second document is on line 11. */
    struct load l;

    load_text(&l, BASE "---\nname: u\n");
    EXPECT_ERRORS(&l, "FILE:11:1: a second YAML document; a scenario is "
                      "one document");
    load_free(&l);
}

static void
test_scenario_unknown_chooser_mutes_its_mapping(void)
{
    /*
     * An unknown dist gives one message, not complaints about mean that
     * the stand-in (constant) would raise; a sibling key still reports
     * its own problem. TOP, CLIENTS and STRATEGY take lines 1 to 7.
     */
    struct load l;

    load_text(&l, TOP CLIENTS STRATEGY
              "service:\n"
              "  servers: 0\n"
              "  service_time: {dist: weibull, mean: 1s}\n");
    EXPECT_ERRORS(&l,
                  "FILE:9:12: service.servers: must be between 1 and "
                  "1000000, got '0'",
                  "FILE:10:24: service.service_time.dist: unknown value "
                  "'weibull' (expected one of: constant, exponential, "
                  "uniform, normal, lognormal, gamma, pareto)");
    load_free(&l);
}

static void
test_scenario_empty_optional_section_means_none(void)
{
    /* "faults:" with nothing after it is YAML null: no faults. */
    struct load l;

    load_text(&l, BASE "faults:\nslo:\n");
    REQUIRE_OK(&l);
    CU_ASSERT(l.sc->nfaults == 0);
    CU_ASSERT_DOUBLE_EQUAL(l.sc->slo.success_rate, 0.999, 1e-15);
    load_free(&l);
}

static void
test_scenario_strategy_names_count_characters(void)
{
    /* 60 two-byte letters are 60 characters (120 bytes): accepted. */
    char text[512];
    struct load l;
    int i, n;

    n = snprintf(text, sizeof(text), TOP CLIENTS SERVICE
                 "strategies:\n  - name: ");
    for (i = 0; i < 60; i++)
        n += snprintf(text + n, sizeof(text) - (size_t)n, "\xc3\xa9");
    snprintf(text + n, sizeof(text) - (size_t)n, "\n");
    load_text(&l, text);
    EXPECT_OK(&l);
    load_free(&l);
}

static void
test_scenario_deep_nesting_is_refused(void)
{
    /*
     * 100000 nested flow lists, flow mappings and block lists where a
     * name belongs. The loader stops at the first collection nested more
     * than 32 deep (the root mapping is level 1), before libyaml builds
     * the tree, whose time grows with the square of the depth. By hand:
     * "name: " takes columns 1 to 6, so the 32nd "[" is at 7 + 31 = 38,
     * the 32nd "{a: " at 7 + 31 * 4 = 131, and on line 2 the 32nd "- "
     * at 1 + 31 * 2 = 63.
     */
    static const char rest[] = "\nduration: 10m\n" CLIENTS SERVICE STRATEGY;
    struct load l;
    char *text;

    text = nested("name: ", "[", "]", 100000, rest);
    load_text(&l, text);
    EXPECT_ERRORS(&l, "FILE:1:38: nested more than 32 levels deep");
    load_free(&l);
    free(text);

    text = nested("name: ", "{a: ", "}", 100000, rest);
    load_text(&l, text);
    EXPECT_ERRORS(&l, "FILE:1:131: nested more than 32 levels deep");
    load_free(&l);
    free(text);

    text = nested("name:\n", "- ", "", 100000, rest);
    load_text(&l, text);
    EXPECT_ERRORS(&l, "FILE:2:63: nested more than 32 levels deep");
    load_free(&l);
    free(text);
}

static void
test_scenario_deep_set_value_is_refused(void)
{
    /*
     * A --set value nested 100000 deep is refused at level 33. The option
     * is shown cut to 68 characters and "...": "description=" (12) and 56
     * brackets.
     */
    char *set = nested("description=", "[", "]", 100000, "");
    char expected[600];
    struct load l;

    snprintf(expected, sizeof(expected), "--set description=");
    memset(expected + 18, '[', 56);
    strcpy(expected + 18 + 56, "...: nested more than 32 levels deep");
    load_with_sets(&l, BASE, &set, 1);
    expect_errors(__LINE__, &l, (const char *const[]){expected}, 1);
    load_free(&l);
    free(set);
}

static void
test_scenario_alias_fan_out_is_cut_off(void)
{
    /*
     * 200 aliases of a strategy whose retry_on lists 1000 aliases would
     * make the loader visit 201200 nodes; it stops after 100000. By hand:
     * 14 visits reach the strategies list (root, 2 top values, 5 in
     * clients, 5 in service with the bare duration made a constant, the
     * list), each strategy takes 1006 (6 nodes and 1000 names), so
     * strategy 99 starts at visit 99609 and its retry_on item 386 is
     * visit 100001. Aliases share their anchor's node, so the position
     * is that of '&e', line 10, column 63.
     */
    char *text = xmalloc(16384), *p = text;
    struct load l;
    int i;

    p += sprintf(p, TOP CLIENTS SERVICE "strategies:\n"
                 "  - &s {name: a, retry: {policy: fixed, delay: 1s, "
                 "retry_on: [&e error");
    for (i = 1; i < 1000; i++)
        p += sprintf(p, ", *e");
    p += sprintf(p, "]}}\n");
    for (i = 1; i < 200; i++)
        p += sprintf(p, "  - *s\n");
    load_text(&l, text);
    EXPECT_ERRORS(&l, "FILE:10:63: strategies[99].retry.retry_on[386]: the "
                      "document nests too deeply or expands too many "
                      "aliases");
    load_free(&l);
    free(text);
}

static void
test_scenario_billion_laughs_under_unknown_keys_is_not_expanded(void)
{
    /*
     * The classic alias bomb, 9^9 strings if expanded, under keys the
     * loader does not know: each key is reported (no known key is within
     * two edits of lol1 ... lol9) and nothing is expanded.
     */
    char text[2048], expected[9][40];
    const char *want[9];
    struct load l;
    int i, j;

    snprintf(text, sizeof(text), "%s", BASE);
    for (i = 1; i <= 9; i++) {
        sprintf(text + strlen(text), "lol%d: &l%d [", i, i);
        for (j = 0; j < 9; j++)
            sprintf(text + strlen(text), "%s%s%d", j ? ", " : "",
                    i == 1 ? "lol" : "*l", i == 1 ? 0 : i - 1);
        strcat(text, "]\n");
        snprintf(expected[i - 1], sizeof(expected[0]),
                 "FILE:%d:1: unknown key 'lol%d'", 10 + i, i);
        want[i - 1] = expected[i - 1];
    }
    load_text(&l, text);
    expect_errors(__LINE__, &l, want, 9);
    load_free(&l);
}

static void
test_scenario_huge_values_are_cut_in_messages(void)
{
    /*
     * A 1 MiB name and a 1000-byte key: the messages show the first 60
     * and 76 bytes and "..." (util_printable into 64 and 80 bytes).
     */
    size_t big = 1 << 20;
    char *text = xmalloc(big + 512), expected[512];
    struct load l;

    memcpy(text, "name: ", 6);
    memset(text + 6, 'x', big);
    strcpy(text + 6 + big, "\nduration: 10m\n" CLIENTS SERVICE STRATEGY);
    load_text(&l, text);
    snprintf(expected, sizeof(expected),
             "FILE:1:7: name: must be a plain folder name (no '/', no '..', "
             "no control characters, 1 to 100 bytes), got '%.60s...'",
             text + 6);
    expect_errors(__LINE__, &l, (const char *const[]){expected}, 1);
    load_free(&l);

    strcpy(text, BASE);
    memset(text + strlen(BASE), 'k', 1000);
    strcpy(text + strlen(BASE) + 1000, ": 1\n");
    load_text(&l, text);
    snprintf(expected, sizeof(expected), "FILE:11:1: unknown key '%.76s...'",
             text + strlen(BASE));
    expect_errors(__LINE__, &l, (const char *const[]){expected}, 1);
    load_free(&l);
    free(text);
}

/* A stream that writes a new string into *text, for building big files. */
static FILE *
text_stream(char **text, size_t *size)
{
    FILE *f = open_memstream(text, size);

    CU_ASSERT_FATAL(f != NULL);
    return f;
}

static void
test_scenario_repeated_names_are_reported_once_each(void)
{
    /*
     * 3000 strategies, or stages, of one name: each but the first is
     * reported once, naming the first. Each used to be compared with,
     * and reported against, every earlier one: 4.5 million messages in
     * 650 MB for a 42 kB file. Line 11 holds strategies[1] (the name at
     * column 12), and line 17 stages[1] (column 14).
     */
    char *text;
    size_t size, i;
    struct load l;
    FILE *f;

    f = text_stream(&text, &size);
    fputs(TOP CLIENTS SERVICE "strategies:\n", f);
    for (i = 0; i < 3000; i++)
        fputs("  - {name: a}\n", f);
    fclose(f);
    load_text(&l, text);
    CU_ASSERT(l.rc == SIM_EINPUT && l.errs.total == 2999);
    check_message(&l, 0,
                  "FILE:11:12: strategies[1].name: 'a' is already the name "
                  "of strategies[0]",
                  __LINE__);
    load_free(&l);
    free(text);

    f = text_stream(&text, &size);
    fputs(BASE "  - name: b\n"
               "rollout:\n"
               "  baseline: a\n"
               "  candidate: b\n"
               "  stages:\n",
          f);
    for (i = 0; i < 3000; i++)
        fprintf(f, "    - {name: s, traffic: %zu.5e-4}\n", i);
    fclose(f);
    load_text(&l, text);
    CU_ASSERT(l.rc == SIM_EINPUT && l.errs.total == 2999);
    check_message(&l, 0,
                  "FILE:17:14: rollout.stages[1].name: 's' is already the "
                  "name of stages[0]",
                  __LINE__);
    load_free(&l);
    free(text);
}

static void
test_scenario_many_problems_take_linear_time(void)
{
    /*
     * 20000 faults without a start and 50000 hours of strategies that
     * do not exist: 70000 problems. The loader looked up where each
     * problem's value was written, and whether it was muted, in lists of
     * every value and every missing key, and compared each hours key
     * with every earlier one: about 30 s for these 1.3 MB. Now it takes
     * well under a second; the bound leaves room for slow machines and
     * the sanitizers.
     */
    struct timespec t0, t1;
    size_t size, i;
    struct load l;
    char *text;
    FILE *f;

    f = text_stream(&text, &size);
    fputs(BASE "faults:\n", f);
    for (i = 0; i < 20000; i++)
        fputs("  - {kind: outage, duration: 1s}\n", f);
    fputs("roi:\n"
          "  baseline: a\n"
          "  downtime_cost_per_minute: 1\n"
          "  engineer_cost_per_hour: 1\n"
          "  incidents_per_month: 1\n"
          "  implementation_hours:\n",
          f);
    for (i = 0; i < 50000; i++)
        fprintf(f, "    s%zu: 1\n", i);
    fclose(f);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    load_text(&l, text);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CU_ASSERT(l.rc == SIM_EINPUT && l.errs.total == 70000);
    CU_ASSERT((double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 <
              10);
    load_free(&l);
    free(text);
}

static void
test_scenario_binary_garbage_is_refused(void)
{
    /*
     * 4096 bytes of (131 i) mod 256: the first, a NUL at line 1, column
     * 1, is a control character, which YAML does not allow.
     */
    unsigned char data[4096];
    struct load l;
    size_t i;

    for (i = 0; i < sizeof(data); i++)
        data[i] = (unsigned char)(i * 131);
    load_bytes(&l, data, sizeof(data), NULL, 0);
    EXPECT_ERRORS(&l, "FILE:1:1: control characters are not allowed");
    load_free(&l);
}

static void
test_scenario_oversized_file_is_refused_unread(void)
{
    /* More than 16 MiB is not a scenario: SIM_EIO, before any parsing. */
    size_t size = (16u << 20) + 1;
    char *data = xmalloc(size), expected[128];
    struct load l;

    memset(data, '#', size);
    load_bytes(&l, data, size, NULL, 0);
    snprintf(expected, sizeof(expected),
             "%s: larger than 16 MiB; not a scenario", l.path);
    CU_ASSERT(l.rc == SIM_EIO && l.sc == NULL);
    CU_ASSERT(l.errs.count == 1 && l.errs.total == 1);
    if (l.errs.count == 1)
        CU_ASSERT_STRING_EQUAL(l.errs.messages[0], expected);
    load_free(&l);
    free(data);
}

int
suite_scenario(void)
{
    static const struct test_entry tests[] = {
        {"full file loads into typed values",
         test_scenario_full_file_loads_into_typed_values},
        {"minimal file gets every default",
         test_scenario_minimal_file_gets_every_default},
        {"retry policies fill their defaults",
         test_scenario_retry_policies_fill_their_defaults},
        {"retry policies keep every given value",
         test_scenario_retry_policies_keep_every_given_value},
        {"faults load with their kinds",
         test_scenario_faults_load_with_their_kinds},
        {"without faults has no fault times",
         test_scenario_without_faults_has_no_fault_times},
        {"distributions keep their parameters",
         test_scenario_distributions_keep_their_parameters},
        {"lognormal is matched to its mean and sd",
         test_scenario_lognormal_is_matched_to_its_mean_and_sd},
        {"arrival processes take their own keys",
         test_scenario_arrival_processes_take_their_own_keys},
        {"unlimited may be written out",
         test_scenario_unlimited_may_be_written_out},
        {"limits themselves are accepted",
         test_scenario_limits_themselves_are_accepted},
        {"longest duration is a billion seconds",
         test_scenario_longest_duration_is_a_billion_seconds},
        {"aliases share a value", test_scenario_aliases_share_a_value},
        {"a missing key under an alias is reported once",
         test_scenario_a_missing_key_under_an_alias_is_reported_once},
        {"unknown keys are named with a suggestion",
         test_scenario_unknown_keys_are_named_with_a_suggestion},
        {"unknown values suggest or list the names",
         test_scenario_unknown_values_suggest_or_list_the_names},
        {"wrong shapes are reported", test_scenario_wrong_shapes_are_reported},
        {"missing keys are reported where their mapping starts",
         test_scenario_missing_keys_are_reported_where_their_mapping_starts},
        {"duplicates are reported at the second",
         test_scenario_duplicates_are_reported_at_the_second},
        {"keys that do not apply are errors",
         test_scenario_keys_that_do_not_apply_are_errors},
        {"bad numbers name the value and the range",
         test_scenario_bad_numbers_name_the_value_and_the_range},
        {"values that contradict each other are reported",
         test_scenario_values_that_contradict_each_other_are_reported},
        {"roi loads hours by strategy name",
         test_scenario_roi_loads_hours_by_strategy_name},
        {"roi hours can be set by name",
         test_scenario_roi_hours_can_be_set_by_name},
        {"roi problems point at their value",
         test_scenario_roi_problems_point_at_their_value},
        {"YAML errors carry the parser position",
         test_scenario_yaml_errors_carry_the_parser_position},
        {"empty file is an input error",
         test_scenario_empty_file_is_an_input_error},
        {"missing file is an I/O error",
         test_scenario_missing_file_is_an_io_error},
        {"directory is an I/O error", test_scenario_directory_is_an_io_error},
        {"text loads like a file of its bytes",
         test_scenario_text_loads_like_a_file_of_its_bytes},
        {"all problems are reported in file order",
         test_scenario_all_problems_are_reported_in_file_order},
        {"missing or misshapen values hide no other problem",
         test_scenario_missing_or_misshapen_values_hide_no_other_problem},
        {"several problems on one line sort by column",
         test_scenario_several_problems_on_one_line_sort_by_column},
        {"messages are capped but all are counted",
         test_scenario_messages_are_capped_but_all_are_counted},
        {"--set replaces and adds values",
         test_scenario_set_replaces_and_adds_values},
        {"--set takes YAML flow values",
         test_scenario_set_takes_yaml_flow_values},
        {"--set one past the end appends an entry",
         test_scenario_set_one_past_the_end_appends_an_entry},
        {"later --set wins and bad file values can be replaced",
         test_scenario_later_set_wins_and_bad_file_values_can_be_replaced},
        {"--set errors name the option",
         test_scenario_set_errors_name_the_option},
        {"--set keys must be UTF-8", test_scenario_set_keys_must_be_utf8},
        {"--set problems follow the file in option order",
         test_scenario_set_problems_follow_the_file_in_option_order},
        {"--set that breaks a file value blames the file value",
         test_scenario_set_that_breaks_a_file_value_blames_the_file_value},
        {"occ takes no servers", test_scenario_occ_takes_no_servers},
        {"healing and fallback load",
         test_scenario_healing_and_fallback_load},
        {"reader errors point at the bad byte",
         test_scenario_reader_errors_point_at_the_bad_byte},
        {"second document is refused",
         test_scenario_second_document_is_refused},
        {"unknown chooser mutes its mapping",
         test_scenario_unknown_chooser_mutes_its_mapping},
        {"empty optional section means none",
         test_scenario_empty_optional_section_means_none},
        {"strategy names count characters",
         test_scenario_strategy_names_count_characters},
        {"set creates a list through a longer path",
         test_scenario_set_creates_a_list_through_a_longer_path},
        {"deep nesting is refused", test_scenario_deep_nesting_is_refused},
        {"deep --set value is refused",
         test_scenario_deep_set_value_is_refused},
        {"alias fan-out is cut off", test_scenario_alias_fan_out_is_cut_off},
        {"billion laughs under unknown keys is not expanded",
         test_scenario_billion_laughs_under_unknown_keys_is_not_expanded},
        {"huge values are cut in messages",
         test_scenario_huge_values_are_cut_in_messages},
        {"repeated names are reported once each",
         test_scenario_repeated_names_are_reported_once_each},
        {"many problems take linear time",
         test_scenario_many_problems_take_linear_time},
        {"binary garbage is refused", test_scenario_binary_garbage_is_refused},
        {"oversized file is refused unread",
         test_scenario_oversized_file_is_refused_unread},
        {NULL, NULL},
    };

    return tests_add_suite("scenario", tests);
}
