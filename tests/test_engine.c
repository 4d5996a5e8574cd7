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

int
suite_engine(void)
{
    static const struct test_entry tests[] = {
        {"fires in time order and drops past the horizon",
         test_engine_fires_in_time_order_and_drops_past_the_horizon},
        {"stops when asked", test_engine_stops_when_asked},
        {NULL, NULL},
    };

    return tests_add_suite("engine", tests);
}
