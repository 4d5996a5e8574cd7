/*
 * Running gnuplot. Each chart is one gnuplot process started with fork
 * and exec on a small driver file, so that one failing chart neither
 * stops the others nor leaves a half-configured gnuplot behind, and its
 * messages can be shown with its name.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../sim.h"
#include "../core/log.h"
#include "../core/util.h"
#include "plot.h"
#include "plot_data.h"
#include "plot_grid.h"

/* Where `make install` puts the scripts; the Makefile says. */
#ifndef STAMPEDE_DATADIR
#define STAMPEDE_DATADIR "/usr/local/share/stampede"
#endif

static const struct {
    const char *name;
    const char *title;
    const char *caption;
} charts[PLOT_COUNT] = {
    [PLOT_ATTEMPTS] = {"attempts", "Attempts per second",
                       "Calls reaching the service per second of simulated "
                       "time: the mean over the replications as a line, "
                       "their spread as a band; faults are shaded."},
    [PLOT_SUCCESS] = {"success", "Success ratio over time",
                      "The share of the attempts ending in each bucket "
                      "that succeeded, against the SLO; a bucket below "
                      "the SLO counts as downtime."},
    [PLOT_DEGRADATION] = {"degradation", "Degradation levels over time",
                          "How well the logical requests finishing in "
                          "each bucket were served, from full to failed: "
                          "the median level over the replications."},
    [PLOT_SPIKE] = {"spike", "Retry spike",
                    "The busiest bucket's attempts per second from the "
                    "first fault on, as a multiple of the rate before "
                    "it; error bars are 95 % confidence intervals."},
    [PLOT_AMPLIFICATION] = {"amplification", "Amplification",
                            "Attempts per logical request: 1 means no "
                            "retries; error bars are 95 % confidence "
                            "intervals."},
    [PLOT_MTTR] = {"mttr", "Mean time to recovery",
                   "From each fault's start until the success ratio stays "
                   "at the SLO, over the replications that recovered; "
                   "error bars are 95 % confidence intervals."},
    [PLOT_ROI] = {"roi", "Return on investment",
                  "Yearly value of the downtime saved against the "
                  "baseline, less the investment, over the investment; "
                  "error bars are 95 % confidence intervals."},
};

const char *
plot_chart_name(enum plot_chart c)
{
    return charts[c].name;
}

const char *
plot_chart_title(enum plot_chart c)
{
    return charts[c].title;
}

const char *
plot_chart_caption(enum plot_chart c)
{
    return charts[c].caption;
}

void
plot_quote(FILE *f, const char *s)
{
    /* In single quotes gnuplot gives meaning only to a doubled quote. */
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', f);
        /* Control characters would end the command or confuse it. */
        fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
    }
    fputc('\'', f);
}

void
plot_put_number(FILE *f, double v)
{
    if (isnan(v))
        fputs(" NaN", f);
    else
        fprintf(f, " %.6g", v);
}

/* ---- Finding gnuplot and the scripts ---------------------------------- */

int
plot_have_gnuplot(void)
{
    const char *path = getenv("PATH");
    char *copy, *dir, *next, *file;
    int found = 0;

    if (path == NULL || *path == '\0')
        return 0;
    copy = xstrdup(path);
    for (dir = strtok_r(copy, ":", &next); dir && !found;
         dir = strtok_r(NULL, ":", &next)) {
        file = xasprintf("%s/gnuplot", *dir ? dir : ".");
        found = access(file, X_OK) == 0;
        free(file);
    }
    free(copy);
    return found;
}

static int
holds_scripts(const char *dir)
{
    char *file = xasprintf("%s/common.gp", dir);
    int ok = access(file, R_OK) == 0;

    free(file);
    return ok;
}

/* The folder holding the running binary, or "" if unknown. */
static void
binary_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    char *slash;

    if (n <= 0) {
        buf[0] = '\0';
        return;
    }
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (slash != NULL)
        *slash = '\0';
}

/* Does dir hold the scripts? Then put its canonical name in buf. */
static int
found(const char *dir, char *buf, size_t size)
{
    char real[PATH_MAX];

    if (!holds_scripts(dir))
        return 0;
    if (realpath(dir, real) != NULL)
        snprintf(buf, size, "%s", real);
    return 1;
}

int
plot_scripts_dir(char *buf, size_t size)
{
    const char *env = getenv("STAMPEDE_PLOTS");
    char bin[PATH_MAX];

    if (env != NULL && *env != '\0') {
        /* Asked for by name: that folder or none. */
        snprintf(buf, size, "%s", env);
        return found(env, buf, size) ? 0 : -1;
    }
    binary_dir(bin, sizeof(bin));
    snprintf(buf, size, "%s/../share/stampede/plots", bin);
    if (bin[0] && found(buf, buf, size))
        return 0;
    snprintf(buf, size, "%s/plots", STAMPEDE_DATADIR);
    if (found(buf, buf, size))
        return 0;
    snprintf(buf, size, "%s/../scripts/plots", bin);
    if (bin[0] && found(buf, buf, size))
        return 0;
    return -1;
}

/* ---- Running one script ----------------------------------------------- */

/* The driver: data, then per format the palette and the script. */
static int
write_driver(const char *work, const char *scripts, const char *script,
             const char *base, char **driver)
{
    static const char *const formats[] = {"png", "svg"};
    char *path = xasprintf("%s/%s.run.gp", work, base);
    char *data = xasprintf("%s/data.gp", work);
    char *common = xasprintf("%s/common.gp", scripts);
    char *chart = xasprintf("%s/%s", scripts, script);
    FILE *f = fopen(path, "w");
    size_t i;
    int rc = 0;

    if (f == NULL) {
        log_error("cannot create %s: %s", path, strerror(errno));
        rc = SIM_EIO;
    } else {
        fputs("scripts = ", f);
        plot_quote(f, scripts);
        fputc('\n', f);
        if (access(data, R_OK) == 0)
            fputs("load 'data.gp'\n", f);
        for (i = 0; i < 2; i++) {
            fprintf(f, "reset\nformat = '%s'\noutput = '%s.%s'\nload ",
                    formats[i], base, formats[i]);
            plot_quote(f, common);
            fputs("\nload ", f);
            plot_quote(f, chart);
            fputs("\nunset output\n", f);
        }
        if (fclose(f) != 0)
            rc = SIM_EIO;
    }
    free(data);
    free(common);
    free(chart);
    *driver = path;
    return rc;
}

/*
 * In the child: run gnuplot on driver in work, stderr to log. Paths
 * may be relative to the caller's folder: open log before moving into
 * work, and name the driver from there.
 */
static _Noreturn void
exec_gnuplot(const char *work, const char *driver, const char *log)
{
    const char *name = strrchr(driver, '/') ? strrchr(driver, '/') + 1
                                            : driver;
    int null = open("/dev/null", O_RDWR);
    int err = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (null < 0 || err < 0 || chdir(work) != 0) {
        dprintf(err >= 0 ? err : 2, "cannot prepare gnuplot: %s\n",
                strerror(errno));
        _exit(126);
    }
    dup2(null, 0);
    dup2(null, 1);
    dup2(err, 2);
    execlp("gnuplot", "gnuplot", name, (char *)NULL);
    dprintf(2, "cannot start gnuplot: %s\n", strerror(errno));
    _exit(127);
}

/* Pass gnuplot's messages on: as errors when it failed, else debug. */
static void
relay_log(const char *log, const char *base, int failed)
{
    FILE *f = fopen(log, "r");
    char line[512];
    int shown = 0;

    if (f == NULL)
        return;
    while (fgets(line, sizeof(line), f) != NULL && shown < 8) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (failed)
            log_error("gnuplot, chart %s: %s", base, line);
        else
            log_debug("gnuplot, chart %s: %s", base, line);
        shown++;
    }
    fclose(f);
}

/* A failed chart leaves no empty or half-written file behind. */
static void
remove_outputs(const char *work, const char *base)
{
    char *png = xasprintf("%s/%s.png", work, base);
    char *svg = xasprintf("%s/%s.svg", work, base);

    remove(png);
    remove(svg);
    free(png);
    free(svg);
}

/*
 * plot_scripts_dir, logging why when there are none: 0, or SIM_EIO.
 */
static int
find_scripts(char *buf, size_t size)
{
    if (plot_scripts_dir(buf, size) == 0)
        return 0;
    log_error("cannot find the gnuplot scripts of stampede%s",
              getenv("STAMPEDE_PLOTS") ? " in $STAMPEDE_PLOTS"
                                       : "; set STAMPEDE_PLOTS to "
                                         "their folder");
    return SIM_EIO;
}

/* One gnuplot run under way: what finish_draw needs. */
struct draw_job {
    pid_t pid;    /* -1 when it could not start */
    char *driver; /* NULL when it could not be written */
    char *log;
    int rc;       /* SIM_EIO when it could not start */
};

/* Start gnuplot on script in work for the chart base. */
static void
start_draw(const char *work, const char *script, const char *base,
           struct draw_job *job)
{
    char scripts[PATH_MAX];

    job->pid = -1;
    job->driver = NULL;
    job->log = xasprintf("%s/%s.log", work, base);
    job->rc = find_scripts(scripts, sizeof(scripts));
    if (job->rc != 0)
        return;
    job->rc = write_driver(work, scripts, script, base, &job->driver);
    if (job->rc != 0)
        return;
    job->pid = fork();
    if (job->pid == 0)
        exec_gnuplot(work, job->driver, job->log);
    if (job->pid < 0) {
        log_error("cannot start gnuplot: %s", strerror(errno));
        job->rc = SIM_EIO;
    }
}

/*
 * Wait for the chart's gnuplot, pass its messages on and clean up: 0,
 * or SIM_EIO when it failed (and then its outputs are removed).
 */
static int
finish_draw(const char *work, const char *base, struct draw_job *job)
{
    int status = 0;

    /* A signal for us may interrupt the wait; gnuplot goes on. */
    while (job->pid > 0 && waitpid(job->pid, &status, 0) < 0 &&
           errno == EINTR)
        ;
    if (job->pid > 0) {
        if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            job->rc = SIM_EIO;
        relay_log(job->log, base, job->rc != 0);
        if (job->rc != 0)
            remove_outputs(work, base);
    }
    if (job->driver != NULL)
        remove(job->driver);
    remove(job->log);
    free(job->driver);
    free(job->log);
    return job->rc;
}

int
plot_draw(const char *work, const char *script, const char *base)
{
    struct draw_job job;

    start_draw(work, script, base, &job);
    return finish_draw(work, base, &job);
}

/* ---- A results folder ------------------------------------------------- */

static int
remove_entry(const char *path, const struct stat *st, int type,
             struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path) != 0 ? -1 : 0;
}

static void
remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove the data files from work, keeping the charts. */
static void
remove_data(const char *work)
{
    DIR *dir = opendir(work);
    struct dirent *e;
    char *path;
    size_t n;

    if (dir == NULL)
        return;
    while ((e = readdir(dir)) != NULL) {
        n = strlen(e->d_name);
        if ((n > 4 && strcmp(e->d_name + n - 4, ".dat") == 0) ||
            strcmp(e->d_name, "data.gp") == 0) {
            path = xasprintf("%s/%s", work, e->d_name);
            remove(path);
            free(path);
        }
    }
    closedir(dir);
}

/* Put work in place of dir/plots, in one step when it exists. */
static int
swap_in(const char *work, const char *dir)
{
    char *plots = xasprintf("%s/plots", dir);
    int rc = 0;

    if (renameat2(AT_FDCWD, work, AT_FDCWD, plots, RENAME_EXCHANGE) == 0) {
        remove_tree(work); /* now the old charts */
    } else if (errno == ENOENT && rename(work, plots) == 0) {
        /* There were none. */
    } else {
        /* No exchange here: remove the old ones, then move. */
        remove_tree(plots);
        if (rename(work, plots) != 0) {
            log_error("cannot move charts to %s: %s", plots,
                      strerror(errno));
            rc = SIM_EIO;
        }
    }
    free(plots);
    return rc;
}

static char *
make_work(const char *dir)
{
    char *work = xasprintf("%s/.plots.tmp-XXXXXX", dir);
    mode_t mask;

    if (mkdtemp(work) == NULL) {
        log_error("cannot create a folder in %s: %s", dir,
                  strerror(errno));
        free(work);
        return NULL;
    }
    /* mkdtemp makes it private; charts are as readable as the rest. */
    mask = umask(0);
    umask(mask);
    chmod(work, 0777 & ~mask);
    return work;
}

/*
 * Draw the charts of a results folder, as many at once as there are
 * online CPUs: each is its own gnuplot, reading only the shared data
 * files and writing its own outputs. They are waited for in chart order,
 * so that their messages come in that order whatever finishes first.
 * (herd at 10^5 clients: `stampede plot` took 0.33 to 0.38 s with one
 * chart after the other, 0.17 to 0.20 s two at a time on 2 CPUs.) A
 * sweep's charts share one data file and are still drawn one by one.
 */
static void
draw_charts(const char *work, struct plot_set *out)
{
    struct draw_job jobs[PLOT_COUNT];
    int order[PLOT_COUNT], started = 0, finished = 0, c;
    long width = sysconf(_SC_NPROCESSORS_ONLN);
    char script[64];

    if (width < 1)
        width = 1;
    for (c = 0; c <= PLOT_COUNT; c++) {
        /* Finish the oldest when the window is full, and all at the end. */
        while (finished < started &&
               (c == PLOT_COUNT || started - finished >= width)) {
            int done = order[finished++];

            out->state[done] =
                finish_draw(work, charts[done].name, &jobs[done]) == 0
                    ? PLOT_DRAWN
                    : PLOT_FAILED;
        }
        if (c == PLOT_COUNT || out->state[c] == PLOT_SKIPPED)
            continue;
        snprintf(script, sizeof(script), "%s.gp", charts[c].name);
        start_draw(work, script, charts[c].name, &jobs[c]);
        order[started++] = c;
    }
}

int
plot_results(const char *dir, const struct plot_context *ctx,
             struct plot_set *out)
{
    char path[PATH_MAX], *work;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!plot_have_gnuplot()) {
        out->gnuplot_missing = 1;
        return 0;
    }
    if (find_scripts(path, sizeof(path)) != 0)
        return SIM_EIO;
    log_info("drawing charts with the scripts in %s", path);
    work = make_work(dir);
    if (work == NULL)
        return SIM_EIO;
    rc = plot_data_write(dir, work, ctx, out);
    if (rc == 0)
        draw_charts(work, out);
    remove_data(work);
    if (rc == 0)
        rc = swap_in(work, dir);
    if (rc != 0)
        remove_tree(work);
    free(work);
    return rc;
}

/* ---- A sweep results folder ------------------------------------------- */

static struct plot_sweep_chart *
add_chart(struct plot_sweep_set *set, size_t m, size_t s)
{
    struct plot_sweep_chart *c;

    set->charts = xreallocarray(set->charts, set->ncharts + 1,
                                sizeof(*set->charts));
    c = &set->charts[set->ncharts++];
    memset(c, 0, sizeof(*c));
    c->metric = m;
    c->strategy = s;
    snprintf(c->group, sizeof(c->group), "%s", plot_grid_metrics[m].title);
    c->group[0] = (char)toupper((unsigned char)c->group[0]);
    return c;
}

/* A strategy's name in a file name: other than [A-Za-z0-9._-] is '_'. */
static void
file_part(const char *s, char *buf, size_t size)
{
    size_t i;

    for (i = 0; s[i] && i + 1 < size; i++)
        buf[i] = isalnum((unsigned char)s[i]) || strchr("._-", s[i])
                     ? s[i]
                     : '_';
    buf[i] = '\0';
}

static void
line_chart(const struct plot_grid *g, size_t m, struct plot_sweep_set *set)
{
    const struct plot_grid_metric *pm = &plot_grid_metrics[m];
    const struct plot_grid_axis *x = &g->axes[0];
    struct plot_sweep_chart *c = add_chart(set, m, PLOT_GRID_ALL);
    const char *how = !x->numeric ? " (not all numbers: in their order, "
                                    "evenly spaced)"
                      : strcmp(x->unit, "s") == 0 ? " in seconds"
                      : strcmp(x->unit, "fraction") == 0 ? " as fractions"
                                                         : "";

    snprintf(c->name, sizeof(c->name), "%s", pm->name);
    snprintf(c->title, sizeof(c->title), "%s against %s", c->group, x->key);
    snprintf(c->caption, sizeof(c->caption),
             "%s One line per strategy over the values of %s%s: the mean "
             "over the replications, with its 95 %% confidence interval "
             "as an error bar; strategies at the same value are set "
             "slightly apart.",
             pm->what, x->key, how);
    if (plot_grid_defined(g, PLOT_GRID_ALL, m) == 0) {
        c->state = PLOT_SKIPPED;
        snprintf(c->why, sizeof(c->why), "No grid point has a value of "
                 "this metric.");
    }
}

static void
heat_map(const struct plot_grid *g, size_t m, size_t s,
         struct plot_sweep_set *set)
{
    const struct plot_grid_metric *pm = &plot_grid_metrics[m];
    struct plot_sweep_chart *c = add_chart(set, m, s);
    char part[64];
    size_t i, empty = g->npoints * g->nstrategies -
                      plot_grid_defined(g, PLOT_GRID_ALL, m);

    file_part(g->strategies[s], part, sizeof(part));
    snprintf(c->name, sizeof(c->name), "%s-%s", pm->name, part);
    for (i = 0; i + 1 < set->ncharts; i++) {
        if (strcmp(set->charts[i].name, c->name) == 0) {
            snprintf(c->name, sizeof(c->name), "%s-%s-%zu", pm->name, part,
                     s + 1);
            break;
        }
    }
    snprintf(c->title, sizeof(c->title), "%s: %s", c->group,
             g->strategies[s]);
    /* One caption for every strategy's map, so reports show it once. */
    snprintf(c->caption, sizeof(c->caption),
             "%s A map per strategy, a cell per grid point: %s across, %s "
             "up, coloured by the mean over the replications%s. The "
             "colours (viridis, readable with colour-vision deficiencies) "
             "share one scale across the strategies' maps.%s",
             pm->what, g->axes[0].key, g->axes[1].key,
             plot_grid_cells_readable(g) ? ", which is printed in the cell"
                                         : "",
             empty > 0 ? " Hatched cells have no value." : "");
    if (plot_grid_defined(g, PLOT_GRID_ALL, m) == 0) {
        c->state = PLOT_SKIPPED;
        snprintf(c->why, sizeof(c->why), "No strategy has a value of this "
                 "metric at any grid point.");
    }
}

/* Which charts a grid gets, with their names, titles and captions. */
static void
plan_sweep(const struct plot_grid *g, struct plot_sweep_set *set)
{
    size_t m, s;

    set->heat_maps = g->naxes == 2;
    for (m = 0; m < PLOT_GRID_METRICS && g->naxes == 1; m++)
        line_chart(g, m, set);
    for (m = 0; m < PLOT_GRID_METRICS && g->naxes == 2; m++) {
        for (s = 0; plot_grid_metrics[m].heat && s < g->nstrategies; s++)
            heat_map(g, m, s, set);
    }
    if (g->naxes > 2)
        snprintf(set->why, sizeof(set->why),
                 "A sweep over %zu keys is not charted: a chart shows one "
                 "key (a line per strategy) or two (a heat map). Sweep "
                 "one or two keys at a time, or chart sweep.csv with "
                 "another tool.",
                 g->naxes);
}

/* Write the data files of chart c into work. */
static int
sweep_data(const char *work, const struct plot_grid *g,
           const struct plot_context *ctx, const struct plot_sweep_chart *c)
{
    char *path = xasprintf("%s/%s", work, g->naxes == 1 ? "lines.dat"
                                                        : "cells.dat");
    FILE *f = fopen(path, "w");
    int rc = f == NULL ? SIM_EIO : 0;

    if (f != NULL) {
        rc = g->naxes == 1
                 ? plot_grid_write_lines(g, c->metric, f)
                 : plot_grid_write_cells(g, c->metric, c->strategy, f);
        if (fclose(f) != 0)
            rc = SIM_EIO;
    }
    free(path);
    path = xasprintf("%s/data.gp", work);
    f = rc == 0 ? fopen(path, "w") : NULL;
    if (f != NULL) {
        rc = plot_grid_write_vars(g, ctx->title, c->metric, c->strategy, f);
        if (fclose(f) != 0)
            rc = SIM_EIO;
    }
    if (f == NULL || rc != 0) {
        log_error("cannot write %s: %s", path, strerror(errno));
        rc = SIM_EIO;
    }
    free(path);
    return rc;
}

static int
read_grid(const char *dir, struct plot_grid *g)
{
    char *path = xasprintf("%s/sweep.csv", dir);
    FILE *f = fopen(path, "r");
    int rc;

    if (f == NULL) {
        log_error("cannot read %s: %s", path, strerror(errno));
        free(path);
        return SIM_EIO;
    }
    rc = plot_grid_read(f, path, g);
    fclose(f);
    free(path);
    return rc;
}

/* Draw the planned charts in work; how many were drawn. */
static size_t
draw_sweep(const char *work, const struct plot_grid *g,
           const struct plot_context *ctx, struct plot_sweep_set *set,
           int *rc)
{
    const char *script = g->naxes == 1 ? "sweep_line.gp" : "sweep_heat.gp";
    size_t i, drawn = 0;

    for (i = 0; *rc == 0 && i < set->ncharts; i++) {
        struct plot_sweep_chart *c = &set->charts[i];

        if (c->state == PLOT_SKIPPED)
            continue;
        *rc = sweep_data(work, g, ctx, c);
        if (*rc != 0)
            break;
        c->state = plot_draw(work, script, c->name) == 0 ? PLOT_DRAWN
                                                         : PLOT_FAILED;
        drawn += c->state == PLOT_DRAWN;
    }
    return drawn;
}

int
plot_sweep(const char *dir, const struct plot_context *ctx,
           struct plot_sweep_set *out)
{
    struct plot_grid g;
    char path[PATH_MAX], *work;
    size_t drawn;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!plot_have_gnuplot()) {
        out->gnuplot_missing = 1;
        return 0;
    }
    if (find_scripts(path, sizeof(path)) != 0)
        return SIM_EIO;
    rc = read_grid(dir, &g);
    if (rc != 0)
        return rc;
    plan_sweep(&g, out);
    work = out->ncharts > 0 ? make_work(dir) : NULL;
    if (out->ncharts > 0 && work == NULL)
        rc = SIM_EIO;
    drawn = work != NULL ? draw_sweep(work, &g, ctx, out, &rc) : 0;
    if (work != NULL) {
        remove_data(work);
        if (rc == 0 && drawn > 0)
            rc = swap_in(work, dir);
        if (rc != 0 || drawn == 0)
            remove_tree(work);
    }
    free(work);
    plot_grid_free(&g);
    return rc;
}

void
plot_sweep_set_free(struct plot_sweep_set *set)
{
    free(set->charts);
    memset(set, 0, sizeof(*set));
}
