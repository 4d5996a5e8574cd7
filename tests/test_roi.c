/*
 * ROI (SPEC.md section 5) against figures worked out by hand, and roi.csv
 * on results built in code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sim/out/roi.h"
#include "../sim/sim.h"
#include "tests.h"

static void
test_roi_reproduces_the_worked_example_by_week(void)
{
    /*
     * The example: 40 hours of work at $150/hour; it saves 3 hours of
     * manual work a week at $150/hour, and cuts downtime from 2 hours to
     * 0.08 hours a month at $2,000/hour. By hand:
     *   investment   40 h x 150           =  6,000
     *   manual work  3 h x 150 x 52 weeks = 23,400 a year
     *   downtime     1.92 h x 2,000 x 12  = 46,080 a year
     *   value        23,400 + 46,080      = 69,480 a year
     *   ROI          (69,480 - 6,000) / 6,000 = 10.58, that is 1,058 %.
     *
     * The formula counts per incident, so take a week as the incident:
     * 52 incidents a year, each sparing one human intervention of 180
     * minutes (the 3 hours) and 1.92 h x 12 / 52 of downtime, written in
     * minutes, at 2,000 / 60 a minute.
     */
    struct roi_inputs in = {
        .downtime_saved_minutes = (2 - 0.08) * 12 / 52 * 60,
        .interventions_saved = 1,
        .downtime_cost_per_minute = 2000.0 / 60,
        .engineer_cost_per_hour = 150,
        .manual_intervention_minutes = 180,
        .incidents_per_year = 52,
        .implementation_hours = 40,
    };
    struct roi_figures out;

    roi_compute(&in, &out);
    CU_ASSERT_DOUBLE_EQUAL(out.investment, 6000, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out.yearly_value, 69480, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(out.roi, 10.58, 1e-9);
    /* As the example rounds it: 1,058 %. */
    CU_ASSERT_EQUAL(lround(out.roi * 100), 1058);
}

static void
test_roi_reproduces_the_worked_example_by_month(void)
{
    /*
     * The same example with a month as the incident: 12 a year, each
     * sparing 1.92 h of downtime (115.2 minutes) and one intervention of
     * 3 h x 52 / 12 = 13 hours (780 minutes) of manual work.
     */
    struct roi_inputs in = {
        .downtime_saved_minutes = 1.92 * 60,
        .interventions_saved = 1,
        .downtime_cost_per_minute = 2000.0 / 60,
        .engineer_cost_per_hour = 150,
        .manual_intervention_minutes = 780,
        .incidents_per_year = 12,
        .implementation_hours = 40,
    };
    struct roi_figures out;

    roi_compute(&in, &out);
    CU_ASSERT_DOUBLE_EQUAL(out.yearly_value, 69480, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(out.roi, 10.58, 1e-9);
}

static void
test_roi_is_undefined_without_an_investment(void)
{
    struct roi_inputs in = {
        .downtime_saved_minutes = 10,
        .downtime_cost_per_minute = 100,
        .engineer_cost_per_hour = 150,
        .incidents_per_year = 24,
    };
    struct roi_figures out;

    roi_compute(&in, &out);
    CU_ASSERT_DOUBLE_EQUAL(out.yearly_value, 24000, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(out.investment, 0, 0);
    CU_ASSERT(isnan(out.roi));

    /* Nothing saved: the whole investment is lost, ROI -100 %. */
    in.downtime_saved_minutes = 0;
    in.implementation_hours = 8;
    roi_compute(&in, &out);
    CU_ASSERT_DOUBLE_EQUAL(out.roi, -1, 1e-12);
}

/* Results of two strategies over three replications, downtime only. */
struct fake {
    struct strategy strategies[2];
    double hours[2];
    struct scenario sc;
    struct unit_result units[6];
    struct run_results res;
};

static void
fake_init(struct fake *f, const double downtime[6])
{
    size_t i;

    memset(f, 0, sizeof(*f));
    f->strategies[0].name = "base";
    f->strategies[1].name = "new, \"better\"";
    f->hours[1] = 10;
    f->sc.strategies = f->strategies;
    f->sc.nstrategies = 2;
    f->sc.replications = 3;
    f->sc.roi.enabled = 1;
    f->sc.roi.baseline = 0;
    f->sc.roi.downtime_cost_per_minute = 100;
    f->sc.roi.engineer_cost_per_hour = 60;
    f->sc.roi.incidents_per_month = 1;
    f->sc.roi.implementation_hours = f->hours;
    for (i = 0; i < 6; i++)
        f->units[i].metrics[METRIC_DOWNTIME] = downtime[i];
    f->res.sc = &f->sc;
    f->res.units = f->units;
    f->res.nunits = 6;
}

static void
test_roi_pairs_replications_against_the_baseline(void)
{
    /*
     * Baseline downtime 120, 180, 150 s; the other 60, 90, 90 s: saved
     * 60, 90, 60 s, mean 70 s (7/6 minute), sd sqrt(300). A year of 12
     * incidents at 100 a minute: 1,400; investment 10 h x 60 = 600; ROI
     * (1400 - 600) / 600 = 4/3. The interval is 70 +- t(2) sd / sqrt(3),
     * t(2) = 4.30265273.
     */
    static const double downtime[6] = {120, 180, 150, 60, 90, 90};
    double half = 4.30265273 * sqrt(300) / sqrt(3);
    struct fake f;
    struct roi_row row;

    fake_init(&f, downtime);
    roi_strategy(&f.res, 1, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.downtime_saved.mean, 70, 1e-9);
    CU_ASSERT(row.downtime_saved.n == 3);
    CU_ASSERT_DOUBLE_EQUAL(row.downtime_saved.ci95_lo, 70 - half, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(row.downtime_saved.ci95_hi, 70 + half, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(row.incidents_per_year, 12, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.interventions_saved, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.yearly_value, 1400, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.investment, 600, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.roi, 4.0 / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.lo.yearly_value, (70 - half) * 20, 1e-4);
    CU_ASSERT_DOUBLE_EQUAL(row.hi.roi, ((70 + half) * 20 - 600) / 600,
                           1e-6);

    /* The baseline saves nothing and costs nothing: no ROI. */
    roi_strategy(&f.res, 0, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.downtime_saved.mean, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.yearly_value, 0, 0);
    CU_ASSERT(isnan(row.mean.roi));
}

static void
test_roi_prices_the_interventions_saved(void)
{
    /*
     * The baseline needed a person to repair it in every replication
     * (1, 1, 2 repairs), the strategy in none; the downtime is the same
     * (saved 0). Interventions saved: 1, 1, 2, mean 4/3. At 30 minutes
     * per intervention and 60 an hour, an intervention is worth 30; a
     * year of 12 incidents: 360, 360, 720 per replication, mean 480, sd
     * sqrt(((-120)^2 + (-120)^2 + 240^2) / 2) = sqrt(43200). The
     * interval is 480 +- t(2) sd / sqrt(3), t(2) = 4.30265273; the ROI
     * carries it: (value - 600) / 600.
     */
    static const double downtime[6] = {100, 100, 100, 100, 100, 100};
    static const double repairs[6] = {1, 1, 2, 0, 0, 0};
    double half = 4.30265273 * sqrt(43200) / sqrt(3);
    struct fake f;
    struct roi_row row;
    size_t i;

    fake_init(&f, downtime);
    f.sc.roi.manual_intervention_minutes = 30;
    for (i = 0; i < 6; i++)
        f.units[i].metrics[METRIC_INTERVENTIONS] = repairs[i];
    roi_strategy(&f.res, 1, &row);
    CU_ASSERT_DOUBLE_EQUAL(row.downtime_saved.mean, 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(row.interventions_saved, 4.0 / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.yearly_value, 480, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(row.lo.yearly_value, 480 - half, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(row.hi.yearly_value, 480 + half, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(row.mean.roi, (480.0 - 600) / 600, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(row.lo.roi, (480 - half - 600) / 600, 1e-8);
    CU_ASSERT_DOUBLE_EQUAL(row.lo.investment, 600, 0);
}

static void
test_roi_csv_has_one_row_per_strategy(void)
{
    static const double downtime[6] = {60, 60, 60, 0, 0, 0};
    char buf[2048] = "";
    struct fake f;
    FILE *mem;
    size_t n;

    fake_init(&f, downtime);
    mem = fmemopen(buf, sizeof(buf) - 1, "w");
    CU_ASSERT_FATAL(mem != NULL);
    CU_ASSERT(roi_write_csv(&f.res, mem) == 0);
    fclose(mem);
    n = strlen(buf);
    CU_ASSERT(n > 0 && buf[n - 1] == '\n');
    /*
     * 60 s saved every time (sd 0): 1 minute x 100 x 12 = 1,200 a year
     * against 600 invested: ROI 1. Names with a comma or a quote are
     * quoted as RFC 4180 says; undefined values are empty.
     */
    CU_ASSERT_STRING_EQUAL(
        buf,
        "strategy,baseline,downtime_saved,downtime_saved_ci95_lo,"
        "downtime_saved_ci95_hi,interventions_saved,incidents_per_year,"
        "yearly_value,yearly_value_ci95_lo,yearly_value_ci95_hi,"
        "investment,roi,roi_ci95_lo,roi_ci95_hi,n\n"
        "base,base,0,0,0,0,12,0,0,0,0,,,,3\n"
        "\"new, \"\"better\"\"\",base,60,60,60,0,12,1200,1200,1200,600,1,1,"
        "1,3\n");
}

int
suite_roi(void)
{
    static const struct test_entry tests[] = {
        {"reproduces the worked example by week",
         test_roi_reproduces_the_worked_example_by_week},
        {"reproduces the worked example by month",
         test_roi_reproduces_the_worked_example_by_month},
        {"is undefined without an investment",
         test_roi_is_undefined_without_an_investment},
        {"pairs replications against the baseline",
         test_roi_pairs_replications_against_the_baseline},
        {"prices the interventions saved",
         test_roi_prices_the_interventions_saved},
        {"csv has one row per strategy",
         test_roi_csv_has_one_row_per_strategy},
        {NULL, NULL},
    };

    return tests_add_suite("roi", tests);
}
