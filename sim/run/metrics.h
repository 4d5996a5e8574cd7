/*
 * The metrics of the specification (section 5), computed once per
 * replication from the probe's time series and the model's totals, so
 * that every writer reads the same numbers.
 */
#ifndef METRICS_H
#define METRICS_H

#include <stddef.h>

#include "../model/model.h"

struct probe;
struct hist;

/* Metrics in the column order of replications.csv. */
enum metric {
    METRIC_REQUESTS,
    METRIC_ATTEMPTS,
    METRIC_BASELINE_RATE,
    METRIC_SPIKE,
    METRIC_RECOVERY_SPIKE,
    METRIC_AMPLIFICATION,
    METRIC_SUCCESS_RATE,
    METRIC_ERROR_RATE,
    METRIC_DEGRADED_RATE,
    METRIC_COMPLETION_TIME,
    METRIC_LATENCY_MEAN,
    METRIC_LATENCY_P50,
    METRIC_LATENCY_P90,
    METRIC_LATENCY_P99,
    METRIC_LATENCY_P999,
    METRIC_MTTR,
    METRIC_RECOVERED,
    METRIC_DOWNTIME,
    METRIC_DETECTION_TIME,
    METRIC_REPAIR_TIME,
    METRIC_INTERVENTIONS,
    METRIC_RETRIES,
    METRIC_TIMEOUTS,
    METRIC_REJECTED,
    METRIC_SHORT_CIRCUITED,
    METRIC_RETRIES_REFUSED,
    METRIC_REQUESTS_SUCCEEDED,
    METRIC_REQUESTS_FAILED,
    METRIC_REQUESTS_UNFINISHED,
    METRIC_COUNT
};

/* The metric's name as the CSV files spell it. */
const char *metric_name(enum metric m);

struct metrics_input {
    const struct probe *probe;
    const struct hist *latency;
    const struct model_totals *totals;
    const struct fault_spec *faults;
    size_t nfaults;
    const double *fault_ends;  /* actual ends (NAN: on at the horizon) */
    const double *detections;  /* healing's first unhealthy verdicts */
    double slo_success_rate;
    double slo_window; /* seconds */
};

/*
 * Compute every metric into values (indexed by enum metric). A metric
 * that is undefined in this replication is NAN: spike without faults,
 * MTTR of a run that never recovered, completion_time while requests
 * were still in flight at the horizon.
 */
void metrics_compute(const struct metrics_input *in,
                     double values[METRIC_COUNT]);

/* Success ratio of the attempts that ended in bucket b; NAN if none. */
double metrics_bucket_success(const struct probe *p, size_t b);

/*
 * Degradation level of bucket b, from the logical requests that finished
 * in it: 0 full, 1 slight, 2 moderate, 3 minimal, 4 failed.
 */
int metrics_degradation_level(const struct probe *p, size_t b);

/* The level's name for reports. */
const char *metrics_degradation_name(int level);

#endif
