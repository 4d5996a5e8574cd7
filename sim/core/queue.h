/*
 * The pending-event set: a priority queue of events ordered by time, and
 * among equal times by insertion order, so that a run is repeatable bit
 * for bit.
 */
#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>
#include <stdint.h>

/*
 * An event is a plain value, copied in and out of the queue. kind selects
 * the handler; arg and gen are the handler's (typically an entity index
 * and a generation that tells a stale event from a live one).
 */
struct event {
    double time;     /* simulated seconds */
    uint64_t order;  /* insertion sequence << 8 | kind; ties break on it */
    uint32_t arg;
    uint32_t gen;
};

#define QUEUE_KIND_BITS 8
#define QUEUE_MAX_KINDS (1u << QUEUE_KIND_BITS)

static inline unsigned
event_kind(const struct event *ev)
{
    return (unsigned)(ev->order & (QUEUE_MAX_KINDS - 1));
}

/* Does a leave before b: earlier in time, or pushed first at equal time? */
static inline int
event_earlier(const struct event *a, const struct event *b)
{
    return a->time < b->time || (a->time == b->time && a->order < b->order);
}

struct queue;

/*
 * A new empty queue for events mostly in [0, span) seconds (the run's
 * horizon; events past it are fine, just slower). Free it with
 * queue_free, which accepts NULL.
 */
struct queue *queue_new(double span);
void queue_free(struct queue *q);

/*
 * The bytes a queue holding events pending events may take at most: its
 * fixed tables plus each event with the slack of its chunk, of the fine
 * bucket it is spread into and of the free chunks kept for reuse. A
 * double, so that absurd counts do not overflow. For the memory check
 * before a run.
 */
double queue_footprint(double events);

/*
 * Optional: call fn(ctx, ev, n) for events ev[0, n) shortly (about one
 * or two loaded buckets) before they are popped: once for each event
 * that goes through the calendar, none for those pushed into the span
 * already loaded. A model uses it to prefetch the memory the events will
 * touch.
 */
typedef void (*queue_visit)(void *ctx, const struct event *ev, size_t n);
void queue_on_load(struct queue *q, queue_visit fn, void *ctx);

/*
 * Add an event at time t (finite) of the given kind (< QUEUE_MAX_KINDS).
 * Events with equal times leave in the order they were pushed.
 */
void queue_push(struct queue *q, double t, unsigned kind, uint32_t arg,
                uint32_t gen);

/* Remove the earliest event into *out; returns 0, or -1 when empty. */
int queue_pop(struct queue *q, struct event *out);

/*
 * Remove the earliest event into *out if it leaves before *bound (any
 * event when bound is NULL): returns 0 when it did, 1 when the earliest
 * does not leave before *bound, -1 when the queue is empty.
 */
int queue_pop_before(struct queue *q, const struct event *bound,
                     struct event *out);

/*
 * The order field (see struct event) of an event of kind pushed now,
 * taking the next insertion sequence number as queue_push does: for an
 * event kept outside the queue that must still tie-break as if inside.
 */
uint64_t queue_stamp(struct queue *q, unsigned kind);

/* The earliest event without removing it, or NULL when empty. */
const struct event *queue_peek(struct queue *q);

size_t queue_len(const struct queue *q);

/* The largest number of events that were pending at once. */
size_t queue_peak(const struct queue *q);

#endif
