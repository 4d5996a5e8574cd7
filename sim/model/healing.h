/*
 * Self-healing: a controller that probes the service's health and, when
 * it stays bad, acts: restart, failover, autoscale, and when those are
 * used up (or in manual mode) a human, who ends the fault after a repair
 * time. In semi-automatic mode each action waits for a human to confirm
 * it. Every verdict change and action goes to a log (healing.csv).
 */
#ifndef HEALING_H
#define HEALING_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dist.h"

struct model;
struct event;

enum healing_mode { HEALING_OFF, HEALING_AUTO, HEALING_SEMI, HEALING_MANUAL };

struct healing_config {
    enum healing_mode mode;
    double check_interval;   /* seconds between probes */
    double threshold;        /* a probe fails below this success ratio */
    uint32_t unhealthy_after;/* failed probes in a row before acting */
    int restart;             /* restarts configured */
    double restart_duration;
    double restart_cooldown;
    uint32_t restart_max;
    int failover;            /* failover configured */
    uint32_t backup_servers;
    double switch_time;
    int autoscale;           /* autoscaling configured */
    uint32_t scale_step;
    double scale_delay;
    uint32_t scale_max;      /* servers at most, scaled ones included */
    double scale_cooldown;
    struct dist confirm_time;  /* semi: until a human confirms */
    struct dist manual_repair; /* escalation: until a human repairs */
};

/* What healing.csv says happened. */
enum healing_action {
    HEAL_PROBE,     /* the verdict of the probes changed */
    HEAL_CONFIRM,   /* semi: a human is asked to confirm an action */
    HEAL_RESTART,
    HEAL_FAILOVER,
    HEAL_FAILBACK,
    HEAL_SCALE,
    HEAL_ESCALATE,  /* a human is called */
    HEAL_REPAIR,    /* the human's repair */
    HEAL_ACTION_COUNT
};

enum healing_outcome {
    HEAL_UNHEALTHY,
    HEAL_HEALTHY,
    HEAL_REQUESTED,
    HEAL_STARTED,
    HEAL_DONE,
    HEAL_OUTCOME_COUNT
};

struct healing_entry {
    double t;
    uint8_t action;
    uint8_t outcome;
    uint16_t faults_ended;  /* faults this step ended */
    uint32_t servers_up;    /* working servers after the step */
};

const char *healing_mode_name(enum healing_mode mode);
const char *healing_action_name(enum healing_action a);
const char *healing_outcome_name(enum healing_outcome o);

/* Start probing (no-op without a healing configuration). */
void healing_start(struct model *m);

/* Attempt outcomes as the health checks see them. */
void healing_count(struct model *m, int ok);

void healing_on_probe(void *ctx, const struct event *ev);
void healing_on_confirmed(void *ctx, const struct event *ev);
void healing_on_restart_done(void *ctx, const struct event *ev);
void healing_on_switched(void *ctx, const struct event *ev);
void healing_on_failed_back(void *ctx, const struct event *ev);
void healing_on_scaled(void *ctx, const struct event *ev);
void healing_on_repaired(void *ctx, const struct event *ev);

#endif
