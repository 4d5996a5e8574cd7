/*
 * The stdout table's formatting of times, against strings written out by
 * hand: the unit follows the mean, the half-width shares it, and no cell
 * shows exponent notation.
 */
#include <stdio.h>
#include <string.h>

#include "../sim/out/table.h"
#include "tests.h"

static void
check_seconds(double mean, double half, int with_ci, const char *want)
{
    char buf[64];

    table_format_seconds(mean, half, with_ci, buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, want);
    if (strcmp(buf, want) != 0)
        fprintf(stderr, "table: %g ± %g gave '%s', want '%s'\n", mean, half,
                buf, want);
}

static void
test_table_seconds_take_the_unit_of_their_mean(void)
{
    /* p99 latencies of a healthy service: milliseconds. */
    check_seconds(0.0579, 0.00019, 1, "57.9ms ± 0.19ms");
    check_seconds(0.0405, 6.3e-05, 1, "40.5ms ± 0.063ms");
    /* Seconds up to ten minutes. */
    check_seconds(43, 0.11, 1, "43s ± 0.11s");
    check_seconds(322.6, 53.4, 1, "323s ± 53s");
    /* A human repair of half an hour: minutes (1806 s = 30.1 m). */
    check_seconds(1806, 272, 1, "30.1m ± 4.5m");
    /* Half a day: hours. */
    check_seconds(43200, 1800, 1, "12h ± 0.5h");
    /* Without an interval, the mean alone. */
    check_seconds(25, 0, 0, "25s");
}

static void
test_table_seconds_never_use_exponents(void)
{
    /* A half-width far below the mean's unit, and one far above it. */
    check_seconds(0.5, 1e-9, 1, "500ms ± 0.000001ms");
    check_seconds(0.002, 5, 1, "2ms ± 5000ms");
    check_seconds(0, 0, 1, "0ms ± 0ms");
}

int
suite_table(void)
{
    static const struct test_entry tests[] = {
        {"seconds take the unit of their mean",
         test_table_seconds_take_the_unit_of_their_mean},
        {"seconds never use exponents",
         test_table_seconds_never_use_exponents},
        {NULL, NULL},
    };

    return tests_add_suite("table", tests);
}
