/*
 * The CSV reader that `stampede plot` uses on results folders, and
 * faults.csv, on text and scenarios built in code.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../sim/out/csv.h"
#include "../sim/sim.h"
#include "tests.h"

/* Read text with a fresh reader; the caller frees r and closes *f. */
static void
reader_on(struct csv_reader *r, FILE **f, const char *text)
{
    *f = fmemopen((void *)text, strlen(text), "r");
    CU_ASSERT_FATAL(*f != NULL);
    csv_reader_init(r, *f);
}

static void
test_csv_reads_plain_and_quoted_fields(void)
{
    /* RFC 4180: quotes around a field hold commas, line ends and "". */
    static const char text[] =
        "strategy,metric,mean\n"
        "\"a, b\",spike,1.5\r\n"
        "\"say \"\"hi\"\"\",,\n"
        "\"two\nlines\",x,\"\"\n"
        "last,row,no-newline";
    struct csv_reader r;
    FILE *f;

    reader_on(&r, &f, text);
    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_EQUAL(r.nfields, 3);
    CU_ASSERT_EQUAL(csv_find(&r, "mean"), 2);
    CU_ASSERT_EQUAL(csv_find(&r, "median"), -1);

    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_EQUAL_FATAL(r.nfields, 3);
    CU_ASSERT_STRING_EQUAL(r.fields[0], "a, b");
    CU_ASSERT_STRING_EQUAL(r.fields[2], "1.5");
    CU_ASSERT_EQUAL(r.line, 2);

    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_EQUAL_FATAL(r.nfields, 3);
    CU_ASSERT_STRING_EQUAL(r.fields[0], "say \"hi\"");
    CU_ASSERT_STRING_EQUAL(r.fields[1], "");
    CU_ASSERT_STRING_EQUAL(r.fields[2], "");

    /* A record of two lines; the next starts on line 6. */
    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_STRING_EQUAL(r.fields[0], "two\nlines");
    CU_ASSERT_STRING_EQUAL(r.fields[2], "");

    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_EQUAL(r.line, 6);
    CU_ASSERT_EQUAL_FATAL(r.nfields, 3);
    CU_ASSERT_STRING_EQUAL(r.fields[2], "no-newline");
    CU_ASSERT_EQUAL(csv_read(&r), 0);
    csv_reader_free(&r);
    fclose(f);
}

static void
test_csv_unterminated_quote_is_a_parse_error(void)
{
    struct csv_reader r;
    FILE *f;

    reader_on(&r, &f, "a,\"b\nc\n");
    CU_ASSERT_EQUAL(csv_read(&r), SIM_EPARSE);
    csv_reader_free(&r);
    fclose(f);

    reader_on(&r, &f, "");
    CU_ASSERT_EQUAL(csv_read(&r), 0);
    csv_reader_free(&r);
    fclose(f);
}

static void
test_csv_faults_name_each_fault_for_charts(void)
{
    /* faults.csv: index, kind, start, end and the chart's label. */
    struct fault_spec faults[3];
    struct scenario sc;
    struct run_results res;
    char buf[1024] = "";
    FILE *f;

    memset(faults, 0, sizeof(faults));
    memset(&sc, 0, sizeof(sc));
    memset(&res, 0, sizeof(res));
    faults[0].kind = FAULT_OUTAGE;
    faults[0].start = 60;
    faults[0].end = 65.5;
    faults[0].drop_inflight = 1;
    faults[1].kind = FAULT_ERRORS;
    faults[1].start = 120;
    faults[1].end = 240;
    faults[1].rate = 0.05;
    faults[2].kind = FAULT_CAPACITY;
    faults[2].start = 1;
    faults[2].end = 2;
    faults[2].servers = 0.5;
    faults[2].servers_fraction = 1;
    sc.faults = faults;
    sc.nfaults = 3;
    sc.service.servers = 20;
    res.sc = &sc;

    f = fmemopen(buf, sizeof(buf) - 1, "w");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(csv_write_faults(&res, f), 0);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf,
                           "fault,kind,start,end,label\n"
                           "0,outage,60,65.5,crash\n"
                           "1,errors,120,240,\"errors 5%, not retryable\"\n"
                           "2,capacity,1,2,capacity 10 of 20 servers\n");
}

static void
test_csv_quotes_fields_that_need_it_and_reads_them_back(void)
{
    /*
     * RFC 4180: a field with a comma, a quote, CR or LF is quoted and its
     * quotes doubled; others are written as they are. The loader keeps
     * line breaks out of names, but the writer does not rely on it.
     */
    static const char *const fields[] = {"plain", "a, b", "say \"hi\"",
                                         "two\nlines", "cr\r", ""};
    static const char written[] =
        "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\n";
    char buf[256];
    struct csv_reader r;
    size_t i, n = sizeof(fields) / sizeof(fields[0]);
    FILE *f = fmemopen(buf, sizeof(buf), "w");

    CU_ASSERT_FATAL(f != NULL);
    for (i = 0; i < n; i++) {
        if (i > 0)
            fputc(',', f);
        csv_text(f, fields[i]);
    }
    fputc('\n', f);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, written);

    reader_on(&r, &f, buf);
    CU_ASSERT_EQUAL_FATAL(csv_read(&r), 1);
    CU_ASSERT_EQUAL_FATAL(r.nfields, n);
    /* A CR inside quotes is data; the reader drops it only outside. */
    for (i = 0; i < n; i++)
        CU_ASSERT_STRING_EQUAL(r.fields[i], fields[i]);
    csv_reader_free(&r);
    fclose(f);
}

int
suite_csv(void)
{
    static const struct test_entry tests[] = {
        {"reads plain and quoted fields",
         test_csv_reads_plain_and_quoted_fields},
        {"unterminated quote is a parse error",
         test_csv_unterminated_quote_is_a_parse_error},
        {"faults name each fault for charts",
         test_csv_faults_name_each_fault_for_charts},
        {"quotes fields that need it and reads them back",
         test_csv_quotes_fields_that_need_it_and_reads_them_back},
        {NULL, NULL},
    };

    return tests_add_suite("csv", tests);
}
