/*
 * A scenario: what to simulate and which strategies to compare, loaded
 * from a YAML file, checked, with every default filled. Downstream code
 * trusts it: durations are seconds, percentages are fractions, ranges are
 * checked.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../model/breaker.h"
#include "../model/budget.h"
#include "../model/client.h"
#include "../model/fallback.h"
#include "../model/fault.h"
#include "../model/healing.h"
#include "../model/retry.h"
#include "../model/service.h"
#include "rollout.h"

/* At most this many error messages are kept; the rest are counted. */
#define SCENARIO_MAX_ERRORS 20

struct strategy {
    char *name;
    struct retry_policy retry;
    struct breaker_config breaker; /* trip BREAKER_OFF: none */
    struct budget_config budget;   /* kind BUDGET_NONE: none */
    struct fallback_config fallback;
    struct healing_config healing; /* used when healing_set */
    int healing_set;               /* overrides the scenario's healing */
};

struct slo_config {
    double success_rate; /* fraction of attempts that succeed */
    double window;       /* seconds that it must hold to count recovered */
};

/*
 * The cost model of the roi section. Amounts of money are plain numbers
 * in whatever currency the user thinks in; the report shows them as
 * they are.
 */
struct roi_config {
    int enabled;                        /* the section was given */
    size_t baseline;                    /* index into strategies */
    double downtime_cost_per_minute;
    double engineer_cost_per_hour;
    double incidents_per_month;         /* one incident = one run */
    double manual_intervention_minutes; /* per incident that escalates */
    double *implementation_hours;       /* per strategy, by index; 0 if
                                           not given; NULL when !enabled */
};

struct scenario {
    char *path;          /* the file it came from */
    char *name;
    char *description;
    double duration;     /* simulated horizon, seconds */
    double bucket;       /* time-series bucket width, seconds */
    uint64_t seed;
    uint32_t replications;
    struct client_config clients;
    struct service_config service;
    struct fault_spec *faults;
    size_t nfaults;
    struct strategy *strategies;
    size_t nstrategies;
    struct slo_config slo;
    struct healing_config healing; /* mode HEALING_OFF: none */
    struct rollout_config rollout; /* enabled: the file has one */
    struct roi_config roi;
};

/* The messages of a load that failed, in file order where possible. */
struct scenario_errors {
    char *messages[SCENARIO_MAX_ERRORS];
    size_t count; /* kept in messages */
    size_t total; /* found, including those not kept */
};

/*
 * Load and check the scenario at path, after applying the overrides
 * sets[0..nsets) ("key.path=value", as --set gives them). On success
 * returns 0 and *out (free with scenario_free). On bad input returns
 * SIM_EINPUT with every problem found (up to SCENARIO_MAX_ERRORS) in
 * errs, each "file:line:col: key.path: message"; SIM_EIO when the file
 * cannot be read (the message is in errs too). Free errs with
 * scenario_errors_clear.
 */
int scenario_load(const char *path, char *const *sets, size_t nsets,
                  struct scenario **out, struct scenario_errors *errs);

/*
 * As scenario_load, from the len bytes at text (no final NUL needed),
 * which messages name as if they came from the file name; sc->path is a
 * copy of name. Reads no file, so it never returns SIM_EIO. For tests and
 * the fuzzer.
 */
int scenario_load_text(const char *name, const void *text, size_t len,
                       char *const *sets, size_t nsets, struct scenario **out,
                       struct scenario_errors *errs);

void scenario_free(struct scenario *sc);
void scenario_errors_clear(struct scenario_errors *errs);

/* Print what the scenario would run, for `stampede validate`. */
void scenario_describe(const struct scenario *sc, FILE *out);

/* The first fault's start and the last fault's end; NAN without faults. */
double scenario_first_fault_start(const struct scenario *sc);
double scenario_last_fault_end(const struct scenario *sc);

#endif
