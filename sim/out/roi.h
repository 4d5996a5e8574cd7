/*
 * Return on investment of each strategy against the scenario's baseline
 * (specification sections 3.5 and 5), and roi.csv.
 */
#ifndef ROI_H
#define ROI_H

#include <stdio.h>

#include "../core/stats.h"
#include "../run/runner.h"

/* What the yearly value and the investment are made of. */
struct roi_inputs {
    double downtime_saved_minutes;   /* per incident */
    double interventions_saved;      /* human interventions, per incident */
    double downtime_cost_per_minute; /* money */
    double engineer_cost_per_hour;   /* money */
    double manual_intervention_minutes; /* per intervention */
    double incidents_per_year;
    double implementation_hours;
};

struct roi_figures {
    double yearly_value; /* money a year */
    double investment;   /* money, once */
    double roi;          /* (value - investment) / investment; NAN when
                            the investment is 0 */
};

/*
 * The formula of section 5: yearly value = (downtime minutes saved x
 * downtime cost per minute + interventions saved x minutes per
 * intervention x engineer cost per minute) x incidents per year;
 * investment = implementation hours x engineer cost per hour.
 */
void roi_compute(const struct roi_inputs *in, struct roi_figures *out);

/* One strategy against the baseline: a row of roi.csv. */
struct roi_row {
    /*
     * Downtime saved per incident in seconds, baseline minus strategy,
     * paired replication by replication: both ran on the same random
     * numbers, so the difference is sharper than two separate means.
     */
    struct stats_summary downtime_saved;
    double interventions_saved; /* per incident, mean of the paired
                                   differences (repairs by a person) */
    double incidents_per_year;
    struct roi_figures mean;    /* at the means of what was saved */
    struct roi_figures lo, hi;  /* at the ends of the yearly value's 95 %
                                   interval over the replications; NAN
                                   with fewer than two */
};

/*
 * Compute the row of strategy s. res->sc->roi must be enabled; the
 * baseline's own row saves nothing.
 */
void roi_strategy(const struct run_results *res, size_t s,
                  struct roi_row *row);

/*
 * roi.csv, one row per strategy, the baseline included:
 * strategy,baseline,downtime_saved,downtime_saved_ci95_lo,
 * downtime_saved_ci95_hi,interventions_saved,incidents_per_year,
 * yearly_value,yearly_value_ci95_lo,yearly_value_ci95_hi,investment,
 * roi,roi_ci95_lo,roi_ci95_hi,n
 * (seconds per incident, money, ROI as a fraction: 10.58 is 1058 %).
 * Returns 0 or SIM_EIO.
 */
int roi_write_csv(const struct run_results *res, FILE *f);

#endif
