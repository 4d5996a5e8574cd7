/*
 * The run loop: time order, the horizon, the event count and stopping.
 */
#include "../sim/core/engine.h"
#include "../sim/sim.h"
#include "tests.h"

struct trace {
    struct engine *e;
    double times[16];
    uint32_t args[16];
    int n;
};

static void
record(void *ctx, const struct event *ev)
{
    struct trace *t = ctx;

    CU_ASSERT(engine_now(t->e) == ev->time);
    if (t->n < 16) {
        t->times[t->n] = ev->time;
        t->args[t->n] = ev->arg;
    }
    t->n++;
}

static void
test_engine_fires_in_time_order_and_drops_past_the_horizon(void)
{
    struct trace t = {0};

    t.e = engine_new(10.0, NULL);
    engine_on(t.e, 3, record, &t);
    CU_ASSERT(engine_at(t.e, 5, 3, 1, 0) == 1);
    CU_ASSERT(engine_at(t.e, 2, 3, 2, 0) == 1);
    CU_ASSERT(engine_at(t.e, 10, 3, 3, 0) == 0); /* at the horizon */
    CU_ASSERT(engine_at(t.e, 5, 3, 4, 0) == 1);  /* tie: after arg 1 */
    CU_ASSERT(engine_run(t.e) == 0);
    CU_ASSERT_FATAL(t.n == 3);
    CU_ASSERT(t.args[0] == 2 && t.args[1] == 1 && t.args[2] == 4);
    CU_ASSERT(engine_events(t.e) == 3);
    engine_free(t.e);
}

struct chain {
    struct engine *e;
    volatile sig_atomic_t *stop;
    uint64_t fired;
};

/* Published counts of a watch, read as a progress display would. */
static uint64_t
watched_events(struct engine_watch *w)
{
    return atomic_load_explicit(&w->events, memory_order_relaxed);
}

/* Each event schedules the next one; after 100000 it raises stop. */
static void
step(void *ctx, const struct event *ev)
{
    struct chain *c = ctx;

    if (++c->fired == 100000)
        *c->stop = 1;
    engine_at(c->e, ev->time + 1e-3, 0, 0, 0);
}

static void
test_engine_stops_when_asked(void)
{
    volatile sig_atomic_t stop = 0;
    struct engine_watch watch = {.stop = &stop};
    struct chain c = {0};

    c.e = engine_new(1e9, &watch);
    c.stop = &stop;
    engine_on(c.e, 0, step, &c);
    engine_at(c.e, 0, 0, 0, 0);
    CU_ASSERT(engine_run(c.e) == SIM_EINTR);
    /* The flag is polled every 65536 events: at most that many more. */
    CU_ASSERT(c.fired >= 100000 && c.fired <= 100000 + 65536);
    /* What was published is what was fired (at a multiple of 65536). */
    CU_ASSERT(watched_events(&watch) == c.fired);
    CU_ASSERT(c.fired % 65536 == 0);
    engine_free(c.e);
}

/*
 * Two sources that each keep one next event pending (kinds 1 and 2,
 * with ties among themselves and with kind 3 events in the queue) and
 * a stream of queued events that each source adds to.
 */
struct sources {
    struct engine *e;
    uint32_t trace[64];
    double times[64];
    int n;
};

static void
source_fired(void *ctx, const struct event *ev)
{
    struct sources *s = ctx;
    unsigned kind = event_kind(ev);
    double now = engine_now(s->e);

    if (s->n < 64) {
        s->trace[s->n] = kind << 16 | ev->arg;
        s->times[s->n] = now;
    }
    s->n++;
    if (kind == 3)
        return;
    /* Kind 1 every 0.5 s, kind 2 every 0.25 s: they tie at each 0.5. */
    engine_at(s->e, now + (kind == 1 ? 0.5 : 0.25), kind, ev->arg + 1, 0);
    engine_at(s->e, now + 0.5, 3, ev->arg, 0);
}

static void
run_sources(struct sources *s, int singles)
{
    s->e = engine_new(5.0, NULL);
    s->n = 0;
    engine_on(s->e, 1, source_fired, s);
    engine_on(s->e, 2, source_fired, s);
    engine_on(s->e, 3, source_fired, s);
    if (singles) {
        engine_single(s->e, 1);
        engine_single(s->e, 2);
    }
    engine_at(s->e, 0.5, 3, 100, 0);
    engine_at(s->e, 0, 2, 0, 0);
    engine_at(s->e, 0, 1, 0, 0);
    CU_ASSERT(engine_run(s->e) == 0);
}

/*
 * Kinds declared single leave the queue but not the order: the same
 * events must fire in the same order, ties included, as when every
 * event is queued (the queue is checked against a sorted reference in
 * its own suite).
 */
static void
test_engine_single_kinds_keep_the_order_of_the_queue(void)
{
    static struct sources queued, held;
    int i;

    run_sources(&queued, 0);
    run_sources(&held, 1);
    CU_ASSERT_FATAL(queued.n == held.n && queued.n > 40);
    for (i = 0; i < queued.n && i < 64; i++) {
        CU_ASSERT(queued.trace[i] == held.trace[i]);
        CU_ASSERT(queued.times[i] == held.times[i]);
    }
    CU_ASSERT(engine_events(held.e) == engine_events(queued.e));
    /* Two singles and the queued events pending at most at once. */
    CU_ASSERT(engine_peak_pending(held.e) == engine_peak_pending(queued.e));
    engine_free(queued.e);
    engine_free(held.e);
}

int
suite_engine(void)
{
    static const struct test_entry tests[] = {
        {"fires in time order and drops past the horizon",
         test_engine_fires_in_time_order_and_drops_past_the_horizon},
        {"stops when asked", test_engine_stops_when_asked},
        {"single kinds keep the order of the queue",
         test_engine_single_kinds_keep_the_order_of_the_queue},
        {NULL, NULL},
    };

    return tests_add_suite("engine", tests);
}
