/*
 * stampede: the commands. Only main() decides the exit status.
 */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "cli.h"
#include "core/log.h"
#include "core/util.h"
#include "out/csv.h"
#include "out/junit.h"
#include "out/outdir.h"
#include "out/plot.h"
#include "out/report.h"
#include "out/roi.h"
#include "out/table.h"
#include "run/footprint.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "run/sweep.h"

enum exit_status {
    EXIT_OK = 0,
    EXIT_GATE = 1,
    EXIT_INPUT = 2,
    EXIT_RUNTIME = 3
};

/* The signal that asked us to stop, or 0. */
static volatile sig_atomic_t stop_signal;

static void
on_signal(int signo)
{
    stop_signal = signo;
}

static void
catch_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* GSL's default handler aborts; report instead, and end the run. */
static void
on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    log_error("numerical library: %s (%s:%d, code %d)", reason, file, line,
              gsl_errno);
    exit(EXIT_RUNTIME);
}

static int
exit_for(int rc)
{
    switch (rc) {
    case 0:
        return EXIT_OK;
    case SIM_EUSAGE:
    case SIM_EINPUT:
        return EXIT_INPUT;
    case SIM_EINTR:
        return 128 + (stop_signal ? stop_signal : SIGINT);
    case SIM_EGATE:
        return EXIT_GATE;
    }
    return EXIT_RUNTIME;
}

/* Print the problems of a load that failed with rc; SIM_EINPUT. */
static int
report_errors(const char *target, int rc, struct scenario_errors *errs)
{
    size_t i;

    for (i = 0; i < errs->count; i++) {
        /* Input problems lead with file:line:col, for editors. */
        if (rc == SIM_EINPUT)
            log_raw("%s", errs->messages[i]);
        else
            log_error("%s", errs->messages[i]);
    }
    if (rc == SIM_EINPUT)
        log_error("%s: %zu problem%s found; nothing was run", target,
                  errs->total, errs->total == 1 ? "" : "s");
    scenario_errors_clear(errs);
    /* A file that cannot be read is bad input too. */
    return SIM_EINPUT;
}

/* -s and -r apply after loading, also to validate, so it shows the truth. */
static void
apply_overrides(const struct cli_options *o, struct scenario *sc)
{
    if (o->have_seed)
        sc->seed = o->seed;
    if (o->have_replications)
        sc->replications = o->replications;
}

static int
load(const struct cli_options *o, struct scenario **sc)
{
    struct scenario_errors errs;
    int rc;

    rc = scenario_load(o->target, o->sets, o->nsets, sc, &errs);
    if (rc != 0)
        return report_errors(o->target, rc, &errs);
    apply_overrides(o, *sc);
    return 0;
}

/* Copy the scenario file into the results, so they can be reproduced. */
static int
copy_scenario(const struct outdir *d, const char *path)
{
    char buf[8192];
    size_t n;
    FILE *in = fopen(path, "rb"), *out;

    if (in == NULL) {
        log_error("cannot read %s again", path);
        return SIM_EIO;
    }
    out = outdir_create(d, "scenario.yaml");
    if (out == NULL) {
        fclose(in);
        return SIM_EIO;
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    return outdir_close(d, out, "scenario.yaml");
}

typedef int (*writer)(const struct run_results *res, FILE *f);

static int
write_one(const struct outdir *d, const char *name, writer fn,
          const struct run_results *res)
{
    FILE *f = outdir_create(d, name);
    int rc;

    if (f == NULL)
        return SIM_EIO;
    rc = fn(res, f);
    if (outdir_close(d, f, name) != 0)
        rc = SIM_EIO;
    return rc;
}

/*
 * Draw the charts into the temporary folder, so that they appear with
 * the rest. Charts are a convenience: without gnuplot, or when it fails,
 * the run warns and its results still count.
 */
static void
draw_charts(const struct outdir *d, const struct scenario *sc,
            const struct cli_options *o, struct plot_set *plots)
{
    struct plot_context ctx = {sc->name, sc->slo.success_rate};
    int c, failed = 0;

    memset(plots, 0, sizeof(*plots));
    plots->disabled = o->no_plots;
    if (o->no_plots)
        return;
    if (plot_results(d->tmp, &ctx, plots) != 0) {
        log_warning("no charts were drawn; the CSV files are complete");
        return;
    }
    if (plots->gnuplot_missing) {
        log_warning("gnuplot is not on PATH, so no charts were drawn; "
                    "install it and run 'stampede plot %s'", d->final);
        return;
    }
    for (c = 0; c < PLOT_COUNT; c++)
        failed += plots->state[c] == PLOT_FAILED;
    if (failed > 0)
        log_warning("%d chart%s could not be drawn; the CSV files are "
                    "complete", failed, failed == 1 ? "" : "s");
}

static int
write_results(const struct outdir *d, const struct run_results *res,
              const struct cli_options *o, int argc, char **argv)
{
    struct plot_set plots;
    FILE *f;
    int rc = 0;

    rc |= write_one(d, "timeseries.csv", csv_write_timeseries, res);
    rc |= write_one(d, "replications.csv", csv_write_replications, res);
    rc |= write_one(d, "summary.csv", csv_write_summary, res);
    rc |= write_one(d, "faults.csv", csv_write_faults, res);
    if (res->sc->roi.enabled)
        rc |= write_one(d, "roi.csv", roi_write_csv, res);
    if (csv_has_healing(res))
        rc |= write_one(d, "healing.csv", csv_write_healing, res);
    rc |= copy_scenario(d, res->sc->path);
    if (rc == 0)
        draw_charts(d, res->sc, o, &plots);
    f = outdir_create(d, "report.md");
    if (f == NULL)
        return SIM_EIO;
    rc |= report_write_md(res, &plots, argc, argv, f);
    rc |= outdir_close(d, f, "report.md");
    f = outdir_create(d, "report.html");
    if (f == NULL)
        return SIM_EIO;
    rc |= report_write_html(res, &plots, d->tmp, argc, argv, f);
    rc |= outdir_close(d, f, "report.html");
    return rc ? SIM_EIO : 0;
}

static unsigned
default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n >= 1 ? (unsigned)n : 1;
}

static double
wall_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What the run cost: the figures `make bench` reads (at -v). */
static void
log_cost(size_t units, uint64_t events, size_t peak_pending,
         unsigned threads, double wall)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    log_info("ran %zu units on %u threads: %llu events in %.3f s "
             "(%.0f events/s), peak RSS %.1f MiB, peak pending %zu",
             units, threads, (unsigned long long)events, wall,
             wall > 0 ? (double)events / wall : 0,
             (double)ru.ru_maxrss / 1024, peak_pending);
}

/* The most events any unit had pending at once. */
static size_t
peak_pending(const struct run_results *res)
{
    size_t i, peak = 0;

    for (i = 0; i < res->nunits; i++) {
        if (res->units[i].peak_pending > peak)
            peak = res->units[i].peak_pending;
    }
    return peak;
}

/* The progress line, on stderr while it is a terminal. */
static void
show_progress(void *ctx, const struct runner_status *st)
{
    int *shown = ctx;
    double rate = st->elapsed > 0 ? (double)st->events / st->elapsed : 0;
    double left = st->fraction > 0.01
                      ? st->elapsed * (1 - st->fraction) / st->fraction
                      : -1;
    char eta[32] = "?";

    if (left >= 0)
        snprintf(eta, sizeof(eta), "%d:%02d", (int)left / 60,
                 (int)left % 60);
    log_progress("%zu/%zu runs, %.0f%%, %.2fM events/s, %s left", st->done,
                 st->total, st->fraction * 100, rate / 1e6, eta);
    *shown = 1;
}

static int
commit_unless_stopped(struct outdir *d)
{
    sigset_t block, old;
    int rc;

    /* A signal now must either stop before the swap or wait after it. */
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    if (stop_signal) {
        outdir_abort(d);
        rc = SIM_EINTR;
    } else {
        rc = outdir_commit(d);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

/* Threads, the stop flag and, on a terminal, the progress line. */
static void
runner_setup(const struct cli_options *o, struct runner_options *ropt,
             int *shown)
{
    memset(ropt, 0, sizeof(*ropt));
    ropt->threads = o->threads ? o->threads : default_threads();
    ropt->stop = &stop_signal;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        ropt->report = show_progress;
        ropt->report_ctx = shown;
    }
}

/* /proc/meminfo, or for tests the file STAMPEDE_MEMINFO names. */
static const char *
meminfo_path(void)
{
    const char *path = getenv("STAMPEDE_MEMINFO");

    return path != NULL && path[0] != '\0' ? path : "/proc/meminfo";
}

/*
 * Refuse a run whose estimated memory is more than the machine has
 * available, before anything is written, unless --force.
 *
 * XXX: only memory is checked, not time: a run that fits but would take
 * days starts all the same (README.md, known limitations).
 */
static int
check_memory(const struct cli_options *o, const struct footprint *fp)
{
    double need = footprint_total(fp), have;
    char n[32], h[32], r[32], w[32];

    footprint_format(need, n, sizeof(n));
    footprint_format(fp->results, r, sizeof(r));
    footprint_format(fp->worlds, w, sizeof(w));
    log_info("estimated memory: %s (results %s, %zu simulation%s at "
             "once %s)", n, r, fp->nworlds, fp->nworlds == 1 ? "" : "s", w);
    if (footprint_available(meminfo_path(), &have) != 0) {
        log_info("cannot read the available memory; not checked");
        return 0;
    }
    if (need <= have)
        return 0;
    footprint_format(have, h, sizeof(h));
    if (o->force) {
        log_warning("the run may need %s of memory and %s is available; "
                    "running anyway (--force)", n, h);
        return 0;
    }
    log_error("%s: the run may need %s of memory (results %s, %zu "
              "simulation%s at once %s) and %s is available; nothing was "
              "run", o->target, n, r, fp->nworlds,
              fp->nworlds == 1 ? "" : "s", w, h);
    log_raw("stampede: use fewer replications, strategies, clients or "
            "threads (-j), a wider bucket, or --force to run anyway");
    return SIM_EINPUT;
}

/* Open the results folder: -o, or results/NAME plus suffix. */
static int
open_results(const struct cli_options *o, const char *name,
             const char *suffix, struct outdir *dir)
{
    char *path = o->out ? xstrdup(o->out)
                        : xasprintf("results/%s%s", name, suffix);
    int rc = outdir_open(dir, path);

    free(path);
    if (rc != 0)
        outdir_abort(dir);
    return rc;
}

static int
cmd_run(const struct cli_options *o, int argc, char **argv)
{
    struct scenario *sc = NULL;
    struct run_results res;
    struct runner_options ropt;
    struct footprint fp;
    struct outdir dir;
    double started;
    int shown = 0;
    int rc;

    rc = load(o, &sc);
    if (rc != 0)
        return rc;
    runner_setup(o, &ropt, &shown);
    footprint_run(sc, ropt.threads, !o->no_plots, &fp);
    rc = check_memory(o, &fp);
    if (rc == 0)
        rc = open_results(o, sc->name, "", &dir);
    if (rc != 0) {
        scenario_free(sc);
        return rc;
    }

    started = wall_seconds();
    rc = runner_run(sc, &ropt, &res);
    if (shown)
        log_progress_end();
    if (rc == 0) {
        log_cost(res.nunits, res.events, peak_pending(&res), ropt.threads,
                 wall_seconds() - started);
        rc = write_results(&dir, &res, o, argc, argv);
    }
    if (rc == 0)
        rc = commit_unless_stopped(&dir);
    else
        outdir_abort(&dir);
    if (rc == 0)
        table_print(&res, stdout);
    run_results_free(&res);
    scenario_free(sc);
    return rc;
}

/* The charts of a sweep, from its sweep.csv, as draw_charts for a run. */
static void
draw_sweep_charts(const struct outdir *d, const struct scenario *sc,
                  const struct cli_options *o, struct plot_sweep_set *plots)
{
    struct plot_context ctx = {sc->name, sc->slo.success_rate};
    size_t c;
    int failed = 0;

    memset(plots, 0, sizeof(*plots));
    plots->disabled = o->no_plots;
    if (o->no_plots)
        return;
    if (plot_sweep(d->tmp, &ctx, plots) != 0) {
        log_warning("no charts were drawn; sweep.csv is complete");
        return;
    }
    if (plots->gnuplot_missing) {
        log_warning("gnuplot is not on PATH, so no charts were drawn; "
                    "install it and run 'stampede plot %s'", d->final);
        return;
    }
    for (c = 0; c < plots->ncharts; c++)
        failed += plots->charts[c].state == PLOT_FAILED;
    if (failed > 0)
        log_warning("%d chart%s could not be drawn; sweep.csv is "
                    "complete", failed, failed == 1 ? "" : "s");
}

static int
write_sweep(const struct outdir *d, const struct sweep *sw,
            const struct cli_options *o, int argc, char **argv)
{
    struct plot_sweep_set plots = {0};
    FILE *f = outdir_create(d, "sweep.csv");
    int rc = 0;

    if (f == NULL)
        return SIM_EIO;
    rc |= csv_write_sweep(sw, f);
    rc |= outdir_close(d, f, "sweep.csv");
    rc |= copy_scenario(d, sw->points[0]->path);
    if (rc == 0)
        draw_sweep_charts(d, sw->points[0], o, &plots);
    f = outdir_create(d, "report.md");
    if (f != NULL) {
        rc |= report_write_sweep_md(sw, &plots, argc, argv, f);
        rc |= outdir_close(d, f, "report.md");
    }
    f = f != NULL ? outdir_create(d, "report.html") : NULL;
    if (f != NULL) {
        rc |= report_write_sweep_html(sw, &plots, d->tmp, argc, argv, f);
        rc |= outdir_close(d, f, "report.html");
    }
    plot_sweep_set_free(&plots);
    return rc || f == NULL ? SIM_EIO : 0;
}

static int
cmd_sweep(const struct cli_options *o, int argc, char **argv)
{
    struct sweep_axis *axes = xcalloc(o->nvaries, sizeof(*axes));
    struct scenario_errors errs;
    struct runner_options ropt;
    struct sweep sw = {0};
    struct footprint fp;
    struct outdir dir;
    char msg[256];
    double started;
    uint64_t events = 0;
    size_t i, units = 0, peak = 0;
    int rc = 0, shown = 0;

    for (i = 0; i < o->nvaries && rc == 0; i++) {
        rc = sweep_parse_axis(o->varies[i], &axes[i], msg, sizeof(msg));
        if (rc != 0) {
            log_error("%s", msg);
            log_raw("stampede: see 'stampede --help'");
        }
    }
    rc = rc ? rc : sweep_load(o->target, o->sets, o->nsets, axes,
                              o->nvaries, &sw, &errs);
    if (rc == SIM_EUSAGE) {
        sw.axes = axes; /* sweep_load did not take them */
        sw.naxes = i;
    } else if (rc != 0) {
        rc = report_errors(o->target, rc, &errs);
    }
    runner_setup(o, &ropt, &shown);
    if (rc == 0) {
        for (i = 0; i < sw.npoints; i++)
            apply_overrides(o, sw.points[i]);
        footprint_sweep((const struct scenario *const *)sw.points,
                        sw.npoints, ropt.threads, &fp);
        rc = check_memory(o, &fp);
    }
    if (rc == 0)
        rc = open_results(o, sw.points[0]->name, "-sweep", &dir);
    if (rc != 0) {
        sweep_free(&sw);
        return rc;
    }

    ropt.drop_series = 1;
    started = wall_seconds();
    rc = sweep_run(&sw, &ropt);
    if (shown)
        log_progress_end();
    if (rc == 0) {
        for (i = 0; i < sw.npoints; i++) {
            units += sw.results[i].nunits;
            events += sw.results[i].events;
            if (peak_pending(&sw.results[i]) > peak)
                peak = peak_pending(&sw.results[i]);
        }
        log_cost(units, events, peak, ropt.threads,
                 wall_seconds() - started);
        rc = write_sweep(&dir, &sw, o, argc, argv);
    }
    if (rc == 0)
        rc = commit_unless_stopped(&dir);
    else
        outdir_abort(&dir);
    if (rc == 0)
        table_print_sweep(&sw, stdout);
    sweep_free(&sw);
    return rc;
}

/* Write the JUnit report to path through a temporary file and a rename. */
static int
write_junit(const char *path, const struct rollout_result *r)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int rc;

    if (f == NULL) {
        log_error("cannot create %s: %s", tmp, strerror(errno));
        free(tmp);
        return SIM_EIO;
    }
    rc = junit_write(r, f);
    if (fclose(f) != 0 || rc != 0 || rename(tmp, path) != 0) {
        log_error("cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        rc = SIM_EIO;
    }
    free(tmp);
    return rc;
}

static int
write_rollout(const struct outdir *d, const struct rollout_result *r,
              int argc, char **argv)
{
    FILE *f = outdir_create(d, "rollout.csv");
    int rc = 0;

    if (f == NULL)
        return SIM_EIO;
    rc |= csv_write_rollout(r, f);
    rc |= outdir_close(d, f, "rollout.csv");
    if (r->validation != NULL) {
        f = outdir_create(d, "rollout_validation.csv");
        if (f == NULL)
            return SIM_EIO;
        rc |= csv_write_validation(r, f);
        rc |= outdir_close(d, f, "rollout_validation.csv");
    }
    rc |= copy_scenario(d, r->sc->path);
    f = outdir_create(d, "report.md");
    if (f == NULL)
        return SIM_EIO;
    rc |= report_write_rollout_md(r, argc, argv, f);
    rc |= outdir_close(d, f, "report.md");
    return rc ? SIM_EIO : 0;
}

/* Exit 1 when a gate failed: the rollout must not go on. */
static int
cmd_rollout(const struct cli_options *o, int argc, char **argv)
{
    struct scenario *sc = NULL;
    struct rollout_result res = {0};
    struct runner_options ropt;
    struct footprint fp;
    struct outdir dir;
    double started;
    int rc, shown = 0;

    rc = load(o, &sc);
    if (rc != 0)
        return rc;
    if (!sc->rollout.enabled) {
        log_error("%s has no rollout section", o->target);
        scenario_free(sc);
        return SIM_EINPUT;
    }
    runner_setup(o, &ropt, &shown);
    footprint_rollout(sc, ropt.threads, &fp);
    rc = check_memory(o, &fp);
    if (rc == 0)
        rc = open_results(o, sc->name, "", &dir);
    if (rc != 0) {
        scenario_free(sc);
        return rc;
    }
    started = wall_seconds();
    rc = rollout_run(sc, &ropt, &res);
    if (shown)
        log_progress_end();
    if (rc == 0) {
        log_cost(0, res.events, 0, ropt.threads, wall_seconds() - started);
        rc = write_rollout(&dir, &res, argc, argv);
    }
    /* An interrupted rollout replaces neither its results nor its JUnit. */
    if (rc == 0 && o->junit != NULL && !stop_signal)
        rc = write_junit(o->junit, &res);
    if (rc == 0)
        rc = commit_unless_stopped(&dir);
    else
        outdir_abort(&dir);
    if (rc == 0) {
        table_print_rollout(&res, stdout);
        if (res.failed_stage >= 0)
            rc = SIM_EGATE;
    }
    rollout_result_free(&res);
    scenario_free(sc);
    return rc;
}

/* The memory line of validate: what run (or rollout) would need. */
static void
describe_memory(const struct cli_options *o, const struct scenario *sc)
{
    unsigned threads = o->threads ? o->threads : default_threads();
    struct footprint fp;
    char need[32], have[32] = "unknown";
    double avail;

    if (sc->rollout.enabled)
        footprint_rollout(sc, threads, &fp);
    else
        footprint_run(sc, threads, !o->no_plots, &fp);
    footprint_format(footprint_total(&fp), need, sizeof(need));
    if (footprint_available(meminfo_path(), &avail) == 0)
        footprint_format(avail, have, sizeof(have));
    printf("memory: at most about %s on %u thread%s (%s available)\n", need,
           threads, threads == 1 ? "" : "s", have);
}

static int
cmd_validate(const struct cli_options *o)
{
    struct scenario *sc = NULL;
    int rc = load(o, &sc);

    if (rc != 0)
        return rc;
    scenario_describe(sc, stdout);
    describe_memory(o, sc);
    scenario_free(sc);
    return 0;
}

/* cmd_plot for a sweep folder: its charts, from its sweep.csv. */
static int
redraw_sweep(const char *dir, const struct plot_context *ctx)
{
    struct plot_sweep_set plots;
    size_t c;
    int rc = plot_sweep(dir, ctx, &plots);

    if (rc == 0 && plots.gnuplot_missing) {
        log_error("gnuplot is not on PATH; install it (Debian: apt-get "
                  "install gnuplot-nox)");
        rc = SIM_EIO;
    }
    if (rc == 0)
        rc = report_update_sweep_charts(dir, &plots);
    for (c = 0; rc == 0 && c < plots.ncharts; c++) {
        if (plots.charts[c].state == PLOT_FAILED)
            rc = SIM_EIO;
    }
    plot_sweep_set_free(&plots);
    return rc;
}

/*
 * Redraw the charts of a results folder from its CSV files, and the
 * charts part of its reports. The name and SLO come from its copy of the
 * scenario, when that still loads.
 */
static int
cmd_plot(const struct cli_options *o)
{
    struct scenario_errors errs;
    struct scenario *sc = NULL;
    struct plot_context ctx;
    struct plot_set plots;
    /*
     * XXX: the copy does not hold the run's --set overrides, so a redraw
     * after --set slo... draws the file's SLO (README.md, known
     * limitations).
     */
    char *copy = xasprintf("%s/scenario.yaml", o->target);
    char *summary = xasprintf("%s/summary.csv", o->target);
    char *sweep = xasprintf("%s/sweep.csv", o->target);
    const char *slash;
    int c, rc, is_results = access(summary, R_OK) == 0;
    int is_sweep = !is_results && access(sweep, R_OK) == 0;

    free(summary);
    free(sweep);
    if (!is_results && !is_sweep) {
        log_error("%s is not a stampede results folder (it has no "
                  "readable summary.csv or sweep.csv)", o->target);
        free(copy);
        return SIM_EUSAGE;
    }
    slash = strrchr(o->target, '/');
    ctx.title = slash && slash[1] ? slash + 1 : o->target;
    ctx.slo_success_rate = NAN;
    if (scenario_load(copy, NULL, 0, &sc, &errs) == 0) {
        ctx.title = sc->name;
        ctx.slo_success_rate = sc->slo.success_rate;
    } else {
        log_info("%s does not load; the charts show no SLO", copy);
        scenario_errors_clear(&errs);
    }
    if (is_sweep) {
        rc = redraw_sweep(o->target, &ctx);
        scenario_free(sc);
        free(copy);
        return rc;
    }
    rc = plot_results(o->target, &ctx, &plots);
    if (rc == 0 && plots.gnuplot_missing) {
        log_error("gnuplot is not on PATH; install it (Debian: apt-get "
                  "install gnuplot-nox)");
        rc = SIM_EIO;
    }
    if (rc == 0 && !plots.gnuplot_missing)
        rc = report_update_charts(o->target, &plots);
    for (c = 0; rc == 0 && c < PLOT_COUNT; c++) {
        if (plots.state[c] == PLOT_FAILED)
            rc = SIM_EIO;
    }
    scenario_free(sc);
    free(copy);
    return rc;
}

int
main(int argc, char **argv)
{
    struct cli_options o;
    int rc;

    /*
     * No setlocale(): the program stays in the C locale whatever LC_ALL
     * says, so that numbers are written with '.' and scenario files are
     * read the same everywhere (tests/run_cli.sh runs under de_DE.UTF-8).
     */
    gsl_set_error_handler(on_gsl_error);
    rc = cli_parse(argc, argv, &o);
    if (rc != 0) {
        cli_free(&o);
        return EXIT_INPUT;
    }
    if (o.quiet)
        log_set_level(LOG_ERROR);
    else if (o.verbose > 0)
        log_set_level(o.verbose >= 2 ? LOG_DEBUG : LOG_INFO);
    catch_signals();

    switch (o.command) {
    case CMD_HELP:
        cli_usage(stdout);
        break;
    case CMD_VERSION:
        printf("stampede %s\n", SIM_VERSION);
        break;
    case CMD_RUN:
        rc = cmd_run(&o, argc, argv);
        break;
    case CMD_VALIDATE:
        rc = cmd_validate(&o);
        break;
    case CMD_SWEEP:
        rc = cmd_sweep(&o, argc, argv);
        break;
    case CMD_PLOT:
        rc = cmd_plot(&o);
        break;
    case CMD_ROLLOUT:
        rc = cmd_rollout(&o, argc, argv);
        break;
    }
    cli_free(&o);
    return exit_for(rc);
}
