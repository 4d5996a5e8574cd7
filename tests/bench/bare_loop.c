/*
 * The bare event loop of `make bench`: the engine's pending-event queue
 * with nothing else done. It holds P events and, E times, pops the
 * earliest and pushes one at its time plus an exponential delay, the
 * classic "hold" benchmark of event-queue studies. The mean delay is
 * P * H / E, so that, like the model's run, E events cover a horizon of
 * H seconds with about P pending; events past H are dropped, as the
 * engine drops them, so the last pops may come a few short of E. Prints
 * one line, with the events popped:
 *     events wall_seconds events_per_second peak_rss_mib
 *
 * usage: bare_loop PENDING EVENTS HORIZON
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "../../sim/core/queue.h"
#include "../../sim/core/rng.h"
#include "../../sim/core/util.h"

static double
wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
    uint64_t pending, events, i;
    double horizon, mean, started, wall, t;
    struct rng *r;
    struct queue *q;
    struct event ev;
    struct rusage ru;

    if (argc != 4 || util_parse_uint64(argv[1], 1, 1u << 30, &pending) ||
        util_parse_uint64(argv[2], 1, UINT64_C(1) << 40, &events) ||
        util_parse_double(argv[3], &horizon) || !(horizon > 0)) {
        fputs("usage: bare_loop PENDING EVENTS HORIZON\n", stderr);
        return 2;
    }
    mean = (double)pending * horizon / (double)events;
    r = rng_new(1, 0, "bare-loop");
    q = queue_new(horizon);
    /* Fill with the spread a steady state would have. */
    for (i = 0; i < pending; i++)
        queue_push(q, rng_flat(r, 0, 2 * mean), 0, (uint32_t)i, 0);

    /*
     * As the engine does, an event at or past the horizon is not pushed:
     * the queue was made for [0, horizon), and what lies beyond would
     * wait, unsorted, for one big sort that a run never makes.
     */
    started = wall_now();
    for (i = 0; i < events && queue_pop(q, &ev) == 0; i++) {
        t = ev.time + rng_exponential(r, mean);
        if (t < horizon)
            queue_push(q, t, 0, ev.arg, ev.gen + 1);
    }
    wall = wall_now() - started;

    getrusage(RUSAGE_SELF, &ru);
    printf("%llu %.3f %.0f %.1f\n", (unsigned long long)i, wall,
           (double)i / wall, (double)ru.ru_maxrss / 1024);
    queue_free(q);
    rng_free(r);
    return 0;
}
