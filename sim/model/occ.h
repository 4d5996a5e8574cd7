/*
 * The optimistic-concurrency contention model (specification 3.3): every
 * client updates one shared row. An attempt reads the row's version and
 * at once writes with it; the write succeeds only if no other write
 * succeeded in between. The server answers at once, with no queue and no
 * capacity limit; each of the four message legs takes its own network
 * delay; only writes count as attempts.
 */
#ifndef OCC_H
#define OCC_H

#include <stdint.h>

struct model;
struct event;

/* Attempt a leaves the client: its read starts. */
void occ_send(struct model *m, uint32_t a);

void occ_on_read(void *ctx, const struct event *ev);
void occ_on_read_back(void *ctx, const struct event *ev);
void occ_on_write(void *ctx, const struct event *ev);

#endif
