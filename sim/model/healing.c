/*
 * The self-healing controller (specification 3.4).
 *
 * Every check_interval a probe looks at the service: it fails while the
 * service is down (an outage, a restart) or while the success ratio of
 * the attempts that ended since the last probe is below the threshold.
 * After unhealthy_after failed probes in a row the controller acts, one
 * action at a time, in this order: restart (while attempts remain, at
 * least a cooldown apart: during a cooldown it waits), failover (once),
 * autoscale (while under max_servers, a cooldown apart); when none is
 * left, or in manual mode, it calls a human, who ends every fault after
 * a drawn repair time. After each action it needs unhealthy_after new
 * failed probes before the next one, which gives the action time to
 * show. In semi-automatic mode every action waits for a human's
 * confirmation, a drawn confirm_time later.
 */
#include <math.h>

#include "../sim.h"
#include "../core/util.h"
#include "model_impl.h"

const char *
healing_mode_name(enum healing_mode mode)
{
    static const char *const names[] = {"off", "auto", "semi", "manual"};

    return names[mode];
}

const char *
healing_action_name(enum healing_action a)
{
    static const char *const names[HEAL_ACTION_COUNT] = {
        "probe",    "confirm", "restart", "failover",
        "failback", "scale",   "escalate", "repair",
    };

    return names[a];
}

const char *
healing_outcome_name(enum healing_outcome o)
{
    static const char *const names[HEAL_OUTCOME_COUNT] = {
        "unhealthy", "healthy", "requested", "started", "done",
    };

    return names[o];
}

static void
log_step(struct model *m, enum healing_action a, enum healing_outcome o,
         uint32_t ended)
{
    struct healing_entry *e;

    if (m->heal_len == m->heal_cap) {
        m->heal_cap = m->heal_cap ? 2 * m->heal_cap : 32;
        m->heal_log =
            xreallocarray(m->heal_log, m->heal_cap, sizeof(*m->heal_log));
    }
    e = &m->heal_log[m->heal_len++];
    e->t = engine_now(m->eng);
    e->action = (uint8_t)a;
    e->outcome = (uint8_t)o;
    e->faults_ended = (uint16_t)(ended > UINT16_MAX ? UINT16_MAX : ended);
    e->servers_up = m->servers_up;
}

static double
after(struct model *m, double delay)
{
    return engine_now(m->eng) + delay;
}

void
healing_start(struct model *m)
{
    const struct healing_config *h = m->cfg->healing;

    if (h == NULL || h->mode == HEALING_OFF)
        return;
    m->heal = h;
    m->restart_ready = -INFINITY;
    m->scale_ready = -INFINITY;
    engine_at(m->eng, h->check_interval, EV_PROBE, 0, 0);
}

/*
 * XXX: the health checks see the outcomes of the clients' attempts, not a
 * probe request of their own (README.md, known limitations).
 */
void
healing_count(struct model *m, int ok)
{
    m->health_ok += ok != 0;
    m->health_total++;
}

/* Which action comes next; HEAL_PROBE means "wait" (a cooldown). */
static enum healing_action
next_action(const struct model *m)
{
    const struct healing_config *h = m->heal;
    double now = engine_now(m->eng);

    if (h->mode == HEALING_MANUAL)
        return HEAL_ESCALATE;
    if (h->restart && m->restarts < h->restart_max)
        return now >= m->restart_ready ? HEAL_RESTART : HEAL_PROBE;
    if (h->failover && !m->failover_used)
        return HEAL_FAILOVER;
    if (h->autoscale && m->servers_total + m->scaled < h->scale_max)
        return now >= m->scale_ready ? HEAL_SCALE : HEAL_PROBE;
    return HEAL_ESCALATE;
}

static void
begin(struct model *m, enum healing_action a)
{
    const struct healing_config *h = m->heal;

    m->heal_busy = 1;
    switch (a) {
    case HEAL_RESTART:
        /* The servers go down: what they held is lost. */
        m->restarting = 1;
        service_drop_inflight(m);
        service_refresh_capacity(m);
        log_step(m, a, HEAL_STARTED, 0);
        engine_at(m->eng, after(m, h->restart_duration), EV_RESTART_DONE, 0,
                  0);
        break;
    case HEAL_FAILOVER:
        m->failover_used = 1;
        log_step(m, a, HEAL_STARTED, 0);
        engine_at(m->eng, after(m, h->switch_time), EV_SWITCHED, 0, 0);
        break;
    case HEAL_SCALE:
        log_step(m, a, HEAL_STARTED, 0);
        engine_at(m->eng, after(m, h->scale_delay), EV_SCALED, 0, 0);
        break;
    case HEAL_ESCALATE:
        log_step(m, a, HEAL_STARTED, 0);
        engine_at(m->eng, after(m, dist_draw(&h->manual_repair,
                                             m->rng_healing)),
                  EV_REPAIRED, 0, 0);
        break;
    default:
        SIM_ASSERT(!"not an action");
    }
}

/* The probes say act: start the next action, or ask for confirmation. */
static void
act(struct model *m)
{
    enum healing_action a = next_action(m);

    if (a == HEAL_PROBE)
        return; /* cooling down: try again at a later probe */
    if (m->heal->mode == HEALING_SEMI && a != HEAL_ESCALATE) {
        m->heal_busy = 1;
        log_step(m, a, HEAL_REQUESTED, 0);
        engine_at(m->eng,
                  after(m, dist_draw(&m->heal->confirm_time,
                                     m->rng_healing)),
                  EV_CONFIRMED, (uint32_t)a, 0);
        return;
    }
    begin(m, a);
}

/* An action is over: the controller watches afresh. */
static void
settle(struct model *m)
{
    m->heal_busy = 0;
    m->bad_probes = 0;
}

static int
service_down(const struct model *m)
{
    return m->restarting || (m->outages > 0 && !faults_bypassed(m)) ||
           m->servers_up == 0;
}

/* Note when the controller first saw each active fault. */
static void
mark_detected(struct model *m)
{
    double now = engine_now(m->eng);
    size_t i;

    for (i = 0; i < m->cfg->nfaults; i++) {
        if (m->fault_active[i] && isnan(m->detected_at[i]))
            m->detected_at[i] = now;
    }
}

void
healing_on_probe(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    const struct healing_config *h = m->heal;
    int failed = service_down(m) ||
                 (m->health_total > 0 &&
                  (double)m->health_ok <
                      h->threshold * (double)m->health_total - 1e-9);

    (void)ev;
    m->health_ok = m->health_total = 0;
    m->bad_probes = failed ? m->bad_probes + 1 : 0;
    if (!failed && m->unhealthy) {
        m->unhealthy = 0;
        log_step(m, HEAL_PROBE, HEAL_HEALTHY, 0);
    } else if (failed && !m->unhealthy &&
               m->bad_probes >= h->unhealthy_after) {
        m->unhealthy = 1;
        mark_detected(m);
        log_step(m, HEAL_PROBE, HEAL_UNHEALTHY, 0);
    }
    if (m->unhealthy && !m->heal_busy && m->bad_probes >= h->unhealthy_after)
        act(m);

    /* Back to the primary once it has nothing wrong with it. */
    if (m->on_backup && !m->failing_back && !fault_any_active(m)) {
        m->failing_back = 1;
        log_step(m, HEAL_FAILBACK, HEAL_STARTED, 0);
        engine_at(m->eng, after(m, h->switch_time), EV_FAILED_BACK, 0, 0);
    }
    engine_at(m->eng, after(m, h->check_interval), EV_PROBE, 0, 0);
}

void
healing_on_confirmed(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    log_step(m, HEAL_CONFIRM, HEAL_DONE, 0);
    begin(m, (enum healing_action)ev->arg);
}

void
healing_on_restart_done(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    uint32_t ended;

    (void)ev;
    m->restarting = 0;
    m->restarts++;
    m->restart_ready = after(m, m->heal->restart_cooldown);
    ended = fault_cure(m, CURE_RESTART);
    service_refresh_capacity(m);
    log_step(m, HEAL_RESTART, HEAL_DONE, ended);
    settle(m);
}

void
healing_on_switched(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    uint32_t ended;

    (void)ev;
    /*
     * XXX: every client switches at once, and the attempts already at the
     * primary stay there (README.md, known limitations).
     */
    m->on_backup = 1;
    ended = fault_cure(m, CURE_FAILOVER);
    service_refresh_capacity(m);
    log_step(m, HEAL_FAILOVER, HEAL_DONE, ended);
    settle(m);
}

void
healing_on_failed_back(void *ctx, const struct event *ev)
{
    struct model *m = ctx;

    (void)ev;
    m->on_backup = 0;
    m->failing_back = 0;
    service_refresh_capacity(m);
    log_step(m, HEAL_FAILBACK, HEAL_DONE, 0);
}

void
healing_on_scaled(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    const struct healing_config *h = m->heal;
    uint32_t room = h->scale_max - m->servers_total - m->scaled, ended;

    (void)ev;
    m->scaled += h->scale_step < room ? h->scale_step : room;
    m->scale_ready = after(m, h->scale_cooldown);
    ended = fault_cure(m, CURE_SCALE);
    service_refresh_capacity(m);
    log_step(m, HEAL_SCALE, HEAL_DONE, ended);
    settle(m);
}

void
healing_on_repaired(void *ctx, const struct event *ev)
{
    struct model *m = ctx;
    uint32_t ended;

    (void)ev;
    m->repairs++;
    ended = fault_cure(m, CURE_HUMAN);
    /* The next incident finds the automation ready again. */
    m->restarts = 0;
    m->failover_used = m->on_backup;
    service_refresh_capacity(m);
    log_step(m, HEAL_REPAIR, HEAL_DONE, ended);
    settle(m);
}
