/*
 * The scenario as libcyaml loads it: every leaf kept as the text the user
 * wrote (so that durations, percentages and "unlimited" are parsed by our
 * own strict parsers), enums as the schema's numbers. Shared by the two
 * halves of the scenario module only: scenario.c (YAML side) and
 * scenario_check.c (checks and conversion to struct scenario).
 */
#ifndef SCENARIO_RAW_H
#define SCENARIO_RAW_H

#include <stdarg.h>
#include <stddef.h>

#include "scenario.h"

/* Enums are stored plus one, so that 0 means "not given". */
#define RAW_UNSET 0

struct raw_dist {
    int dist;
    char *value, *mean, *sd, *min, *max, *shape, *scale;
};

struct raw_arrival {
    int process;
    char *rate;
    struct raw_dist *think_time;
    char *interval, *at, *spread;
};

struct raw_clients {
    char *count;
    struct raw_arrival *arrival;
    char *timeout, *deadline;
};

struct raw_service {
    char *servers;
    struct raw_dist *service_time;
    char *queue_limit;
    char *cancel_on_timeout;
    struct raw_dist *network_delay;
    int contention;
};

struct raw_fault {
    int kind;
    int cured_by;
    char *start, *duration, *until;
    char *drop_inflight, *rate, *retryable;
    struct raw_dist *add;
    char *servers;
};

struct raw_retry {
    int policy;
    int jitter;
    char *base, *cap, *multiplier, *delay, *increment;
    char *max_attempts, *max_total_wait;
    int *retry_on;
    unsigned retry_on_count;
};

struct raw_breaker {
    char *failure_threshold, *failure_rate, *window, *minimum_calls;
    char *open_for, *half_open_calls;
};

struct raw_budget {
    int kind;
    char *capacity, *retry_cost, *timeout_retry_cost, *throttle_retry_cost;
    char *success_refund, *max_tokens, *token_ratio, *ratio;
    char *min_retries_per_second, *window;
};

struct raw_fallback {
    int kind;
    char *ttl;
};

struct raw_health {
    char *interval, *threshold, *unhealthy_after;
};

struct raw_restart {
    char *duration, *cooldown, *max_attempts;
};

struct raw_failover {
    char *backup_servers, *switch_time;
};

struct raw_autoscale {
    char *step, *delay, *max_servers, *cooldown;
};

struct raw_escalation {
    struct raw_dist *manual_repair;
};

struct raw_healing {
    int mode;
    struct raw_health *health_check;
    struct raw_restart *restart;
    struct raw_failover *failover;
    struct raw_autoscale *autoscale;
    struct raw_dist *confirm_time;
    struct raw_escalation *escalation;
};

struct raw_strategy {
    char *name;
    struct raw_healing *healing;
    struct raw_retry *retry;
    struct raw_breaker *breaker;
    struct raw_budget *budget;
    struct raw_fallback *fallback;
};

struct raw_slo {
    char *success_rate, *window;
};

struct raw_gates {
    char *max_error_rate, *min_success_rate, *max_spike, *max_mttr;
    char *max_amplification, *max_p99_latency;
};

struct raw_stage {
    char *name, *traffic;
    struct raw_gates *gates;
};

struct raw_analysis {
    char *interval, *failure_limit;
};

struct raw_validate {
    char *good, *bad, *trials;
};

struct raw_rollout {
    char *baseline, *candidate;
    struct raw_stage *stages;
    unsigned stages_count;
    struct raw_analysis *analysis;
    struct raw_validate *validate;
};

/* One "strategy: hours" pair of roi.implementation_hours. */
struct raw_hours {
    char *strategy, *hours;
};

struct raw_roi {
    char *baseline, *downtime_cost_per_minute, *engineer_cost_per_hour;
    char *incidents_per_month, *manual_intervention_minutes;
    struct raw_hours *hours;
    unsigned hours_count;
};

struct raw_scenario {
    char *name, *description, *duration, *bucket, *seed, *replications;
    struct raw_clients *clients;
    struct raw_service *service;
    struct raw_fault *faults;
    unsigned faults_count;
    struct raw_strategy *strategies;
    unsigned strategies_count;
    struct raw_slo *slo;
    struct raw_healing *healing;
    struct raw_rollout *rollout;
    struct raw_roi *roi;
};

/* Values of the contention enum (stored plus one). */
enum { CONTENTION_NONE = 1, CONTENTION_OCC = 2 };

struct loader;

/*
 * Report a problem with the value at key path (for example
 * "strategies[1].retry.base"); the loader finds where that value was
 * written, in the file or in a --set option.
 */
void loader_error(struct loader *ld, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Was the value at path written (in the file or with --set)? */
int loader_has(const struct loader *ld, const char *path);

/*
 * Check raw and fill sc; problems go through loader_error. Returns 0 when
 * none was found.
 */
int scenario_check(struct loader *ld, const struct raw_scenario *raw,
                   struct scenario *sc);

#endif
