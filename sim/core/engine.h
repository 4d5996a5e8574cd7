/*
 * The discrete-event engine: a clock, the pending events and a run loop.
 * It knows nothing of clients or services; a model registers one handler
 * per event kind and schedules events.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <signal.h>
#include <stdint.h>

#include "queue.h"

struct engine;

/* A handler receives the model's context and the event being fired. */
typedef void (*engine_handler)(void *ctx, const struct event *ev);

/*
 * A new engine whose clock starts at 0 and stops at horizon (seconds):
 * events at or after the horizon are never scheduled, so they cost no
 * memory. stop, if not NULL, is polled during the run; when it becomes
 * non-zero the run ends early.
 */
struct engine *engine_new(double horizon, volatile sig_atomic_t *stop);
void engine_free(struct engine *e);

/* Register the handler of an event kind (< QUEUE_MAX_KINDS). */
void engine_on(struct engine *e, unsigned kind, engine_handler fn,
               void *ctx);

/*
 * Register a hint for an event kind: fn(ctx, ev) is called some time
 * before the event fires, so that the model can prefetch what the handler
 * will read (a pure optimisation: it must not change any state).
 */
void engine_on_prefetch(struct engine *e, unsigned kind, engine_handler fn);

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

/* Events fired so far, and the peak number pending at once. */
uint64_t engine_events(const struct engine *e);
size_t engine_peak_pending(const struct engine *e);

#endif
