/*
 * CSV writers. They only read the results.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../sim.h"
#include "../core/probe.h"
#include "../core/util.h"
#include "csv.h"

void
csv_text(FILE *f, const char *s)
{
    const char *p;

    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

void
csv_number(FILE *f, double v)
{
    if (!isnan(v))
        fprintf(f, "%.9g", v);
}

static int
finish(FILE *f)
{
    return ferror(f) ? SIM_EIO : 0;
}

static void
timeseries_rows(const struct run_results *res, size_t s, size_t r, FILE *f)
{
    static const unsigned counters[] = {
        MC_ATTEMPTS,          MC_FIRST_ATTEMPTS,     MC_RETRIES,
        MC_SUCCESSES,         MC_FAILURES,           MC_TIMEOUTS,
        MC_REJECTED,          MC_SHORT_CIRCUITED,    MC_REQUESTS_STARTED,
        MC_REQUESTS_SUCCEEDED, MC_REQUESTS_FAILED,   MC_REQUESTS_DEGRADED,
    };
    static const unsigned levels[] = {ML_IN_FLIGHT, ML_QUEUE_LEN,
                                      ML_SERVERS_UP, ML_BREAKERS_OPEN};
    const struct probe *p = run_results_unit(res, s, r)->series;
    size_t b, i;

    for (b = 0; b < p->buckets; b++) {
        csv_text(f, res->sc->strategies[s].name);
        fprintf(f, ",%zu,", r);
        csv_number(f, probe_bucket_start(p, b));
        for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
            fprintf(f, ",%llu",
                    (unsigned long long)probe_count(p, b, counters[i]));
        for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
            fprintf(f, ",%.4f", p->levels[b * p->nlevels + levels[i]]);
        fprintf(f, ",%d\n", metrics_degradation_level(p, b));
    }
}

int
csv_write_timeseries(const struct run_results *res, FILE *f)
{
    size_t s, r;

    fputs("strategy,replication,t,attempts,first_attempts,retries,"
          "successes,failures,timeouts,rejected,short_circuited,"
          "requests_started,requests_succeeded,requests_failed,"
          "requests_degraded,in_flight,queue_len,servers_up,breakers_open,"
          "degradation_level\n",
          f);
    for (s = 0; s < res->sc->nstrategies; s++) {
        for (r = 0; r < res->sc->replications; r++)
            timeseries_rows(res, s, r, f);
    }
    return finish(f);
}

int
csv_write_replications(const struct run_results *res, FILE *f)
{
    size_t s, r;
    int m;

    fputs("strategy,replication", f);
    for (m = 0; m < METRIC_COUNT; m++)
        fprintf(f, ",%s", metric_name((enum metric)m));
    fputc('\n', f);
    for (s = 0; s < res->sc->nstrategies; s++) {
        for (r = 0; r < res->sc->replications; r++) {
            const struct unit_result *u = run_results_unit(res, s, r);

            csv_text(f, res->sc->strategies[s].name);
            fprintf(f, ",%zu", r);
            for (m = 0; m < METRIC_COUNT; m++) {
                fputc(',', f);
                csv_number(f, u->metrics[m]);
            }
            fputc('\n', f);
        }
    }
    return finish(f);
}

int
csv_write_summary(const struct run_results *res, FILE *f)
{
    size_t s;
    int m;

    fputs("strategy,metric,mean,ci95_lo,ci95_hi,sd,n\n", f);
    for (s = 0; s < res->sc->nstrategies; s++) {
        for (m = 0; m < METRIC_COUNT; m++) {
            const struct stats_summary *x =
                run_results_summary(res, s, (enum metric)m);

            csv_text(f, res->sc->strategies[s].name);
            fprintf(f, ",%s,", metric_name((enum metric)m));
            csv_number(f, x->mean);
            fputc(',', f);
            csv_number(f, x->ci95_lo);
            fputc(',', f);
            csv_number(f, x->ci95_hi);
            fputc(',', f);
            csv_number(f, x->sd);
            fprintf(f, ",%zu\n", x->n);
        }
    }
    return finish(f);
}

int
csv_write_sweep(const struct sweep *sw, FILE *f)
{
    size_t a, p, s;
    int m;

    for (a = 0; a < sw->naxes; a++) {
        csv_text(f, sw->axes[a].key);
        fputc(',', f);
    }
    fputs("strategy", f);
    for (m = 0; m < METRIC_COUNT; m++)
        fprintf(f, ",%s,%s_ci95_lo,%s_ci95_hi", metric_name((enum metric)m),
                metric_name((enum metric)m), metric_name((enum metric)m));
    fputc('\n', f);

    for (p = 0; p < sw->npoints; p++) {
        const struct run_results *res = &sw->results[p];

        for (s = 0; s < res->sc->nstrategies; s++) {
            for (a = 0; a < sw->naxes; a++) {
                csv_text(f, sweep_value(sw, p, a));
                fputc(',', f);
            }
            csv_text(f, res->sc->strategies[s].name);
            for (m = 0; m < METRIC_COUNT; m++) {
                const struct stats_summary *x =
                    run_results_summary(res, s, (enum metric)m);

                fputc(',', f);
                csv_number(f, x->mean);
                fputc(',', f);
                csv_number(f, x->ci95_lo);
                fputc(',', f);
                csv_number(f, x->ci95_hi);
            }
            fputc('\n', f);
        }
    }
    return finish(f);
}

int
csv_has_healing(const struct run_results *res)
{
    const struct scenario *sc = res->sc;
    size_t s;

    if (sc->healing.mode != HEALING_OFF)
        return 1;
    for (s = 0; s < sc->nstrategies; s++) {
        if (sc->strategies[s].healing_set &&
            sc->strategies[s].healing.mode != HEALING_OFF)
            return 1;
    }
    return 0;
}

int
csv_write_healing(const struct run_results *res, FILE *f)
{
    size_t s, r, i;

    fputs("strategy,replication,t,action,outcome,faults_ended,servers_up\n",
          f);
    for (s = 0; s < res->sc->nstrategies; s++) {
        for (r = 0; r < res->sc->replications; r++) {
            const struct unit_result *u = run_results_unit(res, s, r);

            for (i = 0; i < u->nhealing; i++) {
                const struct healing_entry *e = &u->healing[i];

                csv_text(f, res->sc->strategies[s].name);
                fprintf(f, ",%zu,", r);
                csv_number(f, e->t);
                fprintf(f, ",%s,%s,%u,%u\n",
                        healing_action_name((enum healing_action)e->action),
                        healing_outcome_name(
                            (enum healing_outcome)e->outcome),
                        e->faults_ended, e->servers_up);
            }
        }
    }
    return finish(f);
}

const char *
csv_verdict(enum verdict v)
{
    static const char *const names[] = {"pass", "fail", "skipped"};

    return names[v];
}

static void
rollout_row(FILE *f, const struct rollout_stage *st,
            const struct stage_result *r, const char *gate,
            const struct stats_summary *x, double threshold,
            enum verdict v)
{
    csv_text(f, st->name);
    fputc(',', f);
    csv_number(f, st->traffic);
    fprintf(f, ",%u,%s,", r->cohort, gate);
    if (x != NULL && v != VERDICT_SKIPPED) {
        csv_number(f, x->mean);
        fputc(',', f);
        csv_number(f, x->ci95_lo);
        fputc(',', f);
        csv_number(f, x->ci95_hi);
    } else {
        fputs(",,", f);
    }
    fputc(',', f);
    csv_number(f, threshold);
    fprintf(f, ",%s\n", csv_verdict(v));
}

int
csv_write_rollout(const struct rollout_result *r, FILE *f)
{
    const struct rollout_config *ro = &r->sc->rollout;
    struct stats_summary checks = {0};
    size_t s;
    int g;

    fputs("stage,traffic,cohort,gate,value,ci95_lo,ci95_hi,threshold,"
          "verdict\n", f);
    for (s = 0; s < ro->nstages; s++) {
        const struct rollout_stage *st = &ro->stages[s];
        const struct stage_result *sr = &r->stages[s];

        for (g = 0; g < GATE_COUNT; g++) {
            if (st->has[g])
                rollout_row(f, st, sr, rollout_gate_name((enum gate)g),
                            &sr->value[g], st->threshold[g], sr->verdict[g]);
        }
        if (ro->analysis) {
            checks.mean = sr->failed_checks;
            checks.ci95_lo = checks.ci95_hi = NAN;
            rollout_row(f, st, sr, "analysis", &checks, ro->failure_limit,
                        sr->analysis);
        }
    }
    return finish(f);
}

int
csv_write_validation(const struct rollout_result *r, FILE *f)
{
    const struct rollout_config *ro = &r->sc->rollout;
    size_t s;

    fputs("stage,good_trials,false_alarms,false_alarms_lo,"
          "false_alarms_hi,bad_trials,misses,misses_lo,misses_hi\n", f);
    for (s = 0; s < ro->nstages; s++) {
        const struct stage_validation *v = &r->validation[s];

        csv_text(f, ro->stages[s].name);
        fprintf(f, ",%u,", v->good_trials);
        csv_number(f, v->false_alarms);
        fputc(',', f);
        csv_number(f, v->fa_lo);
        fputc(',', f);
        csv_number(f, v->fa_hi);
        fprintf(f, ",%u,", v->bad_trials);
        csv_number(f, v->misses);
        fputc(',', f);
        csv_number(f, v->miss_lo);
        fputc(',', f);
        csv_number(f, v->miss_hi);
        fputc('\n', f);
    }
    return finish(f);
}

/* The text a chart shows for fault f, such as "errors 20%". */
static void
fault_label(const struct fault_spec *f, uint32_t servers, char *buf,
            size_t size)
{
    char d[96];

    switch (f->kind) {
    case FAULT_OUTAGE:
        snprintf(buf, size, "%s", f->drop_inflight ? "crash" : "outage");
        break;
    case FAULT_ERRORS:
        snprintf(buf, size, "errors %g%%%s", f->rate * 100,
                 f->retryable ? "" : ", not retryable");
        break;
    case FAULT_LATENCY:
        dist_describe(&f->add, d, sizeof(d));
        snprintf(buf, size, "latency +%s", d);
        break;
    case FAULT_CAPACITY:
        snprintf(buf, size, "capacity %u of %u servers",
                 fault_capacity(f, servers), servers);
        break;
    }
}

int
csv_write_faults(const struct run_results *res, FILE *f)
{
    const struct scenario *sc = res->sc;
    char label[160];
    size_t i;

    fputs("fault,kind,start,end,label\n", f);
    for (i = 0; i < sc->nfaults; i++) {
        const struct fault_spec *x = &sc->faults[i];

        fault_label(x, sc->service.servers, label, sizeof(label));
        if (x->until_healed)
            strncat(label, " until healed",
                    sizeof(label) - strlen(label) - 1);
        fprintf(f, "%zu,%s,", i, fault_kind_name(x->kind));
        csv_number(f, x->start);
        fputc(',', f);
        /* A fault that lasts until healed has no end known in advance. */
        csv_number(f, isfinite(x->end) ? x->end : NAN);
        fputc(',', f);
        csv_text(f, label);
        fputc('\n', f);
    }
    return finish(f);
}

/* ---- Reading ---------------------------------------------------------- */

void
csv_reader_init(struct csv_reader *r, FILE *f)
{
    memset(r, 0, sizeof(*r));
    r->f = f;
}

void
csv_reader_free(struct csv_reader *r)
{
    free(r->buf);
    free(r->fields);
    free(r->starts);
    memset(r, 0, sizeof(*r));
}

static void
put_char(struct csv_reader *r, char c)
{
    if (r->len == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->buf = xrealloc(r->buf, r->cap);
    }
    r->buf[r->len++] = c;
}

/*
 * End the field that started at offset start of the buffer. Fields are
 * kept as offsets while the buffer may still move, and turned into
 * pointers at the end of the record.
 */
static void
end_field(struct csv_reader *r, size_t start)
{
    put_char(r, '\0');
    if (r->nfields == r->fields_cap) {
        r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 32;
        r->fields =
            xreallocarray(r->fields, r->fields_cap, sizeof(*r->fields));
        r->starts =
            xreallocarray(r->starts, r->fields_cap, sizeof(*r->starts));
    }
    r->starts[r->nfields++] = start;
}

/*
 * A small state machine over characters: a field is plain text, or a
 * quoted text in which "" stands for one quote and commas and line ends
 * are data.
 */
int
csv_read(struct csv_reader *r)
{
    size_t start = 0, i;
    int c = EOF, quoted = 0, any = 0;

    r->len = 0;
    r->nfields = 0;
    r->line++;
    while ((c = getc(r->f)) != EOF) {
        any = 1;
        if (quoted && c == '"') {
            c = getc(r->f);
            if (c == '"') {
                put_char(r, '"');
                continue;
            }
            quoted = 0;
            if (c == EOF)
                break;
        } else if (quoted) {
            r->line += c == '\n';
            put_char(r, (char)c);
            continue;
        }
        if (c == '"') {
            quoted = 1;
        } else if (c == ',' || c == '\n') {
            end_field(r, start);
            start = r->len;
            if (c == '\n')
                break;
        } else if (c != '\r') {
            put_char(r, (char)c);
        }
    }
    if (ferror(r->f))
        return SIM_EIO;
    if (quoted)
        return SIM_EPARSE;
    if (!any)
        return 0;
    if (c == EOF)
        end_field(r, start); /* a last line without its line end */
    for (i = 0; i < r->nfields; i++)
        r->fields[i] = r->buf + r->starts[i];
    return 1;
}

int
csv_find(const struct csv_reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->nfields; i++) {
        if (strcmp(r->fields[i], name) == 0)
            return (int)i;
    }
    return -1;
}
