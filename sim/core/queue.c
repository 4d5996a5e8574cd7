/*
 * A 4-ary implicit heap of events stored by value.
 *
 * Why this layout: the pending set of a retry storm holds millions of
 * timers at once, so the queue is memory-bound. Events are 24 bytes and
 * sit in one array, so a node's four children share one or two cache
 * lines, and a 4-ary heap has half the depth of a binary one. Pops cost
 * O(log n) comparisons of (time, order). A calendar or ladder queue could
 * reach O(1) but loses its advantage when retry delays spread over five
 * orders of magnitude (10 ms service times, 32 s backoff caps), and its
 * tie order is harder to keep exact.
 */
#include <stdlib.h>

#include "../sim.h"
#include "queue.h"
#include "util.h"

#define ARITY 4

struct queue {
    struct event *heap;
    size_t len;
    size_t cap;
    size_t peak;
    uint64_t next_seq;
};

struct queue *
queue_new(void)
{
    struct queue *q = xcalloc(1, sizeof(*q));

    q->cap = 1024;
    q->heap = xmalloc(q->cap * sizeof(*q->heap));
    return q;
}

void
queue_free(struct queue *q)
{
    if (q == NULL)
        return;
    free(q->heap);
    free(q);
}

static inline int
earlier(const struct event *a, const struct event *b)
{
    return a->time < b->time || (a->time == b->time && a->order < b->order);
}

void
queue_push(struct queue *q, double t, unsigned kind, uint32_t arg,
           uint32_t gen)
{
    struct event ev;
    size_t i, parent;

    SIM_ASSERT(t == t && kind < QUEUE_MAX_KINDS);
    SIM_ASSERT(q->next_seq < (UINT64_C(1) << (64 - QUEUE_KIND_BITS)));
    if (q->len == q->cap) {
        q->cap *= 2;
        q->heap = xreallocarray(q->heap, q->cap, sizeof(*q->heap));
    }

    ev.time = t;
    ev.order = q->next_seq++ << QUEUE_KIND_BITS | kind;
    ev.arg = arg;
    ev.gen = gen;

    /* Sift up: move parents down until ev's place is found. */
    for (i = q->len++; i > 0; i = parent) {
        parent = (i - 1) / ARITY;
        if (!earlier(&ev, &q->heap[parent]))
            break;
        q->heap[i] = q->heap[parent];
    }
    q->heap[i] = ev;
    if (q->len > q->peak)
        q->peak = q->len;
}

int
queue_pop(struct queue *q, struct event *out)
{
    struct event last;
    size_t i, child, best, end, c;

    if (q->len == 0)
        return -1;
    *out = q->heap[0];
    last = q->heap[--q->len];

    /* Sift down the last element from the root. */
    i = 0;
    for (;;) {
        child = i * ARITY + 1;
        if (child >= q->len)
            break;
        end = child + ARITY < q->len ? child + ARITY : q->len;
        best = child;
        for (c = child + 1; c < end; c++) {
            if (earlier(&q->heap[c], &q->heap[best]))
                best = c;
        }
        if (!earlier(&q->heap[best], &last))
            break;
        q->heap[i] = q->heap[best];
        i = best;
    }
    q->heap[i] = last;
    return 0;
}

const struct event *
queue_peek(const struct queue *q)
{
    return q->len ? &q->heap[0] : NULL;
}

size_t
queue_len(const struct queue *q)
{
    return q->len;
}

size_t
queue_peak(const struct queue *q)
{
    return q->peak;
}
