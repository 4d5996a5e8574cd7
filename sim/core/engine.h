/*
 * The discrete-event engine: a clock, the pending events and a run loop.
 * It knows nothing of clients or services; a model registers one handler
 * per event kind and schedules events.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>

#include "queue.h"

struct engine;

/*
 * What another thread may see of a run in progress, and how it may end
 * it. The engine publishes its counts every 65536 events (relaxed
 * atomics: they are for progress displays, not for results).
 */
struct engine_watch {
    volatile sig_atomic_t *stop; /* non-zero: end the run early */
    _Atomic uint64_t events;     /* events fired so far */
    _Atomic uint32_t ppm;        /* the clock, in millionths of the horizon */
};

/* A handler receives the model's context and the event being fired. */
typedef void (*engine_handler)(void *ctx, const struct event *ev);

/*
 * A new engine whose clock starts at 0 and stops at horizon (seconds):
 * events at or after the horizon are never scheduled, so they cost no
 * memory. watch, if not NULL, receives progress and its stop flag is
 * polled; it must outlive the engine.
 */
struct engine *engine_new(double horizon, struct engine_watch *watch);
void engine_free(struct engine *e);

/* Register the handler of an event kind (< QUEUE_MAX_KINDS). */
void engine_on(struct engine *e, unsigned kind, engine_handler fn,
               void *ctx);

/*
 * Register a hint: fn(ctx, ev, n) is called with pending events of any
 * kind some time before they fire, many at a time, so that the model can
 * prefetch what their handlers will read (a pure optimisation: it must
 * not change any state). Events that are pushed to fire very soon may
 * not be shown.
 */
typedef void (*engine_prefetch)(void *ctx, const struct event *ev,
                                size_t n);
void engine_on_prefetch(struct engine *e, engine_prefetch fn, void *ctx);

/*
 * Declare that at most one event of kind (registered) is ever pending,
 * as for a source that schedules its next arrival when one fires. The
 * engine keeps that event beside the queue instead of in it, which
 * spares it a push and a pop; the order of events does not change. At
 * most ENGINE_MAX_SINGLES kinds.
 */
#define ENGINE_MAX_SINGLES 4
void engine_single(struct engine *e, unsigned kind);

/*
 * Schedule an event at absolute time t >= now. Returns 1 when it was
 * queued, 0 when t is at or beyond the horizon and it was dropped.
 */
int engine_at(struct engine *e, double t, unsigned kind, uint32_t arg,
              uint32_t gen);

/* The current simulated time in seconds. */
double engine_now(const struct engine *e);
double engine_horizon(const struct engine *e);

/*
 * Fire events in time order until none is left before the horizon.
 * Returns 0, or SIM_EINTR when stopped through the stop flag.
 */
int engine_run(struct engine *e);

/*
 * Events fired so far, and the peak number pending at once (the queue's
 * peak plus the most single events held at once: a bound within
 * ENGINE_MAX_SINGLES of the true peak).
 */
uint64_t engine_events(const struct engine *e);
size_t engine_peak_pending(const struct engine *e);

#endif
