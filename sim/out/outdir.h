/*
 * A results folder that appears whole or not at all: files are written
 * into a temporary folder beside the destination, which then replaces the
 * destination in one rename.
 */
#ifndef OUTDIR_H
#define OUTDIR_H

#include <stdio.h>

struct outdir {
    char *final; /* where the results go */
    char *tmp;   /* where they are written meanwhile */
};

/*
 * Prepare to write results to path: create its parent folders and a
 * temporary folder beside it. Refuses (SIM_EUSAGE, with a message
 * through log) when path exists and is neither empty nor a stampede
 * results folder, so that -o never wipes unrelated files, or when path
 * is empty or ends in "." or ".."; SIM_EIO when a folder cannot be
 * created. Until it is committed or aborted, the temporary folder is
 * also removed at exit(), as after a failed allocation.
 */
int outdir_open(struct outdir *d, const char *path);

/* Open name inside the temporary folder for writing. NULL on failure. */
FILE *outdir_create(const struct outdir *d, const char *name);

/* Close f, reporting a write error for name through log. */
int outdir_close(const struct outdir *d, FILE *f, const char *name);

/*
 * Put the temporary folder in place of the destination (swapping the two
 * atomically when the destination exists) and remove the old results.
 */
int outdir_commit(struct outdir *d);

/* Remove the temporary folder and everything in it. NULL-safe. */
void outdir_abort(struct outdir *d);

#endif
