/*
 * Checking a loaded scenario and turning its text values into numbers:
 * durations to seconds, percentages to fractions, "unlimited" to limits,
 * with every default filled. Each problem is reported with the key path
 * of the value, and scenario.c knows where that value was written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/util.h"
#include "scenario_raw.h"

/* Limits that keep a run within what a machine can hold and time. */
#define MAX_SECONDS 1e9          /* about 31 years */
#define MAX_BUCKETS 1000000
#define MAX_CLIENTS UINT64_C(100000000)
#define MAX_SERVERS UINT64_C(1000000)
#define MAX_REPLICATIONS UINT64_C(100000)
#define MAX_ATTEMPTS UINT64_C(1000000000)

/* ---- Value parsers that report ---------------------------------------- */

/* Each returns 0 when the value is good or absent (*out untouched). */

static int
get_duration(struct loader *ld, const char *path, const char *raw,
             int positive, double *out)
{
    char shown[64];
    double v;
    int rc;

    if (raw == NULL)
        return 0;
    util_printable(raw, shown, sizeof(shown));
    rc = util_parse_duration(raw, &v);
    if (rc == SIM_EPARSE) {
        loader_error(ld, path,
                     "expected a duration such as 250ms, 1.5s or 5m, "
                     "got '%s'",
                     shown);
        return -1;
    }
    if (rc == SIM_ERANGE && raw[0] == '-') {
        loader_error(ld, path, "must not be negative, got '%s'", shown);
        return -1;
    }
    if (rc != 0 || v > MAX_SECONDS) {
        loader_error(ld, path, "must be at most 1e9s (31 years), got '%s'",
                     shown);
        return -1;
    }
    if (positive && v <= 0) {
        loader_error(ld, path, "must be greater than 0, got '%s'", shown);
        return -1;
    }
    *out = v;
    return 0;
}

static int
get_count(struct loader *ld, const char *path, const char *raw,
          uint64_t min, uint64_t max, uint64_t *out)
{
    char shown[64];
    uint64_t v;
    int rc;

    if (raw == NULL)
        return 0;
    util_printable(raw, shown, sizeof(shown));
    rc = util_parse_uint64(raw, min, max, &v);
    if (rc == SIM_EPARSE && raw[0] != '-') {
        loader_error(ld, path, "expected a whole number, got '%s'", shown);
        return -1;
    }
    if (rc != 0) {
        /* Without an upper bound, only 2^64 and beyond are too large. */
        if (max == UINT64_MAX && raw[0] == '-')
            loader_error(ld, path, "must be at least %llu, got '%s'",
                         (unsigned long long)min, shown);
        else if (max == UINT64_MAX)
            loader_error(ld, path, "must be at most %llu, got '%s'",
                         (unsigned long long)max, shown);
        else
            loader_error(ld, path, "must be between %llu and %llu, got '%s'",
                         (unsigned long long)min, (unsigned long long)max,
                         shown);
        return -1;
    }
    *out = v;
    return 0;
}

static int
get_fraction(struct loader *ld, const char *path, const char *raw,
             double *out)
{
    char shown[64];
    int rc;

    if (raw == NULL)
        return 0;
    util_printable(raw, shown, sizeof(shown));
    rc = util_parse_fraction(raw, out);
    if (rc == SIM_EPARSE) {
        loader_error(ld, path,
                     "expected a fraction such as 5%% or 0.05, got '%s'",
                     shown);
        return -1;
    }
    if (rc != 0) {
        loader_error(ld, path, "must be between 0%% and 100%%, got '%s'",
                     shown);
        return -1;
    }
    return 0;
}

/* A whole number as get_count, or the word "unlimited" for none. */
static int
get_limit(struct loader *ld, const char *path, const char *raw,
          uint64_t min, uint64_t max, uint64_t unlimited, uint64_t *out)
{
    char shown[64];

    if (raw == NULL)
        return 0;
    if (strcmp(raw, "unlimited") == 0) {
        *out = unlimited;
        return 0;
    }
    if (util_parse_uint64(raw, 0, UINT64_MAX, out) == SIM_EPARSE &&
        raw[0] != '-') {
        util_printable(raw, shown, sizeof(shown));
        loader_error(ld, path, "expected a whole number or 'unlimited', "
                     "got '%s'", shown);
        return -1;
    }
    return get_count(ld, path, raw, min, max, out);
}

/* Parse raw as a number into *v, reporting text that is not one. */
static int
parse_number(struct loader *ld, const char *path, const char *raw,
             double *v, char *shown, size_t size)
{
    util_printable(raw, shown, size);
    if (util_parse_double(raw, v) == 0)
        return 0;
    loader_error(ld, path, "expected a number, got '%s'", shown);
    return -1;
}

/* A plain number in (lo, hi]; lo itself is refused. */
static int
get_number(struct loader *ld, const char *path, const char *raw, double lo,
           double hi, double *out)
{
    char shown[64];
    double v;

    if (raw == NULL || parse_number(ld, path, raw, &v, shown, sizeof(shown)))
        return raw == NULL ? 0 : -1;
    if (!(v > lo && v <= hi)) {
        loader_error(ld, path, "must be greater than %g and at most %g, "
                     "got '%s'", lo, hi, shown);
        return -1;
    }
    *out = v;
    return 0;
}

/* A number of things per second, 0 allowed. */
static int
get_rate(struct loader *ld, const char *path, const char *raw, double *out)
{
    char shown[64];
    double v;

    if (raw == NULL || parse_number(ld, path, raw, &v, shown, sizeof(shown)))
        return raw == NULL ? 0 : -1;
    if (!(v >= 0 && v <= 1e9)) {
        loader_error(ld, path, "must be between 0 and 1e+09, got '%s'",
                     shown);
        return -1;
    }
    *out = v;
    return 0;
}

static int
get_bool(struct loader *ld, const char *path, const char *raw, int *out)
{
    char shown[64];

    if (raw == NULL)
        return 0;
    if (util_parse_bool(raw, out) != 0) {
        util_printable(raw, shown, sizeof(shown));
        loader_error(ld, path, "expected true or false, got '%s'", shown);
        return -1;
    }
    return 0;
}

/* A key that has no meaning in this context is an error, not ignored. */
static void
not_here(struct loader *ld, const char *base, const char *key,
         const void *raw, const char *context)
{
    char path[256];

    if (raw == NULL)
        return;
    snprintf(path, sizeof(path), "%s.%s", base, key);
    loader_error(ld, path, "does not apply to %s", context);
}

static void
need(struct loader *ld, const char *base, const char *key, const void *raw,
     const char *context)
{
    if (raw == NULL && context == NULL)
        loader_error(ld, base, "missing required key '%s'", key);
    else if (raw == NULL)
        loader_error(ld, base, "missing required key '%s' for %s", key,
                     context);
}

/* ---- Distributions --------------------------------------------------- */

enum param_type { P_NONE, P_TIME, P_NUMBER };

/* Which keys each kind uses, and as what; order of struct dist p1, p2. */
static const struct {
    const char *key[2];
    enum param_type type[2];
} dist_params[] = {
    [DIST_CONSTANT] = {{"value", NULL}, {P_TIME, P_NONE}},
    [DIST_EXPONENTIAL] = {{"mean", NULL}, {P_TIME, P_NONE}},
    [DIST_UNIFORM] = {{"min", "max"}, {P_TIME, P_TIME}},
    [DIST_NORMAL] = {{"mean", "sd"}, {P_TIME, P_TIME}},
    [DIST_LOGNORMAL] = {{"mean", "sd"}, {P_TIME, P_TIME}},
    [DIST_GAMMA] = {{"mean", "shape"}, {P_TIME, P_NUMBER}},
    [DIST_PARETO] = {{"scale", "shape"}, {P_TIME, P_NUMBER}},
};

/* Every key a distribution may have, in struct raw_dist order. */
static const char *const dist_keys[] = {"value", "mean",  "sd",   "min",
                                        "max",   "shape", "scale"};

static const char *
dist_field(const struct raw_dist *r, const char *key)
{
    const char *const values[] = {r->value, r->mean,  r->sd,   r->min,
                                  r->max,   r->shape, r->scale};
    size_t i;

    for (i = 0; i < sizeof(dist_keys) / sizeof(dist_keys[0]); i++) {
        if (strcmp(dist_keys[i], key) == 0)
            return values[i];
    }
    return NULL;
}

/* Does a distribution of this kind take the key? */
static int
dist_uses(enum dist_kind kind, const char *key)
{
    const char *const *k = dist_params[kind].key;

    return strcmp(k[0], key) == 0 || (k[1] != NULL && strcmp(k[1], key) == 0);
}

static int
get_dist(struct loader *ld, const char *path, const struct raw_dist *r,
         struct dist *out)
{
    enum dist_kind kind = (enum dist_kind)(r->dist - 1);
    double p[2] = {0, 0};
    char sub[256], context[64];
    const char *raw;
    size_t i;
    int j, bad = 0;

    snprintf(context, sizeof(context), "%s %s distribution",
             kind == DIST_EXPONENTIAL ? "an" : "a", dist_kind_name(kind));
    for (i = 0; i < sizeof(dist_keys) / sizeof(dist_keys[0]); i++) {
        if (!dist_uses(kind, dist_keys[i]))
            not_here(ld, path, dist_keys[i], dist_field(r, dist_keys[i]),
                     context);
    }
    for (j = 0; j < 2 && dist_params[kind].key[j] != NULL; j++) {
        const char *key = dist_params[kind].key[j];

        raw = dist_field(r, key);
        snprintf(sub, sizeof(sub), "%s.%s", path, key);
        if (raw == NULL) {
            need(ld, path, key, raw, context);
            bad = 1;
        } else if (dist_params[kind].type[j] == P_NUMBER) {
            bad |= get_number(ld, sub, raw, 0, 1e9, &p[j]) != 0;
        } else {
            /* Means and scales must be positive, the rest may be 0. */
            int positive = strcmp(key, "mean") == 0 && kind != DIST_NORMAL;

            positive |= strcmp(key, "scale") == 0;
            bad |= get_duration(ld, sub, raw, positive, &p[j]) != 0;
        }
    }
    if (!bad && kind == DIST_UNIFORM && p[1] < p[0]) {
        snprintf(sub, sizeof(sub), "%s.max", path);
        loader_error(ld, sub, "must not be less than min (%s), got '%s'",
                     r->min, r->max);
        bad = 1;
    }
    if (bad)
        return -1;
    dist_init(out, kind, p[0], p[1]);
    return 0;
}

/* ---- Sections -------------------------------------------------------- */

static int
plain_name(const char *s)
{
    const unsigned char *p;

    if (s[0] == '\0' || strlen(s) > 100 || strstr(s, "..") != NULL ||
        strchr(s, '/') != NULL || strcmp(s, ".") == 0)
        return 0;
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    }
    return 1;
}

static void
check_top(struct loader *ld, const struct raw_scenario *raw,
          struct scenario *sc)
{
    uint64_t n;
    char shown[64];

    util_printable(raw->name, shown, sizeof(shown));
    if (!plain_name(raw->name))
        loader_error(ld, "name", "must be a plain folder name (no '/', no "
                     "'..', no control characters, 1 to 100 bytes), got "
                     "'%s'", shown);
    sc->name = xstrdup(raw->name);
    sc->description = xstrdup(raw->description ? raw->description : "");

    get_duration(ld, "duration", raw->duration, 1, &sc->duration);
    sc->bucket = 1;
    if (get_duration(ld, "bucket", raw->bucket, 1, &sc->bucket) == 0 &&
        sc->duration > 0) {
        if (sc->bucket > sc->duration)
            loader_error(ld, "bucket", "must not be longer than the "
                         "duration");
        else if (sc->duration / sc->bucket > MAX_BUCKETS)
            loader_error(ld, "bucket", "gives %.3g buckets over the "
                         "duration; at most %d are allowed",
                         sc->duration / sc->bucket, MAX_BUCKETS);
    }

    sc->seed = 1;
    get_count(ld, "seed", raw->seed, 0, UINT64_MAX, &sc->seed);
    n = 1;
    get_count(ld, "replications", raw->replications, 1, MAX_REPLICATIONS,
              &n);
    sc->replications = (uint32_t)n;
}

static void
check_arrival(struct loader *ld, const struct raw_arrival *r,
              struct arrival_config *a)
{
    static const char *const base = "clients.arrival";
    char context[64];

    a->process = (enum arrival_process)(r->process - 1);
    snprintf(context, sizeof(context), "%s arrivals",
             arrival_process_name(a->process));
    if (a->process != ARRIVAL_POISSON)
        not_here(ld, base, "rate", r->rate, context);
    if (a->process != ARRIVAL_CLOSED)
        not_here(ld, base, "think_time", r->think_time, context);
    if (a->process != ARRIVAL_PERIODIC)
        not_here(ld, base, "interval", r->interval, context);
    if (a->process != ARRIVAL_ONCE) {
        not_here(ld, base, "at", r->at, context);
        not_here(ld, base, "spread", r->spread, context);
    }

    switch (a->process) {
    case ARRIVAL_POISSON:
        need(ld, base, "rate", r->rate, context);
        get_number(ld, "clients.arrival.rate", r->rate, 0, 1e9, &a->rate);
        break;
    case ARRIVAL_CLOSED:
        need(ld, base, "think_time", r->think_time, context);
        if (r->think_time != NULL)
            get_dist(ld, "clients.arrival.think_time", r->think_time,
                     &a->think_time);
        break;
    case ARRIVAL_PERIODIC:
        need(ld, base, "interval", r->interval, context);
        get_duration(ld, "clients.arrival.interval", r->interval, 1,
                     &a->interval);
        break;
    case ARRIVAL_ONCE:
        get_duration(ld, "clients.arrival.at", r->at, 0, &a->at);
        get_duration(ld, "clients.arrival.spread", r->spread, 0, &a->spread);
        break;
    }
}

static void
check_clients(struct loader *ld, const struct raw_clients *r,
              struct client_config *c)
{
    uint64_t n = 1;

    get_count(ld, "clients.count", r->count, 1, MAX_CLIENTS, &n);
    c->count = (uint32_t)n;
    check_arrival(ld, r->arrival, &c->arrival);
    c->timeout = INFINITY;
    c->deadline = INFINITY;
    get_duration(ld, "clients.timeout", r->timeout, 1, &c->timeout);
    get_duration(ld, "clients.deadline", r->deadline, 1, &c->deadline);
}

static void
check_service(struct loader *ld, const struct raw_service *r,
              struct service_config *s)
{
    static const char *const occ = "contention occ (its row answers at "
                                   "once)";
    uint64_t n = 1;

    s->occ = r->contention == CONTENTION_OCC;
    if (s->occ) {
        not_here(ld, "service", "servers", r->servers, occ);
        not_here(ld, "service", "service_time", r->service_time, occ);
        not_here(ld, "service", "queue_limit", r->queue_limit, occ);
        not_here(ld, "service", "cancel_on_timeout", r->cancel_on_timeout,
                 occ);
        n = 0;
    } else {
        need(ld, "service", "servers", r->servers, NULL);
        need(ld, "service", "service_time", r->service_time, NULL);
    }
    get_count(ld, "service.servers", r->servers, 1, MAX_SERVERS, &n);
    s->servers = (uint32_t)n;
    dist_init(&s->service_time, DIST_CONSTANT, 0, 0);
    if (r->service_time != NULL)
        get_dist(ld, "service.service_time", r->service_time,
                 &s->service_time);

    s->queue_limit = SERVICE_UNLIMITED;
    get_limit(ld, "service.queue_limit", r->queue_limit, 0,
              UINT64_C(1000000000000), SERVICE_UNLIMITED, &s->queue_limit);
    s->cancel_on_timeout = 0;
    get_bool(ld, "service.cancel_on_timeout", r->cancel_on_timeout,
             &s->cancel_on_timeout);
    dist_init(&s->network_delay, DIST_CONSTANT, 0, 0);
    if (r->network_delay != NULL)
        get_dist(ld, "service.network_delay", r->network_delay,
                 &s->network_delay);
}

/* The kind-specific keys of a fault. */
static void
check_fault_kind(struct loader *ld, const char *base,
                 const struct raw_fault *r, struct fault_spec *f,
                 const struct scenario *sc)
{
    char context[64], path[256];

    snprintf(context, sizeof(context), "faults of kind %s",
             fault_kind_name(f->kind));
    if (f->kind != FAULT_OUTAGE)
        not_here(ld, base, "drop_inflight", r->drop_inflight, context);
    if (f->kind != FAULT_ERRORS) {
        not_here(ld, base, "rate", r->rate, context);
        not_here(ld, base, "retryable", r->retryable, context);
    }
    if (f->kind != FAULT_LATENCY)
        not_here(ld, base, "add", r->add, context);
    if (f->kind != FAULT_CAPACITY)
        not_here(ld, base, "servers", r->servers, context);

    f->retryable = 1;
    switch (f->kind) {
    case FAULT_OUTAGE:
        snprintf(path, sizeof(path), "%s.drop_inflight", base);
        get_bool(ld, path, r->drop_inflight, &f->drop_inflight);
        break;
    case FAULT_ERRORS:
        need(ld, base, "rate", r->rate, context);
        snprintf(path, sizeof(path), "%s.rate", base);
        get_fraction(ld, path, r->rate, &f->rate);
        snprintf(path, sizeof(path), "%s.retryable", base);
        get_bool(ld, path, r->retryable, &f->retryable);
        break;
    case FAULT_LATENCY:
        need(ld, base, "add", r->add, context);
        snprintf(path, sizeof(path), "%s.add", base);
        if (r->add != NULL)
            get_dist(ld, path, r->add, &f->add);
        break;
    case FAULT_CAPACITY:
        need(ld, base, "servers", r->servers, context);
        snprintf(path, sizeof(path), "%s.servers", base);
        if (r->servers == NULL)
            break;
        /* "50%" or "0.5" is a fraction; "10" is a count of servers. */
        f->servers_fraction = strchr(r->servers, '%') != NULL ||
                              strchr(r->servers, '.') != NULL;
        if (f->servers_fraction) {
            get_fraction(ld, path, r->servers, &f->servers);
        } else {
            uint64_t n = 0;

            if (get_count(ld, path, r->servers, 0, sc->service.servers,
                          &n) == 0)
                f->servers = (double)n;
        }
        break;
    }
}

static void
check_fault(struct loader *ld, size_t i, const struct raw_fault *r,
            struct fault_spec *f, const struct scenario *sc)
{
    char base[64], path[96], start[32], end[32];
    double duration = 0;

    snprintf(base, sizeof(base), "faults[%zu]", i);
    f->kind = (enum fault_kind)(r->kind - 1);
    snprintf(path, sizeof(path), "%s.start", base);
    if (get_duration(ld, path, r->start, 0, &f->start) == 0 &&
        sc->duration > 0 && f->start >= sc->duration) {
        util_format_duration(f->start, start, sizeof(start));
        util_format_duration(sc->duration, end, sizeof(end));
        loader_error(ld, path, "%s is not before the end of the run (%s)",
                     start, end);
    }
    f->cured_by = CURE_RESTART;
    if (r->until != NULL) {
        snprintf(path, sizeof(path), "%s.until", base);
        if (strcmp(r->until, "healed") != 0)
            loader_error(ld, path, "the only value is 'healed'");
        not_here(ld, base, "duration", r->duration,
                 "a fault that lasts until healed");
        f->until_healed = 1;
        if (r->cured_by != RAW_UNSET)
            f->cured_by = (enum fault_cure)(r->cured_by - 1);
        duration = INFINITY;
    } else {
        not_here(ld, base, "cured_by", r->cured_by ? "" : NULL,
                 "a fault with a duration");
        need(ld, base, "duration' or 'until", r->duration, NULL);
        snprintf(path, sizeof(path), "%s.duration", base);
        get_duration(ld, path, r->duration, 1, &duration);
    }
    f->end = f->start + duration;
    check_fault_kind(ld, base, r, f, sc);
    if (sc->service.occ && f->kind == FAULT_CAPACITY) {
        snprintf(path, sizeof(path), "%s.kind", base);
        loader_error(ld, path, "capacity faults do not apply to "
                     "contention occ (its row has no servers)");
    }
}

/* ---- Retry policies -------------------------------------------------- */

static void
retry_keys_apply(struct loader *ld, const char *base,
                 const struct raw_retry *r, enum retry_kind kind)
{
    char context[64];

    snprintf(context, sizeof(context), "policy %s", retry_kind_name(kind));
    if (kind == RETRY_NONE) {
        not_here(ld, base, "jitter", r->jitter ? "" : NULL, context);
        not_here(ld, base, "max_attempts", r->max_attempts, context);
        not_here(ld, base, "max_total_wait", r->max_total_wait, context);
        not_here(ld, base, "retry_on", r->retry_on, context);
    }
    if (kind != RETRY_LINEAR && kind != RETRY_EXPONENTIAL) {
        not_here(ld, base, "base", r->base, context);
        not_here(ld, base, "cap", r->cap, context);
    }
    if (kind != RETRY_EXPONENTIAL)
        not_here(ld, base, "multiplier", r->multiplier, context);
    if (kind != RETRY_FIXED)
        not_here(ld, base, "delay", r->delay, context);
    if (kind != RETRY_LINEAR)
        not_here(ld, base, "increment", r->increment, context);
}

static void
check_retry_delays(struct loader *ld, const char *base,
                   const struct raw_retry *r, struct retry_policy *p)
{
    char path[96], context[64];

    snprintf(context, sizeof(context), "policy %s",
             retry_kind_name(p->kind));
    if (p->kind == RETRY_FIXED) {
        need(ld, base, "delay", r->delay, context);
        snprintf(path, sizeof(path), "%s.delay", base);
        get_duration(ld, path, r->delay, 0, &p->delay);
        return;
    }
    need(ld, base, "base", r->base, context);
    snprintf(path, sizeof(path), "%s.base", base);
    if (get_duration(ld, path, r->base, 0, &p->base) != 0)
        return;
    snprintf(path, sizeof(path), "%s.cap", base);
    if (get_duration(ld, path, r->cap, 0, &p->cap) == 0 &&
        p->cap < p->base)
        loader_error(ld, path, "must not be less than base (%s), got '%s'",
                     r->base, r->cap);
    if (p->kind == RETRY_LINEAR) {
        p->increment = p->base;
        snprintf(path, sizeof(path), "%s.increment", base);
        get_duration(ld, path, r->increment, 0, &p->increment);
    } else {
        snprintf(path, sizeof(path), "%s.multiplier", base);
        if (r->multiplier != NULL &&
            get_number(ld, path, r->multiplier, 0, 1e6, &p->multiplier) ==
                0 &&
            p->multiplier < 1)
            loader_error(ld, path, "must be at least 1, got '%s'",
                         r->multiplier);
    }
}

static void
check_retry(struct loader *ld, size_t i, const struct raw_retry *r,
            struct retry_policy *p)
{
    char base[64], path[96];
    uint64_t n;
    unsigned k;

    memset(p, 0, sizeof(*p));
    p->kind = RETRY_NONE;
    p->jitter = JITTER_NONE;
    p->cap = INFINITY;
    p->multiplier = 2;
    p->max_attempts = 1;
    p->max_total_wait = INFINITY;
    p->retry_on = OUTCOME_RETRYABLE;
    if (r == NULL)
        return;

    snprintf(base, sizeof(base), "strategies[%zu].retry", i);
    if (r->policy != RAW_UNSET)
        p->kind = (enum retry_kind)(r->policy - 1);
    if (r->jitter != RAW_UNSET)
        p->jitter = (enum retry_jitter)(r->jitter - 1);
    retry_keys_apply(ld, base, r, p->kind);
    if (p->kind == RETRY_NONE)
        return;

    snprintf(path, sizeof(path), "%s.jitter", base);
    if (p->jitter == JITTER_DECORRELATED && p->kind != RETRY_EXPONENTIAL)
        loader_error(ld, path, "decorrelated jitter needs policy "
                     "exponential");
    check_retry_delays(ld, base, r, p);

    /* Three attempts, as the AWS SDKs' standard mode, unless told. */
    n = 3;
    snprintf(path, sizeof(path), "%s.max_attempts", base);
    get_limit(ld, path, r->max_attempts, 1, MAX_ATTEMPTS, RETRY_UNLIMITED,
              &n);
    p->max_attempts = (uint32_t)n;
    snprintf(path, sizeof(path), "%s.max_total_wait", base);
    get_duration(ld, path, r->max_total_wait, 0, &p->max_total_wait);
    if (r->retry_on != NULL) {
        p->retry_on = 0;
        for (k = 0; k < r->retry_on_count; k++)
            p->retry_on |= OUTCOME_BIT(r->retry_on[k]);
    }
}

/* Characters, not bytes: a name of 60 accented letters is fine. */
static size_t
utf8_length(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* ---- Breakers and budgets ------------------------------------------- */

static void
check_breaker(struct loader *ld, size_t i, const struct raw_breaker *r,
              struct breaker_config *b)
{
    char base[64], path[96];
    uint64_t n;

    memset(b, 0, sizeof(*b));
    b->trip = BREAKER_OFF;
    if (r == NULL)
        return;
    snprintf(base, sizeof(base), "strategies[%zu].breaker", i);
    b->open_for = 60;
    b->half_open_calls = 10;
    snprintf(path, sizeof(path), "%s.open_for", base);
    get_duration(ld, path, r->open_for, 1, &b->open_for);
    n = b->half_open_calls;
    snprintf(path, sizeof(path), "%s.half_open_calls", base);
    get_count(ld, path, r->half_open_calls, 1, 10000, &n);
    b->half_open_calls = (uint32_t)n;

    if (r->failure_threshold != NULL && r->failure_rate != NULL) {
        snprintf(path, sizeof(path), "%s.failure_rate", base);
        loader_error(ld, path, "give failure_threshold or failure_rate, "
                     "not both");
        return;
    }
    if (r->failure_threshold != NULL) {
        b->trip = BREAKER_CONSECUTIVE;
        not_here(ld, base, "window", r->window, "failure_threshold");
        not_here(ld, base, "minimum_calls", r->minimum_calls,
                 "failure_threshold");
        snprintf(path, sizeof(path), "%s.failure_threshold", base);
        n = 5;
        get_count(ld, path, r->failure_threshold, 1, 1000000, &n);
        b->failure_threshold = (uint32_t)n;
        return;
    }
    need(ld, base, "failure_threshold' or 'failure_rate", r->failure_rate,
         "a breaker");
    need(ld, base, "window", r->window, "failure_rate");
    if (r->failure_rate == NULL || r->window == NULL)
        return;
    snprintf(path, sizeof(path), "%s.failure_rate", base);
    if (get_fraction(ld, path, r->failure_rate, &b->failure_rate) == 0 &&
        b->failure_rate <= 0)
        loader_error(ld, path, "must be greater than 0%%, got '%s'",
                     r->failure_rate);

    /* A whole number is a window of calls; a duration one of time. */
    snprintf(path, sizeof(path), "%s.window", base);
    if (util_parse_uint64(r->window, 0, UINT64_MAX, &n) == 0) {
        b->trip = BREAKER_CALL_WINDOW;
        get_count(ld, path, r->window, 1, BREAKER_MAX_WINDOW_CALLS, &n);
        b->window_calls = (uint32_t)n;
    } else {
        b->trip = BREAKER_TIME_WINDOW;
        get_duration(ld, path, r->window, 1, &b->window_seconds);
    }
    n = b->trip == BREAKER_CALL_WINDOW ? b->window_calls : 10;
    snprintf(path, sizeof(path), "%s.minimum_calls", base);
    get_count(ld, path, r->minimum_calls, 1, 1000000, &n);
    b->minimum_calls = (uint32_t)n;
    if (b->trip == BREAKER_CALL_WINDOW &&
        b->minimum_calls > b->window_calls && r->minimum_calls != NULL)
        loader_error(ld, path, "must not be more than the window (%u "
                     "calls), got '%s'", b->window_calls, r->minimum_calls);
}

/* Which kind a budget is: as written, or from the keys it has. */
static enum budget_kind
budget_kind_of(const struct raw_budget *r)
{
    if (r->kind != RAW_UNSET)
        return (enum budget_kind)r->kind;
    if (r->max_tokens != NULL || r->token_ratio != NULL)
        return BUDGET_GRPC;
    if (r->ratio != NULL || r->min_retries_per_second != NULL)
        return BUDGET_RATIO;
    return BUDGET_TOKEN_BUCKET;
}

/* A whole number of tokens in [0, 1e6] into *out, default kept. */
static void
get_tokens(struct loader *ld, const char *base, const char *key,
           const char *raw, uint32_t *out)
{
    char path[128];
    uint64_t n = *out;

    snprintf(path, sizeof(path), "%s.%s", base, key);
    get_count(ld, path, raw, 0, 1000000, &n);
    *out = (uint32_t)n;
}

static void
check_budget(struct loader *ld, size_t i, const struct raw_budget *r,
             struct budget_config *b)
{
    static const char *const kinds[] = {"", "token_bucket", "grpc",
                                        "ratio"};
    char base[64], path[96], context[64];
    uint32_t capacity = 500;

    memset(b, 0, sizeof(*b));
    b->kind = BUDGET_NONE;
    if (r == NULL)
        return;
    snprintf(base, sizeof(base), "strategies[%zu].budget", i);
    b->kind = budget_kind_of(r);
    snprintf(context, sizeof(context), "a %s budget", kinds[b->kind]);
    if (b->kind != BUDGET_TOKEN_BUCKET) {
        not_here(ld, base, "capacity", r->capacity, context);
        not_here(ld, base, "retry_cost", r->retry_cost, context);
        not_here(ld, base, "timeout_retry_cost", r->timeout_retry_cost,
                 context);
        not_here(ld, base, "throttle_retry_cost", r->throttle_retry_cost,
                 context);
        not_here(ld, base, "success_refund", r->success_refund, context);
    }
    if (b->kind != BUDGET_GRPC) {
        not_here(ld, base, "max_tokens", r->max_tokens, context);
        not_here(ld, base, "token_ratio", r->token_ratio, context);
    }
    if (b->kind != BUDGET_RATIO) {
        not_here(ld, base, "ratio", r->ratio, context);
        not_here(ld, base, "min_retries_per_second",
                 r->min_retries_per_second, context);
        not_here(ld, base, "window", r->window, context);
    }

    switch (b->kind) {
    case BUDGET_TOKEN_BUCKET:
        /* The AWS SDKs' standard mode, unless told otherwise. */
        get_tokens(ld, base, "capacity", r->capacity, &capacity);
        b->capacity = capacity;
        b->retry_cost = 5;
        get_tokens(ld, base, "retry_cost", r->retry_cost, &b->retry_cost);
        b->timeout_retry_cost = 10;
        get_tokens(ld, base, "timeout_retry_cost", r->timeout_retry_cost,
                   &b->timeout_retry_cost);
        b->throttle_retry_cost = b->retry_cost;
        get_tokens(ld, base, "throttle_retry_cost", r->throttle_retry_cost,
                   &b->throttle_retry_cost);
        b->success_refund = 1;
        get_tokens(ld, base, "success_refund", r->success_refund,
                   &b->success_refund);
        break;
    case BUDGET_GRPC:
        need(ld, base, "max_tokens", r->max_tokens, context);
        need(ld, base, "token_ratio", r->token_ratio, context);
        snprintf(path, sizeof(path), "%s.max_tokens", base);
        get_number(ld, path, r->max_tokens, 0, 1000, &b->max_tokens);
        snprintf(path, sizeof(path), "%s.token_ratio", base);
        get_number(ld, path, r->token_ratio, 0, 1000, &b->token_ratio);
        break;
    case BUDGET_RATIO:
        /* Finagle's defaults: 20 %, 10 retries a second, over 10 s. */
        b->ratio = 0.2;
        b->min_retries_per_second = 10;
        b->window = 10;
        snprintf(path, sizeof(path), "%s.ratio", base);
        get_fraction(ld, path, r->ratio, &b->ratio);
        snprintf(path, sizeof(path), "%s.min_retries_per_second", base);
        get_rate(ld, path, r->min_retries_per_second,
                 &b->min_retries_per_second);
        snprintf(path, sizeof(path), "%s.window", base);
        get_duration(ld, path, r->window, 1, &b->window);
        break;
    default:
        break;
    }
}

static void
check_fallback(struct loader *ld, size_t i, const struct raw_fallback *r,
               struct fallback_config *f)
{
    char base[64], path[96];

    f->kind = FALLBACK_NONE;
    f->ttl = 0;
    if (r == NULL)
        return;
    snprintf(base, sizeof(base), "strategies[%zu].fallback", i);
    f->kind = (enum fallback_kind)(r->kind - 1);
    if (f->kind != FALLBACK_CACHE) {
        not_here(ld, base, "ttl", r->ttl, "a fallback other than cache");
        return;
    }
    need(ld, base, "ttl", r->ttl, "a cache fallback");
    snprintf(path, sizeof(path), "%s.ttl", base);
    get_duration(ld, path, r->ttl, 0, &f->ttl);
}

/* ---- Self-healing ---------------------------------------------------- */

static void
check_health(struct loader *ld, const char *base, const struct raw_health *r,
             struct healing_config *h)
{
    char path[160];
    uint64_t n = 3;

    h->check_interval = 10;
    h->threshold = 0.9;
    h->unhealthy_after = 3;
    if (r == NULL)
        return;
    snprintf(path, sizeof(path), "%s.health_check.interval", base);
    get_duration(ld, path, r->interval, 1, &h->check_interval);
    snprintf(path, sizeof(path), "%s.health_check.threshold", base);
    get_fraction(ld, path, r->threshold, &h->threshold);
    snprintf(path, sizeof(path), "%s.health_check.unhealthy_after", base);
    get_count(ld, path, r->unhealthy_after, 1, 1000, &n);
    h->unhealthy_after = (uint32_t)n;
}

static void
check_actions(struct loader *ld, const char *base,
              const struct raw_healing *r, struct healing_config *h,
              uint32_t servers)
{
    char path[160];
    uint64_t n;

    if ((h->restart = r->restart != NULL)) {
        h->restart_duration = 20;
        h->restart_cooldown = 60;
        n = 3;
        snprintf(path, sizeof(path), "%s.restart.duration", base);
        get_duration(ld, path, r->restart->duration, 1, &h->restart_duration);
        snprintf(path, sizeof(path), "%s.restart.cooldown", base);
        get_duration(ld, path, r->restart->cooldown, 0, &h->restart_cooldown);
        snprintf(path, sizeof(path), "%s.restart.max_attempts", base);
        get_count(ld, path, r->restart->max_attempts, 1, 1000, &n);
        h->restart_max = (uint32_t)n;
    }
    if ((h->failover = r->failover != NULL)) {
        h->switch_time = 5;
        n = 1;
        snprintf(path, sizeof(path), "%s.failover.backup_servers", base);
        get_count(ld, path, r->failover->backup_servers, 1, 1000000, &n);
        h->backup_servers = (uint32_t)n;
        snprintf(path, sizeof(path), "%s.failover.switch_time", base);
        get_duration(ld, path, r->failover->switch_time, 0, &h->switch_time);
    }
    if ((h->autoscale = r->autoscale != NULL)) {
        h->scale_delay = 60;
        h->scale_cooldown = 120;
        n = 5;
        snprintf(path, sizeof(path), "%s.autoscale.step", base);
        get_count(ld, path, r->autoscale->step, 1, 1000000, &n);
        h->scale_step = (uint32_t)n;
        snprintf(path, sizeof(path), "%s.autoscale.delay", base);
        get_duration(ld, path, r->autoscale->delay, 0, &h->scale_delay);
        snprintf(path, sizeof(path), "%s.autoscale.cooldown", base);
        get_duration(ld, path, r->autoscale->cooldown, 0,
                     &h->scale_cooldown);
        n = servers;
        snprintf(path, sizeof(path), "%s.autoscale.max_servers", base);
        if (get_count(ld, path, r->autoscale->max_servers, 1, 1000000, &n) ==
                0 &&
            n < servers)
            loader_error(ld, path, "must be at least service.servers (%u), "
                         "got '%s'", servers, r->autoscale->max_servers);
        h->scale_max = (uint32_t)n;
    }
}

/*
 * A healing section at base ("healing" or "strategies[i].healing") into
 * h, every default filled: probes every 10 s, unhealthy below 90 % after
 * 3 failed probes; a human confirms in lognormal(5 min, 2 min) and
 * repairs in lognormal(30 min, 10 min); actions only when configured.
 */
static void
check_healing(struct loader *ld, const char *base,
              const struct raw_healing *r, struct healing_config *h,
              const struct scenario *sc)
{
    char path[160];

    memset(h, 0, sizeof(*h));
    h->mode = HEALING_OFF;
    if (r == NULL)
        return;
    h->mode = r->mode != RAW_UNSET ? (enum healing_mode)(r->mode - 1)
                                   : HEALING_AUTO;
    check_health(ld, base, r->health_check, h);
    check_actions(ld, base, r, h, sc->service.servers);
    if (sc->service.occ && (h->restart || h->failover || h->autoscale)) {
        loader_error(ld, base, "restart, failover and autoscale do not "
                     "apply to contention occ");
    }
    dist_init(&h->confirm_time, DIST_LOGNORMAL, 300, 120);
    snprintf(path, sizeof(path), "%s.confirm_time", base);
    if (r->confirm_time != NULL)
        get_dist(ld, path, r->confirm_time, &h->confirm_time);
    if (h->mode != HEALING_SEMI)
        not_here(ld, base, "confirm_time", r->confirm_time,
                 "modes other than semi");
    dist_init(&h->manual_repair, DIST_LOGNORMAL, 1800, 600);
    snprintf(path, sizeof(path), "%s.escalation.manual_repair", base);
    if (r->escalation != NULL && r->escalation->manual_repair != NULL)
        get_dist(ld, path, r->escalation->manual_repair, &h->manual_repair);
}

/* A list entry's name and index, for finding names given twice. */
struct named {
    const char *name;
    size_t index;
};

static int
named_order(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    if (c != 0)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Report every entry of list (a key path such as "rollout.stages") whose
 * name an earlier entry has, with the first such entry, called label[i].
 * names is sorted: comparing each entry with all earlier ones took time
 * quadratic in their number, and reporting every earlier one as many
 * messages, so that 3,000 strategies of one name in 42 kB used 650 MB.
 */
static void
report_repeated_names(struct loader *ld, struct named *names, size_t count,
                      const char *list, const char *label)
{
    char path[96], shown[256];
    size_t i, first = 0;

    qsort(names, count, sizeof(*names), named_order);
    for (i = 1; i < count; i++) {
        if (strcmp(names[i].name, names[first].name) != 0) {
            first = i;
            continue;
        }
        snprintf(path, sizeof(path), "%s[%zu].name", list, names[i].index);
        util_printable(names[i].name, shown, sizeof(shown));
        loader_error(ld, path, "'%s' is already the name of %s[%zu]", shown,
                     label, names[first].index);
    }
}

static void
check_strategies(struct loader *ld, const struct raw_scenario *raw,
                 struct scenario *sc)
{
    char path[64], shown[256];
    struct named *names;
    size_t i;

    sc->nstrategies = raw->strategies_count;
    sc->strategies = xcalloc(sc->nstrategies, sizeof(*sc->strategies));
    names = xcalloc(sc->nstrategies, sizeof(*names));
    for (i = 0; i < sc->nstrategies; i++) {
        const struct raw_strategy *r = &raw->strategies[i];
        struct strategy *s = &sc->strategies[i];

        snprintf(path, sizeof(path), "strategies[%zu].name", i);
        s->name = xstrdup(r->name);
        util_printable(r->name, shown, sizeof(shown));
        if (r->name[0] == '\0' || strcmp(shown, r->name) != 0 ||
            utf8_length(r->name) > 60)
            loader_error(ld, path, "must be 1 to 60 printable characters, "
                         "got '%s'", shown);
        names[i].name = s->name;
        names[i].index = i;
        check_retry(ld, i, r->retry, &s->retry);
        check_breaker(ld, i, r->breaker, &s->breaker);
        check_budget(ld, i, r->budget, &s->budget);
        check_fallback(ld, i, r->fallback, &s->fallback);
        snprintf(path, sizeof(path), "strategies[%zu].healing", i);
        s->healing_set = r->healing != NULL;
        check_healing(ld, path, r->healing, &s->healing, sc);
    }
    report_repeated_names(ld, names, sc->nstrategies, "strategies",
                          "strategies");
    free(names);
}

/* ---- Rollouts --------------------------------------------------------- */

/* The index of the strategy named name; reports it when there is none. */
static size_t
strategy_named(struct loader *ld, const char *path, const char *name,
               const struct scenario *sc)
{
    char shown[64];
    size_t i;

    for (i = 0; i < sc->nstrategies; i++) {
        if (strcmp(sc->strategies[i].name, name) == 0)
            return i;
    }
    util_printable(name, shown, sizeof(shown));
    loader_error(ld, path, "no strategy is named '%s'", shown);
    return 0;
}

static void
check_gates(struct loader *ld, const char *base, const struct raw_gates *r,
            struct rollout_stage *st)
{
    const char *raw[GATE_COUNT];
    char path[160];
    int g;

    if (r == NULL)
        return;
    raw[GATE_MAX_ERROR_RATE] = r->max_error_rate;
    raw[GATE_MIN_SUCCESS_RATE] = r->min_success_rate;
    raw[GATE_MAX_SPIKE] = r->max_spike;
    raw[GATE_MAX_MTTR] = r->max_mttr;
    raw[GATE_MAX_AMPLIFICATION] = r->max_amplification;
    raw[GATE_MAX_P99_LATENCY] = r->max_p99_latency;
    for (g = 0; g < GATE_COUNT; g++) {
        if (raw[g] == NULL)
            continue;
        st->has[g] = 1;
        snprintf(path, sizeof(path), "%s.gates.%s", base,
                 rollout_gate_name((enum gate)g));
        switch (g) {
        case GATE_MAX_ERROR_RATE:
        case GATE_MIN_SUCCESS_RATE:
            get_fraction(ld, path, raw[g], &st->threshold[g]);
            break;
        case GATE_MAX_MTTR:
        case GATE_MAX_P99_LATENCY:
            get_duration(ld, path, raw[g], 0, &st->threshold[g]);
            break;
        default:
            get_number(ld, path, raw[g], 0, 1e9, &st->threshold[g]);
            break;
        }
    }
}

static void
check_rollout(struct loader *ld, const struct raw_rollout *r,
              struct scenario *sc)
{
    struct rollout_config *ro = &sc->rollout;
    char base[64], path[96], shown[256];
    struct named *names;
    uint64_t n;
    size_t i;

    if (r == NULL)
        return;
    ro->enabled = 1;
    ro->baseline = strategy_named(ld, "rollout.baseline", r->baseline, sc);
    ro->candidate =
        strategy_named(ld, "rollout.candidate", r->candidate, sc);
    ro->nstages = r->stages_count;
    ro->stages = xcalloc(ro->nstages, sizeof(*ro->stages));
    names = xcalloc(ro->nstages, sizeof(*names));
    for (i = 0; i < ro->nstages; i++) {
        struct rollout_stage *st = &ro->stages[i];

        snprintf(base, sizeof(base), "rollout.stages[%zu]", i);
        st->name = xstrdup(r->stages[i].name);
        snprintf(path, sizeof(path), "%s.name", base);
        /* Stage names go into rollout.csv, JUnit XML and the table. */
        util_printable(st->name, shown, sizeof(shown));
        if (st->name[0] == '\0' || strcmp(shown, st->name) != 0 ||
            utf8_length(st->name) > 60)
            loader_error(ld, path, "must be 1 to 60 printable characters, "
                         "got '%s'", shown);
        names[i].name = st->name;
        names[i].index = i;
        snprintf(path, sizeof(path), "%s.traffic", base);
        if (get_fraction(ld, path, r->stages[i].traffic, &st->traffic) ==
                0 &&
            st->traffic <= 0)
            loader_error(ld, path, "must be greater than 0%%, got '%s'",
                         r->stages[i].traffic);
        check_gates(ld, base, r->stages[i].gates, st);
    }
    report_repeated_names(ld, names, ro->nstages, "rollout.stages", "stages");
    free(names);
    if ((ro->analysis = r->analysis != NULL)) {
        get_duration(ld, "rollout.analysis.interval", r->analysis->interval,
                     1, &ro->interval);
        n = 1;
        get_count(ld, "rollout.analysis.failure_limit",
                  r->analysis->failure_limit, 1, 1000000, &n);
        ro->failure_limit = (uint32_t)n;
    }
    if ((ro->validate = r->validate != NULL)) {
        ro->good = strategy_named(ld, "rollout.validate.good",
                                  r->validate->good, sc);
        ro->bad =
            strategy_named(ld, "rollout.validate.bad", r->validate->bad, sc);
        n = 100;
        get_count(ld, "rollout.validate.trials", r->validate->trials, 1,
                  1000000, &n);
        ro->trials = (uint32_t)n;
    }
}

static void
check_slo(struct loader *ld, const struct raw_slo *r, struct slo_config *s)
{
    s->success_rate = 0.999;
    s->window = 10;
    if (r == NULL)
        return;
    if (get_fraction(ld, "slo.success_rate", r->success_rate,
                     &s->success_rate) == 0 &&
        s->success_rate <= 0)
        loader_error(ld, "slo.success_rate",
                     "must be greater than 0%%, got '%s'", r->success_rate);
    get_duration(ld, "slo.window", r->window, 1, &s->window);
}

/* ---- Cost model ------------------------------------------------------ */

/* Amounts, rates and hours: plain numbers from 0 to a generous bound. */
#define MAX_AMOUNT 1e12

static int
get_amount(struct loader *ld, const char *path, const char *raw,
           double *out)
{
    char shown[64];
    double v;

    if (raw == NULL)
        return 0;
    util_printable(raw, shown, sizeof(shown));
    if (util_parse_double(raw, &v) != 0) {
        loader_error(ld, path, "expected a number, got '%s'", shown);
        return -1;
    }
    if (v < 0) {
        loader_error(ld, path, "must not be negative, got '%s'", shown);
        return -1;
    }
    if (v > MAX_AMOUNT) {
        loader_error(ld, path, "must be at most 1e12, got '%s'", shown);
        return -1;
    }
    *out = v;
    return 0;
}

/* The index of the strategy called name, or nstrategies if none is. */
static size_t
find_strategy(const struct scenario *sc, const char *name)
{
    size_t i;

    for (i = 0; i < sc->nstrategies; i++) {
        if (strcmp(sc->strategies[i].name, name) == 0)
            break;
    }
    return i;
}

/* "'x' is not a strategy", with the closest name as a hint. */
static void
not_a_strategy(struct loader *ld, const char *path, const char *name,
               const struct scenario *sc)
{
    const char *best = NULL;
    unsigned d, best_d = 3;
    char shown[128];
    size_t i;

    for (i = 0; i < sc->nstrategies; i++) {
        d = util_edit_distance(name, sc->strategies[i].name);
        if (d < best_d && d < strlen(sc->strategies[i].name)) {
            best_d = d;
            best = sc->strategies[i].name;
        }
    }
    util_printable(name, shown, sizeof(shown));
    if (best != NULL)
        loader_error(ld, path, "'%s' is not one of the strategies (did you "
                     "mean '%s'?)", shown, best);
    else
        loader_error(ld, path, "'%s' is not one of the strategies", shown);
}

static void
check_roi_hours(struct loader *ld, const struct raw_roi *r,
                struct scenario *sc, size_t baseline)
{
    struct roi_config *roi = &sc->roi;
    char path[256];
    unsigned k;
    size_t s;

    for (k = 0; k < r->hours_count; k++) {
        const struct raw_hours *h = &r->hours[k];

        /* lint_keyed remembered each value under this path. */
        snprintf(path, sizeof(path), "roi.implementation_hours.%s",
                 h->strategy);
        s = find_strategy(sc, h->strategy);
        if (s == sc->nstrategies)
            not_a_strategy(ld, path, h->strategy, sc);
        else if (s == baseline)
            loader_error(ld, path, "the baseline is what the others are "
                         "compared with; it takes no implementation hours");
        else
            get_amount(ld, path, h->hours, &roi->implementation_hours[s]);
    }
}

static void
check_roi(struct loader *ld, const struct raw_roi *r, struct scenario *sc)
{
    struct roi_config *roi = &sc->roi;
    size_t baseline;

    if (r == NULL)
        return;
    roi->enabled = 1;
    roi->implementation_hours =
        xcalloc(sc->nstrategies ? sc->nstrategies : 1, sizeof(double));
    baseline = find_strategy(sc, r->baseline);
    if (baseline == sc->nstrategies)
        not_a_strategy(ld, "roi.baseline", r->baseline, sc);
    else
        roi->baseline = baseline;
    get_amount(ld, "roi.downtime_cost_per_minute",
               r->downtime_cost_per_minute, &roi->downtime_cost_per_minute);
    get_amount(ld, "roi.engineer_cost_per_hour", r->engineer_cost_per_hour,
               &roi->engineer_cost_per_hour);
    get_amount(ld, "roi.incidents_per_month", r->incidents_per_month,
               &roi->incidents_per_month);
    get_amount(ld, "roi.manual_intervention_minutes",
               r->manual_intervention_minutes,
               &roi->manual_intervention_minutes);
    check_roi_hours(ld, r, sc, baseline);
}

int
scenario_check(struct loader *ld, const struct raw_scenario *raw,
               struct scenario *sc)
{
    size_t i;

    check_top(ld, raw, sc);
    check_clients(ld, raw->clients, &sc->clients);
    check_service(ld, raw->service, &sc->service);
    sc->nfaults = raw->faults_count;
    sc->faults = xcalloc(sc->nfaults, sizeof(*sc->faults));
    for (i = 0; i < sc->nfaults; i++)
        check_fault(ld, i, &raw->faults[i], &sc->faults[i], sc);
    check_healing(ld, "healing", raw->healing, &sc->healing, sc);
    check_strategies(ld, raw, sc);
    check_slo(ld, raw->slo, &sc->slo);
    check_rollout(ld, raw->rollout, sc);
    check_roi(ld, raw->roi, sc);
    return 0;
}

/* ---- Helpers for the rest of the program ----------------------------- */

void
scenario_free(struct scenario *sc)
{
    size_t i;

    if (sc == NULL)
        return;
    for (i = 0; i < sc->nstrategies; i++)
        free(sc->strategies[i].name);
    free(sc->strategies);
    for (i = 0; i < sc->rollout.nstages; i++)
        free(sc->rollout.stages[i].name);
    free(sc->rollout.stages);
    free(sc->roi.implementation_hours);
    free(sc->faults);
    free(sc->name);
    free(sc->description);
    free(sc->path);
    free(sc);
}

double
scenario_first_fault_start(const struct scenario *sc)
{
    double t = NAN;
    size_t i;

    for (i = 0; i < sc->nfaults; i++) {
        if (!(sc->faults[i].start >= t))
            t = sc->faults[i].start;
    }
    return t;
}

double
scenario_last_fault_end(const struct scenario *sc)
{
    double t = NAN;
    size_t i;

    for (i = 0; i < sc->nfaults; i++) {
        if (!(sc->faults[i].end <= t))
            t = sc->faults[i].end;
    }
    return t;
}

/* ---- Describing a scenario for `stampede validate` ------------------- */

static void
describe_retry(const struct retry_policy *p, FILE *out)
{
    char a[32], b[32];
    unsigned o;
    const char *sep = "";

    util_format_duration(p->kind == RETRY_FIXED ? p->delay : p->base, a,
                         sizeof(a));
    util_format_duration(p->cap, b, sizeof(b));
    switch (p->kind) {
    case RETRY_NONE:
        fputs("no retries\n", out);
        return;
    case RETRY_FIXED:
        fprintf(out, "fixed %s", a);
        break;
    case RETRY_LINEAR:
        util_format_duration(p->increment, b, sizeof(b));
        fprintf(out, "linear from %s by %s", a, b);
        util_format_duration(p->cap, b, sizeof(b));
        fprintf(out, ", cap %s", b);
        break;
    case RETRY_EXPONENTIAL:
        fprintf(out, "exponential from %s x%g, cap %s", a, p->multiplier, b);
        break;
    }
    fprintf(out, ", jitter %s, ", retry_jitter_name(p->jitter));
    if (p->max_attempts == RETRY_UNLIMITED)
        fputs("unlimited attempts", out);
    else
        fprintf(out, "at most %u attempts", p->max_attempts);
    if (isfinite(p->max_total_wait)) {
        util_format_duration(p->max_total_wait, a, sizeof(a));
        fprintf(out, ", waits up to %s in all", a);
    }
    fputs(", retry on ", out);
    for (o = 0; o < OUTCOME_COUNT; o++) {
        if (p->retry_on & OUTCOME_BIT(o)) {
            fprintf(out, "%s%s", sep, outcome_name((enum outcome)o));
            sep = ", ";
        }
    }
    fputc('\n', out);
}

static void
describe_breaker(const struct breaker_config *b, FILE *out)
{
    char a[32], w[32];

    if (b->trip == BREAKER_OFF)
        return;
    util_format_duration(b->open_for, a, sizeof(a));
    fputs("    breaker: opens after ", out);
    if (b->trip == BREAKER_CONSECUTIVE) {
        fprintf(out, "%u failures in a row", b->failure_threshold);
    } else {
        if (b->trip == BREAKER_CALL_WINDOW)
            snprintf(w, sizeof(w), "%u calls", b->window_calls);
        else
            util_format_duration(b->window_seconds, w, sizeof(w));
        fprintf(out, "%g%% failures over the last %s (at least %u calls)",
                b->failure_rate * 100, w, b->minimum_calls);
    }
    fprintf(out, ", open for %s, %u half-open probe%s\n", a,
            b->half_open_calls, b->half_open_calls == 1 ? "" : "s");
}

static void
describe_healing(const char *label, const struct healing_config *h,
                 FILE *out)
{
    char a[96], b[32];
    /* The details sit two columns right of the label, whatever its own. */
    int ind = (int)strspn(label, " ") + 2;

    if (h->mode == HEALING_OFF) {
        if (strcmp(label, "healing") != 0)
            fprintf(out, "%s: none\n", label);
        return;
    }
    util_format_duration(h->check_interval, b, sizeof(b));
    fprintf(out, "%s: %s; a probe every %s, unhealthy below %g%% after %u "
            "failed probes\n", label, healing_mode_name(h->mode), b,
            h->threshold * 100, h->unhealthy_after);
    if (h->restart) {
        util_format_duration(h->restart_duration, a, sizeof(a));
        util_format_duration(h->restart_cooldown, b, sizeof(b));
        fprintf(out, "%*srestart: %s down, at most %u, %s apart\n", ind, "",
                a, h->restart_max, b);
    }
    if (h->failover) {
        util_format_duration(h->switch_time, a, sizeof(a));
        fprintf(out, "%*sfailover: to %u backup servers in %s\n", ind, "",
                h->backup_servers, a);
    }
    if (h->autoscale) {
        util_format_duration(h->scale_delay, a, sizeof(a));
        util_format_duration(h->scale_cooldown, b, sizeof(b));
        fprintf(out, "%*sautoscale: +%u servers after %s, up to %u, %s "
                "apart\n", ind, "", h->scale_step, a, h->scale_max, b);
    }
    if (h->mode == HEALING_SEMI) {
        dist_describe(&h->confirm_time, a, sizeof(a));
        fprintf(out, "%*sa human confirms each action in %s\n", ind, "", a);
    }
    dist_describe(&h->manual_repair, a, sizeof(a));
    fprintf(out, "%*sescalation: a human repairs in %s\n", ind, "", a);
}

static void
describe_fallback(const struct fallback_config *f, FILE *out)
{
    char t[32];

    if (f->kind == FALLBACK_CACHE) {
        util_format_duration(f->ttl, t, sizeof(t));
        fprintf(out, "    fallback: the client's last answer, if younger "
                "than %s\n", t);
    } else if (f->kind == FALLBACK_STATIC) {
        fputs("    fallback: a static default\n", out);
    }
}

static void
describe_budget(const struct budget_config *b, FILE *out)
{
    char w[32];

    switch (b->kind) {
    case BUDGET_TOKEN_BUCKET:
        fprintf(out, "    budget: token bucket of %g, a retry costs %u "
                "(%u after a timeout, %u after a rejection), a success "
                "refunds %u\n", b->capacity, b->retry_cost,
                b->timeout_retry_cost, b->throttle_retry_cost,
                b->success_refund);
        break;
    case BUDGET_GRPC:
        fprintf(out, "    budget: gRPC throttling, %g tokens, %g back per "
                "success, retries while above %g\n", b->max_tokens,
                b->token_ratio, b->max_tokens / 2);
        break;
    case BUDGET_RATIO:
        util_format_duration(b->window, w, sizeof(w));
        fprintf(out, "    budget: retries at most %g%% of requests plus "
                "%g/s over %s\n", b->ratio * 100,
                b->min_retries_per_second, w);
        break;
    default:
        break;
    }
}

static void
describe_fault(const struct fault_spec *f, uint32_t servers, FILE *out)
{
    char a[32], b[32], d[96];

    util_format_duration(f->start, a, sizeof(a));
    util_format_duration(f->end, b, sizeof(b));
    if (f->until_healed)
        fprintf(out, "%s from %s until healed (by %s)",
                fault_kind_name(f->kind), a, fault_cure_name(f->cured_by));
    else
        fprintf(out, "%s from %s to %s", fault_kind_name(f->kind), a, b);
    switch (f->kind) {
    case FAULT_OUTAGE:
        fputs(f->drop_inflight ? ", dropping work in flight (a crash)" : "",
              out);
        break;
    case FAULT_ERRORS:
        fprintf(out, ", %g%% of attempts fail%s", f->rate * 100,
                f->retryable ? "" : " (not retryable)");
        break;
    case FAULT_LATENCY:
        dist_describe(&f->add, d, sizeof(d));
        fprintf(out, ", adding %s", d);
        break;
    case FAULT_CAPACITY:
        fprintf(out, ", %u of %u servers work", fault_capacity(f, servers),
                servers);
        break;
    }
    fputc('\n', out);
}

static void
describe_clients(const struct client_config *c, FILE *out)
{
    const struct arrival_config *a = &c->arrival;
    char x[96], y[32];

    fprintf(out, "clients: %u, ", c->count);
    switch (a->process) {
    case ARRIVAL_POISSON:
        fprintf(out, "poisson arrivals at %g/s each (%g/s in all)", a->rate,
                a->rate * c->count);
        break;
    case ARRIVAL_CLOSED:
        dist_describe(&a->think_time, x, sizeof(x));
        fprintf(out, "closed loop, thinking %s between requests", x);
        break;
    case ARRIVAL_PERIODIC:
        util_format_duration(a->interval, x, sizeof(x));
        fprintf(out, "one request every %s, random phase", x);
        break;
    case ARRIVAL_ONCE:
        util_format_duration(a->at, x, sizeof(x));
        util_format_duration(a->spread, y, sizeof(y));
        fprintf(out, "one request each at %s + U(0, %s)", x, y);
        break;
    }
    util_format_duration(c->timeout, x, sizeof(x));
    util_format_duration(c->deadline, y, sizeof(y));
    fprintf(out, "\n  attempt timeout %s, request deadline %s\n",
            isinf(c->timeout) ? "none" : x, isinf(c->deadline) ? "none" : y);
}

static void
describe_roi(const struct scenario *sc, FILE *out)
{
    const struct roi_config *r = &sc->roi;
    const char *sep = "";
    size_t i;

    fprintf(out, "roi: against %s; downtime costs %g a minute, an engineer "
            "%g an hour;\n  %g incident%s a month, %g minutes of manual "
            "work per escalation\n",
            sc->strategies[r->baseline].name, r->downtime_cost_per_minute,
            r->engineer_cost_per_hour, r->incidents_per_month,
            r->incidents_per_month == 1 ? "" : "s",
            r->manual_intervention_minutes);
    fputs("  implementation: ", out);
    for (i = 0; i < sc->nstrategies; i++) {
        if (r->implementation_hours[i] > 0) {
            fprintf(out, "%s%s %g h", sep, sc->strategies[i].name,
                    r->implementation_hours[i]);
            sep = ", ";
        }
    }
    fputs(*sep ? "\n" : "no hours given\n", out);
}

static void
describe_service(const struct service_config *s, FILE *out)
{
    char a[96];

    dist_describe(&s->network_delay, a, sizeof(a));
    if (s->occ) {
        fprintf(out, "service: one row under optimistic concurrency "
                "(contention occ), answering at once; network delay %s "
                "per leg\n", a);
        return;
    }
    dist_describe(&s->service_time, a, sizeof(a));
    fprintf(out, "service: %u server%s, service time %s\n", s->servers,
            s->servers == 1 ? "" : "s", a);
    if (s->queue_limit == SERVICE_UNLIMITED)
        fputs("  queue unlimited", out);
    else
        fprintf(out, "  queue of %llu", (unsigned long long)s->queue_limit);
    dist_describe(&s->network_delay, a, sizeof(a));
    fprintf(out, ", network delay %s per leg, timed-out attempts %s\n", a,
            s->cancel_on_timeout ? "leave the service"
                                 : "keep their server busy");
}

static void
describe_rollout(const struct scenario *sc, FILE *out)
{
    const struct rollout_config *ro = &sc->rollout;
    char a[32];
    size_t i;
    int g;

    fprintf(out, "rollout: %s in place of %s, %zu stage%s\n",
            sc->strategies[ro->candidate].name,
            sc->strategies[ro->baseline].name, ro->nstages,
            ro->nstages == 1 ? "" : "s");
    for (i = 0; i < ro->nstages; i++) {
        const struct rollout_stage *st = &ro->stages[i];
        const char *sep = ": ";

        fprintf(out, "  %s: %g%% (%u clients)", st->name, st->traffic * 100,
                rollout_cohort(sc->clients.count, st->traffic));
        for (g = 0; g < GATE_COUNT; g++) {
            if (!st->has[g])
                continue;
            if (g == GATE_MAX_ERROR_RATE || g == GATE_MIN_SUCCESS_RATE)
                snprintf(a, sizeof(a), "%g%%", st->threshold[g] * 100);
            else if (g == GATE_MAX_MTTR || g == GATE_MAX_P99_LATENCY)
                util_format_duration(st->threshold[g], a, sizeof(a));
            else
                snprintf(a, sizeof(a), "%g", st->threshold[g]);
            fprintf(out, "%s%s %s", sep, rollout_gate_name((enum gate)g), a);
            sep = ", ";
        }
        fputs(*sep == ':' ? ", no gates\n" : "\n", out);
    }
    if (ro->analysis) {
        util_format_duration(ro->interval, a, sizeof(a));
        fprintf(out, "  analysis: a check every %s, a stage fails at %u "
                "failed\n", a, ro->failure_limit);
    }
    if (ro->validate)
        fprintf(out, "  validate: %u trials each of %s (good) and %s "
                "(bad)\n", ro->trials, sc->strategies[ro->good].name,
                sc->strategies[ro->bad].name);
}

void
scenario_describe(const struct scenario *sc, FILE *out)
{
    const struct service_config *s = &sc->service;
    char a[96], b[32];
    size_t i;

    fprintf(out, "scenario %s (%s)\n", sc->name, sc->path);
    if (sc->description[0] != '\0')
        fprintf(out, "  %s\n", sc->description);
    util_format_duration(sc->duration, a, sizeof(a));
    util_format_duration(sc->bucket, b, sizeof(b));
    fprintf(out, "run: %s in buckets of %s, seed %llu, %u replication%s\n",
            a, b, (unsigned long long)sc->seed, sc->replications,
            sc->replications == 1 ? "" : "s");
    describe_clients(&sc->clients, out);

    describe_service(s, out);

    fprintf(out, "faults: %zu\n", sc->nfaults);
    for (i = 0; i < sc->nfaults; i++) {
        fprintf(out, "  [%zu] ", i);
        describe_fault(&sc->faults[i], s->servers, out);
    }
    fprintf(out, "strategies: %zu\n", sc->nstrategies);
    for (i = 0; i < sc->nstrategies; i++) {
        fprintf(out, "  %s: ", sc->strategies[i].name);
        describe_retry(&sc->strategies[i].retry, out);
        describe_breaker(&sc->strategies[i].breaker, out);
        describe_budget(&sc->strategies[i].budget, out);
        describe_fallback(&sc->strategies[i].fallback, out);
        if (sc->strategies[i].healing_set)
            describe_healing("    healing", &sc->strategies[i].healing, out);
    }
    describe_healing("healing", &sc->healing, out);
    util_format_duration(sc->slo.window, a, sizeof(a));
    fprintf(out, "slo: %g%% of attempts succeed, held for %s\n",
            sc->slo.success_rate * 100, a);
    if (sc->roi.enabled)
        describe_roi(sc, out);
    if (sc->rollout.enabled)
        describe_rollout(sc, out);
    fprintf(out, "runs: %zu strateg%s x %u replication%s = %zu\n",
            sc->nstrategies, sc->nstrategies == 1 ? "y" : "ies",
            sc->replications, sc->replications == 1 ? "" : "s",
            sc->nstrategies * sc->replications);
}
