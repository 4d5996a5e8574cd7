/*
 * The pending events: a calendar of time buckets in front of a small
 * 4-ary heap.
 *
 * Why this layout: in a retry storm millions of timers are pending at
 * once, spread over tens of seconds, while the next few thousand events
 * fall within milliseconds. A single heap of millions pays a dozen cache
 * misses per pop (measured: 59 % of the run time at 300,000 clients).
 * Here an event far in the future is appended, unsorted, to the bucket of
 * its time (O(1), one cache line); when the clock reaches a bucket, its
 * events are heapified into the near heap, which stays about one bucket's
 * worth in size and so in cache. This is the idea of the calendar queue
 * (Brown, 1988) with a fixed year equal to the run's horizon, which the
 * engine knows, instead of a resized one.
 *
 * Order is exact: every event is popped from the heap, ordered by time
 * and then insertion sequence, and the tiers partition time (the heap
 * holds events before near_end, the buckets those at or after it), so
 * ties keep insertion order as a single heap would.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "queue.h"
#include "util.h"

#define ARITY 4
/*
 * Buckets over the span. Measured on the herd workload at 10^6 clients
 * (300 s, about 300,000 events/s): 2^16 buckets ran in 26.9 s, 2^18 in
 * 24.2 s, 2^20 in 27.5 s, and doubling the buckets on demand from 2^12
 * in 32.6 s (more buckets mean more cache misses on appends; fewer mean
 * bigger near heaps).
 */
#define CALENDAR_BUCKETS (1u << 18)

struct bucket {
    struct event *ev;
    uint32_t len, cap;
};

struct queue {
    struct event *heap; /* near tier: events before near_end */
    size_t len, cap;
    struct bucket *cal; /* bucket i: [i * width, (i + 1) * width) */
    size_t nbuckets;
    double width;
    double span;        /* the end of the calendar */
    size_t cur;         /* first bucket not yet moved into the heap */
    double near_end;
    struct bucket far;  /* events at or after span, merged at the end */
    size_t count, peak;
    uint64_t next_seq;
    queue_visit on_load;
    void *on_load_ctx;
};

struct queue *
queue_new(double span)
{
    struct queue *q = xcalloc(1, sizeof(*q));

    q->cap = 1024;
    q->heap = xmalloc(q->cap * sizeof(*q->heap));
    if (span > 0 && isfinite(span)) {
        q->nbuckets = CALENDAR_BUCKETS;
        q->cal = xcalloc(q->nbuckets, sizeof(*q->cal));
        q->width = span / (double)q->nbuckets;
        q->span = span;
    }
    q->near_end = q->nbuckets ? 0 : INFINITY;
    return q;
}

void
queue_free(struct queue *q)
{
    size_t i;

    if (q == NULL)
        return;
    for (i = 0; i < q->nbuckets; i++)
        free(q->cal[i].ev);
    free(q->cal);
    free(q->far.ev);
    free(q->heap);
    free(q);
}

void
queue_on_load(struct queue *q, queue_visit fn, void *ctx)
{
    q->on_load = fn;
    q->on_load_ctx = ctx;
}

static inline int
earlier(const struct event *a, const struct event *b)
{
    return a->time < b->time || (a->time == b->time && a->order < b->order);
}

static void
heap_reserve(struct queue *q, size_t n)
{
    if (n <= q->cap)
        return;
    while (q->cap < n)
        q->cap *= 2;
    q->heap = xreallocarray(q->heap, q->cap, sizeof(*q->heap));
}

static void
heap_insert(struct queue *q, const struct event *ev)
{
    size_t i, parent;

    heap_reserve(q, q->len + 1);
    /* Sift up: move parents down until ev's place is found. */
    for (i = q->len++; i > 0; i = parent) {
        parent = (i - 1) / ARITY;
        if (!earlier(ev, &q->heap[parent]))
            break;
        q->heap[i] = q->heap[parent];
    }
    q->heap[i] = *ev;
}

/* Sift ev down from slot i of a heap of len events. */
static void
sift_down(struct event *heap, size_t len, size_t i, struct event ev)
{
    size_t child, best, end, c;

    for (;;) {
        child = i * ARITY + 1;
        if (child >= len)
            break;
        end = child + ARITY < len ? child + ARITY : len;
        best = child;
        for (c = child + 1; c < end; c++) {
            if (earlier(&heap[c], &heap[best]))
                best = c;
        }
        if (!earlier(&heap[best], &ev))
            break;
        heap[i] = heap[best];
        i = best;
    }
    heap[i] = ev;
}

static void
bucket_append(struct bucket *b, const struct event *ev)
{
    if (b->len == b->cap) {
        SIM_ASSERT(b->cap < UINT32_MAX / 2);
        b->cap = b->cap ? 2 * b->cap : 8;
        b->ev = xreallocarray(b->ev, b->cap, sizeof(*b->ev));
    }
    b->ev[b->len++] = *ev;
}

static double
bucket_start(const struct queue *q, size_t i)
{
    return (double)i * q->width;
}

/* The bucket holding t, for near_end <= t < span. */
static size_t
bucket_of(const struct queue *q, double t)
{
    size_t i = (size_t)(t / q->width);

    /* Rounding can be off by one: settle on start(i) <= t < start(i+1). */
    if (i >= q->nbuckets)
        i = q->nbuckets - 1;
    while (i > q->cur && t < bucket_start(q, i))
        i--;
    while (i + 1 < q->nbuckets && t >= bucket_start(q, i + 1))
        i++;
    return i;
}

void
queue_push(struct queue *q, double t, unsigned kind, uint32_t arg,
           uint32_t gen)
{
    struct event ev;

    SIM_ASSERT(t == t && kind < QUEUE_MAX_KINDS);
    SIM_ASSERT(q->next_seq < (UINT64_C(1) << (64 - QUEUE_KIND_BITS)));
    ev.time = t;
    ev.order = q->next_seq++ << QUEUE_KIND_BITS | kind;
    ev.arg = arg;
    ev.gen = gen;

    if (t < q->near_end)
        heap_insert(q, &ev);
    else if (t >= q->span)
        bucket_append(&q->far, &ev);
    else
        bucket_append(&q->cal[bucket_of(q, t)], &ev);
    if (++q->count > q->peak)
        q->peak = q->count;
}

/* Move the events of b into the empty heap and heapify them (Floyd). */
static void
load_heap(struct queue *q, struct bucket *b)
{
    size_t i;

    heap_reserve(q, b->len);
    for (i = 0; i < b->len; i++)
        q->heap[i] = b->ev[i];
    if (q->on_load != NULL) {
        for (i = 0; i < b->len; i++)
            q->on_load(q->on_load_ctx, &b->ev[i]);
    }
    q->len = b->len;
    for (i = q->len / ARITY + 1; i-- > 0;)
        sift_down(q->heap, q->len, i, q->heap[i]);
    free(b->ev);
    b->ev = NULL;
    b->len = b->cap = 0;
}

/* Fill the empty heap from the next non-empty bucket; 0 when none. */
static int
refill(struct queue *q)
{
    while (q->len == 0) {
        if (q->cur < q->nbuckets) {
            load_heap(q, &q->cal[q->cur++]);
            q->near_end = q->cur < q->nbuckets ? bucket_start(q, q->cur)
                                               : q->span;
        } else if (q->far.len > 0) {
            load_heap(q, &q->far);
            q->near_end = INFINITY;
        } else {
            q->near_end = INFINITY;
            return 0;
        }
    }
    return 1;
}

int
queue_pop(struct queue *q, struct event *out)
{
    if (q->len == 0 && !refill(q))
        return -1;
    *out = q->heap[0];
    q->len--;
    if (q->len > 0)
        sift_down(q->heap, q->len, 0, q->heap[q->len]);
    q->count--;
    return 0;
}

const struct event *
queue_peek(struct queue *q)
{
    return q->len > 0 || refill(q) ? &q->heap[0] : NULL;
}

size_t
queue_len(const struct queue *q)
{
    return q->count;
}

size_t
queue_peak(const struct queue *q)
{
    return q->peak;
}
