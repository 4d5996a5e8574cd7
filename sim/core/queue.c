/*
 * The pending events: a two-level calendar of time buckets in front of a
 * sorted run and a small 4-ary heap.
 *
 * Why this layout: in a retry storm millions of timers are pending at
 * once, spread over tens of seconds, while the next few thousand events
 * fall within milliseconds. A single heap of millions pays a dozen cache
 * misses per pop (measured: 59 % of the run time at 300,000 clients). A
 * calendar (Brown, 1988) appends a far event, unsorted, to the bucket of
 * its time and sorts only the bucket the clock has reached. With one
 * level of fine buckets, though, the appends scatter over megabytes of
 * bucket tails and each one misses the cache: 2^18 buckets over 300 s
 * ran no faster than a bare hold loop on the same queue.
 *
 * So the calendar has two levels, as a ladder queue does: far events go
 * to one of COARSE buckets over the span (a few hundred of them receive
 * appends at any time, not hundreds of thousands); when the clock
 * reaches a coarse bucket its events are spread over FINE sub-buckets.
 * Each sub-bucket in turn (or 2^merge of them at once, as many as keep
 * about MERGE_TARGET events together: choose_merge) is copied into the
 * run and sorted there (by insertion; a crowded one by merging), and
 * pops take the run's events in order. An event pushed into the span
 * already loaded goes to the heap, which so stays small; a pop takes the
 * earlier of the run's head and the heap's top. The year is fixed: the
 * run's horizon, which the engine knows.
 *
 * Order is exact: the run and the heap are ordered by time and then
 * insertion sequence, and the tiers partition time (run and heap before
 * near_end <= fine buckets before group_end <= coarse buckets before
 * span <= far), so ties keep insertion order as a single heap would.
 * Bucket boundaries are all g * fine_width for a whole g, computed one
 * way everywhere, so that an event's bucket never disagrees with them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "queue.h"
#include "util.h"

#define ARITY 4
#define COARSE 4096u
#define FINE 1024u

/* A fine bucket: an array, kept from one group to the next. */
struct bucket {
    struct event *ev;
    uint32_t len, cap;
};

/*
 * A coarse bucket: a chain of chunks from the queue's own free list, so
 * that the storage of a spread bucket serves the next ones instead of
 * going back to malloc, whose large blocks come back from the kernel as
 * fresh pages to fault in and zero (6 % of a 10^6-client run).
 */
#define CHUNK_EVENTS 64

struct chunk {
    struct chunk *next;
    struct event ev[CHUNK_EVENTS];
};

/*
 * Every chunk but the tail is full, so the chain's length tells where
 * the next event goes: an append touches the chain and one slot, not
 * the tail chunk's header as well (a cache miss per append in a storm,
 * with hundreds of tails in use).
 */
struct chain {
    struct chunk *head;
    struct chunk *tail;
    size_t len;
};

/* The events in chunk c of chain b (all but the tail are full). */
static inline size_t
chunk_len(const struct chain *b, const struct chunk *c)
{
    size_t rest = b->len % CHUNK_EVENTS;

    return c == b->tail && rest != 0 ? rest : CHUNK_EVENTS;
}

struct queue {
    struct event *run;    /* the loaded bucket, sorted, from run_head */
    size_t run_head, run_len, run_cap;
    struct event *heap;   /* events pushed before near_end after the load */
    size_t len, cap;
    double fine_width;    /* fine bucket g is [g w, (g + 1) w) */
    double span;          /* COARSE * FINE * fine_width */
    struct chain *coarse;
    struct bucket fine[FINE]; /* the group of coarse bucket cur_coarse */
    uint64_t fine_used[FINE / 64]; /* fine buckets that hold events */
    size_t cur_coarse;    /* the coarse bucket spread over fine */
    size_t cur_fine;      /* next fine bucket of that group to load */
    unsigned merge;       /* fine[j] holds 2^merge of them, from j << merge */
    size_t group_pops;    /* events popped since the group was spread */
    int spread;           /* cur_coarse has been spread over fine */
    double near_end;
    double group_end;
    struct chain far;     /* events at or after span, merged at the end */
    struct chunk *spare;  /* free chunks */
    size_t count, peak;
    uint64_t next_seq;
    queue_visit on_load;  /* the load hook, or NULL */
    void *on_load_ctx;
    size_t ahead;         /* the fine bucket visited ahead, or FINE */
    uint32_t ahead_seen;  /* how many of its events were visited */
};

struct queue *
queue_new(double span)
{
    struct queue *q = xcalloc(1, sizeof(*q));

    q->ahead = FINE;
    q->cap = 1024;
    q->heap = xmalloc(q->cap * sizeof(*q->heap));
    q->run_cap = 1024;
    q->run = xmalloc(q->run_cap * sizeof(*q->run));
    if (span > 0 && isfinite(span)) {
        q->coarse = xcalloc(COARSE, sizeof(*q->coarse));
        q->fine_width = span / ((double)COARSE * FINE);
        q->span = (double)(COARSE * FINE) * q->fine_width;
        q->near_end = 0;
        q->group_end = 0;
    } else {
        q->near_end = INFINITY;
        q->group_end = INFINITY;
    }
    return q;
}

static void
free_chunks(struct chunk *c)
{
    struct chunk *next;

    for (; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
}

double
queue_footprint(double events)
{
    double fixed = sizeof(struct queue) +
                   (double)COARSE * sizeof(struct chain) +
                   2048.0 * sizeof(struct event); /* run and heap */

    /*
     * An event sits in a chunk of a coarse bucket; when its group is
     * spread it is copied to a fine bucket's array and then to the run,
     * while the chunk waits on the free list for reuse. Only one group is
     * spread at a time, so one more copy per event is a generous bound,
     * unless nearly all events fall in one group (all at the same time),
     * which can take two more.
     */
    return fixed + events * ((double)sizeof(struct chunk) / CHUNK_EVENTS +
                             sizeof(struct event));
}

void
queue_free(struct queue *q)
{
    size_t i;

    if (q == NULL)
        return;
    for (i = 0; q->coarse != NULL && i < COARSE; i++)
        free_chunks(q->coarse[i].head);
    for (i = 0; i < FINE; i++)
        free(q->fine[i].ev);
    free(q->coarse);
    free_chunks(q->far.head);
    free_chunks(q->spare);
    free(q->heap);
    free(q->run);
    free(q);
}

void
queue_on_load(struct queue *q, queue_visit fn, void *ctx)
{
    q->on_load = fn;
    q->on_load_ctx = ctx;
}

/* Room for n events in the array *ev of *cap, grown by doubling. */
static void
reserve(struct event **ev, size_t *cap, size_t n)
{
    if (n <= *cap)
        return;
    while (*cap < n)
        *cap *= 2;
    *ev = xreallocarray(*ev, *cap, sizeof(**ev));
}

static void
heap_insert(struct queue *q, const struct event *ev)
{
    size_t i, parent;

    reserve(&q->heap, &q->cap, q->len + 1);
    /* Sift up: move parents down until ev's place is found. */
    for (i = q->len++; i > 0; i = parent) {
        parent = (i - 1) / ARITY;
        if (!event_earlier(ev, &q->heap[parent]))
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
            if (event_earlier(&heap[c], &heap[best]))
                best = c;
        }
        if (!event_earlier(&heap[best], &ev))
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
        b->cap = b->cap ? 2 * b->cap : 16;
        b->ev = xreallocarray(b->ev, b->cap, sizeof(*b->ev));
    }
    b->ev[b->len++] = *ev;
}

static void
chain_append(struct queue *q, struct chain *b, const struct event *ev)
{
    struct chunk *c = b->tail;
    size_t slot = b->len % CHUNK_EVENTS;

    if (slot == 0) {
        c = q->spare;
        if (c != NULL)
            q->spare = c->next;
        else
            c = xmalloc(sizeof(*c));
        c->next = NULL;
        if (b->tail != NULL)
            b->tail->next = c;
        else
            b->head = c;
        b->tail = c;
    }
    c->ev[slot] = *ev;
    b->len++;
}

/* Give the chunks of b back to the free list. */
static void
chain_clear(struct queue *q, struct chain *b)
{
    if (b->head != NULL) {
        b->tail->next = q->spare;
        q->spare = b->head;
    }
    b->head = b->tail = NULL;
    b->len = 0;
}

/* Append to fine bucket j of the current group, marking it used. */
static void
fine_append(struct queue *q, size_t j, const struct event *ev)
{
    bucket_append(&q->fine[j], ev);
    q->fine_used[j / 64] |= UINT64_C(1) << (j % 64);
}

/*
 * The first used fine bucket at or after j, or FINE: sparse runs (a few
 * events an hour) would otherwise walk a million empty buckets.
 */
static size_t
next_used_fine(const struct queue *q, size_t j)
{
    uint64_t word;

    while (j < FINE) {
        word = q->fine_used[j / 64] >> (j % 64);
        if (word != 0)
            return j + (size_t)__builtin_ctzll(word);
        j = (j / 64 + 1) * 64;
    }
    return FINE;
}

/* The start of fine bucket g (over the whole span). */
static inline double
boundary(const struct queue *q, size_t g)
{
    /* Through int64_t: a signed conversion is one instruction. */
    return (double)(int64_t)g * q->fine_width;
}

/*
 * The fine bucket g holding t, no lower than lo: division can round
 * either way, so settle on boundary(g) <= t < boundary(g + 1).
 */
static size_t
fine_index(const struct queue *q, double t, size_t lo)
{
    size_t g = (size_t)(int64_t)(t / q->fine_width), top = COARSE * FINE - 1;

    if (g > top)
        g = top;
    while (g > lo && t < boundary(q, g))
        g--;
    while (g < top && t >= boundary(q, g + 1))
        g++;
    return g < lo ? lo : g;
}

uint64_t
queue_stamp(struct queue *q, unsigned kind)
{
    SIM_ASSERT(kind < QUEUE_MAX_KINDS);
    SIM_ASSERT(q->next_seq < (UINT64_C(1) << (64 - QUEUE_KIND_BITS)));
    return q->next_seq++ << QUEUE_KIND_BITS | kind;
}

void
queue_push(struct queue *q, double t, unsigned kind, uint32_t arg,
           uint32_t gen)
{
    struct event ev;
    size_t base;

    SIM_ASSERT(t == t);
    ev.time = t;
    ev.order = queue_stamp(q, kind);
    ev.arg = arg;
    ev.gen = gen;

    if (t < q->near_end) {
        heap_insert(q, &ev);
    } else if (t < q->group_end) {
        base = q->cur_coarse * FINE;
        fine_append(q,
                    (fine_index(q, t, base + q->cur_fine) - base) >> q->merge,
                    &ev);
    } else if (t < q->span) {
        /*
         * The first coarse bucket not spread yet: cur_coarse itself
         * before the first refill. (Clamped to the next one, an early
         * event would sit after near_end's promise that nothing queued
         * comes before it, and refill relies on that.)
         */
        base = (q->cur_coarse + (size_t)q->spread) * FINE;
        chain_append(q, &q->coarse[fine_index(q, t, base) / FINE], &ev);
    } else {
        chain_append(q, &q->far, &ev);
    }
    if (++q->count > q->peak)
        q->peak = q->count;
}

static int
compare_events(const void *a, const void *b)
{
    return event_earlier(a, b) ? -1 : event_earlier(b, a);
}

/* Sort the n events of r by insertion: few steps for a short array. */
static void
insertion_sort(struct event *r, size_t n)
{
    struct event ev;
    size_t i, j;

    for (i = 1; i < n; i++) {
        ev = r[i];
        for (j = i; j > 0 && event_earlier(&ev, &r[j - 1]); j--)
            r[j] = r[j - 1];
        r[j] = ev;
    }
}

/* Merge the sorted a[0, na) and b[0, nb) into out. */
static void
merge_events(const struct event *a, size_t na, const struct event *b,
             size_t nb, struct event *out)
{
    const struct event *a_end = a + na, *b_end = b + nb;

    while (a < a_end && b < b_end)
        *out++ = event_earlier(b, a) ? *b++ : *a++;
    while (a < a_end)
        *out++ = *a++;
    while (b < b_end)
        *out++ = *b++;
}

/*
 * Sort the n events of src into dst, clobbering src: a bottom-up merge
 * sort over runs sorted by insertion, with the comparison inline. At
 * 10^6 clients a fine bucket in the outage holds about 25 events and
 * many hold more than INSERTION_MAX; glibc's qsort, which calls its
 * comparison through a pointer, took 11 % of that run.
 */
#define SORTED_RUN 16

static void
merge_sort(struct event *src, struct event *dst, size_t n)
{
    struct event *from, *to, *swap;
    size_t passes = 0, width, i, mid, end;

    for (width = SORTED_RUN; width < n; width *= 2)
        passes++;
    /* The passes alternate between the arrays: end in dst. */
    if (passes % 2 == 0) {
        memcpy(dst, src, n * sizeof(*src));
        from = dst;
        to = src;
    } else {
        from = src;
        to = dst;
    }
    for (i = 0; i < n; i += SORTED_RUN)
        insertion_sort(from + i, n - i < SORTED_RUN ? n - i : SORTED_RUN);
    for (width = SORTED_RUN; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            mid = i + width < n ? i + width : n;
            end = i + 2 * width < n ? i + 2 * width : n;
            merge_events(from + i, mid - i, from + mid, end - mid, to + i);
        }
        swap = from;
        from = to;
        to = swap;
    }
}

/* Show the events ev[from, to) to the load hook. */
static inline void
visit(struct queue *q, const struct event *ev, size_t from, size_t to)
{
    if (from < to)
        q->on_load(q->on_load_ctx, ev + from, to - from);
}

/*
 * Move the events of fine bucket j into the empty run, sorted. A loaded
 * bucket holds about MERGE_TARGET events, where insertion sort takes
 * fewer steps than building a heap and sifting it at every pop; a
 * crowded one is merge-sorted, with the bucket's own array as the
 * scratch space.
 *
 * The load hooks see the events of the next used bucket, a bucket
 * ahead of their pops, so that what they prefetch has a bucket's time
 * to arrive; here they see those of this bucket that came after that
 * visit. (With the hooks run on the bucket being loaded, the first
 * events of each run were popped before their records came: at 10^6
 * clients the look-ahead took 0.92 to 0.95 of the wall time, medians of
 * two sets of three paired runs; at 10^5 it made no difference.)
 */
#define INSERTION_MAX 32

static void
load_run(struct queue *q, size_t j)
{
    struct bucket *b = &q->fine[j];
    size_t next;

    if (q->on_load != NULL)
        visit(q, b->ev, j == q->ahead ? q->ahead_seen : 0, b->len);
    reserve(&q->run, &q->run_cap, b->len);
    if (b->len > INSERTION_MAX) {
        merge_sort(b->ev, q->run, b->len);
    } else {
        memcpy(q->run, b->ev, b->len * sizeof(*b->ev));
        insertion_sort(q->run, b->len);
    }
    q->run_head = 0;
    q->run_len = b->len;
    b->len = 0; /* keep the storage: fine buckets are reused */
    if (q->on_load != NULL && (next = next_used_fine(q, j + 1)) < FINE) {
        /* It may have been visited already, from an earlier bucket. */
        visit(q, q->fine[next].ev, next == q->ahead ? q->ahead_seen : 0,
              q->fine[next].len);
        q->ahead = next;
        q->ahead_seen = q->fine[next].len;
    } else {
        q->ahead = FINE;
    }
}

/* Move the events after the span into the empty run. */
static void
load_far(struct queue *q)
{
    struct chunk *c;
    size_t n = 0;

    reserve(&q->run, &q->run_cap, q->far.len);
    for (c = q->far.head; c != NULL; c = c->next) {
        memcpy(q->run + n, c->ev, chunk_len(&q->far, c) * sizeof(*c->ev));
        n += chunk_len(&q->far, c);
    }
    chain_clear(q, &q->far);
    /* Once, at the end of a run: no scratch array is kept for it. */
    qsort(q->run, n, sizeof(*q->run), compare_events);
    if (q->on_load != NULL)
        visit(q, q->run, 0, n);
    q->run_head = 0;
    q->run_len = n;
}

/*
 * How many fine buckets to load as one: most of a group's events are
 * pushed while the group is being popped (a service time of 10 ms falls
 * in the current group), so the events the last group popped predict
 * this one's better than what waits in its coarse bucket; take the
 * larger. Loading a bucket costs about as much as popping a few events,
 * so aim at MERGE_TARGET events or fewer per loaded bucket (measured at
 * N = 10^5, where a group holds about 2,300 events: 4 fine buckets as
 * one ran 6 % faster than 1 and 16 ran 15 % slower). Any merge is
 * correct: the loaded buckets still partition time on the same
 * boundaries.
 */
#define MERGE_TARGET 16

static unsigned
choose_merge(size_t expected)
{
    unsigned k = 0;

    while ((1u << k) < FINE &&
           expected << (k + 1) <= (size_t)FINE * MERGE_TARGET)
        k++;
    return k;
}

/* Ask for the whole of chunk c, which the spread reads next. */
static inline void
prefetch_chunk(const struct chunk *c)
{
    const char *p = (const char *)c, *end = p + sizeof(*c);

    for (; p < end; p += 64)
        __builtin_prefetch(p);
}

/*
 * Spread coarse bucket cur_coarse over the fine buckets of its group.
 * The chunks were written seconds ago and the fine buckets' tails a
 * group ago, so in a storm both have left the cache: each chunk is
 * fetched while the one before is spread, and the tails its events go
 * to are fetched before the appends (herd at 10^6: 5 % less wall time
 * in three paired runs; no change at 10^5).
 */
static void
spread_group(struct queue *q)
{
    struct chain *b = &q->coarse[q->cur_coarse];
    size_t base = q->cur_coarse * FINE, i, n;
    uint16_t dest[CHUNK_EVENTS]; /* the fine bucket of each event */
    struct chunk *c;

    _Static_assert(FINE <= 65536, "a fine bucket's index fits dest");

    q->merge = choose_merge(b->len > q->group_pops ? b->len : q->group_pops);
    q->group_pops = 0;
    if (b->head != NULL)
        prefetch_chunk(b->head);
    for (c = b->head; c != NULL; c = c->next) {
        n = chunk_len(b, c);
        if (c->next != NULL)
            prefetch_chunk(c->next);
        for (i = 0; i < n; i++) {
            const struct bucket *f;

            dest[i] = (uint16_t)((fine_index(q, c->ev[i].time, base) - base) >>
                                 q->merge);
            f = &q->fine[dest[i]];
            if (f->len < f->cap)
                __builtin_prefetch(&f->ev[f->len], 1);
        }
        for (i = 0; i < n; i++)
            fine_append(q, dest[i], &c->ev[i]);
    }
    chain_clear(q, b);
    q->cur_fine = 0;
    q->ahead = FINE;
    q->spread = 1;
    q->near_end = boundary(q, base);
    q->group_end = boundary(q, base + FINE);
}

/*
 * Fill the empty run and heap from the next events in time, but only
 * from those before or at until: 0 when it did, 1 when every queued
 * event comes after until, -1 when the queue is empty.
 *
 * The walk stops at until because the engine holds some events outside
 * the queue (engine_single) and the clock moves on to them in between:
 * a refill that ran ahead to the next queued event would leave the
 * clock behind near_end, and every push until it caught up would go to
 * the heap (herd, before this stop: the served events of the first 60 s,
 * about a hundred at a time).
 *
 * An empty queue stays where it is: walking to the end of the calendar
 * would leave near_end at infinity and send every later push to the
 * heap, which a storm would then fill with millions of events.
 */
static int
refill(struct queue *q, double until)
{
    if (q->count == 0)
        return -1;
    while (q->len == 0 && q->run_head == q->run_len) {
        if (until < q->near_end)
            return 1;
        if (q->spread && q->cur_fine < FINE) {
            size_t base = q->cur_coarse * FINE;
            size_t j = next_used_fine(q, q->cur_fine >> q->merge);

            if (j < FINE && until < boundary(q, base + (j << q->merge))) {
                /*
                 * Move up to the (empty) bucket of until and no further:
                 * what is pushed once the clock is there goes to the
                 * fine buckets, not to the heap.
                 */
                q->cur_fine = ((fine_index(q, until, base + q->cur_fine) -
                                base) >> q->merge) << q->merge;
                q->near_end = boundary(q, base + q->cur_fine);
                return 1;
            }
            if (j < FINE) {
                q->fine_used[j / 64] &= ~(UINT64_C(1) << (j % 64));
                load_run(q, j);
                q->cur_fine = (j + 1) << q->merge;
            } else {
                q->cur_fine = FINE;
            }
            q->near_end = boundary(q, base + q->cur_fine);
        } else if (q->coarse != NULL &&
                   q->cur_coarse + q->spread < COARSE) {
            q->cur_coarse += q->spread;
            spread_group(q);
        } else if (q->far.len > 0) {
            q->near_end = q->group_end = INFINITY;
            load_far(q);
        } else {
            q->near_end = q->group_end = INFINITY;
            return -1;
        }
    }
    return 0;
}

int
queue_pop(struct queue *q, struct event *out)
{
    return queue_pop_before(q, NULL, out);
}

/*
 * The earliest event before or at until: the head of the run or the top
 * of the heap, after a refill if both are empty. NULL when the queue is
 * empty or holds nothing up to until.
 */
static inline const struct event *
earliest(struct queue *q, double until)
{
    const struct event *head;

    if (q->len == 0 && q->run_head == q->run_len && refill(q, until) != 0)
        return NULL;
    head = &q->run[q->run_head];
    if (q->run_head == q->run_len ||
        (q->len > 0 && event_earlier(&q->heap[0], head)))
        head = &q->heap[0];
    return head;
}

int
queue_pop_before(struct queue *q, const struct event *bound,
                 struct event *out)
{
    const struct event *head =
        earliest(q, bound != NULL ? bound->time : INFINITY);

    if (head == NULL)
        return q->count == 0 ? -1 : 1;
    if (bound != NULL && !event_earlier(head, bound))
        return 1;
    *out = *head;
    if (head == &q->heap[0]) {
        q->len--;
        if (q->len > 0)
            sift_down(q->heap, q->len, 0, q->heap[q->len]);
    } else {
        q->run_head++;
    }
    q->group_pops++;
    q->count--;
    return 0;
}

const struct event *
queue_peek(struct queue *q)
{
    return earliest(q, INFINITY);
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
