/*
 * Retry budgets as plain state machines over a per-client struct.
 */
#include <math.h>
#include <string.h>

#include "../sim.h"
#include "budget.h"

void
budget_init(const struct budget_config *c, struct budget *b)
{
    memset(b, 0, sizeof(*b));
    if (c->kind == BUDGET_TOKEN_BUCKET)
        b->tokens = c->capacity;
    else if (c->kind == BUDGET_GRPC)
        b->tokens = c->max_tokens;
}

/*
 * The ratio budget's slot of time now, emptied if it held older counts.
 * XXX: the window moves in steps of one slot, as a breaker's time window
 * does (README.md, known limitations).
 */
static unsigned
slot_of(const struct budget_config *c, struct budget *b, double now,
        uint32_t *slice)
{
    double width = c->window / BUDGET_TIME_SLOTS;
    unsigned i;

    *slice = (uint32_t)floor(now / width);
    i = *slice % BUDGET_TIME_SLOTS;
    if (b->slot[i].slice != *slice) {
        b->slot[i].slice = *slice;
        b->slot[i].requests = 0;
        b->slot[i].retries = 0;
    }
    return i;
}

void
budget_on_request(const struct budget_config *c, struct budget *b,
                  double now)
{
    uint32_t slice;

    if (c->kind == BUDGET_RATIO)
        b->slot[slot_of(c, b, now, &slice)].requests++;
}

static int
ratio_allows(const struct budget_config *c, struct budget *b, double now)
{
    uint32_t slice, requests = 0, retries = 0;
    unsigned i, cur = slot_of(c, b, now, &slice);

    for (i = 0; i < BUDGET_TIME_SLOTS; i++) {
        if (b->slot[i].slice + BUDGET_TIME_SLOTS > slice &&
            b->slot[i].slice <= slice) {
            requests += b->slot[i].requests;
            retries += b->slot[i].retries;
        }
    }
    if ((double)retries + 1 >
        c->ratio * requests + c->min_retries_per_second * c->window + 1e-9)
        return 0;
    b->slot[cur].retries++;
    return 1;
}

int
budget_try_retry(const struct budget_config *c, struct budget *b,
                 double now, enum outcome o, uint32_t *cost)
{
    uint32_t need;

    *cost = 0;
    switch (c->kind) {
    case BUDGET_NONE:
        return 1;
    case BUDGET_TOKEN_BUCKET:
        need = o == OUTCOME_TIMEOUT    ? c->timeout_retry_cost
               : o == OUTCOME_REJECTED ? c->throttle_retry_cost
                                       : c->retry_cost;
        if (b->tokens < need)
            return 0;
        b->tokens -= need;
        *cost = need;
        return 1;
    case BUDGET_GRPC:
        return b->tokens > c->max_tokens / 2;
    case BUDGET_RATIO:
        return ratio_allows(c, b, now);
    }
    return 1;
}

void
budget_on_success(const struct budget_config *c, struct budget *b,
                  int was_retry, uint32_t retry_cost)
{
    if (c->kind == BUDGET_TOKEN_BUCKET) {
        b->tokens += was_retry ? retry_cost : c->success_refund;
        if (b->tokens > c->capacity)
            b->tokens = c->capacity;
    } else if (c->kind == BUDGET_GRPC) {
        b->tokens += c->token_ratio;
        if (b->tokens > c->max_tokens)
            b->tokens = c->max_tokens;
    }
}

void
budget_on_failure(const struct budget_config *c, struct budget *b)
{
    if (c->kind == BUDGET_GRPC) {
        b->tokens -= 1;
        if (b->tokens < 0)
            b->tokens = 0;
    }
}
