/*
 * The data of a sweep's charts: small sweep.csv files written by hand,
 * read back into a grid, and the exact data files derived from them.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../sim/core/util.h"
#include "../sim/out/plot_grid.h"
#include "../sim/sim.h"
#include "tests.h"

enum { RECOVERED = 0, MTTR = 2 };

/* A header: the keys, strategy, then every metric's three columns. */
static char *
header(const char *keys)
{
    char *s = xasprintf("%s,strategy", keys), *t;
    size_t m;

    for (m = 0; m < PLOT_GRID_METRICS; m++) {
        t = xasprintf("%s,%s,%s_ci95_lo,%s_ci95_hi", s,
                      plot_grid_metrics[m].name, plot_grid_metrics[m].name,
                      plot_grid_metrics[m].name);
        free(s);
        s = t;
    }
    return s;
}

/*
 * A row: the keys' values and the strategy (as "lead"), recovered and
 * MTTR as given ("mean,lo,hi"), the other metrics empty.
 */
static char *
row(const char *lead, const char *recovered, const char *mttr)
{
    char *s = xstrdup(lead), *t;
    size_t m;

    for (m = 0; m < PLOT_GRID_METRICS; m++) {
        t = xasprintf("%s,%s", s,
                      m == RECOVERED ? recovered
                      : m == MTTR    ? mttr
                                     : ",,");
        free(s);
        s = t;
    }
    return s;
}

/* A row of sweep.csv: keys' values and strategy, recovered, MTTR. */
struct spec {
    const char *lead, *recovered, *mttr;
};

/* Join the header and rows (up to a NULL lead) into a file; read it. */
static int
read_rows(const char *keys, const struct spec *rows, struct plot_grid *g)
{
    char *text = header(keys), *t;
    FILE *f;
    size_t i;
    int rc;

    for (i = 0; rows[i].lead != NULL; i++) {
        char *r = row(rows[i].lead, rows[i].recovered, rows[i].mttr);

        t = xasprintf("%s\n%s", text, r);
        free(text);
        free(r);
        text = t;
    }
    t = xasprintf("%s\n", text);
    free(text);
    f = fmemopen(t, strlen(t), "r");
    CU_ASSERT_FATAL(f != NULL);
    rc = plot_grid_read(f, "sweep.csv", g);
    fclose(f);
    free(t);
    return rc;
}

/* The cells of strategy s, or the lines, of metric m; a string to free. */
static char *
written(const struct plot_grid *g, size_t m, size_t s, int cells)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    CU_ASSERT_FATAL(f != NULL);
    if (cells) {
        CU_ASSERT_EQUAL(plot_grid_write_cells(g, m, s, f), 0);
    } else {
        CU_ASSERT_EQUAL(plot_grid_write_lines(g, m, f), 0);
    }
    fclose(f);
    return text;
}

static void
test_plot_grid_one_key_gives_a_block_per_strategy(void)
{
    /*
     * Durations in seconds, in the order of their numbers whatever the
     * file's; an empty interval is written as the mean.
     */
    static const struct spec rows[] = {
        {"2s,fast", "1,1,1", "4,3.5,4.5"},
        {"2s,slow", "0.5,0.1,0.9", "10,,"},
        {"1m,fast", "0.75,,", "20,10,30"},
        {"1m,slow", "0,0,0", ",,"},
        {"500ms,fast", "1,1,1", "0.25,0.2,0.3"},
        {"500ms,slow", "1,1,1", "1,0.5,1.5"},
        {NULL, NULL, NULL},
    };
    struct plot_grid g;
    char *text;

    CU_ASSERT_EQUAL_FATAL(read_rows("faults[0].duration", rows, &g), 0);
    CU_ASSERT_EQUAL(g.naxes, 1);
    CU_ASSERT_EQUAL(g.nstrategies, 2);
    CU_ASSERT_EQUAL(g.npoints, 3);
    CU_ASSERT(g.axes[0].numeric);
    CU_ASSERT_STRING_EQUAL(g.axes[0].unit, "s");
    CU_ASSERT_DOUBLE_EQUAL(g.axes[0].numbers[1], 60, 1e-12);

    text = written(&g, RECOVERED, PLOT_GRID_ALL, 0);
    CU_ASSERT_STRING_EQUAL(text,
                           "# recovered against faults[0].duration: x mean "
                           "ci95_lo ci95_hi\n"
                           "# strategy fast\n"
                           "0.5 100 100 100\n"
                           "2 100 100 100\n"
                           "60 75 75 75\n"
                           "\n\n# strategy slow\n"
                           "0.5 100 100 100\n"
                           "2 50 10 90\n"
                           "60 0 0 0\n");
    free(text);

    /* An undefined MTTR stays undefined; it is not scaled. */
    text = written(&g, MTTR, PLOT_GRID_ALL, 0);
    CU_ASSERT(strstr(text, "# strategy slow\n0.5 1 0.5 1.5\n2 10 10 10\n"
                           "60 NaN NaN NaN\n") != NULL);
    free(text);
    CU_ASSERT_EQUAL(plot_grid_defined(&g, PLOT_GRID_ALL, MTTR), 5);
    CU_ASSERT_EQUAL(plot_grid_defined(&g, 1, MTTR), 2);
    plot_grid_free(&g);
}

static void
test_plot_grid_two_keys_give_cells_in_grid_order(void)
{
    /* Rows out of order and one point missing: the grid puts them right. */
    static const struct spec rows[] = {
        {"0.2,1000,a", "0.5,,", "30,,"}, {"0.1,1000,a", "0,,", ",,"},
        {"0.1,10,a", "1,,", "2,,"},      {"0.2,10,a", "1,,", "4,,"},
        {"0.1,10,b", "1,,", "1,,"},      {NULL, NULL, NULL},
    };
    struct plot_grid g;
    char *text;

    CU_ASSERT_EQUAL_FATAL(read_rows("rate,clients.count", rows, &g), 0);
    CU_ASSERT_EQUAL(g.naxes, 2);
    CU_ASSERT_EQUAL(g.npoints, 4);
    CU_ASSERT_STRING_EQUAL(g.axes[0].values[0], "0.2");
    CU_ASSERT_STRING_EQUAL(g.axes[1].values[0], "1000");

    text = written(&g, RECOVERED, 0, 1);
    CU_ASSERT_STRING_EQUAL(text, "# recovered of a: x (rate) y "
                                 "(clients.count) mean\n"
                                 "0 0 50\n"
                                 "0 1 100\n"
                                 "1 0 0\n"
                                 "1 1 100\n");
    free(text);
    text = written(&g, MTTR, 1, 1);
    CU_ASSERT_STRING_EQUAL(text, "# mttr of b: x (rate) y (clients.count) "
                                 "mean\n"
                                 "0 0 NaN\n"
                                 "0 1 NaN\n"
                                 "1 0 NaN\n"
                                 "1 1 1\n");
    free(text);
    CU_ASSERT(plot_grid_cells_readable(&g));
    plot_grid_free(&g);
}

static void
test_plot_grid_values_are_numbers_fractions_or_categories(void)
{
    static const struct spec percent[] = {
        {"5%,s", "1,,", ",,"},
        {"0.5,s", "1,,", ",,"},
        {NULL, NULL, NULL},
    };
    static const struct spec words[] = {
        {"{dist: constant},s", "1,,", ",,"},
        {"2s,s", "1,,", ",,"},
        {NULL, NULL, NULL},
    };
    static const struct spec mixed[] = {
        {"2s,s", "1,,", ",,"},
        {"5%,s", "1,,", ",,"},
        {NULL, NULL, NULL},
    };
    struct plot_grid g;
    char *text;

    CU_ASSERT_EQUAL_FATAL(read_rows("k", percent, &g), 0);
    CU_ASSERT(g.axes[0].numeric);
    CU_ASSERT_STRING_EQUAL(g.axes[0].unit, "fraction");
    CU_ASSERT_DOUBLE_EQUAL(g.axes[0].numbers[0], 0.05, 1e-12);
    plot_grid_free(&g);

    /* Not a number: the values' places, in order. */
    CU_ASSERT_EQUAL_FATAL(read_rows("k", words, &g), 0);
    CU_ASSERT(!g.axes[0].numeric);
    text = written(&g, RECOVERED, PLOT_GRID_ALL, 0);
    CU_ASSERT(strstr(text, "\n0 100 100 100\n1 100 100 100\n") != NULL);
    free(text);
    plot_grid_free(&g);

    /* Seconds and fractions do not share an axis. */
    CU_ASSERT_EQUAL_FATAL(read_rows("k", mixed, &g), 0);
    CU_ASSERT(!g.axes[0].numeric);
    CU_ASSERT_STRING_EQUAL(g.axes[0].unit, "");
    plot_grid_free(&g);
}

static void
test_plot_grid_maps_of_a_metric_share_one_colour_range(void)
{
    static const struct spec rows[] = {
        {"1,1,a", "1,,", "2,,"},  {"1,2,a", "1,,", ",,"},
        {"1,1,b", "1,,", "40,,"}, {"1,2,b", "1,,", "8,,"},
        {NULL, NULL, NULL},
    };
    struct plot_grid g;
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    CU_ASSERT_EQUAL_FATAL(read_rows("x,y", rows, &g), 0);
    f = open_memstream(&text, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(plot_grid_write_vars(&g, "it's", MTTR, 0, f), 0);
    fclose(f);
    CU_ASSERT(strstr(text, "scenario = 'it''s'\n") != NULL);
    CU_ASSERT(strstr(text, "names[2] = 'b'\n") != NULL);
    CU_ASSERT(strstr(text, "metric_label = 'MTTR (s)'\n") != NULL);
    CU_ASSERT(strstr(text, "missing_text = 'no replication recovered'\n") !=
              NULL);
    CU_ASSERT(strstr(text, "strategy = 'a'\n") != NULL);
    CU_ASSERT(strstr(text, "cb_min = 0\ncb_max = 40\nnundefined = 1\n") !=
              NULL);
    CU_ASSERT(strstr(text, "ylabels[2] = '2'\n") != NULL);
    free(text);
    plot_grid_free(&g);
}

static void
test_plot_grid_refuses_a_file_stampede_did_not_write(void)
{
    static const char no_key[] = "strategy,recovered\na,1\n";
    static const char no_metric[] = "k,strategy,recovered\n1,a,1\n";
    struct plot_grid g;
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    FILE *f;

    /* The messages are for people; here only the codes count. */
    CU_ASSERT_FATAL(saved >= 0 && null >= 0);
    dup2(null, STDERR_FILENO);
    f = fmemopen((void *)no_key, strlen(no_key), "r");
    CU_ASSERT_EQUAL(plot_grid_read(f, "sweep.csv", &g), SIM_EPARSE);
    fclose(f);
    f = fmemopen((void *)no_metric, strlen(no_metric), "r");
    CU_ASSERT_EQUAL(plot_grid_read(f, "sweep.csv", &g), SIM_EPARSE);
    fclose(f);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(null);
}

int
suite_plot_grid(void)
{
    static const struct test_entry tests[] = {
        {"one key gives a block per strategy",
         test_plot_grid_one_key_gives_a_block_per_strategy},
        {"two keys give cells in grid order",
         test_plot_grid_two_keys_give_cells_in_grid_order},
        {"values are numbers, fractions or categories",
         test_plot_grid_values_are_numbers_fractions_or_categories},
        {"maps of a metric share one colour range",
         test_plot_grid_maps_of_a_metric_share_one_colour_range},
        {"refuses a file stampede did not write",
         test_plot_grid_refuses_a_file_stampede_did_not_write},
        {NULL, NULL},
    };

    return tests_add_suite("plot_grid", tests);
}
