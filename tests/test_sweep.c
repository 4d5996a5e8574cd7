/*
 * Sweeps: axes parsed from --vary, and the order of the grid's points.
 */
#include <stdlib.h>
#include <string.h>

#include "../sim/run/sweep.h"
#include "../sim/sim.h"
#include "tests.h"

static void
test_sweep_axes_split_at_commas(void)
{
    struct sweep_axis a;
    char err[128];

    CU_ASSERT_FATAL(sweep_parse_axis("faults[0].duration=2s,5s,10s", &a,
                                     err, sizeof(err)) == 0);
    CU_ASSERT_STRING_EQUAL(a.key, "faults[0].duration");
    CU_ASSERT_FATAL(a.nvalues == 3);
    CU_ASSERT_STRING_EQUAL(a.values[0], "2s");
    CU_ASSERT_STRING_EQUAL(a.values[2], "10s");
    {
        struct sweep sw = {.axes = &a, .naxes = 1};

        /* sweep_free frees the axes it was given. */
        sw.axes = malloc(sizeof(a));
        memcpy(sw.axes, &a, sizeof(a));
        sweep_free(&sw);
    }
    CU_ASSERT(sweep_parse_axis("novalues", &a, err, sizeof(err)) ==
              SIM_EUSAGE);
    CU_ASSERT(strstr(err, "KEY=V1,V2") != NULL);
    CU_ASSERT(sweep_parse_axis("=1,2", &a, err, sizeof(err)) == SIM_EUSAGE);
    CU_ASSERT(sweep_parse_axis("k=", &a, err, sizeof(err)) == SIM_EUSAGE);
}

static void
test_sweep_first_axis_varies_slowest(void)
{
    /* A 2 x 3 grid: points 0..5 are (a,x) (a,y) (a,z) (b,x) (b,y) (b,z). */
    char *v1[] = {"a", "b"}, *v2[] = {"x", "y", "z"};
    struct sweep_axis axes[2] = {{"k1", v1, 2}, {"k2", v2, 3}};
    struct sweep sw = {.axes = axes, .naxes = 2, .npoints = 6};

    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 0, 0), "a");
    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 0, 1), "x");
    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 2, 1), "z");
    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 3, 0), "b");
    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 3, 1), "x");
    CU_ASSERT_STRING_EQUAL(sweep_value(&sw, 5, 1), "z");
}

int
suite_sweep(void)
{
    static const struct test_entry tests[] = {
        {"axes split at commas", test_sweep_axes_split_at_commas},
        {"first axis varies slowest", test_sweep_first_axis_varies_slowest},
        {NULL, NULL},
    };

    return tests_add_suite("sweep", tests);
}
