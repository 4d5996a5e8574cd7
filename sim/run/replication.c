/*
 * Running one unit: build the world from the scenario, run it, compute
 * the metrics, keep the time series.
 */
#include <string.h>

#include "../sim.h"
#include "../core/probe.h"
#include "replication.h"

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
        in.slo_success_rate = sc->slo.success_rate;
        in.slo_window = sc->slo.window;
        metrics_compute(&in, out->metrics);
        out->series = model_take_probe(m);
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
}
