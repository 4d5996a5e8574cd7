/*
 * Clients: how they issue logical requests (the arrival process), their
 * per-attempt timeout and per-request deadline, and what they do when an
 * attempt fails (the retry policy).
 */
#ifndef CLIENT_H
#define CLIENT_H

#include <stdint.h>

#include "../core/dist.h"

struct model;

enum arrival_process {
    ARRIVAL_POISSON,  /* rate per client, open loop */
    ARRIVAL_CLOSED,   /* one request at a time, think_time between */
    ARRIVAL_PERIODIC, /* every interval, random phase */
    ARRIVAL_ONCE      /* one request at at + U(0, spread) */
};

struct arrival_config {
    enum arrival_process process;
    double rate;     /* requests per second per client (poisson) */
    struct dist think_time;
    double interval; /* seconds (periodic) */
    double at;       /* seconds (once) */
    double spread;   /* seconds (once) */
};

struct client_config {
    uint32_t count;
    struct arrival_config arrival;
    double timeout;  /* per attempt, seconds; INFINITY for none */
    double deadline; /* per logical request, seconds; INFINITY for none */
};

const char *arrival_process_name(enum arrival_process p);

/* Set up the arrival process: the first arrival events. */
void client_start(struct model *m);

/* An attempt's answer reaches its client (attempt index a). */
void client_response(struct model *m, uint32_t a);

#endif
