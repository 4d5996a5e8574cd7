/*
 * The data side of the plot module, shared by plot.c and plot_data.c
 * only: reading a results folder's CSV files and writing what the
 * gnuplot scripts read.
 */
#ifndef PLOT_DATA_H
#define PLOT_DATA_H

#include "plot.h"

/*
 * Read the CSV files of results folder dir and write into folder work:
 * data.gp (the variables every script reads: names, faults, SLO, ...),
 * attempts.dat, success.dat, degradation.dat (per strategy over time),
 * metrics.dat (spike, amplification, MTTR per strategy) and roi.dat
 * when dir holds roi.csv. Charts with nothing to show are marked
 * PLOT_SKIPPED in set, with the reason. Returns 0, SIM_EIO or
 * SIM_EPARSE (with a message through log).
 */
int plot_data_write(const char *dir, const char *work,
                    const struct plot_context *ctx, struct plot_set *set);

#endif
