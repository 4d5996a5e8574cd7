/*
 * The breaker state machine. It knows nothing of events: the model asks
 * it before each call, tells it each outcome, and ends open periods.
 */
#include <math.h>
#include <string.h>

#include "../sim.h"
#include "breaker.h"

void
breaker_init(struct breaker *b)
{
    memset(b, 0, sizeof(*b));
    b->state = BREAKER_CLOSED;
}

int
breaker_allow(const struct breaker_config *c, struct breaker *b)
{
    switch (b->state) {
    case BREAKER_CLOSED:
        return 1;
    case BREAKER_OPEN:
        return 0;
    default:
        if (b->probes >= c->half_open_calls)
            return 0;
        b->probes++;
        return 1;
    }
}

/* Forget the counts, as a breaker does when it changes state. */
static void
clear_counts(struct breaker *b)
{
    b->consecutive = 0;
    b->head = 0;
    b->calls = 0;
    memset(b->failed, 0, sizeof(b->failed));
    memset(b->slot, 0, sizeof(b->slot));
    b->probes = 0;
    b->successes = 0;
}

/* Count the outcome in the window; true when the breaker should trip. */
static int
count_call_window(const struct breaker_config *c, struct breaker *b,
                  int failure)
{
    uint64_t bit = UINT64_C(1) << (b->head % 64);
    uint64_t *word = &b->failed[b->head / 64];
    uint32_t i, failures = 0;

    if (b->calls < c->window_calls)
        b->calls++;
    *word = failure ? *word | bit : *word & ~bit;
    b->head = (uint16_t)((b->head + 1) % c->window_calls);
    if (b->calls < c->minimum_calls)
        return 0;
    for (i = 0; i < c->window_calls; i++)
        failures += (unsigned)(b->failed[i / 64] >> (i % 64)) & 1u;
    return (double)failures >= c->failure_rate * b->calls - 1e-9;
}

static int
count_time_window(const struct breaker_config *c, struct breaker *b,
                  double now, int failure)
{
    /*
     * XXX: the window moves in steps of one slot, so it covers between
     * (SLOTS - 1) / SLOTS and all of its length (README.md, known
     * limitations).
     */
    double width = c->window_seconds / BREAKER_TIME_SLOTS;
    uint32_t slice = (uint32_t)floor(now / width), calls = 0, failures = 0;
    unsigned i = slice % BREAKER_TIME_SLOTS;

    if (b->slot[i].slice != slice || b->slot[i].calls == 0) {
        b->slot[i].slice = slice;
        b->slot[i].calls = 0;
        b->slot[i].failures = 0;
    }
    if (b->slot[i].calls < UINT16_MAX) {
        b->slot[i].calls++;
        b->slot[i].failures += failure != 0;
    }
    for (i = 0; i < BREAKER_TIME_SLOTS; i++) {
        if (b->slot[i].calls > 0 &&
            b->slot[i].slice + BREAKER_TIME_SLOTS > slice) {
            calls += b->slot[i].calls;
            failures += b->slot[i].failures;
        }
    }
    return calls >= c->minimum_calls &&
           (double)failures >= c->failure_rate * calls - 1e-9;
}

static enum breaker_change
open_breaker(struct breaker *b)
{
    b->state = BREAKER_OPEN;
    b->gen++;
    clear_counts(b);
    return BREAKER_OPENED;
}

enum breaker_change
breaker_record(const struct breaker_config *c, struct breaker *b,
               double now, int failure)
{
    int trip = 0;

    if (b->state == BREAKER_OPEN)
        return BREAKER_SAME; /* a late answer to a call made before */
    if (b->state == BREAKER_HALF_OPEN) {
        if (failure)
            return open_breaker(b);
        if (++b->successes < c->half_open_calls)
            return BREAKER_SAME;
        b->state = BREAKER_CLOSED;
        clear_counts(b);
        return BREAKER_CLOSED_AGAIN;
    }

    switch (c->trip) {
    case BREAKER_CONSECUTIVE:
        b->consecutive = failure ? b->consecutive + 1 : 0;
        trip = b->consecutive >= c->failure_threshold;
        break;
    case BREAKER_CALL_WINDOW:
        trip = count_call_window(c, b, failure);
        break;
    case BREAKER_TIME_WINDOW:
        trip = count_time_window(c, b, now, failure);
        break;
    default:
        SIM_ASSERT(!"breaker without a trip rule");
    }
    return trip ? open_breaker(b) : BREAKER_SAME;
}

int
breaker_half_open(struct breaker *b, uint32_t gen)
{
    if (b->state != BREAKER_OPEN || b->gen != gen)
        return 0;
    b->state = BREAKER_HALF_OPEN;
    b->probes = 0;
    b->successes = 0;
    return 1;
}
