/*
 * Strict parsing of the values users write: each case is the documented
 * meaning of a string, worked out by hand.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../sim/core/util.h"
#include "../sim/sim.h"
#include "tests.h"

static void
test_util_durations_take_units_or_plain_seconds(void)
{
    static const struct {
        const char *text;
        double seconds;
    } good[] = {
        {"250ms", 0.25}, {"1.5s", 1.5}, {"5m", 300}, {"2h", 7200},
        {"1d", 86400},   {"30", 30},    {"0", 0},    {"10us", 1e-5},
        {"0.5", 0.5},    {"1e3ms", 1},
    };
    static const char *const bad[] = {"", "ms", "5 s", " 5s", "5s ",
                                      "5x", "0x10", "inf", "nan", "5sec"};
    double v;
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        CU_ASSERT(util_parse_duration(good[i].text, &v) == 0);
        CU_ASSERT_DOUBLE_EQUAL(v, good[i].seconds, 1e-12 * good[i].seconds);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CU_ASSERT(util_parse_duration(bad[i], &v) == SIM_EPARSE);
    CU_ASSERT(util_parse_duration("-1s", &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_duration("1e400", &v) == SIM_ERANGE);
}

static void
test_util_fractions_take_percent_or_decimal(void)
{
    double v;

    CU_ASSERT(util_parse_fraction("5%", &v) == 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.05, 1e-15);
    CU_ASSERT(util_parse_fraction("0.05", &v) == 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.05, 1e-15);
    CU_ASSERT(util_parse_fraction("99.9%", &v) == 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 0.999, 1e-15);
    CU_ASSERT(util_parse_fraction("100%", &v) == 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 1, 0);
    CU_ASSERT(util_parse_fraction("101%", &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_fraction("1.5", &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_fraction("-1%", &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_fraction("5 %", &v) == SIM_EPARSE);
    CU_ASSERT(util_parse_fraction("half", &v) == SIM_EPARSE);
}

static void
test_util_whole_numbers_are_strict(void)
{
    uint64_t v;

    CU_ASSERT(util_parse_uint64("10000", 1, 100, &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_uint64("18446744073709551615", 0, UINT64_MAX,
                                &v) == 0);
    CU_ASSERT(v == UINT64_MAX);
    CU_ASSERT(util_parse_uint64("18446744073709551616", 0, UINT64_MAX,
                                &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_uint64("1e6", 0, UINT64_MAX, &v) == 0);
    CU_ASSERT(v == 1000000);
    CU_ASSERT(util_parse_uint64("1.5", 0, 10, &v) == SIM_EPARSE);
    CU_ASSERT(util_parse_uint64("-3", 0, 10, &v) == SIM_ERANGE);
    CU_ASSERT(util_parse_uint64("12abc", 0, 100, &v) == SIM_EPARSE);
    CU_ASSERT(util_parse_uint64("", 0, 100, &v) == SIM_EPARSE);
    CU_ASSERT(util_parse_uint64("1e300", 0, UINT64_MAX, &v) == SIM_ERANGE);
}

static void
test_util_booleans_follow_yaml_1_1(void)
{
    int v;

    CU_ASSERT(util_parse_bool("true", &v) == 0 && v == 1);
    CU_ASSERT(util_parse_bool("No", &v) == 0 && v == 0);
    CU_ASSERT(util_parse_bool("ON", &v) == 0 && v == 1);
    CU_ASSERT(util_parse_bool("1", &v) == SIM_EPARSE);
}

static void
test_util_edit_distance_counts_single_edits(void)
{
    CU_ASSERT(util_edit_distance("jiter", "jitter") == 1);
    CU_ASSERT(util_edit_distance("poison", "poisson") == 1);
    CU_ASSERT(util_edit_distance("kitten", "sitting") == 3);
    CU_ASSERT(util_edit_distance("", "abc") == 3);
    CU_ASSERT(util_edit_distance("same", "same") == 0);
}

static void
test_util_printable_masks_control_characters_and_cuts(void)
{
    char buf[16];

    util_printable("a\nb\tc", buf, sizeof(buf));
    CU_ASSERT_STRING_EQUAL(buf, "a?b?c");
    util_printable("abcdefghijklmnopqrstuvwxyz", buf, sizeof(buf));
    CU_ASSERT(strlen(buf) < sizeof(buf));
    CU_ASSERT(strcmp(buf + strlen(buf) - 3, "...") == 0);
}

/*
 * The request pool relies on it: every block starts at a multiple of the
 * alignment, whatever the size (also one that is not a multiple of it),
 * and all of it may be written (ASan, under make SAN=1, checks that).
 */
static void
test_util_aligned_alloc_aligns_every_size(void)
{
    static const size_t sizes[] = {1, 24, 32, 40, 1000, 4096};
    size_t i;

    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = xaligned_alloc(32, 3, sizes[i]);

        CU_ASSERT((uintptr_t)p % 32 == 0);
        memset(p, 0xa5, 3 * sizes[i]);
        free(p);
        p = xaligned_alloc(64, 0, sizes[i]);
        CU_ASSERT(p != NULL && (uintptr_t)p % 64 == 0);
        free(p);
    }
}

int
suite_util(void)
{
    static const struct test_entry tests[] = {
        {"durations take units or plain seconds",
         test_util_durations_take_units_or_plain_seconds},
        {"fractions take percent or decimal",
         test_util_fractions_take_percent_or_decimal},
        {"whole numbers are strict", test_util_whole_numbers_are_strict},
        {"booleans follow YAML 1.1", test_util_booleans_follow_yaml_1_1},
        {"edit distance counts single edits",
         test_util_edit_distance_counts_single_edits},
        {"aligned alloc aligns every size",
         test_util_aligned_alloc_aligns_every_size},
        {"printable masks control characters and cuts",
         test_util_printable_masks_control_characters_and_cuts},
        {NULL, NULL},
    };

    return tests_add_suite("util", tests);
}
