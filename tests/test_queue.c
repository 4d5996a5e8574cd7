/*
 * The pending-event queue against a sorted reference: pops must come out
 * in (time, insertion) order, which is what makes runs repeatable.
 */
#include <stdlib.h>

#include "../sim/core/queue.h"
#include "tests.h"

/*
 * Most times fall inside the calendar's span, some after it, so that both
 * tiers and the hand-over between them are exercised.
 */
#define SPAN 100.0

/* A small LCG so that the test data does not depend on any library. */
static uint32_t
lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void
test_queue_equal_times_keep_insertion_order(void)
{
    struct queue *q = queue_new(SPAN);
    struct event ev;
    uint32_t state = 7, i, last_arg = 0;
    double last_time = -1;

    /* 3000 events on only 5 distinct times, pushed in random order. */
    for (i = 0; i < 3000; i++)
        queue_push(q, (double)(lcg(&state) % 5), 1, i, 0);
    while (queue_pop(q, &ev) == 0) {
        CU_ASSERT(ev.time >= last_time);
        if (ev.time == last_time)
            CU_ASSERT(ev.arg > last_arg);
        last_time = ev.time;
        last_arg = ev.arg;
    }
    queue_free(q);
}

struct ref {
    double t;
    uint32_t seq;
};

static int
ref_order(const void *a, const void *b)
{
    const struct ref *x = a, *y = b;

    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
test_queue_pops_match_a_sorted_reference(void)
{
    enum { N = 20000 };
    struct ref *ref = malloc(N * sizeof(*ref));
    struct queue *q = queue_new(SPAN);
    struct event ev;
    uint32_t state = 12345, i;

    for (i = 0; i < N; i++) {
        /* Coarse times so that ties are common. */
        ref[i].t = (double)(lcg(&state) % 1000) / 8;
        ref[i].seq = i;
        queue_push(q, ref[i].t, i % 200, i, i ^ 0x5a5a);
    }
    qsort(ref, N, sizeof(*ref), ref_order);
    for (i = 0; i < N; i++) {
        CU_ASSERT_FATAL(queue_pop(q, &ev) == 0);
        CU_ASSERT(ev.time == ref[i].t);
        CU_ASSERT(ev.arg == ref[i].seq);
        CU_ASSERT(ev.gen == (ref[i].seq ^ 0x5a5a));
        CU_ASSERT(event_kind(&ev) == ref[i].seq % 200);
    }
    CU_ASSERT(queue_pop(q, &ev) == -1);
    CU_ASSERT(queue_peak(q) == N);
    queue_free(q);
    free(ref);
}

static void
test_queue_bursts_and_span_edges_keep_order(void)
{
    /*
     * A burst of 5000 events at one instant (one fine bucket), times on
     * and around the calendar's coarse and fine boundaries and its end,
     * and times past it, pushed while popping: the pops must equal a
     * sorted reference of everything pushed.
     */
    enum { N = 30000 };
    struct ref *ref = malloc(N * sizeof(*ref));
    struct queue *q = queue_new(SPAN);
    struct event ev;
    uint32_t state = 4242, i, n = 0, popped = 0;
    double t, edges[] = {0, SPAN / 4096, SPAN / 4096 / 1024, SPAN * 0.5,
                         SPAN - 1e-9, SPAN, SPAN + 1e-9, 2 * SPAN};

    for (i = 0; i < N; i++) {
        if (i < 5000)
            t = 37.5;
        else if (i % 7 == 0)
            t = edges[lcg(&state) % 8];
        else
            t = (double)(lcg(&state) % 240000) / 1000;
        ref[n].t = t;
        ref[n].seq = n;
        queue_push(q, t, 0, n++, 0);
    }
    qsort(ref, N, sizeof(*ref), ref_order);
    while (queue_pop(q, &ev) == 0) {
        CU_ASSERT_FATAL(popped < N);
        CU_ASSERT(ev.time == ref[popped].t);
        CU_ASSERT(ev.arg == ref[popped].seq);
        popped++;
    }
    CU_ASSERT(popped == N);
    queue_free(q);
    free(ref);
}

static void
test_queue_interleaved_pushes_and_pops_stay_ordered(void)
{
    struct queue *q = queue_new(SPAN);
    struct event ev;
    uint32_t state = 99, i;
    uint64_t last_order = 0;
    double now = 0;

    /*
     * Hold model: pop one, push one at or after now, as an engine does.
     * Times are multiples of 10 ms, so ties are frequent, also with
     * events pushed into the part of the calendar already under way;
     * the clock runs far past the span.
     */
    for (i = 0; i < 1000; i++)
        queue_push(q, (double)(lcg(&state) % 10000) / 100, 0, i, 0);
    for (i = 0; i < 100000; i++) {
        CU_ASSERT_FATAL(queue_pop(q, &ev) == 0);
        CU_ASSERT(ev.time >= now);
        CU_ASSERT(ev.time > now || ev.order > last_order);
        now = ev.time;
        last_order = ev.order;
        queue_push(q, now + (double)(lcg(&state) % 1000) / 100, 0, i, 0);
        if (i % 3 == 0)
            queue_push(q, now, 0, i, 1);
    }
    CU_ASSERT(queue_len(q) == 1000 + 33334);
    CU_ASSERT(queue_peek(q) != NULL && queue_peek(q)->time >= now);
    queue_free(q);
}

/*
 * queue_pop_before against a brute-force reference, as the engine uses
 * it: one event held outside the queue (stamped with queue_stamp) and
 * the queue's events leave in one (time, insertion) order. The held
 * event moves on in small steps, as an arrival process does, while the
 * queue's next event is often further ahead, so that the queue must
 * not refill past the held event's time. Events in the first coarse
 * bucket are pushed before the first pop, and pushes tie with now and
 * with the held event's time.
 */
static void
test_queue_pop_before_matches_a_reference(void)
{
    enum { MAXPEND = 400, STEPS = 40000 };
    struct ref *pend = malloc(MAXPEND * sizeof(*pend));
    struct queue *q = queue_new(SPAN);
    struct event ev, held;
    /* queue_push and queue_stamp take sequence numbers 0, 1, 2, ... */
    uint32_t state = 2024, i, n = 0, best, k, from_queue = 0, seq = 0;
    double now = 0, t;

    for (i = 0; i < 150; i++) {
        t = i < 100 ? (double)(lcg(&state) % 1000) * 2e-5 /* < 0.02 s */
                    : (double)(lcg(&state) % 10000) / 100;
        pend[n].t = t;
        pend[n].seq = seq++;
        queue_push(q, t, 0, n++, 0);
    }
    held.time = 0.01;
    held.order = queue_stamp(q, 1);
    CU_ASSERT_FATAL(held.order >> QUEUE_KIND_BITS == seq++);
    held.arg = held.gen = 0;

    for (i = 0; i < STEPS; i++) {
        int rc = queue_pop_before(q, &held, &ev);

        CU_ASSERT_FATAL(rc == 0 || rc == 1 || (rc == -1 && n == 0));
        /* The reference's earliest queued event. */
        best = n;
        for (k = 0; k < n; k++) {
            if (best == n || ref_order(&pend[k], &pend[best]) < 0)
                best = k;
        }
        if (best < n && (pend[best].t < held.time ||
                         (pend[best].t == held.time &&
                          pend[best].seq < held.order >> QUEUE_KIND_BITS))) {
            CU_ASSERT_FATAL(rc == 0);
            CU_ASSERT_FATAL(ev.time == pend[best].t);
            CU_ASSERT_FATAL(ev.order >> QUEUE_KIND_BITS == pend[best].seq);
            pend[best] = pend[--n];
            from_queue++;
        } else {
            CU_ASSERT_FATAL(rc != 0);
            ev = held;
            held.time = ev.time + (double)(lcg(&state) % 50) * 1e-4;
            held.order = queue_stamp(q, 1);
            CU_ASSERT_FATAL(held.order >> QUEUE_KIND_BITS == seq++);
        }
        CU_ASSERT_FATAL(ev.time >= now);
        now = ev.time;
        /*
         * The held event starts a chain of queued events, each of which
         * goes on with probability 1/2: about 2 queued pops for each held
         * one, some hundred pending. Each push lands at now, at the held
         * time, soon after now, or up to 3 s later.
         */
        for (k = rc != 0 ? 1 : lcg(&state) % 2; k > 0 && n < MAXPEND; k--) {
            switch (lcg(&state) % 4) {
            case 0: t = now; break;
            case 1: t = held.time; break;
            case 2: t = now + (double)(lcg(&state) % 100) * 1e-4; break;
            default: t = now + (double)(lcg(&state) % 300) / 100; break;
            }
            pend[n].t = t;
            pend[n].seq = seq++;
            queue_push(q, t, 0, n++, 0);
        }
    }
    /* Both sides took turns: the test did exercise the bound. */
    CU_ASSERT(from_queue > STEPS / 4 && from_queue < STEPS * 3 / 4);
    CU_ASSERT(queue_len(q) == n);
    queue_free(q);
    free(pend);
}

/* The load hook's record: visits per event and whether it was popped. */
struct visits {
    uint8_t seen[20000];
    uint8_t popped[20000];
    int bad;
};

static void
count_visit(void *ctx, const struct event *ev, size_t n)
{
    struct visits *v = ctx;
    size_t i;

    for (i = 0; i < n; i++) {
        if (v->popped[ev[i].arg] || ++v->seen[ev[i].arg] > 1)
            v->bad++;
    }
}
/*
 * The load hook sees each event at most once and before its pop, and
 * every event that waited in the calendar (pushed more than two coarse
 * buckets ahead) exactly once: a model prefetches from it, and a missed
 * or repeated visit would only cost time, so only this test can tell.
 */
static void
test_queue_load_hook_sees_each_event_once(void)
{
    static struct visits v;
    struct queue *q = queue_new(SPAN);
    struct event ev;
    uint32_t state = 77, id = 0, popped = 0;
    double far = 2 * SPAN / 4096, delay[20000];

    queue_on_load(q, count_visit, &v);
    for (; id < 2000; id++) {
        delay[id] = (double)(lcg(&state) % 2000) / 100;
        queue_push(q, delay[id], 3, id, 0);
    }
    while (queue_pop(q, &ev) == 0) {
        CU_ASSERT_FATAL(ev.arg < id);
        CU_ASSERT(v.seen[ev.arg] <= 1);
        if (delay[ev.arg] > far)
            CU_ASSERT(v.seen[ev.arg] == 1);
        v.popped[ev.arg] = 1;
        popped++;
        /* Follow-ups close by (into the loaded span and just after it)
         * and far ahead. */
        if (id < 20000) {
            delay[id] = lcg(&state) % 2 ? (double)(lcg(&state) % 100) * 1e-5
                                        : (double)(lcg(&state) % 2000) / 100;
            queue_push(q, ev.time + delay[id], 3, id, 0);
            id++;
        }
    }
    CU_ASSERT(popped == 20000);
    CU_ASSERT(v.bad == 0);
    queue_free(q);
}

int
suite_queue(void)
{
    static const struct test_entry tests[] = {
        {"equal times keep insertion order",
         test_queue_equal_times_keep_insertion_order},
        {"pops match a sorted reference",
         test_queue_pops_match_a_sorted_reference},
        {"bursts and span edges keep order",
         test_queue_bursts_and_span_edges_keep_order},
        {"interleaved pushes and pops stay ordered",
         test_queue_interleaved_pushes_and_pops_stay_ordered},
        {"pop before a held event matches a reference",
         test_queue_pop_before_matches_a_reference},
        {"load hook sees each event once",
         test_queue_load_hook_sees_each_event_once},
        {NULL, NULL},
    };

    return tests_add_suite("queue", tests);
}
