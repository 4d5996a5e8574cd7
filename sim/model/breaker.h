/*
 * Circuit breakers, one per client, with the semantics of resilience4j:
 * closed, they count outcomes (consecutive failures, or the failure rate
 * over a window of calls or of time) and open when too many fail; open,
 * they fail calls at once inside the client for open_for; then half-open,
 * they let half_open_calls probes through: a failed probe opens them
 * again, and when every probe has succeeded they close.
 */
#ifndef BREAKER_H
#define BREAKER_H

#include <stdint.h>

enum breaker_trip {
    BREAKER_OFF,         /* no breaker */
    BREAKER_CONSECUTIVE, /* failure_threshold failures in a row */
    BREAKER_CALL_WINDOW, /* failure_rate over the last window_calls calls */
    BREAKER_TIME_WINDOW  /* failure_rate over the last window_seconds */
};

#define BREAKER_MAX_WINDOW_CALLS 256
#define BREAKER_TIME_SLOTS 10

struct breaker_config {
    enum breaker_trip trip;
    uint32_t failure_threshold;
    double failure_rate;    /* fraction */
    uint32_t window_calls;  /* 1 .. BREAKER_MAX_WINDOW_CALLS */
    double window_seconds;
    uint32_t minimum_calls; /* calls in the window before the rate counts */
    double open_for;        /* seconds */
    uint32_t half_open_calls;
};

enum breaker_state { BREAKER_CLOSED, BREAKER_OPEN, BREAKER_HALF_OPEN };

/*
 * The state of one client's breaker. Time windows are kept in
 * BREAKER_TIME_SLOTS slices of window_seconds / BREAKER_TIME_SLOTS, so
 * the window covers between 90 % and 100 % of its length.
 */
struct breaker {
    uint8_t state;
    uint16_t probes;     /* half-open: calls let through */
    uint16_t successes;  /* half-open: probes that succeeded */
    uint32_t gen;        /* bumped at every opening */
    uint32_t consecutive;
    uint16_t head;       /* call window: next bit to write */
    uint16_t calls;      /* call window: calls in it */
    uint64_t failed[BREAKER_MAX_WINDOW_CALLS / 64];
    struct {
        uint32_t slice;
        uint16_t calls;
        uint16_t failures;
    } slot[BREAKER_TIME_SLOTS];
};

/* What a call or an outcome did to the breaker. */
enum breaker_change {
    BREAKER_SAME,
    BREAKER_OPENED, /* from closed or half-open */
    BREAKER_CLOSED_AGAIN
};

/* Reset b to closed with empty windows. */
void breaker_init(struct breaker *b);

/*
 * May a call go through at time now? Closed: yes. Open: no (the call is
 * short-circuited). Half-open: yes for the first half_open_calls calls.
 */
int breaker_allow(const struct breaker_config *c, struct breaker *b);

/*
 * Record the outcome of a call that went through; failure is non-zero
 * for a failure. Returns what changed; on BREAKER_OPENED the caller ends
 * the open period with breaker_half_open after c->open_for seconds.
 */
enum breaker_change breaker_record(const struct breaker_config *c,
                                   struct breaker *b, double now,
                                   int failure);

/* The open period of generation gen is over: half-open, if still open. */
int breaker_half_open(struct breaker *b, uint32_t gen);

#endif
