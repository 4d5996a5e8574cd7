/*
 * Loading a scenario file: the YAML side.
 *
 * libcyaml maps YAML onto typed structs from a schema, but it stops at the
 * first problem and does not say where in the file it was. Users need
 * every problem at once, with file:line:column. So loading runs in steps:
 *
 *   1. libyaml parses the file into a node tree that keeps each node's
 *      position;
 *   2. --set overrides are grafted onto that tree;
 *   3. a lint pass walks the tree along the very cyaml schema below and
 *      reports unknown keys, wrong shapes, bad enum values and missing
 *      keys with their positions; it also records where each key path was
 *      written, and rewrites a bare duration where a distribution is
 *      expected into {dist: constant, value: ...};
 *   4. the tree is emitted back to text and libcyaml loads it into the raw
 *      structs of scenario_raw.h (it cannot fail on what step 3 passed);
 *   5. scenario_check.c parses and range-checks each value, reporting
 *      through the positions recorded in step 3.
 */
#include <cyaml/cyaml.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../sim.h"
#include "../core/util.h"
#include "scenario_raw.h"

/* Guards against alias bombs and absurd nesting. */
#define MAX_NODES_VISITED 100000
#define MAX_DEPTH 32
#define MAX_FILE_BYTES (16u << 20)

/* ---- The schema ------------------------------------------------------ */

static const cyaml_strval_t dist_names[] = {
    {"constant", DIST_CONSTANT + 1},   {"exponential", DIST_EXPONENTIAL + 1},
    {"uniform", DIST_UNIFORM + 1},     {"normal", DIST_NORMAL + 1},
    {"lognormal", DIST_LOGNORMAL + 1}, {"gamma", DIST_GAMMA + 1},
    {"pareto", DIST_PARETO + 1},
};

#define TEXT(key, flags, type, member)                                       \
    CYAML_FIELD_STRING_PTR(key, flags, type, member, 0, CYAML_UNLIMITED)
#define OPT CYAML_FLAG_OPTIONAL
#define REQ CYAML_FLAG_DEFAULT
#define ENUM(key, flags, type, member, names)                                \
    CYAML_FIELD_ENUM(key, (flags) | CYAML_FLAG_STRICT, type, member, names,  \
                     CYAML_ARRAY_LEN(names))

static const cyaml_schema_field_t dist_fields[] = {
    ENUM("dist", REQ, struct raw_dist, dist, dist_names),
    TEXT("value", OPT, struct raw_dist, value),
    TEXT("mean", OPT, struct raw_dist, mean),
    TEXT("sd", OPT, struct raw_dist, sd),
    TEXT("min", OPT, struct raw_dist, min),
    TEXT("max", OPT, struct raw_dist, max),
    TEXT("shape", OPT, struct raw_dist, shape),
    TEXT("scale", OPT, struct raw_dist, scale),
    CYAML_FIELD_END,
};

#define DIST(key, flags, type, member)                                       \
    CYAML_FIELD_MAPPING_PTR(key, flags, type, member, dist_fields)

static const cyaml_strval_t process_names[] = {
    {"poisson", ARRIVAL_POISSON + 1},
    {"closed", ARRIVAL_CLOSED + 1},
    {"periodic", ARRIVAL_PERIODIC + 1},
    {"once", ARRIVAL_ONCE + 1},
};

static const cyaml_schema_field_t arrival_fields[] = {
    ENUM("process", REQ, struct raw_arrival, process, process_names),
    TEXT("rate", OPT, struct raw_arrival, rate),
    DIST("think_time", OPT, struct raw_arrival, think_time),
    TEXT("interval", OPT, struct raw_arrival, interval),
    TEXT("at", OPT, struct raw_arrival, at),
    TEXT("spread", OPT, struct raw_arrival, spread),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t clients_fields[] = {
    TEXT("count", REQ, struct raw_clients, count),
    CYAML_FIELD_MAPPING_PTR("arrival", REQ, struct raw_clients, arrival,
                            arrival_fields),
    TEXT("timeout", OPT, struct raw_clients, timeout),
    TEXT("deadline", OPT, struct raw_clients, deadline),
    CYAML_FIELD_END,
};

static const cyaml_strval_t contention_names[] = {
    {"none", CONTENTION_NONE},
    {"occ", CONTENTION_OCC},
};

static const cyaml_schema_field_t service_fields[] = {
    /* Required unless contention is occ: scenario_check.c says so. */
    TEXT("servers", OPT, struct raw_service, servers),
    DIST("service_time", OPT, struct raw_service, service_time),
    TEXT("queue_limit", OPT, struct raw_service, queue_limit),
    TEXT("cancel_on_timeout", OPT, struct raw_service, cancel_on_timeout),
    DIST("network_delay", OPT, struct raw_service, network_delay),
    ENUM("contention", OPT, struct raw_service, contention,
         contention_names),
    CYAML_FIELD_END,
};

static const cyaml_strval_t fault_kind_names[] = {
    {"outage", FAULT_OUTAGE + 1},
    {"errors", FAULT_ERRORS + 1},
    {"latency", FAULT_LATENCY + 1},
    {"capacity", FAULT_CAPACITY + 1},
};

static const cyaml_strval_t cure_names[] = {
    {"restart", CURE_RESTART + 1},
    {"failover", CURE_FAILOVER + 1},
    {"scale", CURE_SCALE + 1},
    {"human", CURE_HUMAN + 1},
};

static const cyaml_schema_field_t fault_fields[] = {
    ENUM("kind", REQ, struct raw_fault, kind, fault_kind_names),
    TEXT("start", REQ, struct raw_fault, start),
    TEXT("duration", OPT, struct raw_fault, duration),
    TEXT("until", OPT, struct raw_fault, until),
    ENUM("cured_by", OPT, struct raw_fault, cured_by, cure_names),
    TEXT("drop_inflight", OPT, struct raw_fault, drop_inflight),
    TEXT("rate", OPT, struct raw_fault, rate),
    TEXT("retryable", OPT, struct raw_fault, retryable),
    DIST("add", OPT, struct raw_fault, add),
    TEXT("servers", OPT, struct raw_fault, servers),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t fault_entry = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_fault, fault_fields),
};

static const cyaml_strval_t policy_names[] = {
    {"none", RETRY_NONE + 1},
    {"fixed", RETRY_FIXED + 1},
    {"linear", RETRY_LINEAR + 1},
    {"exponential", RETRY_EXPONENTIAL + 1},
};

static const cyaml_strval_t jitter_names[] = {
    {"none", JITTER_NONE + 1},
    {"full", JITTER_FULL + 1},
    {"equal", JITTER_EQUAL + 1},
    {"decorrelated", JITTER_DECORRELATED + 1},
};

static const cyaml_strval_t retry_on_names[] = {
    {"unavailable", OUTCOME_UNAVAILABLE},
    {"error", OUTCOME_ERROR},
    {"timeout", OUTCOME_TIMEOUT},
    {"rejected", OUTCOME_REJECTED},
};

static const cyaml_schema_value_t retry_on_entry = {
    CYAML_VALUE_ENUM(CYAML_FLAG_STRICT, int, retry_on_names,
                     CYAML_ARRAY_LEN(retry_on_names)),
};

static const cyaml_schema_field_t retry_fields[] = {
    ENUM("policy", OPT, struct raw_retry, policy, policy_names),
    ENUM("jitter", OPT, struct raw_retry, jitter, jitter_names),
    TEXT("base", OPT, struct raw_retry, base),
    TEXT("cap", OPT, struct raw_retry, cap),
    TEXT("multiplier", OPT, struct raw_retry, multiplier),
    TEXT("delay", OPT, struct raw_retry, delay),
    TEXT("increment", OPT, struct raw_retry, increment),
    TEXT("max_attempts", OPT, struct raw_retry, max_attempts),
    TEXT("max_total_wait", OPT, struct raw_retry, max_total_wait),
    CYAML_FIELD_SEQUENCE("retry_on", CYAML_FLAG_POINTER | OPT,
                         struct raw_retry, retry_on, &retry_on_entry, 1,
                         CYAML_UNLIMITED),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t breaker_fields[] = {
    TEXT("failure_threshold", OPT, struct raw_breaker, failure_threshold),
    TEXT("failure_rate", OPT, struct raw_breaker, failure_rate),
    TEXT("window", OPT, struct raw_breaker, window),
    TEXT("minimum_calls", OPT, struct raw_breaker, minimum_calls),
    TEXT("open_for", OPT, struct raw_breaker, open_for),
    TEXT("half_open_calls", OPT, struct raw_breaker, half_open_calls),
    CYAML_FIELD_END,
};

static const cyaml_strval_t budget_kind_names[] = {
    {"token_bucket", BUDGET_TOKEN_BUCKET},
    {"grpc", BUDGET_GRPC},
    {"ratio", BUDGET_RATIO},
};

static const cyaml_schema_field_t budget_fields[] = {
    ENUM("kind", OPT, struct raw_budget, kind, budget_kind_names),
    TEXT("capacity", OPT, struct raw_budget, capacity),
    TEXT("retry_cost", OPT, struct raw_budget, retry_cost),
    TEXT("timeout_retry_cost", OPT, struct raw_budget, timeout_retry_cost),
    TEXT("throttle_retry_cost", OPT, struct raw_budget,
         throttle_retry_cost),
    TEXT("success_refund", OPT, struct raw_budget, success_refund),
    TEXT("max_tokens", OPT, struct raw_budget, max_tokens),
    TEXT("token_ratio", OPT, struct raw_budget, token_ratio),
    TEXT("ratio", OPT, struct raw_budget, ratio),
    TEXT("min_retries_per_second", OPT, struct raw_budget,
         min_retries_per_second),
    TEXT("window", OPT, struct raw_budget, window),
    CYAML_FIELD_END,
};

static const cyaml_strval_t healing_mode_names[] = {
    {"auto", HEALING_AUTO + 1},
    {"semi", HEALING_SEMI + 1},
    {"manual", HEALING_MANUAL + 1},
};

static const cyaml_schema_field_t health_fields[] = {
    TEXT("interval", OPT, struct raw_health, interval),
    TEXT("threshold", OPT, struct raw_health, threshold),
    TEXT("unhealthy_after", OPT, struct raw_health, unhealthy_after),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t restart_fields[] = {
    TEXT("duration", OPT, struct raw_restart, duration),
    TEXT("cooldown", OPT, struct raw_restart, cooldown),
    TEXT("max_attempts", OPT, struct raw_restart, max_attempts),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t failover_fields[] = {
    TEXT("backup_servers", REQ, struct raw_failover, backup_servers),
    TEXT("switch_time", OPT, struct raw_failover, switch_time),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t autoscale_fields[] = {
    TEXT("step", OPT, struct raw_autoscale, step),
    TEXT("delay", OPT, struct raw_autoscale, delay),
    TEXT("max_servers", REQ, struct raw_autoscale, max_servers),
    TEXT("cooldown", OPT, struct raw_autoscale, cooldown),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t escalation_fields[] = {
    DIST("manual_repair", OPT, struct raw_escalation, manual_repair),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t healing_fields[] = {
    ENUM("mode", OPT, struct raw_healing, mode, healing_mode_names),
    CYAML_FIELD_MAPPING_PTR("health_check", OPT, struct raw_healing,
                            health_check, health_fields),
    CYAML_FIELD_MAPPING_PTR("restart", OPT, struct raw_healing, restart,
                            restart_fields),
    CYAML_FIELD_MAPPING_PTR("failover", OPT, struct raw_healing, failover,
                            failover_fields),
    CYAML_FIELD_MAPPING_PTR("autoscale", OPT, struct raw_healing, autoscale,
                            autoscale_fields),
    DIST("confirm_time", OPT, struct raw_healing, confirm_time),
    CYAML_FIELD_MAPPING_PTR("escalation", OPT, struct raw_healing,
                            escalation, escalation_fields),
    CYAML_FIELD_END,
};

static const cyaml_strval_t fallback_kind_names[] = {
    {"none", FALLBACK_NONE + 1},
    {"cache", FALLBACK_CACHE + 1},
    {"static", FALLBACK_STATIC + 1},
};

static const cyaml_schema_field_t fallback_fields[] = {
    ENUM("kind", REQ, struct raw_fallback, kind, fallback_kind_names),
    TEXT("ttl", OPT, struct raw_fallback, ttl),
    CYAML_FIELD_END,
};

/*
 * Keys of the specification that this version does not simulate yet. They
 * are in the schema so that the lint pass can say so, rather than call
 * them unknown.
 */
static const cyaml_schema_field_t strategy_fields[] = {
    TEXT("name", REQ, struct raw_strategy, name),
    CYAML_FIELD_MAPPING_PTR("retry", OPT, struct raw_strategy, retry,
                            retry_fields),
    CYAML_FIELD_MAPPING_PTR("breaker", OPT, struct raw_strategy, breaker,
                            breaker_fields),
    CYAML_FIELD_MAPPING_PTR("budget", OPT, struct raw_strategy, budget,
                            budget_fields),
    CYAML_FIELD_MAPPING_PTR("fallback", OPT, struct raw_strategy, fallback,
                            fallback_fields),
    CYAML_FIELD_MAPPING_PTR("healing", OPT, struct raw_strategy, healing,
                            healing_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t strategy_entry = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_strategy,
                        strategy_fields),
};

static const cyaml_schema_field_t slo_fields[] = {
    TEXT("success_rate", OPT, struct raw_slo, success_rate),
    TEXT("window", OPT, struct raw_slo, window),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t gates_fields[] = {
    TEXT("max_error_rate", OPT, struct raw_gates, max_error_rate),
    TEXT("min_success_rate", OPT, struct raw_gates, min_success_rate),
    TEXT("max_spike", OPT, struct raw_gates, max_spike),
    TEXT("max_mttr", OPT, struct raw_gates, max_mttr),
    TEXT("max_amplification", OPT, struct raw_gates, max_amplification),
    TEXT("max_p99_latency", OPT, struct raw_gates, max_p99_latency),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t stage_fields[] = {
    TEXT("name", REQ, struct raw_stage, name),
    TEXT("traffic", REQ, struct raw_stage, traffic),
    CYAML_FIELD_MAPPING_PTR("gates", OPT, struct raw_stage, gates,
                            gates_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t stage_entry = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_stage, stage_fields),
};

static const cyaml_schema_field_t analysis_fields[] = {
    TEXT("interval", REQ, struct raw_analysis, interval),
    TEXT("failure_limit", OPT, struct raw_analysis, failure_limit),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t validate_fields[] = {
    TEXT("good", REQ, struct raw_validate, good),
    TEXT("bad", REQ, struct raw_validate, bad),
    TEXT("trials", OPT, struct raw_validate, trials),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t rollout_fields[] = {
    TEXT("baseline", REQ, struct raw_rollout, baseline),
    TEXT("candidate", REQ, struct raw_rollout, candidate),
    CYAML_FIELD_SEQUENCE("stages", CYAML_FLAG_POINTER | REQ,
                         struct raw_rollout, stages, &stage_entry, 1,
                         CYAML_UNLIMITED),
    CYAML_FIELD_MAPPING_PTR("analysis", OPT, struct raw_rollout, analysis,
                            analysis_fields),
    CYAML_FIELD_MAPPING_PTR("validate", OPT, struct raw_rollout, validate,
                            validate_fields),
    CYAML_FIELD_END,
};

/*
 * roi.implementation_hours is written as a mapping from strategy names to
 * hours, whose keys libcyaml cannot know in advance. The lint pass turns
 * it into a list of {strategy, hours} pairs (lint_keyed), which this
 * schema loads; users never write the list form themselves.
 */
static const cyaml_schema_field_t hours_fields[] = {
    TEXT("strategy", REQ, struct raw_hours, strategy),
    TEXT("hours", REQ, struct raw_hours, hours),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t hours_entry = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_hours, hours_fields),
};

static const cyaml_schema_field_t roi_fields[] = {
    TEXT("baseline", REQ, struct raw_roi, baseline),
    TEXT("downtime_cost_per_minute", REQ, struct raw_roi,
         downtime_cost_per_minute),
    TEXT("engineer_cost_per_hour", REQ, struct raw_roi,
         engineer_cost_per_hour),
    TEXT("incidents_per_month", REQ, struct raw_roi, incidents_per_month),
    TEXT("manual_intervention_minutes", OPT, struct raw_roi,
         manual_intervention_minutes),
    CYAML_FIELD_SEQUENCE("implementation_hours", CYAML_FLAG_POINTER | OPT,
                         struct raw_roi, hours, &hours_entry, 0,
                         CYAML_UNLIMITED),
    CYAML_FIELD_END,
};

static const cyaml_schema_field_t scenario_fields[] = {
    TEXT("name", REQ, struct raw_scenario, name),
    TEXT("description", OPT, struct raw_scenario, description),
    TEXT("duration", REQ, struct raw_scenario, duration),
    TEXT("bucket", OPT, struct raw_scenario, bucket),
    TEXT("seed", OPT, struct raw_scenario, seed),
    TEXT("replications", OPT, struct raw_scenario, replications),
    CYAML_FIELD_MAPPING_PTR("clients", REQ, struct raw_scenario, clients,
                            clients_fields),
    CYAML_FIELD_MAPPING_PTR("service", REQ, struct raw_scenario, service,
                            service_fields),
    CYAML_FIELD_SEQUENCE("faults", CYAML_FLAG_POINTER | OPT,
                         struct raw_scenario, faults, &fault_entry, 0,
                         CYAML_UNLIMITED),
    CYAML_FIELD_SEQUENCE("strategies", CYAML_FLAG_POINTER | REQ,
                         struct raw_scenario, strategies, &strategy_entry, 1,
                         CYAML_UNLIMITED),
    CYAML_FIELD_MAPPING_PTR("slo", OPT, struct raw_scenario, slo,
                            slo_fields),
    CYAML_FIELD_MAPPING_PTR("healing", OPT, struct raw_scenario, healing,
                            healing_fields),
    CYAML_FIELD_MAPPING_PTR("roi", OPT, struct raw_scenario, roi,
                            roi_fields),
    CYAML_FIELD_MAPPING_PTR("rollout", OPT, struct raw_scenario, rollout,
                            rollout_fields),
    CYAML_FIELD_END,
};

static const cyaml_schema_value_t scenario_schema = {
    CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_scenario,
                        scenario_fields),
};

/* ---- Positions and errors -------------------------------------------- */

/* Where a node came from: the file (set 0) or --set option number set. */
struct origin {
    size_t line; /* counted from 1 */
    size_t column;
    size_t set;   /* 0: the file; k: sets[k - 1] */
    int stand_in; /* a node put in by the loader, see stand_in() */
};

/* A message and where it points, so that messages sort in file order. */
struct problem {
    struct origin at;
    size_t seq;
    char *text;
};

/* A key path and where its value was written. */
struct located {
    char *path;
    struct origin at;
};

/*
 * A set of key paths, each with an origin: a hash table (FNV-1a, linear
 * probing, at most half full). The loader asks it about a path for every
 * value and every problem, and a file of a few hundred kilobytes holds a
 * hundred thousand of each, which made the lists it replaces quadratic:
 * half a minute for 700 kB.
 */
struct path_table {
    struct located *slots; /* path NULL: empty */
    size_t cap;            /* a power of two, or 0 */
    size_t len;
};

struct loader {
    const char *file;
    char *const *sets;
    yaml_document_t doc;
    int have_doc;
    struct origin *origins; /* by node id - 1 */
    size_t norigins, origins_cap;
    struct path_table index; /* the latest origin of each path */
    size_t visited;
    int too_big;        /* reported the visit limit already */
    struct problem *problems;
    size_t nproblems, problems_cap;
    size_t fatal;       /* problems that stop libcyaml from loading */
    struct path_table muted; /* paths whose further problems are
                                consequences */
};

/* FNV-1a over the first n bytes of s. */
static uint64_t
path_hash(const char *s, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/*
 * The slot of the path made of the first n bytes of path: the slot that
 * holds it, or the empty one where it would go. t has an empty slot.
 */
static struct located *
table_slot(const struct path_table *t, const char *path, size_t n)
{
    size_t i = (size_t)path_hash(path, n) & (t->cap - 1);
    struct located *slot;

    for (;; i = (i + 1) & (t->cap - 1)) {
        slot = &t->slots[i];
        if (slot->path == NULL ||
            (strncmp(slot->path, path, n) == 0 && slot->path[n] == '\0'))
            return slot;
    }
}

/* The record of the first n bytes of path, or NULL. */
static const struct located *
table_get(const struct path_table *t, const char *path, size_t n)
{
    const struct located *slot;

    if (t->cap == 0)
        return NULL;
    slot = table_slot(t, path, n);
    return slot->path != NULL ? slot : NULL;
}

/* Record path with origin at, in place of an earlier record of it. */
static void
table_put(struct path_table *t, const char *path, const struct origin *at)
{
    struct located *old = t->slots, *slot;
    size_t i, old_cap = t->cap;

    if (2 * (t->len + 1) > t->cap) {
        t->cap = old_cap ? 2 * old_cap : 64;
        t->slots = xcalloc(t->cap, sizeof(*t->slots));
        for (i = 0; i < old_cap; i++) {
            if (old[i].path != NULL)
                *table_slot(t, old[i].path, strlen(old[i].path)) = old[i];
        }
        free(old);
    }
    slot = table_slot(t, path, strlen(path));
    if (slot->path == NULL) {
        slot->path = xstrdup(path);
        t->len++;
    }
    slot->at = *at;
}

static void
table_clear(struct path_table *t)
{
    size_t i;

    for (i = 0; i < t->cap; i++)
        free(t->slots[i].path);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

static void
format_origin(const struct loader *ld, const struct origin *o, char *buf,
              size_t size)
{
    char shown[72];

    /* A long or multi-line --set is shown shortened, on one line. */
    if (o->set > 0) {
        util_printable(ld->sets[o->set - 1], shown, sizeof(shown));
        snprintf(buf, size, "--set %s", shown);
    } else
        snprintf(buf, size, "%s:%zu:%zu", ld->file, o->line, o->column);
}

static void
add_message(struct loader *ld, const struct origin *at, char *msg)
{
    struct problem *p;

    if (ld->nproblems == ld->problems_cap) {
        ld->problems_cap = ld->problems_cap ? 2 * ld->problems_cap : 16;
        ld->problems = xreallocarray(ld->problems, ld->problems_cap,
                                     sizeof(*ld->problems));
    }
    p = &ld->problems[ld->nproblems];
    p->at = *at;
    p->seq = ld->nproblems++;
    p->text = msg;
}

static int
problem_order(const void *a, const void *b)
{
    const struct problem *x = a, *y = b;

    if (x->at.set != y->at.set)
        return x->at.set < y->at.set ? -1 : 1;
    if (x->at.line != y->at.line)
        return x->at.line < y->at.line ? -1 : 1;
    if (x->at.column != y->at.column)
        return x->at.column < y->at.column ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Hand the problems over in file order, then --set order. */
static void
report_problems(struct loader *ld, struct scenario_errors *errs)
{
    size_t i;

    qsort(ld->problems, ld->nproblems, sizeof(*ld->problems),
          problem_order);
    for (i = 0; i < ld->nproblems; i++) {
        if (errs->count < SCENARIO_MAX_ERRORS)
            errs->messages[errs->count++] = ld->problems[i].text;
        else
            free(ld->problems[i].text);
    }
    errs->total += ld->nproblems;
    free(ld->problems);
    ld->problems = NULL;
    ld->nproblems = 0;
}

/*
 * After a value is found missing or of the wrong shape, the loader puts a
 * stand-in there so that libcyaml can still load the rest, and mutes the
 * path: what the stand-in would cause below it is not reported.
 */
static void
mute(struct loader *ld, const char *path)
{
    static const struct origin none = {0, 0, 0, 0};

    table_put(&ld->muted, path, &none);
}

/* Is path, or a path that it lies under, muted? */
static int
is_muted(const struct loader *ld, const char *path)
{
    size_t n;

    for (n = 0; path != NULL; n++) {
        if ((path[n] == '\0' || path[n] == '.' || path[n] == '[') &&
            table_get(&ld->muted, path, n) != NULL)
            return 1;
        if (path[n] == '\0')
            break;
    }
    return 0;
}

/* "where: path: message", the path left out when empty. */
static void __attribute__((format(printf, 4, 0)))
verror(struct loader *ld, const struct origin *o, const char *path,
       const char *fmt, va_list ap)
{
    char where[512], text[512];

    if (is_muted(ld, path))
        return;
    format_origin(ld, o, where, sizeof(where));
    vsnprintf(text, sizeof(text), fmt, ap);
    if (path != NULL && path[0] != '\0')
        add_message(ld, o, xasprintf("%s: %s: %s", where, path, text));
    else
        add_message(ld, o, xasprintf("%s: %s", where, text));
}

static void __attribute__((format(printf, 4, 5)))
error_at(struct loader *ld, const struct origin *o, const char *path,
         const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verror(ld, o, path, fmt, ap);
    va_end(ap);
}

/* A problem after which libcyaml could not load the document. */
static void __attribute__((format(printf, 4, 5)))
fatal_at(struct loader *ld, const struct origin *o, const char *path,
         const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verror(ld, o, path, fmt, ap);
    va_end(ap);
    ld->fatal++;
}

static const struct origin *
node_origin(const struct loader *ld, int id)
{
    SIM_ASSERT(id >= 1 && (size_t)id <= ld->norigins);
    return &ld->origins[id - 1];
}

/* Make room for the origins of nodes up to the document's last. */
static void
sync_origins(struct loader *ld, const struct origin *fill)
{
    size_t n = (size_t)(ld->doc.nodes.top - ld->doc.nodes.start), i;

    if (n <= ld->norigins)
        return;
    /*
     * Grown by doubling: nodes come a few at a time, and growing to the
     * exact count copied the whole array each time under allocators that
     * cannot grow in place (AddressSanitizer's: minutes for 20,000
     * stand-ins).
     */
    if (n > ld->origins_cap) {
        ld->origins_cap = n > 2 * ld->origins_cap ? n : 2 * ld->origins_cap;
        ld->origins = xreallocarray(ld->origins, ld->origins_cap,
                                    sizeof(*ld->origins));
    }
    for (i = ld->norigins; i < n; i++)
        ld->origins[i] = *fill;
    ld->norigins = n;
}

static void
remember(struct loader *ld, const char *path, int id)
{
    table_put(&ld->index, path, node_origin(ld, id));
}

/* The latest record of path (a --set may have replaced the value). */
static const struct located *
lookup(const struct loader *ld, const char *path)
{
    return table_get(&ld->index, path, strlen(path));
}

int
loader_has(const struct loader *ld, const char *path)
{
    return lookup(ld, path) != NULL;
}

void
loader_error(struct loader *ld, const char *path, const char *fmt, ...)
{
    static const struct origin top = {1, 1, 0, 0};
    char parent[256];
    const struct located *at = NULL;
    char *cut;
    va_list ap;

    /* A missing value is reported where its parent mapping starts. */
    snprintf(parent, sizeof(parent), "%s", path);
    while (at == NULL && parent[0] != '\0') {
        at = lookup(ld, parent);
        if (at != NULL)
            break;
        cut = strrchr(parent, '.');
        if (cut == NULL)
            cut = strrchr(parent, '[');
        if (cut == NULL)
            break;
        *cut = '\0';
    }
    va_start(ap, fmt);
    verror(ld, at ? &at->at : &top, path, fmt, ap);
    va_end(ap);
}

/* ---- Text helpers ---------------------------------------------------- */

/* out = base.key; a path too long for out is cut (it is only shown). */
static void
join_path(char *out, size_t size, const char *base, const char *key)
{
    if (base[0] != '\0')
        snprintf(out, size, "%s.%s", base, key);
    else
        snprintf(out, size, "%s", key);
}

/* Append ".part" (or "part" to an empty path), cutting what does not fit. */
static void
append_path(char *path, size_t size, const char *part)
{
    size_t len = strlen(path), add = strlen(part);

    if (len > 0 && len + 1 < size)
        path[len++] = '.';
    if (add > size - 1 - len)
        add = size - 1 - len;
    memcpy(path + len, part, add);
    path[len + add] = '\0';
}

static const char *
node_text(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* A plain empty or null scalar: YAML's "nothing here". */
static int
is_null(const yaml_node_t *n)
{
    const char *t;

    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    t = node_text(n);
    return t[0] == '\0' || strcmp(t, "~") == 0 || strcmp(t, "null") == 0;
}

static const char *
shape_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    default:
        return "a single value";
    }
}

/* The closest of the names to word, if close enough to be a typo. */
static const char *
suggest(const char *word, const char *const *names, size_t count)
{
    const char *best = NULL;
    unsigned d, best_d = 3;
    size_t i;

    for (i = 0; i < count; i++) {
        d = util_edit_distance(word, names[i]);
        if (d < best_d && d < strlen(names[i])) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}

/* ---- The lint pass --------------------------------------------------- */

static void lint_value(struct loader *ld, int *slot,
                       const cyaml_schema_value_t *schema, const char *path,
                       int depth);

static int
add_scalar(struct loader *ld, const char *text, const struct origin *at)
{
    int id = yaml_document_add_scalar(&ld->doc, NULL, (yaml_char_t *)text,
                                      -1, YAML_PLAIN_SCALAR_STYLE);

    if (id == 0) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, at);
    return id;
}

/*
 * Replace the scalar at *slot by {dist: constant, value: <scalar>}: a bare
 * duration where a distribution is expected.
 */
static void
expand_constant(struct loader *ld, int *slot)
{
    yaml_document_t *d = &ld->doc;
    struct origin at = *node_origin(ld, *slot);
    int map, kd, vd, kv;

    map = yaml_document_add_mapping(d, NULL, YAML_FLOW_MAPPING_STYLE);
    kd = yaml_document_add_scalar(d, NULL, (yaml_char_t *)"dist", -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    vd = yaml_document_add_scalar(d, NULL, (yaml_char_t *)"constant", -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    kv = yaml_document_add_scalar(d, NULL, (yaml_char_t *)"value", -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    if (!map || !kd || !vd || !kv ||
        !yaml_document_append_mapping_pair(d, map, kd, vd) ||
        !yaml_document_append_mapping_pair(d, map, kv, *slot)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, &at);
    *slot = map;
}

/*
 * A stand-in for a missing or misshapen value of schema: an empty text,
 * the first name of an enum, or a mapping (list) holding stand-ins for
 * its required keys (entries). It carries the origin at, marked as a
 * stand-in's.
 */
static int
stand_in(struct loader *ld, const cyaml_schema_value_t *schema,
         const struct origin *at)
{
    const cyaml_schema_field_t *f;
    yaml_document_t *d = &ld->doc;
    struct origin made = *at;
    const char *text = "";
    uint32_t i;
    int id = 0, k, v, ok = 1;

    made.stand_in = 1;

    switch (schema->type) {
    case CYAML_MAPPING:
        id = yaml_document_add_mapping(d, NULL, YAML_FLOW_MAPPING_STYLE);
        for (f = schema->mapping.fields; id && f->key != NULL; f++) {
            if (f->value.flags & CYAML_FLAG_OPTIONAL)
                continue;
            k = yaml_document_add_scalar(d, NULL, (yaml_char_t *)f->key, -1,
                                         YAML_PLAIN_SCALAR_STYLE);
            v = stand_in(ld, &f->value, &made);
            ok = ok && k && v &&
                 yaml_document_append_mapping_pair(d, id, k, v);
        }
        break;
    case CYAML_SEQUENCE:
        id = yaml_document_add_sequence(d, NULL, YAML_FLOW_SEQUENCE_STYLE);
        for (i = 0; id && i < schema->sequence.min; i++) {
            v = stand_in(ld, schema->sequence.entry, &made);
            ok = ok && v && yaml_document_append_sequence_item(d, id, v);
        }
        break;
    case CYAML_ENUM:
        text = schema->enumeration.strings[0].str;
        /* fall through */
    default:
        id = yaml_document_add_scalar(d, NULL, (yaml_char_t *)text, -1,
                                      YAML_PLAIN_SCALAR_STYLE);
        break;
    }
    if (!id || !ok) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, &made);
    return id;
}

/* Report a value that cannot stand, and put a stand-in in its place. */
static void
replace_bad(struct loader *ld, int *slot, const cyaml_schema_value_t *schema,
            const char *path)
{
    struct origin at = *node_origin(ld, *slot);

    *slot = stand_in(ld, schema, &at);
    mute(ld, path);
}

/*
 * Some names choose what their mapping's other keys mean (dist, process,
 * kind, policy). When such a name is unknown, the stand-in's complaints
 * about its siblings would mislead, so the whole mapping is muted.
 */
static void
mute_chooser_parent(struct loader *ld, const char *path)
{
    static const char *const choosers[] = {"dist", "process", "kind",
                                           "policy"};
    const char *dot = strrchr(path, '.');
    char parent[256];
    size_t i;

    if (dot == NULL || (size_t)(dot - path) >= sizeof(parent))
        return;
    for (i = 0; i < sizeof(choosers) / sizeof(choosers[0]); i++) {
        if (strcmp(dot + 1, choosers[i]) == 0) {
            memcpy(parent, path, (size_t)(dot - path));
            parent[dot - path] = '\0';
            mute(ld, parent);
            return;
        }
    }
}

/*
 * Replace the scalar at *slot by {kind: <scalar>}: `fallback: static` as
 * short for `fallback: {kind: static}`.
 */
static void
expand_kind(struct loader *ld, int *slot)
{
    struct origin at = *node_origin(ld, *slot);
    int map, k;

    map = yaml_document_add_mapping(&ld->doc, NULL, YAML_FLOW_MAPPING_STYLE);
    k = yaml_document_add_scalar(&ld->doc, NULL, (yaml_char_t *)"kind", -1,
                                 YAML_PLAIN_SCALAR_STYLE);
    if (!map || !k ||
        !yaml_document_append_mapping_pair(&ld->doc, map, k, *slot)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, &at);
    *slot = map;
}

static void
lint_scalar(struct loader *ld, int *slot,
            const cyaml_schema_value_t *schema, const char *path)
{
    const yaml_node_t *n = yaml_document_get_node(&ld->doc, *slot);
    const char *names[16];
    const char *hint;
    char shown[80], list[256] = "";
    struct origin at;
    uint32_t i;

    if (n->type != YAML_SCALAR_NODE) {
        error_at(ld, node_origin(ld, *slot), path, "expected %s, got %s",
                 schema->type == CYAML_ENUM ? "a name" : "a single value",
                 shape_name(n));
        replace_bad(ld, slot, schema, path);
        return;
    }
    remember(ld, path, *slot);
    if (schema->type != CYAML_ENUM)
        return;

    SIM_ASSERT(schema->enumeration.count <= 16);
    for (i = 0; i < schema->enumeration.count; i++) {
        names[i] = schema->enumeration.strings[i].str;
        if (strcmp(node_text(n), names[i]) == 0)
            return;
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
                 i ? ", " : "", names[i]);
    }
    util_printable(node_text(n), shown, sizeof(shown));
    hint = suggest(node_text(n), names, schema->enumeration.count);
    if (hint == NULL) {
        error_at(ld, node_origin(ld, *slot), path,
                 "unknown value '%s' (expected one of: %s)", shown, list);
        replace_bad(ld, slot, schema, path);
        mute_chooser_parent(ld, path);
        return;
    }
    /* Read on as if the suggestion had been written, to find more. */
    error_at(ld, node_origin(ld, *slot), path,
             "unknown value '%s' (did you mean '%s'?)", shown, hint);
    at = *node_origin(ld, *slot);
    *slot = yaml_document_add_scalar(&ld->doc, NULL, (yaml_char_t *)hint,
                                     -1, YAML_PLAIN_SCALAR_STYLE);
    SIM_ASSERT(*slot != 0);
    sync_origins(ld, &at);
}

static const cyaml_schema_field_t *
find_field(const cyaml_schema_field_t *fields, const char *key)
{
    for (; fields->key != NULL; fields++) {
        if (strcmp(fields->key, key) == 0)
            return fields;
    }
    return NULL;
}

static void
unknown_key(struct loader *ld, int key_id, const char *key,
            const cyaml_schema_field_t *fields, const char *path)
{
    const char *names[32], *hint;
    char shown[80];
    size_t n = 0;

    for (; fields->key != NULL && n < 32; fields++)
        names[n++] = fields->key;
    util_printable(key, shown, sizeof(shown));
    hint = suggest(key, names, n);
    if (hint != NULL)
        error_at(ld, node_origin(ld, key_id), path,
                 "unknown key '%s' (did you mean '%s'?)", shown, hint);
    else
        error_at(ld, node_origin(ld, key_id), path, "unknown key '%s'",
                 shown);
}

/*
 * Check one key: value pair of a mapping; seen marks keys already met.
 * Returns 0 when the pair is to be dropped: an unknown, repeated or not
 * yet supported key is reported, then left out, so that libcyaml can still
 * load the rest and every other problem gets reported too.
 */
static int
lint_pair(struct loader *ld, yaml_node_pair_t *pair,
          const cyaml_schema_field_t *fields, unsigned char *seen,
          const char *path, int depth)
{
    const yaml_node_t *k = yaml_document_get_node(&ld->doc, pair->key);
    const cyaml_schema_field_t *f;
    char child[256];

    if (k->type != YAML_SCALAR_NODE) {
        error_at(ld, node_origin(ld, pair->key), path,
                 "keys must be names, got %s", shape_name(k));
        return 0;
    }
    f = find_field(fields, node_text(k));
    if (f == NULL) {
        unknown_key(ld, pair->key, node_text(k), fields, path);
        return 0;
    }
    join_path(child, sizeof(child), path, f->key);
    if (seen[f - fields]) {
        error_at(ld, node_origin(ld, pair->key), child,
                 "given more than once");
        return 0;
    }
    seen[f - fields] = 1;
    if (is_null(yaml_document_get_node(&ld->doc, pair->value)) &&
        (f->value.flags & CYAML_FLAG_OPTIONAL) &&
        (f->value.type == CYAML_MAPPING || f->value.type == CYAML_SEQUENCE))
        return 0; /* "faults:" with nothing after it: no faults */
    lint_value(ld, &pair->value, &f->value, child, depth + 1);
    return 1;
}

static void
lint_mapping(struct loader *ld, int *slot,
             const cyaml_schema_value_t *schema, const char *path, int depth)
{
    const cyaml_schema_field_t *fields = schema->mapping.fields, *f;
    unsigned char seen[32] = {0};
    yaml_node_pair_t *pair, *end, *keep;
    char child[256];
    struct origin at;
    yaml_node_t *n;
    int id = *slot, k, v;

    n = yaml_document_get_node(&ld->doc, id);
    if (n->type != YAML_MAPPING_NODE) {
        error_at(ld, node_origin(ld, id), path, "expected a mapping, got %s",
                 shape_name(n));
        replace_bad(ld, slot, schema, path);
        return;
    }
    remember(ld, path, id);

    /*
     * The pairs live in their own array, which adding nodes leaves in
     * place; dropped pairs are squeezed out of it.
     */
    pair = keep = n->data.mapping.pairs.start;
    end = n->data.mapping.pairs.top;
    for (; pair < end; pair++) {
        if (lint_pair(ld, pair, fields, seen, path, depth))
            *keep++ = *pair;
    }
    yaml_document_get_node(&ld->doc, id)->data.mapping.pairs.top = keep;

    for (f = fields; f->key != NULL; f++) {
        if ((f->value.flags & CYAML_FLAG_OPTIONAL) || seen[f - fields])
            continue;
        at = *node_origin(ld, id); /* adding nodes moves origins */
        error_at(ld, &at, path, "missing required key '%s'", f->key);
        k = add_scalar(ld, f->key, &at);
        v = stand_in(ld, &f->value, &at);
        if (!yaml_document_append_mapping_pair(&ld->doc, id, k, v)) {
            fputs("stampede: error: out of memory\n", stderr);
            exit(3);
        }
        join_path(child, sizeof(child), path, f->key);
        mute(ld, child);
    }
}

static void
lint_sequence(struct loader *ld, int *slot,
              const cyaml_schema_value_t *schema, const char *path,
              int depth)
{
    yaml_node_t *n = yaml_document_get_node(&ld->doc, *slot);
    yaml_node_item_t *item;
    char child[256];
    size_t i, count;
    int id = *slot;

    if (n->type != YAML_SEQUENCE_NODE) {
        error_at(ld, node_origin(ld, id), path, "expected a list, got %s",
                 shape_name(n));
        replace_bad(ld, slot, schema, path);
        return;
    }
    remember(ld, path, id);
    count = (size_t)(n->data.sequence.items.top -
                     n->data.sequence.items.start);
    if (count < schema->sequence.min) {
        error_at(ld, node_origin(ld, id), path,
                 "needs at least %u entr%s", schema->sequence.min,
                 schema->sequence.min == 1 ? "y" : "ies");
        replace_bad(ld, slot, schema, path);
        return;
    }
    for (i = 0; i < count; i++) {
        /* Re-read: lint_value may add nodes and move the node array. */
        n = yaml_document_get_node(&ld->doc, id);
        item = &n->data.sequence.items.start[i];
        snprintf(child, sizeof(child), "%s[%zu]", path, i);
        lint_value(ld, item, schema->sequence.entry, child, depth + 1);
    }
}

/* Add {strategy: <key>, hours: <value>} to list seq, nodes as they are. */
static void
append_hours(struct loader *ld, int seq, int key, int value)
{
    yaml_document_t *d = &ld->doc;
    struct origin at = *node_origin(ld, key);
    int map, ks, kh;

    map = yaml_document_add_mapping(d, NULL, YAML_FLOW_MAPPING_STYLE);
    ks = yaml_document_add_scalar(d, NULL, (yaml_char_t *)"strategy", -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    kh = yaml_document_add_scalar(d, NULL, (yaml_char_t *)"hours", -1,
                                  YAML_PLAIN_SCALAR_STYLE);
    if (!map || !ks || !kh ||
        !yaml_document_append_mapping_pair(d, map, ks, key) ||
        !yaml_document_append_mapping_pair(d, map, kh, value) ||
        !yaml_document_append_sequence_item(d, seq, map)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, &at);
}

/*
 * A mapping whose keys are names the schema cannot list (strategy names
 * to hours): check its shape here, remember each value as path.KEY for
 * scenario_check's messages, and put the list of pairs that the schema
 * loads in its place.
 */
static void
lint_keyed(struct loader *ld, int *slot, const cyaml_schema_value_t *schema,
           const char *path)
{
    yaml_node_t *n = yaml_document_get_node(&ld->doc, *slot);
    struct origin at = *node_origin(ld, *slot);
    struct path_table keys = {0};
    size_t i, count;
    char child[256];
    int map = *slot, seq;

    if (n->type != YAML_MAPPING_NODE) {
        error_at(ld, &at, path, "expected a mapping of strategy names to "
                 "hours, got %s", shape_name(n));
        replace_bad(ld, slot, schema, path);
        return;
    }
    remember(ld, path, map);
    seq = yaml_document_add_sequence(&ld->doc, NULL,
                                     YAML_FLOW_SEQUENCE_STYLE);
    SIM_ASSERT(seq != 0);
    sync_origins(ld, &at);
    n = yaml_document_get_node(&ld->doc, map);
    count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    for (i = 0; i < count; i++) {
        /* Re-read: adding nodes may move the node array. */
        yaml_node_pair_t *p =
            &yaml_document_get_node(&ld->doc, map)->data.mapping.pairs.start[i];
        int key = p->key, value = p->value;
        yaml_node_t *k = yaml_document_get_node(&ld->doc, key);
        yaml_node_t *v = yaml_document_get_node(&ld->doc, value);
        int repeated;

        if (k->type != YAML_SCALAR_NODE) {
            error_at(ld, node_origin(ld, key), path,
                     "keys must be strategy names, got %s", shape_name(k));
            continue;
        }
        join_path(child, sizeof(child), path, node_text(k));
        repeated = table_get(&keys, node_text(k), strlen(node_text(k))) != NULL;
        table_put(&keys, node_text(k), &at);
        if (repeated) {
            error_at(ld, node_origin(ld, key), child, "given more than once");
            continue;
        }
        if (v->type != YAML_SCALAR_NODE) {
            error_at(ld, node_origin(ld, value), child,
                     "expected a number of hours, got %s", shape_name(v));
            continue;
        }
        remember(ld, child, value);
        append_hours(ld, seq, key, value);
    }
    table_clear(&keys);
    *slot = seq;
}

static void
lint_value(struct loader *ld, int *slot, const cyaml_schema_value_t *schema,
           const char *path, int depth)
{
    const yaml_node_t *n = yaml_document_get_node(&ld->doc, *slot);

    if (++ld->visited > MAX_NODES_VISITED || depth > MAX_DEPTH) {
        if (!ld->too_big++)
            fatal_at(ld, node_origin(ld, *slot), path,
                     "the document nests too deeply or expands too many "
                     "aliases");
        return;
    }
    /*
     * A stand-in met again, through an alias of the mapping that got it:
     * its problem was reported where it was put in, and what it would
     * cause here is a consequence.
     */
    if (node_origin(ld, *slot)->stand_in)
        mute(ld, path);
    switch (schema->type) {
    case CYAML_MAPPING:
        if (schema->mapping.fields == dist_fields &&
            n->type == YAML_SCALAR_NODE)
            expand_constant(ld, slot);
        else if (schema->mapping.fields == fallback_fields &&
                 n->type == YAML_SCALAR_NODE)
            expand_kind(ld, slot);
        lint_mapping(ld, slot, schema, path, depth);
        break;
    case CYAML_SEQUENCE:
        if (schema->sequence.entry == &hours_entry)
            lint_keyed(ld, slot, schema, path);
        else
            lint_sequence(ld, slot, schema, path, depth);
        break;
    case CYAML_STRING:
    case CYAML_ENUM:
        lint_scalar(ld, slot, schema, path);
        break;
    default:
        SIM_ASSERT(!"type not used by the scenario schema");
    }
}

/* ---- Reading the file and applying --set ----------------------------- */

static int
read_file(const char *path, unsigned char **data, size_t *len,
          struct scenario_errors *errs)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0, got;
    unsigned char *buf;

    if (f == NULL) {
        errs->messages[errs->count++] =
            xasprintf("cannot open %s: %s", path, strerror(errno));
        errs->total++;
        return SIM_EIO;
    }
    buf = xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > MAX_FILE_BYTES)
            break;
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(f) || n > MAX_FILE_BYTES) {
        errs->messages[errs->count++] =
            n > MAX_FILE_BYTES
                ? xasprintf("%s: larger than %u MiB; not a scenario", path,
                            MAX_FILE_BYTES >> 20)
                : xasprintf("cannot read %s: %s", path, strerror(errno));
        errs->total++;
        fclose(f);
        free(buf);
        return SIM_EIO;
    }
    fclose(f);
    *data = buf;
    *len = n;
    return 0;
}

/*
 * Where the parser's problem is. Reader errors (bad bytes, bad UTF-8)
 * carry only a byte offset, so the line and column are counted here.
 */
static void
problem_origin(const yaml_parser_t *parser, const unsigned char *text,
               size_t len, struct origin *at)
{
    size_t i, end = parser->problem_offset;

    if (parser->error != YAML_READER_ERROR) {
        at->line = parser->problem_mark.line + 1;
        at->column = parser->problem_mark.column + 1;
        return;
    }
    at->line = 1;
    at->column = 1;
    for (i = 0; i < end && i < len; i++) {
        if (text[i] == '\n') {
            at->line++;
            at->column = 1;
        } else if ((text[i] & 0xc0) != 0x80) {
            at->column++;
        }
    }
}

static void
report_parser(struct loader *ld, yaml_parser_t *parser,
              const unsigned char *text, size_t len, size_t set)
{
    struct origin at = {0, 0, set, 0};

    problem_origin(parser, text, len, &at);
    error_at(ld, &at, NULL, "%s%s%s",
             parser->problem ? parser->problem : "invalid YAML",
             parser->context ? " " : "",
             parser->context ? parser->context : "");
}

/*
 * Walk the events once before building the document, and stop at the
 * first one nested deeper than MAX_DEPTH: libyaml's scanner takes time
 * quadratic in the depth of flow collections, so a file of 100,000 '['
 * would otherwise keep it busy for minutes.
 */
static int
check_depth(struct loader *ld, const unsigned char *text, size_t len,
            size_t set)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int depth = 0, rc = 0, done = 0;
    struct origin at = {1, 1, set, 0};

    if (!yaml_parser_initialize(&parser)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    yaml_parser_set_input_string(&parser, text, len);
    while (!done && rc == 0) {
        if (!yaml_parser_parse(&parser, &ev)) {
            report_parser(ld, &parser, text, len, set);
            rc = SIM_EINPUT;
            break;
        }
        if (ev.type == YAML_SEQUENCE_START_EVENT ||
            ev.type == YAML_MAPPING_START_EVENT) {
            if (++depth > MAX_DEPTH) {
                at.line = ev.start_mark.line + 1;
                at.column = ev.start_mark.column + 1;
                error_at(ld, &at, NULL, "nested more than %d levels deep",
                         MAX_DEPTH);
                rc = SIM_EINPUT;
            }
        } else if (ev.type == YAML_SEQUENCE_END_EVENT ||
                   ev.type == YAML_MAPPING_END_EVENT) {
            depth--;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return rc;
}

/*
 * Parse text, which must hold one YAML document, into doc; on failure
 * report the parser's problem.
 */
static int
parse_text(struct loader *ld, const unsigned char *text, size_t len,
           yaml_document_t *doc, size_t set)
{
    static const struct origin top = {1, 1, 0, 0};
    yaml_parser_t parser;
    yaml_document_t next;
    struct origin at = top;
    int ok;

    if (check_depth(ld, text, len, set) != 0)
        return SIM_EINPUT;
    if (!yaml_parser_initialize(&parser)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    yaml_parser_set_input_string(&parser, text, len);
    ok = yaml_parser_load(&parser, doc);
    if (!ok) {
        report_parser(ld, &parser, text, len, set);
    } else if (yaml_parser_load(&parser, &next)) {
        /* A second document is an error, not something to ignore. */
        if (yaml_document_get_root_node(&next) != NULL) {
            at.line = next.start_mark.line + 1;
            at.column = next.start_mark.column + 1;
            at.set = set;
            error_at(ld, &at, NULL, "a second YAML document; a scenario "
                     "is one document");
            yaml_document_delete(doc);
            ok = 0;
        }
        yaml_document_delete(&next);
    }
    yaml_parser_delete(&parser);
    return ok ? 0 : SIM_EINPUT;
}

/* Copy node id of src, with its children, into ld->doc; the new id. */
static int
copy_node(struct loader *ld, yaml_document_t *src, int id, size_t set,
          int depth)
{
    yaml_node_t *n = yaml_document_get_node(src, id);
    struct origin at = {1, 1, set, 0};
    yaml_node_item_t *item;
    yaml_node_pair_t *pair;
    int copy = 0, k, v;

    if (depth > MAX_DEPTH)
        return 0;
    switch (n->type) {
    case YAML_SCALAR_NODE:
        copy = yaml_document_add_scalar(&ld->doc, NULL, n->data.scalar.value,
                                        (int)n->data.scalar.length,
                                        n->data.scalar.style);
        break;
    case YAML_SEQUENCE_NODE:
        copy = yaml_document_add_sequence(&ld->doc, NULL,
                                          YAML_FLOW_SEQUENCE_STYLE);
        for (item = n->data.sequence.items.start;
             copy && item < n->data.sequence.items.top; item++) {
            v = copy_node(ld, src, *item, set, depth + 1);
            if (!v || !yaml_document_append_sequence_item(&ld->doc, copy, v))
                return 0;
        }
        break;
    case YAML_MAPPING_NODE:
        copy = yaml_document_add_mapping(&ld->doc, NULL,
                                         YAML_FLOW_MAPPING_STYLE);
        for (pair = n->data.mapping.pairs.start;
             copy && pair < n->data.mapping.pairs.top; pair++) {
            k = copy_node(ld, src, pair->key, set, depth + 1);
            v = copy_node(ld, src, pair->value, set, depth + 1);
            if (!k || !v ||
                !yaml_document_append_mapping_pair(&ld->doc, copy, k, v))
                return 0;
        }
        break;
    default:
        return 0;
    }
    sync_origins(ld, &at);
    return copy;
}

/* Does part name a list entry by index? */
static int
is_index(const char *part, uint64_t *index)
{
    return util_parse_uint64(part, 0, UINT32_MAX, index) == 0;
}

/*
 * A new empty node to walk into for the path part that follows: a list
 * when that part is an index, a mapping for a key, a blank value at the
 * end of the path.
 */
static int
add_container(struct loader *ld, const char *following,
              const struct origin *at)
{
    char part[32];
    size_t n;
    uint64_t index;
    int id;

    if (following == NULL)
        return add_scalar(ld, "", at);
    n = strcspn(following, ".");
    snprintf(part, sizeof(part), "%.*s", (int)(n < 31 ? n : 31), following);
    if (is_index(part, &index))
        id = yaml_document_add_sequence(&ld->doc, NULL,
                                        YAML_BLOCK_SEQUENCE_STYLE);
    else
        id = yaml_document_add_mapping(&ld->doc, NULL,
                                       YAML_BLOCK_MAPPING_STYLE);
    if (id == 0) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    sync_origins(ld, at);
    return id;
}

/*
 * The entry of list seq named by key: an index, or the entry whose name
 * is key. The index one past the end appends an entry. NULL if none.
 */
static int *
find_item(struct loader *ld, int seq, const char *key, const char *following,
          const struct origin *at)
{
    yaml_node_t *n = yaml_document_get_node(&ld->doc, seq);
    yaml_node_item_t *item = n->data.sequence.items.start;
    size_t count = (size_t)(n->data.sequence.items.top - item), i;
    uint64_t index;
    yaml_node_pair_t *p;
    yaml_node_t *entry, *k, *v;
    int added;

    if (is_index(key, &index)) {
        if (index < count)
            return &item[index];
        if (index > count)
            return NULL;
        added = add_container(ld, following, at);
        if (!yaml_document_append_sequence_item(&ld->doc, seq, added)) {
            fputs("stampede: error: out of memory\n", stderr);
            exit(3);
        }
        n = yaml_document_get_node(&ld->doc, seq);
        return &n->data.sequence.items.top[-1];
    }
    for (i = 0; i < count; i++) {
        entry = yaml_document_get_node(&ld->doc, item[i]);
        if (entry->type != YAML_MAPPING_NODE)
            continue;
        for (p = entry->data.mapping.pairs.start;
             p < entry->data.mapping.pairs.top; p++) {
            k = yaml_document_get_node(&ld->doc, p->key);
            v = yaml_document_get_node(&ld->doc, p->value);
            if (k->type == YAML_SCALAR_NODE && v->type == YAML_SCALAR_NODE &&
                strcmp(node_text(k), "name") == 0 &&
                strcmp(node_text(v), key) == 0)
                return &item[i];
        }
    }
    return NULL;
}

/* The value slot of key in mapping map, added when absent. */
static int *
find_or_add_pair(struct loader *ld, int map, const char *key,
                 const char *following, const struct origin *at)
{
    yaml_node_t *n = yaml_document_get_node(&ld->doc, map);
    yaml_node_pair_t *p;
    int k, v;

    for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
         p++) {
        yaml_node_t *kn = yaml_document_get_node(&ld->doc, p->key);

        if (kn->type == YAML_SCALAR_NODE && strcmp(node_text(kn), key) == 0)
            return &p->value;
    }
    k = add_scalar(ld, key, at);
    v = add_container(ld, following, at);
    if (!yaml_document_append_mapping_pair(&ld->doc, map, k, v)) {
        fputs("stampede: error: out of memory\n", stderr);
        exit(3);
    }
    n = yaml_document_get_node(&ld->doc, map);
    return &n->data.mapping.pairs.top[-1].value;
}

/*
 * Is s valid UTF-8, with no overlong form, surrogate or code point past
 * U+10FFFF? libyaml refuses to make a node of any other text, so a --set
 * key, which becomes nodes as it is walked, is checked first.
 */
static int
is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c, min;
    int more;

    while (*p != '\0') {
        if (*p < 0x80) {
            p++;
            continue;
        }
        if ((*p & 0xe0) == 0xc0)
            more = 1;
        else if ((*p & 0xf0) == 0xe0)
            more = 2;
        else if ((*p & 0xf8) == 0xf0)
            more = 3;
        else
            return 0;
        c = *p & (0x3fu >> more);
        min = more == 1 ? 0x80 : more == 2 ? 0x800 : 0x10000;
        /* The final NUL is no continuation byte, so this stops at it. */
        for (p++; more > 0; more--, p++) {
            if ((*p & 0xc0) != 0x80)
                return 0;
            c = c << 6 | (*p & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return 0;
    }
    return 1;
}

/* Split "KEY=VALUE" into key (a[2] written as a.2) and the value text. */
static int
split_set(const char *arg, char *key, size_t size, const char **value)
{
    const char *eq = strchr(arg, '=');
    char *c;

    if (eq == NULL || eq == arg || (size_t)(eq - arg) >= size)
        return -1;
    memcpy(key, arg, (size_t)(eq - arg));
    key[eq - arg] = '\0';
    for (c = key; *c; c++) {
        if (*c == '[' || *c == ']')
            *c = '.';
    }
    *value = eq + 1;
    return 0;
}

/*
 * Apply sets[set - 1], "a.b[2].c=value": walk the key path through
 * mappings (adding missing keys) and lists (by index, one past the end
 * appending, or by name), and put the parsed value there. XXX: a name
 * with a dot in it cannot be told from a path; such an entry is reached
 * by its index (README.md, known limitations).
 */
static int
apply_set(struct loader *ld, size_t set)
{
    const struct origin at = {1, 1, set, 0};
    char key[512], walked[512] = "", *part, *next;
    const char *text;
    yaml_document_t value;
    yaml_node_t *n;
    int *slot = NULL, id, node;

    if (split_set(ld->sets[set - 1], key, sizeof(key), &text) != 0) {
        error_at(ld, &at, NULL, "expected KEY=VALUE");
        return SIM_EINPUT;
    }
    if (!is_utf8(key)) {
        error_at(ld, &at, NULL, "the key is not valid UTF-8");
        return SIM_EINPUT;
    }
    if (parse_text(ld, (const unsigned char *)text, strlen(text), &value,
                   set) != 0)
        return SIM_EINPUT;
    id = yaml_document_get_root_node(&value)
             ? copy_node(ld, &value, 1, set, 0)
             : add_scalar(ld, "", &at);
    yaml_document_delete(&value);
    if (id == 0) {
        error_at(ld, &at, NULL, "the value nests too deeply");
        return SIM_EINPUT;
    }

    node = 1; /* the root */
    for (part = strtok_r(key, ".", &next); part != NULL;
         part = strtok_r(NULL, ".", &next)) {
        const char *following = *next ? next : NULL;

        n = yaml_document_get_node(&ld->doc, node);
        if (n->type == YAML_SEQUENCE_NODE)
            slot = find_item(ld, node, part, following, &at);
        else if (n->type == YAML_MAPPING_NODE)
            slot = find_or_add_pair(ld, node, part, following, &at);
        else
            slot = NULL;
        if (slot == NULL) {
            error_at(ld, &at, NULL, "%s has no entry '%s'",
                     walked[0] ? walked : "the document", part);
            return SIM_EINPUT;
        }
        node = *slot;
        append_path(walked, sizeof(walked), part);
    }
    if (slot == NULL) {
        error_at(ld, &at, NULL, "expected KEY=VALUE");
        return SIM_EINPUT;
    }
    *slot = id;
    return 0;
}

/* ---- Emitting for libcyaml ------------------------------------------- */

struct buffer {
    unsigned char *data;
    size_t len, cap;
};

static int
buffer_write(void *ctx, unsigned char *text, size_t size)
{
    struct buffer *b = ctx;

    if (b->len + size > b->cap) {
        b->cap = 2 * (b->len + size);
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, text, size);
    b->len += size;
    return 1;
}

/* Emit ld->doc (which this consumes) as YAML text into out. */
static int
emit_document(struct loader *ld, struct buffer *out)
{
    yaml_emitter_t em;
    int ok;

    if (!yaml_emitter_initialize(&em))
        return SIM_ENOMEM;
    yaml_emitter_set_output(&em, buffer_write, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);
    ok = yaml_emitter_open(&em);
    if (ok) {
        /* yaml_emitter_dump deletes the document, also when it fails. */
        ok = yaml_emitter_dump(&em, &ld->doc);
        ld->have_doc = 0;
        ok = ok && yaml_emitter_close(&em);
    }
    yaml_emitter_delete(&em);
    return ok ? 0 : SIM_EINPUT;
}

static void
cyaml_quiet(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
    (void)level;
    (void)ctx;
    (void)fmt;
    (void)args;
}

/*
 * libcyaml's allocations, with room to grow. libcyaml grows a list one
 * entry at a time, with a realloc for each; where realloc cannot grow a
 * block in place (AddressSanitizer's allocator; glibc's, for blocks too
 * small to move by remapping) each step copies the whole list, and a
 * list of 20,000 faults took half a minute under `make SAN=1`. So each
 * block keeps its capacity in a header and at least doubles when it
 * grows. The calls are libcyaml's cyaml_mem_fn_t: realloc, and free when
 * size is 0.
 */
static void *
raw_alloc(void *ctx, void *ptr, size_t size)
{
    const size_t header = sizeof(max_align_t);
    unsigned char *block = ptr ? (unsigned char *)ptr - header : NULL;
    size_t cap = 0;

    (void)ctx;
    if (size == 0) {
        free(block);
        return NULL;
    }
    if (block != NULL)
        memcpy(&cap, block, sizeof(cap));
    if (size <= cap)
        return ptr;
    cap = size > 2 * cap ? size : 2 * cap;
    SIM_ASSERT(cap < SIZE_MAX - header);
    block = xrealloc(block, header + cap);
    memcpy(block, &cap, sizeof(cap));
    return block + header;
}

static const cyaml_config_t cyaml_cfg = {
    .log_fn = cyaml_quiet,
    .log_ctx = NULL,
    .mem_fn = raw_alloc,
    .mem_ctx = NULL,
    .log_level = CYAML_LOG_ERROR,
    .flags = CYAML_CFG_DEFAULT,
};

static int
load_raw(struct loader *ld, struct raw_scenario **raw)
{
    static const struct origin top = {1, 1, 0, 0};
    struct buffer text = {0};
    cyaml_err_t err;
    int rc;

    rc = emit_document(ld, &text);
    if (rc != 0) {
        error_at(ld, &top, NULL, "cannot re-read the document");
        free(text.data);
        return SIM_EINPUT;
    }
    err = cyaml_load_data(text.data, text.len, &cyaml_cfg, &scenario_schema,
                          (cyaml_data_t **)raw, NULL);
    free(text.data);
    if (err != CYAML_OK || *raw == NULL) {
        /* The lint pass should have caught it; say what libcyaml said. */
        error_at(ld, &top, NULL, "%s", cyaml_strerror(err));
        return SIM_EINPUT;
    }
    return 0;
}

/* ---- The whole load -------------------------------------------------- */

static void
loader_clear(struct loader *ld)
{
    size_t i;

    if (ld->have_doc)
        yaml_document_delete(&ld->doc);
    table_clear(&ld->index);
    free(ld->origins);
    for (i = 0; i < ld->nproblems; i++)
        free(ld->problems[i].text);
    free(ld->problems);
    table_clear(&ld->muted);
}

/* Steps 1 to 3: the document with overrides, linted. */
static int
prepare_document(struct loader *ld, const unsigned char *text, size_t len,
                 size_t nsets)
{
    static const struct origin top = {1, 1, 0, 0};
    yaml_node_t *root;
    size_t i, id;
    int slot;

    if (parse_text(ld, text, len, &ld->doc, 0) != 0)
        return SIM_EINPUT;
    ld->have_doc = 1;
    root = yaml_document_get_root_node(&ld->doc);
    if (root == NULL) {
        error_at(ld, &top, NULL, "the file is empty");
        return SIM_EINPUT;
    }
    /* Positions of the file's own nodes, counted from 1. */
    sync_origins(ld, &top);
    for (id = 0; id < ld->norigins; id++) {
        ld->origins[id].line = ld->doc.nodes.start[id].start_mark.line + 1;
        ld->origins[id].column =
            ld->doc.nodes.start[id].start_mark.column + 1;
    }
    if (root->type != YAML_MAPPING_NODE) {
        error_at(ld, node_origin(ld, 1), NULL,
                 "expected a mapping of keys such as name and duration");
        return SIM_EINPUT;
    }
    /* A --set that cannot be applied is reported and skipped. */
    for (i = 1; i <= nsets; i++)
        apply_set(ld, i);

    slot = 1;
    lint_value(ld, &slot, &scenario_schema, "", 0);
    return ld->fatal > 0 ? SIM_EINPUT : 0;
}

int
scenario_load_text(const char *name, const void *text, size_t len,
                   char *const *sets, size_t nsets, struct scenario **out,
                   struct scenario_errors *errs)
{
    struct loader ld = {0};
    struct raw_scenario *raw = NULL;
    struct scenario *sc;
    int rc;

    memset(errs, 0, sizeof(*errs));
    ld.file = name;
    ld.sets = sets;
    rc = prepare_document(&ld, text, len, nsets);
    if (rc == 0)
        rc = load_raw(&ld, &raw);

    /* Even after dropped keys, check the values, to report them all. */
    sc = xcalloc(1, sizeof(*sc));
    sc->path = xstrdup(name);
    if (rc == 0) {
        scenario_check(&ld, raw, sc);
        cyaml_free(&cyaml_cfg, &scenario_schema, raw, 0);
    }
    if (ld.nproblems > 0) {
        report_problems(&ld, errs);
        rc = SIM_EINPUT;
    }
    loader_clear(&ld);
    if (rc != 0) {
        scenario_free(sc);
        return SIM_EINPUT;
    }
    *out = sc;
    return 0;
}

int
scenario_load(const char *path, char *const *sets, size_t nsets,
              struct scenario **out, struct scenario_errors *errs)
{
    unsigned char *text;
    size_t len;
    int rc;

    memset(errs, 0, sizeof(*errs));
    rc = read_file(path, &text, &len, errs);
    if (rc != 0)
        return rc;
    rc = scenario_load_text(path, text, len, sets, nsets, out, errs);
    free(text);
    return rc;
}

void
scenario_errors_clear(struct scenario_errors *errs)
{
    size_t i;

    for (i = 0; i < errs->count; i++)
        free(errs->messages[i]);
    memset(errs, 0, sizeof(*errs));
}
