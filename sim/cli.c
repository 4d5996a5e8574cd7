/*
 * Command-line parsing with getopt_long. Numbers are parsed strictly; a
 * usage error names the problem and points to --help.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "cli.h"
#include "core/log.h"
#include "core/util.h"

void
cli_usage(FILE *out)
{
    fputs(
        "usage: stampede run SCENARIO.yaml [options]\n"
        "       stampede rollout SCENARIO.yaml [--junit FILE] [options]\n"
        "       stampede validate SCENARIO.yaml [--set KEY=VALUE ...]\n"
        "       stampede sweep SCENARIO.yaml --vary KEY=V1,V2,... "
        "[--vary ...] [options]\n"
        "       stampede plot RESULTS_DIR\n"
        "       stampede --help | --version\n"
        "\n"
        "Simulate clients retrying against a failing service and compare\n"
        "their resilience strategies.\n"
        "\n"
        "commands:\n"
        "  run        simulate every strategy, write results, print a table\n"
        "  rollout    judge the staged-rollout gates; exit 1 if one fails\n"
        "  validate   check the scenario and print what it would run\n"
        "  sweep      run a grid of values, one row per point and "
        "strategy\n"
        "  plot       redraw the charts of a results folder from its CSV\n"
        "             files (needs gnuplot)\n"
        "\n"
        "options of run, rollout and sweep:\n"
        "  -o, --out DIR           results folder (default: results/NAME,\n"
        "                          results/NAME-sweep for a sweep)\n"
        "  -s, --seed N            override the scenario's seed\n"
        "  -r, --replications N    override the replication count\n"
        "  -j, --threads N         worker threads (default: online CPUs)\n"
        "      --set KEY=VALUE     override a scenario value by its path,\n"
        "                          e.g. clients.count=100000 or\n"
        "                          strategies.full-jitter.retry.base=500ms\n"
        "      --no-plots          CSV and text only\n"
        "      --force             run even when the estimated memory is\n"
        "                          more than the machine has available\n"
        "  -q, --quiet             errors only on stderr\n"
        "  -v, --verbose           more diagnostics (repeat for more)\n"
        "      --vary KEY=V1,V2    (sweep) one axis of the grid: every\n"
        "                          value of KEY, as --set would set it\n"
        "      --junit FILE        (rollout) the gates as JUnit XML\n"
        "\n"
        "exit status: 0 success, 1 a rollout gate failed, 2 bad usage or\n"
        "input, 3 run-time failure, 130/143 interrupted.\n"
        "See stampede(1) for the files a run writes.\n",
        out);
}

static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
    char text[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    log_error("%s", text);
    log_raw("stampede: see 'stampede --help'");
    return SIM_EUSAGE;
}

static int
parse_command(const char *word, enum cli_command *cmd)
{
    static const struct {
        const char *name;
        enum cli_command cmd;
    } commands[] = {
        {"run", CMD_RUN},       {"validate", CMD_VALIDATE},
        {"rollout", CMD_ROLLOUT}, {"sweep", CMD_SWEEP},
        {"plot", CMD_PLOT},     {"help", CMD_HELP},
    };
    size_t i;

    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(word, commands[i].name) == 0) {
            *cmd = commands[i].cmd;
            return 0;
        }
    }
    return usage_error("unknown command '%s'", word);
}

/* Apply one option; returns 0 or SIM_EUSAGE. */
static int
apply_option(int c, const char *arg, struct cli_options *o)
{
    uint64_t n;

    switch (c) {
    case 'o':
        o->out = arg;
        return 0;
    case 's':
        o->have_seed = 1;
        if (util_parse_uint64(arg, 0, UINT64_MAX, &o->seed) != 0)
            return usage_error("--seed needs a whole number, got '%s'", arg);
        return 0;
    case 'r':
        o->have_replications = 1;
        if (util_parse_uint64(arg, 1, 100000, &n) != 0)
            return usage_error("--replications needs a whole number from 1 "
                               "to 100000, got '%s'", arg);
        o->replications = (uint32_t)n;
        return 0;
    case 'j':
        if (util_parse_uint64(arg, 1, 1024, &n) != 0)
            return usage_error("--threads needs a whole number from 1 to "
                               "1024, got '%s'", arg);
        o->threads = (unsigned)n;
        return 0;
    case 'S':
        o->sets = xreallocarray(o->sets, o->nsets + 1, sizeof(*o->sets));
        o->sets[o->nsets++] = (char *)arg;
        return 0;
    case 'X':
        o->varies = xreallocarray(o->varies, o->nvaries + 1,
                                  sizeof(*o->varies));
        o->varies[o->nvaries++] = (char *)arg;
        return 0;
    case 'P':
        o->no_plots = 1;
        return 0;
    case 'F':
        o->force = 1;
        return 0;
    case 'q':
        o->quiet = 1;
        return 0;
    case 'v':
        o->verbose++;
        return 0;
    case 'J':
        o->junit = arg;
        return 0;
    case 'h':
        o->command = CMD_HELP;
        return 0;
    case 'V':
        o->command = CMD_VERSION;
        return 0;
    }
    return usage_error("%s", "unrecognised option");
}

int
cli_parse(int argc, char **argv, struct cli_options *o)
{
    static const struct option longs[] = {
        {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'},
        {"replications", required_argument, NULL, 'r'},
        {"threads", required_argument, NULL, 'j'},
        {"set", required_argument, NULL, 'S'},
        {"vary", required_argument, NULL, 'X'},
        {"no-plots", no_argument, NULL, 'P'},
        {"force", no_argument, NULL, 'F'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"junit", required_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    enum cli_command command = CMD_HELP;
    const char *command_word = NULL;
    int c, rc, have_command = 0;

    memset(o, 0, sizeof(*o));
    o->command = CMD_RUN; /* until a command word or --help says */
    opterr = 0;
    optind = 1;
    /*
     * '-' hands back words in place, so options may follow the command;
     * ':' reports a missing value apart from an unknown option.
     */
    while ((c = getopt_long(argc, argv, "-:o:s:r:j:qvhV", longs, NULL)) !=
           -1) {
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1];

            if (c == ':')
                return usage_error("option '%s' needs a value", bad);
            return usage_error("unknown option '%s'", bad);
        }
        if (c == 1) {
            /* A word that is not an option: the command, then its target. */
            if (!have_command) {
                rc = parse_command(optarg, &command);
                if (rc != 0)
                    return rc;
                have_command = 1;
                command_word = optarg;
            } else if (o->target == NULL) {
                o->target = optarg;
            } else {
                return usage_error("unexpected argument '%s'", optarg);
            }
            continue;
        }
        rc = apply_option(c, optarg, o);
        if (rc != 0)
            return rc;
    }
    /* --help and --version win over a command. */
    if (o->command == CMD_HELP || o->command == CMD_VERSION)
        return 0;
    if (!have_command)
        return usage_error("%s", "no command given");
    o->command = command;
    if (o->command == CMD_HELP)
        return 0;
    if (o->target == NULL)
        return usage_error("%s needs a file to work on", command_word);
    if (o->command == CMD_SWEEP && o->nvaries == 0)
        return usage_error("%s", "sweep needs at least one --vary "
                           "KEY=V1,V2,...");
    if (o->command != CMD_SWEEP && o->nvaries > 0)
        return usage_error("%s", "--vary is an option of sweep");
    if (o->command != CMD_ROLLOUT && o->junit != NULL)
        return usage_error("%s", "--junit is an option of rollout");
    /* Found out before the run, not after it. */
    if (o->junit != NULL && o->junit[0] == '\0')
        return usage_error("%s", "--junit needs a file name");
    return 0;
}

void
cli_free(struct cli_options *o)
{
    free(o->sets);
    free(o->varies);
    memset(o, 0, sizeof(*o));
}
