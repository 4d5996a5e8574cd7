/*
 * The memory a run will need, estimated before it starts, and the memory
 * the machine has free, so that a run too big for the machine is refused
 * with a message instead of being killed half-way by the kernel.
 */
#ifndef FOOTPRINT_H
#define FOOTPRINT_H

#include <stddef.h>

#include "scenario.h"

/*
 * An estimate in bytes, by part, each an upper bound meant to be within
 * a small factor of the truth (footprint.c gives the measurements).
 * Doubles, so that absurd scenarios do not overflow.
 */
struct footprint {
    double program; /* code, libraries, stacks: what a tiny run takes */
    double results; /* kept until the files are written: time series */
    double worlds;  /* the simulations in flight, one per busy thread */
    size_t nworlds; /* how many run at once */
};

/* The sum of the parts. */
double footprint_total(const struct footprint *fp);

/*
 * The estimate for `run` of sc on threads threads (0 counts as 1), with
 * or without charts (plots non-zero: with).
 */
void footprint_run(const struct scenario *sc, unsigned threads, int plots,
                   struct footprint *out);

/* The estimate for a sweep over the n scenarios points[0..n). */
void footprint_sweep(const struct scenario *const *points, size_t n,
                     unsigned threads, struct footprint *out);

/* The estimate for `rollout` of sc (stages and validation trials). */
void footprint_rollout(const struct scenario *sc, unsigned threads,
                       struct footprint *out);

/*
 * The memory available for a new process, in bytes: MemAvailable of the
 * meminfo file at path (normally /proc/meminfo). Returns 0, SIM_EIO when
 * the file cannot be read, or SIM_EPARSE when it has no MemAvailable
 * line (kernels before 3.14).
 */
int footprint_available(const char *path, double *bytes);

/* Write n bytes for people, such as "1.5 GiB" or "640 KiB". */
void footprint_format(double bytes, char *buf, size_t size);

#endif
