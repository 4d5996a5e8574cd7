/*
 * The CSV files of a run (specification section 4). Numbers are written
 * in the C locale with one fixed format per column, and an undefined
 * value (NAN) as an empty field, so that files compare byte for byte.
 */
#ifndef CSV_H
#define CSV_H

#include <stdio.h>

#include "../run/rollout.h"
#include "../run/runner.h"
#include "../run/sweep.h"

/* Write a field, quoted as RFC 4180 says when it holds , " CR or LF. */
void csv_text(FILE *f, const char *s);

/* Write a number with %.9g, or nothing for NAN. */
void csv_number(FILE *f, double v);

/* timeseries.csv: one row per strategy, replication and bucket. */
int csv_write_timeseries(const struct run_results *res, FILE *f);

/* replications.csv: one row per strategy and replication, every metric. */
int csv_write_replications(const struct run_results *res, FILE *f);

/* summary.csv: strategy,metric,mean,ci95_lo,ci95_hi,sd,n. */
int csv_write_summary(const struct run_results *res, FILE *f);

/*
 * healing.csv: one row per probe verdict change and per action step:
 * strategy,replication,t,action,outcome,faults_ended,servers_up.
 */
int csv_write_healing(const struct run_results *res, FILE *f);

/* Does any strategy of res run a self-healing controller? */
int csv_has_healing(const struct run_results *res);

/*
 * rollout.csv: one row per stage and gate (and one for the analysis):
 * stage,traffic,cohort,gate,value,ci95_lo,ci95_hi,threshold,verdict.
 */
int csv_write_rollout(const struct rollout_result *r, FILE *f);

/*
 * rollout_validation.csv: per stage, how often the gates stopped the
 * good candidate and let the bad one through, with Wilson intervals.
 */
int csv_write_validation(const struct rollout_result *r, FILE *f);

/* The word for a verdict: pass, fail, skipped. */
const char *csv_verdict(enum verdict v);

/*
 * sweep.csv: one row per grid point and strategy: the varied values (one
 * column per key, named by it), the strategy, then per metric its mean,
 * <metric>_ci95_lo and <metric>_ci95_hi.
 */
int csv_write_sweep(const struct sweep *sw, FILE *f);

/*
 * faults.csv: one row per fault of the scenario, so that charts can shade
 * them without the scenario file: fault,kind,start,end,label (seconds;
 * end empty for a fault that lasts until healed; label is the short text
 * a chart shows, such as "errors 20%").
 */
int csv_write_faults(const struct run_results *res, FILE *f);

/*
 * Reading CSV files back (for `stampede plot`). A record's fields point
 * into the reader's buffer and stay valid until the next read.
 */
struct csv_reader {
    FILE *f;
    char *buf;        /* the record, fields NUL-separated */
    size_t len, cap;
    char **fields;
    size_t *starts;   /* where each field starts in buf */
    size_t nfields, fields_cap;
    size_t line;      /* line of the record last read, from 1 */
};

/* Start reading f, which stays the caller's. */
void csv_reader_init(struct csv_reader *r, FILE *f);
void csv_reader_free(struct csv_reader *r);

/*
 * Read the next record into r->fields[0..r->nfields): 1 when a record
 * was read, 0 at the end of the file, SIM_EPARSE for a quoted field that
 * never ends, SIM_EIO on a read error.
 */
int csv_read(struct csv_reader *r);

/* The index of the field equal to name in r's record, or -1. */
int csv_find(const struct csv_reader *r, const char *name);

#endif
