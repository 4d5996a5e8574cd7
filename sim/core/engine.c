/*
 * The run loop. Events are values in the pending queue; firing one sets
 * the clock and calls the handler of its kind.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "engine.h"
#include "util.h"

/* How many events run between two looks at the stop flag. */
#define STOP_POLL_MASK 0xffff

struct engine {
    struct queue *pending;
    double now;
    double horizon;
    uint64_t fired;
    uint64_t published; /* events already added to watch->events */
    struct engine_watch *watch;
    engine_handler handlers[QUEUE_MAX_KINDS];
    void *contexts[QUEUE_MAX_KINDS];

    /* Kinds with at most one pending event, kept out of the queue. */
    uint8_t single_slot[QUEUE_MAX_KINDS]; /* 1 + slot, 0 when not single */
    struct event singles[ENGINE_MAX_SINGLES];
    unsigned nsingles;
    unsigned singles_pending; /* bit per slot */
    unsigned nsingles_pending;
    unsigned peak_singles;    /* most of them pending at once */
    const struct event *next_single; /* the earliest pending, or NULL */
};

struct engine *
engine_new(double horizon, struct engine_watch *watch)
{
    struct engine *e = xcalloc(1, sizeof(*e));

    SIM_ASSERT(horizon > 0 && isfinite(horizon));
    e->pending = queue_new(horizon);
    e->horizon = horizon;
    e->watch = watch;
    return e;
}

void
engine_free(struct engine *e)
{
    if (e == NULL)
        return;
    queue_free(e->pending);
    free(e);
}

void
engine_on(struct engine *e, unsigned kind, engine_handler fn, void *ctx)
{
    SIM_ASSERT(kind < QUEUE_MAX_KINDS);
    e->handlers[kind] = fn;
    e->contexts[kind] = ctx;
}

void
engine_on_prefetch(struct engine *e, engine_prefetch fn, void *ctx)
{
    queue_on_load(e->pending, fn, ctx);
}

void
engine_single(struct engine *e, unsigned kind)
{
    SIM_ASSERT(kind < QUEUE_MAX_KINDS && e->handlers[kind] != NULL);
    SIM_ASSERT(e->single_slot[kind] == 0 &&
               e->nsingles < ENGINE_MAX_SINGLES);
    e->single_slot[kind] = (uint8_t)(++e->nsingles);
}

/* Find the earliest pending single event again. */
static void
update_next_single(struct engine *e)
{
    unsigned i;

    e->next_single = NULL;
    for (i = 0; i < e->nsingles; i++) {
        if ((e->singles_pending & 1u << i) &&
            (e->next_single == NULL ||
             event_earlier(&e->singles[i], e->next_single)))
            e->next_single = &e->singles[i];
    }
}

/* Keep the event of a single kind in its slot. */
static void
hold_single(struct engine *e, unsigned slot, double t, unsigned kind,
            uint32_t arg, uint32_t gen)
{
    struct event *ev = &e->singles[slot];

    SIM_ASSERT(!(e->singles_pending & 1u << slot));
    ev->time = t;
    ev->order = queue_stamp(e->pending, kind);
    ev->arg = arg;
    ev->gen = gen;
    e->singles_pending |= 1u << slot;
    if (e->nsingles_pending++ == 0)
        e->next_single = ev; /* the usual case: the only one */
    else
        update_next_single(e);
    if (e->nsingles_pending > e->peak_singles)
        e->peak_singles = e->nsingles_pending;
}

int
engine_at(struct engine *e, double t, unsigned kind, uint32_t arg,
          uint32_t gen)
{
    SIM_ASSERT(t >= e->now); /* also rejects NaN */
    SIM_ASSERT(kind < QUEUE_MAX_KINDS && e->handlers[kind] != NULL);
    if (t >= e->horizon)
        return 0;
    if (e->single_slot[kind] != 0)
        hold_single(e, e->single_slot[kind] - 1u, t, kind, arg, gen);
    else
        queue_push(e->pending, t, kind, arg, gen);
    return 1;
}

double
engine_now(const struct engine *e)
{
    return e->now;
}

double
engine_horizon(const struct engine *e)
{
    return e->horizon;
}

/* Tell the watcher how far the run is; 1 when it should stop. */
static int
publish(struct engine *e)
{
    struct engine_watch *w = e->watch;

    atomic_fetch_add_explicit(&w->events, e->fired - e->published,
                              memory_order_relaxed);
    e->published = e->fired;
    atomic_store_explicit(&w->ppm, (uint32_t)(e->now / e->horizon * 1e6),
                          memory_order_relaxed);
    return w->stop != NULL && *w->stop;
}

/*
 * The next event into *ev: from the queue, or the earliest single event
 * if it leaves first. 0, or -1 when none is left.
 */
static int
next_event(struct engine *e, struct event *ev)
{
    const struct event *single = e->next_single;

    if (queue_pop_before(e->pending, single, ev) == 0)
        return 0;
    if (single == NULL)
        return -1;
    *ev = *single;
    e->singles_pending &= ~(1u << (unsigned)(single - e->singles));
    if (--e->nsingles_pending == 0)
        e->next_single = NULL;
    else
        update_next_single(e);
    return 0;
}

int
engine_run(struct engine *e)
{
    struct event ev;
    unsigned kind;

    while (next_event(e, &ev) == 0) {
        e->now = ev.time;
        kind = event_kind(&ev);
        e->handlers[kind](e->contexts[kind], &ev);
        e->fired++;
        if ((e->fired & STOP_POLL_MASK) == 0 && e->watch != NULL &&
            publish(e))
            return SIM_EINTR;
    }
    if (e->watch != NULL)
        publish(e);
    return 0;
}

uint64_t
engine_events(const struct engine *e)
{
    return e->fired;
}

size_t
engine_peak_pending(const struct engine *e)
{
    return queue_peak(e->pending) + e->peak_singles;
}
