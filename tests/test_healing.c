/*
 * Self-healing and graceful degradation against hand-worked timelines.
 * Probes run every interval from t = interval; each case says which
 * probes fail and when each action starts and ends.
 */
#include <math.h>
#include <string.h>

#include "fixture.h"
#include "tests.h"

#define EXACT 1e-9

static struct healing_config
healing(enum healing_mode mode)
{
    struct healing_config h;

    memset(&h, 0, sizeof(h));
    h.mode = mode;
    h.check_interval = 10;
    h.threshold = 0.9;
    h.unhealthy_after = 3;
    dist_init(&h.confirm_time, DIST_CONSTANT, 60, 0);
    dist_init(&h.manual_repair, DIST_CONSTANT, 100, 0);
    return h;
}

/* The i-th log entry of action a (and outcome o), or NULL. */
static const struct healing_entry *
find(const struct fixture *f, enum healing_action a, enum healing_outcome o,
     int nth)
{
    size_t n, i;
    const struct healing_entry *log = model_healing_log(f->m, &n);

    for (i = 0; i < n; i++) {
        if (log[i].action == a && log[i].outcome == o && nth-- == 0)
            return &log[i];
    }
    return NULL;
}

static double
when(const struct fixture *f, enum healing_action a, enum healing_outcome o,
     int nth)
{
    const struct healing_entry *e = find(f, a, o, nth);

    return e ? e->t : NAN;
}

static void
test_healing_detection_takes_interval_times_unhealthy_after(void)
{
    /*
     * A crash at 95 s: probes at 100, 110 and 120 fail, so the verdict
     * turns at 120 s: 25 s after the crash, within one interval of
     * interval x unhealthy_after = 30 s. Manual mode: a human is paged
     * then and repairs in 100 s (at 220 s). The probe due at 220 s was
     * scheduled after the repair, so it runs after it, and passes.
     */
    struct healing_config h = healing(HEALING_MANUAL);
    struct fixture f;
    struct fault_spec *x;

    fixture_init(&f);
    f.cfg.horizon = 400;
    f.cfg.healing = &h;
    x = fixture_fault(&f, FAULT_OUTAGE, 95, INFINITY);
    x->until_healed = 1;
    x->cured_by = CURE_HUMAN;
    fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_PROBE, HEAL_UNHEALTHY, 0), 120,
                           EXACT);
    CU_ASSERT(fabs(model_detections(f.m)[0] - 95 - 30) <= 10);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_ESCALATE, HEAL_STARTED, 0), 120,
                           EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_REPAIR, HEAL_DONE, 0), 220, EXACT);
    CU_ASSERT(find(&f, HEAL_REPAIR, HEAL_DONE, 0)->faults_ended == 1);
    CU_ASSERT_DOUBLE_EQUAL(model_fault_ends(f.m)[0], 220, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_PROBE, HEAL_HEALTHY, 0), 220,
                           EXACT);
    CU_ASSERT(model_totals(f.m)->repairs == 1);
    fixture_free(&f);
}

static void
test_healing_restarts_respect_cooldown_then_escalate(void)
{
    /*
     * A crash at 5 s that only a human can cure. Probes 10, 20, 30 fail:
     * restart 1 at 30 s (5 s long, done at 35, next allowed at 95).
     * Probes 40, 50, 60 fail, but the cooldown holds the controller until
     * the probe at 100: restart 2 at 100, done at 105. With both restarts
     * used, probes 110, 120, 130 fail: escalation at 130, repair at 230.
     */
    struct healing_config h = healing(HEALING_AUTO);
    struct fixture f;
    struct fault_spec *x;

    h.restart = 1;
    h.restart_duration = 5;
    h.restart_cooldown = 60;
    h.restart_max = 2;
    fixture_init(&f);
    f.cfg.horizon = 400;
    f.cfg.healing = &h;
    x = fixture_fault(&f, FAULT_OUTAGE, 5, INFINITY);
    x->until_healed = 1;
    x->cured_by = CURE_HUMAN;
    fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_RESTART, HEAL_STARTED, 0), 30,
                           EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_RESTART, HEAL_DONE, 0), 35, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_RESTART, HEAL_STARTED, 1), 100,
                           EXACT);
    CU_ASSERT(find(&f, HEAL_RESTART, HEAL_STARTED, 2) == NULL);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_ESCALATE, HEAL_STARTED, 0), 130,
                           EXACT);
    CU_ASSERT_DOUBLE_EQUAL(model_fault_ends(f.m)[0], 230, EXACT);
    /* Restarts end nothing here: the fault waits for a human. */
    CU_ASSERT(find(&f, HEAL_RESTART, HEAL_DONE, 1)->faults_ended == 0);
    fixture_free(&f);
}

static void
test_healing_failover_then_failback(void)
{
    /*
     * A scripted outage from 5 s to 105 s. Probes 10, 20, 30 fail:
     * failover at 30 s, on 3 backup servers from 35 s, where requests
     * succeed again although the primary is still down. The outage ends
     * at 105; the probe at 110 sees no fault left: failback, done at 115,
     * back to the 1 configured server.
     */
    struct healing_config h = healing(HEALING_AUTO);
    const struct healing_entry *e;
    struct fixture f;
    const struct probe *p;

    h.failover = 1;
    h.backup_servers = 3;
    h.switch_time = 5;
    fixture_init(&f);
    f.clients.count = 1;
    f.clients.arrival.process = ARRIVAL_PERIODIC;
    f.clients.arrival.interval = 1;
    f.cfg.horizon = 200;
    f.cfg.healing = &h;
    fixture_fault(&f, FAULT_OUTAGE, 5, 105);
    fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_FAILOVER, HEAL_STARTED, 0), 30,
                           EXACT);
    e = find(&f, HEAL_FAILOVER, HEAL_DONE, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_DOUBLE_EQUAL(e->t, 35, EXACT);
    CU_ASSERT(e->servers_up == 3);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_FAILBACK, HEAL_STARTED, 0), 110,
                           EXACT);
    e = find(&f, HEAL_FAILBACK, HEAL_DONE, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_DOUBLE_EQUAL(e->t, 115, EXACT);
    CU_ASSERT(e->servers_up == 1);
    /* On the backup (bucket 50) requests succeed; before it they fail. */
    p = model_probe(f.m);
    CU_ASSERT(probe_count(p, 50, MC_SUCCESSES) == 1);
    CU_ASSERT(probe_count(p, 20, MC_SUCCESSES) == 0);
    fixture_free(&f);
}

static void
test_healing_semi_waits_for_a_human_to_confirm(void)
{
    /*
     * A crash at 5 s cured by a restart. Probes 10, 20, 30 fail: the
     * restart is requested at 30 s, a human confirms it 60 s later (90),
     * it runs for 15 s and ends the fault at 105 s.
     */
    struct healing_config h = healing(HEALING_SEMI);
    struct fixture f;
    struct fault_spec *x;

    h.restart = 1;
    h.restart_duration = 15;
    h.restart_cooldown = 60;
    h.restart_max = 3;
    fixture_init(&f);
    f.cfg.horizon = 300;
    f.cfg.healing = &h;
    x = fixture_fault(&f, FAULT_OUTAGE, 5, INFINITY);
    x->until_healed = 1;
    x->cured_by = CURE_RESTART;
    fixture_run(&f);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_RESTART, HEAL_REQUESTED, 0), 30,
                           EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_CONFIRM, HEAL_DONE, 0), 90, EXACT);
    CU_ASSERT_DOUBLE_EQUAL(when(&f, HEAL_RESTART, HEAL_STARTED, 0), 90,
                           EXACT);
    CU_ASSERT_DOUBLE_EQUAL(model_fault_ends(f.m)[0], 105, EXACT);
    fixture_free(&f);
}

static void
test_healing_autoscale_cures_what_scaling_cures(void)
{
    /*
     * Every attempt fails from 5 s (an error fault cured by scaling):
     * the success ratio of each probe's interval is 0. Probes 10, 20, 30
     * fail: 2 servers are added 10 s later (40 s), which ends the fault.
     */
    struct healing_config h = healing(HEALING_AUTO);
    const struct healing_entry *e;
    struct fixture f;
    struct fault_spec *x;

    h.autoscale = 1;
    h.scale_step = 2;
    h.scale_delay = 10;
    h.scale_max = 10;
    h.scale_cooldown = 60;
    fixture_init(&f);
    f.clients.count = 5;
    f.clients.arrival.process = ARRIVAL_PERIODIC;
    f.clients.arrival.interval = 1;
    f.cfg.horizon = 100;
    f.cfg.healing = &h;
    x = fixture_fault(&f, FAULT_ERRORS, 5, INFINITY);
    x->rate = 1;
    x->until_healed = 1;
    x->cured_by = CURE_SCALE;
    fixture_run(&f);
    e = find(&f, HEAL_SCALE, HEAL_DONE, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_DOUBLE_EQUAL(e->t, 40, EXACT);
    CU_ASSERT(e->servers_up == 3 && e->faults_ended == 1);
    CU_ASSERT_DOUBLE_EQUAL(model_fault_ends(f.m)[0], 40, EXACT);
    fixture_free(&f);
}

static void
test_fallback_cache_ttl_at_its_edge(void)
{
    struct fallback_config cache = {FALLBACK_CACHE, 60};
    struct fallback_config fixed = {FALLBACK_STATIC, 0};
    struct fallback_config none = {FALLBACK_NONE, 0};

    /* An answer exactly ttl old is still served; a hair older is not. */
    CU_ASSERT(fallback_serves(&cache, 40, 100));
    CU_ASSERT(!fallback_serves(&cache, 40, 100.000001));
    CU_ASSERT(!fallback_serves(&cache, NAN, 100));
    CU_ASSERT(fallback_serves(&fixed, NAN, 100));
    CU_ASSERT(!fallback_serves(&none, 40, 41));
}

static void
test_fallback_turns_failures_into_degraded_requests(void)
{
    /*
     * One client every 10 s (phase in [0, 10)); an outage from 25 s on,
     * no retries. With a 15 s cache the first request of the outage is
     * served from the answer 10 s before; later ones find it too old.
     * Requests: 10 in 100 s; the 2 before the outage succeed.
     */
    struct fallback_config cache = {FALLBACK_CACHE, 15};
    struct fixture f;
    const struct model_totals *t;

    fixture_init(&f);
    f.clients.arrival.process = ARRIVAL_PERIODIC;
    f.clients.arrival.interval = 10;
    f.cfg.fallback = &cache;
    fixture_fault(&f, FAULT_OUTAGE, 25, 1000);
    t = fixture_run(&f);
    CU_ASSERT(t->requests_started == 10);
    CU_ASSERT(t->requests_succeeded == 2 || t->requests_succeeded == 3);
    CU_ASSERT(t->requests_degraded == 1);
    CU_ASSERT(t->requests_succeeded + t->requests_degraded +
                  t->requests_failed ==
              10);
    fixture_free(&f);
}

int
suite_healing(void)
{
    static const struct test_entry tests[] = {
        {"detection takes interval times unhealthy_after",
         test_healing_detection_takes_interval_times_unhealthy_after},
        {"restarts respect cooldown then escalate",
         test_healing_restarts_respect_cooldown_then_escalate},
        {"failover then failback", test_healing_failover_then_failback},
        {"semi waits for a human to confirm",
         test_healing_semi_waits_for_a_human_to_confirm},
        {"autoscale cures what scaling cures",
         test_healing_autoscale_cures_what_scaling_cures},
        {"fallback cache ttl at its edge",
         test_fallback_cache_ttl_at_its_edge},
        {"fallback turns failures into degraded requests",
         test_fallback_turns_failures_into_degraded_requests},
        {NULL, NULL},
    };

    return tests_add_suite("healing", tests);
}
