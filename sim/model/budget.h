/*
 * Retry budgets, one per client: whether a retry may be made at all,
 * whatever the retry policy says. Three kinds, after the libraries that
 * practitioners configure:
 *   - the AWS SDKs' standard-mode token bucket: a retry takes tokens (more
 *     after a timeout), a success gives back what its retry took, or a
 *     small refund when it needed no retry;
 *   - gRPC retry throttling: each failed attempt takes a token, each
 *     success gives back token_ratio, and retries stop while the tokens
 *     are at or below half of max_tokens;
 *   - a ratio budget (Finagle, Linkerd): over a sliding window, retries
 *     may be at most ratio times the requests, plus min_retries_per_second
 *     times the window.
 */
#ifndef BUDGET_H
#define BUDGET_H

#include <stdint.h>

#include "outcome.h"

enum budget_kind {
    BUDGET_NONE,
    BUDGET_TOKEN_BUCKET,
    BUDGET_GRPC,
    BUDGET_RATIO
};

#define BUDGET_TIME_SLOTS 10

struct budget_config {
    enum budget_kind kind;
    /* token bucket; costs are whole tokens */
    double capacity;
    uint32_t retry_cost;
    uint32_t timeout_retry_cost;  /* a retry after a timeout */
    uint32_t throttle_retry_cost; /* a retry after a rejection */
    uint32_t success_refund;      /* a success that needed no retry */
    /* gRPC */
    double max_tokens;
    double token_ratio;
    /* ratio */
    double ratio;
    double min_retries_per_second;
    double window;                /* seconds */
};

struct budget {
    double tokens; /* token bucket and gRPC */
    struct {
        uint32_t slice;
        uint32_t requests;
        uint32_t retries;
    } slot[BUDGET_TIME_SLOTS]; /* ratio */
};

/* A full budget. */
void budget_init(const struct budget_config *c, struct budget *b);

/* A new logical request starts (the ratio budget counts them). */
void budget_on_request(const struct budget_config *c, struct budget *b,
                       double now);

/*
 * May the client retry after an attempt that failed with o? If so the
 * retry's cost is taken now and returned in *cost (0 for kinds without
 * costs), for budget_on_success to give back. Returns 1 or 0.
 */
int budget_try_retry(const struct budget_config *c, struct budget *b,
                     double now, enum outcome o, uint32_t *cost);

/*
 * An attempt succeeded; retry_cost is what the retry that made it took
 * (0 for a first attempt).
 */
void budget_on_success(const struct budget_config *c, struct budget *b,
                       int was_retry, uint32_t retry_cost);

/* An attempt failed (gRPC counts them). */
void budget_on_failure(const struct budget_config *c, struct budget *b);

#endif
