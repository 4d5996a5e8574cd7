/*
 * ROI per strategy. This module sits in sim/out, beside the writers,
 * rather than in sim/run: it runs nothing and changes nothing, it only
 * prices what the finished replications measured (their downtime and
 * the repairs people made), the way the table and the CSV writers read
 * the same results. Nothing in the engine or the model needs to know
 * that a minute of downtime has a price.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "../core/util.h"
#include "csv.h"
#include "roi.h"

void
roi_compute(const struct roi_inputs *in, struct roi_figures *out)
{
    double per_incident;

    per_incident = in->downtime_saved_minutes * in->downtime_cost_per_minute +
                   in->interventions_saved * in->manual_intervention_minutes *
                       in->engineer_cost_per_hour / 60;
    out->yearly_value = per_incident * in->incidents_per_year;
    out->investment = in->implementation_hours * in->engineer_cost_per_hour;
    out->roi = out->investment > 0
                   ? (out->yearly_value - out->investment) / out->investment
                   : NAN;
}

static void
figures_at(const struct roi_config *cfg, size_t s, double saved_seconds,
           double interventions, struct roi_figures *out)
{
    struct roi_inputs in;

    in.downtime_saved_minutes = saved_seconds / 60;
    in.interventions_saved = interventions;
    in.downtime_cost_per_minute = cfg->downtime_cost_per_minute;
    in.engineer_cost_per_hour = cfg->engineer_cost_per_hour;
    in.manual_intervention_minutes = cfg->manual_intervention_minutes;
    in.incidents_per_year = cfg->incidents_per_month * 12;
    in.implementation_hours = cfg->implementation_hours[s];
    roi_compute(&in, out);
}

/* The figures at a yearly value: the investment does not vary. */
static void
figures_of_value(const struct roi_figures *at_mean, double value,
                 struct roi_figures *out)
{
    out->yearly_value = value;
    out->investment = at_mean->investment;
    out->roi = out->investment > 0
                   ? (value - out->investment) / out->investment
                   : NAN;
}

void
roi_strategy(const struct run_results *res, size_t s, struct roi_row *row)
{
    const struct scenario *sc = res->sc;
    const struct roi_config *cfg = &sc->roi;
    size_t r, reps = sc->replications;
    double *saved = xcalloc(reps, sizeof(*saved));
    double *spared = xcalloc(reps, sizeof(*spared));
    double *value = xcalloc(reps, sizeof(*value));
    struct stats_summary spared_sum, value_sum;
    struct roi_figures fig;

    SIM_ASSERT(cfg->enabled && s < sc->nstrategies);
    /*
     * Downtime and human interventions saved are paired replication by
     * replication (the baseline and the strategy ran on the same random
     * numbers), and so is the yearly value, which is linear in both: its
     * interval is that of the per-replication values.
     */
    for (r = 0; r < reps; r++) {
        const double *b = run_results_unit(res, cfg->baseline, r)->metrics;
        const double *x = run_results_unit(res, s, r)->metrics;

        saved[r] = b[METRIC_DOWNTIME] - x[METRIC_DOWNTIME];
        spared[r] = b[METRIC_INTERVENTIONS] - x[METRIC_INTERVENTIONS];
        figures_at(cfg, s, saved[r], spared[r], &fig);
        value[r] = fig.yearly_value;
    }
    stats_summarize(saved, reps, 1, &row->downtime_saved);
    stats_summarize(spared, reps, 1, &spared_sum);
    stats_summarize(value, reps, 1, &value_sum);
    free(saved);
    free(spared);
    free(value);

    /*
     * XXX: only repairs after an escalation count as interventions; a
     * strategy without a controller calls nobody in the model (README.md,
     * known limitations).
     */
    row->interventions_saved = spared_sum.mean;
    row->incidents_per_year = cfg->incidents_per_month * 12;
    figures_at(cfg, s, row->downtime_saved.mean, row->interventions_saved,
               &row->mean);
    figures_of_value(&row->mean, value_sum.ci95_lo, &row->lo);
    figures_of_value(&row->mean, value_sum.ci95_hi, &row->hi);
}

/* ",value" for each of the figures' field at mean, lo and hi. */
static void
three(FILE *f, double mean, double lo, double hi)
{
    fputc(',', f);
    csv_number(f, mean);
    fputc(',', f);
    csv_number(f, lo);
    fputc(',', f);
    csv_number(f, hi);
}

int
roi_write_csv(const struct run_results *res, FILE *f)
{
    const struct scenario *sc = res->sc;
    struct roi_row row;
    size_t s;

    fputs("strategy,baseline,downtime_saved,downtime_saved_ci95_lo,"
          "downtime_saved_ci95_hi,interventions_saved,incidents_per_year,"
          "yearly_value,yearly_value_ci95_lo,yearly_value_ci95_hi,"
          "investment,roi,roi_ci95_lo,roi_ci95_hi,n\n",
          f);
    for (s = 0; s < sc->nstrategies; s++) {
        roi_strategy(res, s, &row);
        csv_text(f, sc->strategies[s].name);
        fputc(',', f);
        csv_text(f, sc->strategies[sc->roi.baseline].name);
        three(f, row.downtime_saved.mean, row.downtime_saved.ci95_lo,
              row.downtime_saved.ci95_hi);
        fputc(',', f);
        csv_number(f, row.interventions_saved);
        fputc(',', f);
        csv_number(f, row.incidents_per_year);
        three(f, row.mean.yearly_value, row.lo.yearly_value,
              row.hi.yearly_value);
        fputc(',', f);
        csv_number(f, row.mean.investment);
        three(f, row.mean.roi, row.lo.roi, row.hi.roi);
        fprintf(f, ",%zu\n", row.downtime_saved.n);
    }
    return ferror(f) ? SIM_EIO : 0;
}
