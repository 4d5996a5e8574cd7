/*
 * JUnit XML. Names come from the scenario, so everything is escaped.
 */
#include <math.h>
#include <stdio.h>

#include "../sim.h"
#include "../run/scenario.h"
#include "junit.h"
#include "markup.h"

static void
count_cases(const struct rollout_result *r, unsigned *tests,
            unsigned *failures, unsigned *skipped)
{
    const struct rollout_config *ro = &r->sc->rollout;
    size_t s;
    int g;

    *tests = *failures = *skipped = 0;
    for (s = 0; s < ro->nstages; s++) {
        for (g = 0; g <= GATE_COUNT; g++) {
            enum verdict v;

            if (g == GATE_COUNT && !ro->analysis)
                continue;
            if (g < GATE_COUNT && !ro->stages[s].has[g])
                continue;
            v = g < GATE_COUNT ? r->stages[s].verdict[g]
                               : r->stages[s].analysis;
            (*tests)++;
            *failures += v == VERDICT_FAIL;
            *skipped += v == VERDICT_SKIPPED;
        }
    }
}

static void
test_case(FILE *f, const struct rollout_stage *st, const char *gate,
          enum verdict v, const struct stats_summary *x, double threshold,
          int minimum)
{
    fputs("    <testcase classname=\"rollout.", f);
    markup_text(f, st->name);
    fprintf(f, "\" name=\"%s\" time=\"0\">", gate);
    if (v == VERDICT_SKIPPED) {
        fputs("\n      <skipped message=\"an earlier stage failed\"/>\n"
              "    </testcase>\n",
              f);
        return;
    }
    if (v == VERDICT_FAIL) {
        fprintf(f, "\n      <failure type=\"gate\" message=\"%s ", gate);
        if (x->n >= 2)
            fprintf(f, "%.6g [%.6g, %.6g] is not %s %.6g", x->mean,
                    x->ci95_lo, x->ci95_hi, minimum ? "above" : "below",
                    threshold);
        else
            fprintf(f, "%.6g is not %s %.6g", x->mean,
                    minimum ? "above" : "below", threshold);
        fputs("\"/>\n    ", f);
    }
    fputs("</testcase>\n", f);
}

int
junit_write(const struct rollout_result *r, FILE *f)
{
    const struct rollout_config *ro = &r->sc->rollout;
    struct stats_summary checks = {0};
    unsigned tests, failures, skipped;
    size_t s;
    int g;

    count_cases(r, &tests, &failures, &skipped);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    fprintf(f, "<testsuites name=\"stampede rollout\" tests=\"%u\" "
            "failures=\"%u\" skipped=\"%u\">\n", tests, failures, skipped);
    fputs("  <testsuite name=\"", f);
    markup_text(f, r->sc->name);
    fprintf(f, "\" tests=\"%u\" failures=\"%u\" skipped=\"%u\">\n", tests,
            failures, skipped);
    for (s = 0; s < ro->nstages; s++) {
        const struct rollout_stage *st = &ro->stages[s];
        const struct stage_result *sr = &r->stages[s];

        for (g = 0; g < GATE_COUNT; g++) {
            if (st->has[g])
                test_case(f, st, rollout_gate_name((enum gate)g),
                          sr->verdict[g], &sr->value[g], st->threshold[g],
                          g == GATE_MIN_SUCCESS_RATE);
        }
        if (ro->analysis) {
            checks.mean = sr->failed_checks;
            checks.n = 1;
            test_case(f, st, "analysis", sr->analysis, &checks,
                      ro->failure_limit, 0);
        }
    }
    fputs("  </testsuite>\n</testsuites>\n", f);
    return ferror(f) ? SIM_EIO : 0;
}
