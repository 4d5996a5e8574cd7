/*
 * Staged rollouts (specification 3.5): a candidate strategy takes a
 * growing share of the clients, stage by stage, while the rest keep the
 * baseline; each stage's gates are judged on the 95 % intervals over the
 * replications, and the rollout stops at the first stage that fails.
 */
#ifndef ROLLOUT_H
#define ROLLOUT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/stats.h"

struct scenario;
struct runner_options;
struct model_config;
struct model_policy;

enum gate {
    GATE_MAX_ERROR_RATE,    /* candidate's cohort */
    GATE_MIN_SUCCESS_RATE,  /* candidate's cohort */
    GATE_MAX_SPIKE,         /* whole service */
    GATE_MAX_MTTR,          /* candidate's cohort */
    GATE_MAX_AMPLIFICATION, /* whole service */
    GATE_MAX_P99_LATENCY,   /* candidate's cohort */
    GATE_COUNT
};

struct rollout_stage {
    char *name;
    double traffic;           /* share of the clients on the candidate */
    int has[GATE_COUNT];
    double threshold[GATE_COUNT];
};

struct rollout_config {
    int enabled;
    size_t baseline, candidate;   /* strategy indices */
    struct rollout_stage *stages;
    size_t nstages;
    int analysis;                 /* judge rate gates per interval */
    double interval;              /* seconds */
    uint32_t failure_limit;
    int validate;                 /* test the gates themselves */
    size_t good, bad;             /* strategy indices */
    uint32_t trials;
};

/* The gate's name as the scenario file and rollout.csv spell it. */
const char *rollout_gate_name(enum gate g);

/* The number of clients on the candidate at a traffic share. */
uint32_t rollout_cohort(uint32_t clients, double traffic);

/* Does a gate hold for a value summarised over replications? */
int rollout_gate_holds(enum gate g, double threshold,
                       const struct stats_summary *x);

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIPPED };

/* One stage's outcome. */
struct stage_result {
    uint32_t cohort;                 /* clients on the candidate */
    struct stats_summary value[GATE_COUNT];
    enum verdict verdict[GATE_COUNT];
    uint32_t failed_checks;          /* analysis */
    enum verdict analysis;
    enum verdict overall;
};

/* How often the gates stop a good candidate or pass a bad one. */
struct stage_validation {
    double false_alarms, fa_lo, fa_hi; /* share of good stopped here */
    double misses, miss_lo, miss_hi;   /* share of bad let through */
    uint32_t good_trials, bad_trials;  /* trials that reached the stage */
};

struct rollout_result {
    const struct scenario *sc;
    struct stage_result *stages;     /* nstages */
    int failed_stage;                /* -1: every stage passed */
    struct stage_validation *validation; /* NULL without validate */
    uint64_t events;
};

/*
 * Run the rollout of sc (which has one) stage by stage, stopping at the
 * first failing stage, then the validation if asked for. Returns 0, or
 * SIM_EINTR. Free with rollout_result_free.
 */
int rollout_run(const struct scenario *sc, const struct runner_options *opt,
                struct rollout_result *out);

void rollout_result_free(struct rollout_result *r);

/* The Wilson 95 % interval of k successes in n trials. */
void rollout_wilson(uint32_t k, uint32_t n, double *lo, double *hi);

/*
 * The model of one world of a rollout stage: every client follows the
 * baseline's policies but the first cohort, who follow candidate (not
 * copied: it must outlive cfg); the cohort's latency is kept per
 * analysis interval when the rollout has an analysis. The seed and the
 * replication are left 0 for the caller.
 */
void rollout_world_config(const struct scenario *sc,
                          const struct model_policy *candidate,
                          uint32_t cohort, struct model_config *cfg);

#endif
