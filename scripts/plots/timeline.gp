# Shared by the charts over time: x is simulated time, each fault of
# data.gp is shaded and named above the plot, where no data can hide it.

set xlabel 'simulated time (s)'
set xrange [0:horizon]
do for [i = 1:nfaults] {
    set object i rectangle from fault_start[i], graph 0 \
        to fault_end[i], graph 1 behind \
        fillcolor rgb '#000000' fillstyle transparent solid 0.09 noborder
    set label i fault_label[i] at fault_start[i], graph 1 left front \
        font ',10' textcolor rgb '#333333' offset 0, 0.7 + 1.2 * (i - 1)
}
# Room for the fault names between the title and the plot.
set tmargin 3 + 1.2 * nfaults
title_lift = 1.2 * nfaults
fault_key = nfaults > 0 ? 'fault active (shaded)' : ''
