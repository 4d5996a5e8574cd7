/*
 * The OCC contention model: a hand-worked case, the conservation of
 * writes, and the order of the strategies that the AWS Architecture
 * Blog's study found ("Exponential Backoff And Jitter").
 */
#include <math.h>

#include "../sim/core/stats.h"
#include "fixture.h"
#include "tests.h"

static void
occ_world(struct fixture *f, uint32_t clients)
{
    fixture_init(f);
    f->clients.count = clients;
    f->service.occ = 1;
    f->service.servers = 0;
    f->retry.kind = RETRY_FIXED;
    f->retry.delay = 0;
    f->retry.max_attempts = RETRY_UNLIMITED;
    f->cfg.horizon = 600;
}

static void
test_occ_two_clients_by_hand(void)
{
    /*
     * Every leg takes 10 ms. Both clients read version 0 at 10 ms and
     * write at 30 ms; the first write wins (version 1), the second
     * fails and is answered at 40 ms; with no backoff its read reaches
     * the row at 50 ms, its write at 70 ms succeeds, answered at 80 ms.
     * Three writes in all; latencies 40 and 80 ms.
     */
    struct fixture f;
    const struct model_totals *t;

    occ_world(&f, 2);
    dist_init(&f.service.network_delay, DIST_CONSTANT, 0.010, 0);
    t = fixture_run(&f);
    CU_ASSERT(t->attempts == 3);
    CU_ASSERT(t->requests_succeeded == 2 && t->requests_failed == 0);
    CU_ASSERT(t->outcomes[OUTCOME_ERROR] == 1);
    CU_ASSERT_DOUBLE_EQUAL(t->last_end, 0.080, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hist_mean(model_latency(f.m)), 0.060, 1e-12);
    fixture_free(&f);
}

/* Mean writes and completion time of a policy over reps replications. */
static void
study(enum retry_kind kind, enum retry_jitter jitter, double base,
      uint32_t clients, double *writes, double *completion)
{
    enum { REPS = 30 };
    double w[REPS], c[REPS];
    struct stats_summary s;
    struct fixture f;
    const struct model_totals *t;
    int r;

    for (r = 0; r < REPS; r++) {
        occ_world(&f, clients);
        dist_init(&f.service.network_delay, DIST_NORMAL, 0.010, 0.002);
        f.retry.kind = kind;
        f.retry.jitter = jitter;
        f.retry.base = base;
        f.retry.cap = 2;
        f.cfg.replication = (uint64_t)r;
        t = fixture_run(&f);
        /* Every client succeeds exactly once: one winning write each. */
        CU_ASSERT(t->requests_succeeded == clients);
        CU_ASSERT(t->requests_unfinished == 0 && t->requests_failed == 0);
        CU_ASSERT(t->outcomes[OUTCOME_SUCCESS] == clients);
        CU_ASSERT(t->attempts >= clients);
        CU_ASSERT(t->attempts == t->outcomes[OUTCOME_SUCCESS] +
                                     t->outcomes[OUTCOME_ERROR]);
        w[r] = (double)t->attempts;
        c[r] = t->last_end;
        fixture_free(&f);
    }
    stats_summarize(w, REPS, 1, &s);
    *writes = s.mean;
    stats_summarize(c, REPS, 1, &s);
    *completion = s.mean;
}

static void
test_occ_strategies_rank_as_in_the_study(void)
{
    /*
     * 50 clients. The study's findings: without backoff the row sees the
     * most writes; exponential backoff without jitter cuts them but not
     * by much and takes the longest; full jitter needs the fewest writes
     * (under half of exponential's) and finishes well before exponential.
     * Margins are wide next to the spread over 30 replications (a few
     * percent), so the test checks the ranking, not the noise.
     */
    double none_w, none_c, exp_w, exp_c, full_w, full_c, eq_w, eq_c;
    double dec_w, dec_c;

    study(RETRY_FIXED, JITTER_NONE, 0, 50, &none_w, &none_c);
    study(RETRY_EXPONENTIAL, JITTER_NONE, 0.010, 50, &exp_w, &exp_c);
    study(RETRY_EXPONENTIAL, JITTER_FULL, 0.010, 50, &full_w, &full_c);
    study(RETRY_EXPONENTIAL, JITTER_EQUAL, 0.010, 50, &eq_w, &eq_c);
    study(RETRY_EXPONENTIAL, JITTER_DECORRELATED, 0.005, 50, &dec_w,
          &dec_c);
    CU_ASSERT(none_w > exp_w);
    CU_ASSERT(exp_w > 1.5 * full_w);
    CU_ASSERT(exp_w > eq_w && exp_w > dec_w);
    CU_ASSERT(full_w < dec_w);
    CU_ASSERT(exp_c > 2 * full_c);
    CU_ASSERT(exp_c > none_c);
}

int
suite_occ(void)
{
    static const struct test_entry tests[] = {
        {"two clients by hand", test_occ_two_clients_by_hand},
        {"strategies rank as in the study",
         test_occ_strategies_rank_as_in_the_study},
        {NULL, NULL},
    };

    return tests_add_suite("occ", tests);
}
