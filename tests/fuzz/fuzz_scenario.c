/*
 * A libFuzzer target for the scenario loader and the --set parser
 * (`make fuzz`; README.md, "Fuzzing").
 *
 * An input is a YAML document, then up to FUZZ_MAX_SETS --set options,
 * each after a NUL byte:
 *
 *     DOCUMENT \0 KEY=VALUE \0 KEY=VALUE ...
 *
 * Neither part can hold a NUL of its own (libyaml refuses one in a
 * document, and a command-line argument ends at one), so the split loses
 * nothing that the program could be given. One target serves both
 * parsers because --set edits the document's node tree before the lint
 * pass walks it: the cases worth finding are where the two meet (a key
 * path through a list the file made, a value the lint pass then expands),
 * and a target for --set alone would need a document anyway.
 *
 * A scenario that loads is then described as `stampede validate` does,
 * into /dev/null, so that the description of any value that passes the
 * checks is exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sim/core/util.h"
#include "../../sim/run/scenario.h"

/* More options add little: each one only edits the same tree again. */
#define FUZZ_MAX_SETS 8

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where descriptions go: opened once, not at each of a million calls. */
static FILE *sink;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sink = fopen("/dev/null", "w");
    if (sink == NULL) {
        perror("fuzz_scenario: cannot open /dev/null");
        exit(1);
    }
    return 0;
}

/*
 * Split data into the document (its length in *doc_len) and the options,
 * each copied into a string of its own; the number of options.
 */
static size_t
split_input(const uint8_t *data, size_t size, size_t *doc_len,
            char *sets[FUZZ_MAX_SETS])
{
    const uint8_t *end = data + size, *start, *nul;
    size_t n = 0, len;

    nul = memchr(data, '\0', size);
    *doc_len = nul ? (size_t)(nul - data) : size;
    while (nul != NULL && n < FUZZ_MAX_SETS) {
        start = nul + 1;
        nul = memchr(start, '\0', (size_t)(end - start));
        len = (size_t)((nul ? nul : end) - start);
        sets[n] = xmalloc(len + 1);
        memcpy(sets[n], start, len);
        sets[n++][len] = '\0';
    }
    return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sets[FUZZ_MAX_SETS];
    struct scenario_errors errs;
    struct scenario *sc = NULL;
    size_t doc_len, nsets, i;

    nsets = split_input(data, size, &doc_len, sets);
    if (scenario_load_text("fuzz.yaml", data, doc_len, sets, nsets, &sc,
                           &errs) == 0) {
        scenario_describe(sc, sink);
        scenario_first_fault_start(sc);
        scenario_last_fault_end(sc);
        scenario_free(sc);
    }
    scenario_errors_clear(&errs);
    for (i = 0; i < nsets; i++)
        free(sets[i]);
    return 0;
}
