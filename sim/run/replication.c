/*
 * Running one unit: build the world from the scenario, run it, compute
 * the metrics, keep the time series.
 */
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/probe.h"
#include "../core/util.h"
#include "replication.h"

static void
keep_healing_log(const struct model *m, struct unit_result *out)
{
    size_t n;
    const struct healing_entry *log = model_healing_log(m, &n);

    out->nhealing = n;
    out->healing = n ? xmemdup(log, n * sizeof(*log)) : NULL;
}

int
replication_run(const struct scenario *sc, size_t strategy, uint32_t rep,
                struct engine_watch *watch, struct unit_result *out)
{
    struct model_config cfg = {
        .clients = &sc->clients,
        .service = &sc->service,
        .faults = sc->faults,
        .nfaults = sc->nfaults,
        .retry = &sc->strategies[strategy].retry,
        .breaker = &sc->strategies[strategy].breaker,
        .budget = &sc->strategies[strategy].budget,
        .fallback = &sc->strategies[strategy].fallback,
        .healing = sc->strategies[strategy].healing_set
                       ? &sc->strategies[strategy].healing
                       : &sc->healing,
        .horizon = sc->duration,
        .bucket = sc->bucket,
        .seed = sc->seed,
        .replication = rep,
    };
    struct metrics_input in;
    struct model *m;

    memset(out, 0, sizeof(*out));
    m = model_new(&cfg, watch);
    if (m == NULL)
        return out->status = SIM_ENOMEM;
    out->status = model_run(m);
    if (out->status == 0) {
        in.probe = model_probe(m);
        in.latency = model_latency(m);
        in.totals = model_totals(m);
        in.faults = sc->faults;
        in.nfaults = sc->nfaults;
        in.fault_ends = model_fault_ends(m);
        in.detections = model_detections(m);
        in.slo_success_rate = sc->slo.success_rate;
        in.slo_window = sc->slo.window;
        metrics_compute(&in, out->metrics);
        out->series = model_take_probe(m);
        keep_healing_log(m, out);
    }
    out->events = model_events(m);
    out->peak_pending = model_peak_pending(m);
    model_free(m);
    return out->status;
}

void
unit_result_clear(struct unit_result *r)
{
    probe_free(r->series);
    r->series = NULL;
    free(r->healing);
    r->healing = NULL;
    r->nhealing = 0;
}
