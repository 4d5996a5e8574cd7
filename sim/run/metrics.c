/*
 * Section 5 of the specification, in one place.
 */
#include <math.h>
#include <stdlib.h>

#include "../sim.h"
#include "../core/hist.h"
#include "../core/probe.h"
#include "../core/util.h"
#include "metrics.h"

const char *
metric_name(enum metric m)
{
    static const char *const names[METRIC_COUNT] = {
        "requests",           "attempts",
        "baseline_rate",      "spike",
        "recovery_spike",     "amplification",
        "success_rate",       "error_rate",
        "degraded_rate",      "completion_time",
        "latency_mean",       "latency_p50",
        "latency_p90",        "latency_p99",
        "latency_p999",       "mttr",
        "recovered",          "downtime",
        "detection_time",     "repair_time",
        "interventions",
        "retries",            "timeouts",
        "rejected",           "short_circuited",
        "retries_refused",    "requests_succeeded",
        "requests_failed",    "requests_unfinished",
    };

    return names[m];
}

double
metrics_bucket_success(const struct probe *p, size_t b)
{
    uint64_t ok = probe_count(p, b, MC_SUCCESSES);
    uint64_t ended = ok + probe_count(p, b, MC_FAILURES) +
                     probe_count(p, b, MC_TIMEOUTS) +
                     probe_count(p, b, MC_REJECTED);

    return ended ? (double)ok / (double)ended : NAN;
}

int
metrics_degradation_level(const struct probe *p, size_t b)
{
    double ok = (double)probe_count(p, b, MC_REQUESTS_SUCCEEDED);
    double fallback = (double)probe_count(p, b, MC_REQUESTS_DEGRADED);
    double ended = ok + fallback +
                   (double)probe_count(p, b, MC_REQUESTS_FAILED);
    double served, by_fallback;

    if (ended == 0)
        return 0; /* nothing finished, nothing failed */
    served = (ok + fallback) / ended;
    by_fallback = fallback / ended;
    if (served == 1 && by_fallback == 0)
        return 0;
    if (served >= 0.8 && by_fallback < 0.3)
        return 1;
    if (served >= 0.6 || by_fallback >= 0.3)
        return 2;
    if (served >= 0.3)
        return 3;
    return 4;
}

const char *
metrics_degradation_name(int level)
{
    static const char *const names[] = {"full", "slight", "moderate",
                                        "minimal", "failed"};

    return level >= 0 && level <= 4 ? names[level] : "?";
}

static size_t
bucket_of(const struct probe *p, double t)
{
    double b = floor(t / p->width + 1e-9);

    if (b < 0)
        return 0;
    return b >= (double)p->buckets ? p->buckets - 1 : (size_t)b;
}

/* Is bucket b within the SLO (a bucket where no attempt ended is)? */
static int
bucket_good(const struct probe *p, size_t b, double slo)
{
    double r = metrics_bucket_success(p, b);

    /* The epsilon absorbs rounding of 999/1000 against 99.9%. */
    return isnan(r) || r >= slo - 1e-12;
}

/*
 * Baseline and spikes. The baseline is the mean rate over the whole
 * buckets before the first fault; a spike is the largest bucket rate from
 * the bucket holding a time to the horizon, over that baseline.
 */
static void
spikes(const struct metrics_input *in, double *v)
{
    const struct probe *p = in->probe;
    double first = INFINITY, last = -INFINITY, sum = 0, peak;
    size_t b, before, i;

    for (i = 0; i < in->nfaults; i++) {
        first = fmin(first, in->faults[i].start);
        double end = in->fault_ends ? in->fault_ends[i] : in->faults[i].end;

        last = fmax(last, isnan(end) ? INFINITY : end);
    }
    before = in->nfaults ? (size_t)floor(first / p->width + 1e-9)
                         : p->buckets;
    if (before > p->buckets)
        before = p->buckets;
    for (b = 0; b < before; b++)
        sum += (double)probe_count(p, b, MC_ATTEMPTS);
    v[METRIC_BASELINE_RATE] =
        before ? sum / (probe_bucket_start(p, before - 1) +
                        probe_bucket_width(p, before - 1))
               : NAN;

    v[METRIC_SPIKE] = NAN;
    v[METRIC_RECOVERY_SPIKE] = NAN;
    if (in->nfaults == 0 || !(v[METRIC_BASELINE_RATE] > 0))
        return;
    peak = 0;
    for (b = bucket_of(p, first); b < p->buckets; b++)
        peak = fmax(peak, (double)probe_count(p, b, MC_ATTEMPTS) /
                              probe_bucket_width(p, b));
    v[METRIC_SPIKE] = peak / v[METRIC_BASELINE_RATE];
    if (last >= p->horizon)
        return;
    peak = 0;
    for (b = bucket_of(p, last); b < p->buckets; b++)
        peak = fmax(peak, (double)probe_count(p, b, MC_ATTEMPTS) /
                              probe_bucket_width(p, b));
    v[METRIC_RECOVERY_SPIKE] = peak / v[METRIC_BASELINE_RATE];
}

/*
 * MTTR and downtime against the SLO. A fault has recovered at the first
 * bucket boundary R >= its start after which `window` worth of buckets
 * are all within the SLO; its MTTR is R - start. good_run[b] counts the
 * good buckets in a row from b, so each fault is one scan.
 */
/*
 * MTTR and downtime against the SLO. A fault has recovered at the first
 * bucket boundary R >= its start after which `window` worth of buckets
 * are all within the SLO; its MTTR is R - start. good_run[b] counts the
 * good buckets in a row from b, so each fault is one scan. With a healing
 * controller, detection is from the start to its first unhealthy verdict
 * during the fault, and repair the rest of the MTTR.
 */
static void
recovery(const struct metrics_input *in, double *v)
{
    const struct probe *p = in->probe;
    size_t nb = p->buckets, w, b, i, j, detected = 0;
    size_t *good_run = xcalloc(nb + 1, sizeof(*good_run));
    double sum = 0, downtime = 0, start, mttr, detect = 0, repair = 0;
    int all = 1;

    w = (size_t)ceil(in->slo_window / p->width - 1e-9);
    if (w < 1)
        w = 1;
    for (b = nb; b-- > 0;) {
        if (bucket_good(p, b, in->slo_success_rate)) {
            good_run[b] = good_run[b + 1] + 1;
        } else {
            good_run[b] = 0;
            downtime += probe_bucket_width(p, b);
        }
    }

    for (i = 0; i < in->nfaults; i++) {
        start = in->faults[i].start;
        mttr = NAN;
        for (j = bucket_of(p, start); j + w <= nb; j++) {
            if (good_run[j] >= w) {
                mttr = fmax(0, probe_bucket_start(p, j) - start);
                break;
            }
        }
        all = all && !isnan(mttr);
        sum += mttr;
        if (in->detections != NULL && !isnan(in->detections[i])) {
            detected++;
            detect += in->detections[i] - start;
            repair += mttr - (in->detections[i] - start);
        }
    }
    free(good_run);

    v[METRIC_DOWNTIME] = downtime;
    v[METRIC_RECOVERED] = all;
    v[METRIC_MTTR] = all && in->nfaults ? sum / (double)in->nfaults : NAN;
    v[METRIC_DETECTION_TIME] = detected ? detect / (double)detected : NAN;
    v[METRIC_REPAIR_TIME] =
        detected && all ? repair / (double)detected : NAN;
}

void
metrics_compute(const struct metrics_input *in, double values[METRIC_COUNT])
{
    const struct model_totals *t = in->totals;
    double finished = (double)(t->requests_succeeded + t->requests_failed +
                               t->requests_degraded);
    const struct hist *h = in->latency;
    size_t b;

    values[METRIC_REQUESTS] = (double)t->requests_started;
    values[METRIC_ATTEMPTS] = (double)t->attempts;
    values[METRIC_AMPLIFICATION] =
        t->requests_started
            ? (double)t->attempts / (double)t->requests_started
            : NAN;
    values[METRIC_SUCCESS_RATE] =
        finished ? (double)t->requests_succeeded / finished : NAN;
    values[METRIC_ERROR_RATE] =
        finished ? (double)t->requests_failed / finished : NAN;
    values[METRIC_DEGRADED_RATE] =
        finished ? (double)t->requests_degraded / finished : NAN;
    values[METRIC_COMPLETION_TIME] =
        finished && t->requests_unfinished == 0 ? t->last_end : NAN;

    values[METRIC_LATENCY_MEAN] = hist_mean(h);
    values[METRIC_LATENCY_P50] = hist_quantile(h, 0.50);
    values[METRIC_LATENCY_P90] = hist_quantile(h, 0.90);
    values[METRIC_LATENCY_P99] = hist_quantile(h, 0.99);
    values[METRIC_LATENCY_P999] = hist_quantile(h, 0.999);

    spikes(in, values);
    recovery(in, values);

    values[METRIC_RETRIES] = 0;
    for (b = 0; b < in->probe->buckets; b++)
        values[METRIC_RETRIES] += (double)probe_count(in->probe, b,
                                                      MC_RETRIES);
    values[METRIC_TIMEOUTS] = (double)t->outcomes[OUTCOME_TIMEOUT];
    values[METRIC_REJECTED] = (double)t->outcomes[OUTCOME_REJECTED];
    values[METRIC_SHORT_CIRCUITED] =
        (double)t->outcomes[OUTCOME_SHORT_CIRCUITED];
    values[METRIC_RETRIES_REFUSED] = (double)t->retries_refused;
    values[METRIC_INTERVENTIONS] = (double)t->repairs;
    values[METRIC_REQUESTS_SUCCEEDED] = (double)t->requests_succeeded;
    values[METRIC_REQUESTS_FAILED] = (double)t->requests_failed;
    values[METRIC_REQUESTS_UNFINISHED] = (double)t->requests_unfinished;
}
