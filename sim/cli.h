/*
 * The command line: commands, options and the help text.
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cli_command {
    CMD_HELP,
    CMD_VERSION,
    CMD_RUN,
    CMD_VALIDATE,
    CMD_ROLLOUT,
    CMD_SWEEP,
    CMD_PLOT
};

struct cli_options {
    enum cli_command command;
    const char *target;   /* the scenario file, or the results folder */
    const char *out;      /* -o, or NULL for results/<name> */
    int have_seed;
    uint64_t seed;
    int have_replications;
    uint32_t replications;
    unsigned threads;     /* 0: one per online CPU */
    char **sets;          /* --set KEY=VALUE, in order */
    size_t nsets;
    char **varies;        /* --vary KEY=V1,V2,... (sweep) */
    size_t nvaries;
    int no_plots;
    int force;            /* run even when memory looks short */
    int quiet;
    int verbose;          /* how many -v */
    const char *junit;
};

/*
 * Parse argv into o. Returns 0, or SIM_EUSAGE after printing what is
 * wrong on stderr. Free with cli_free.
 */
int cli_parse(int argc, char **argv, struct cli_options *o);
void cli_free(struct cli_options *o);

/* The help text. */
void cli_usage(FILE *out);

#endif
