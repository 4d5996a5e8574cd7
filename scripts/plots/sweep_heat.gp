# A heat map of one metric and strategy over a sweep of two keys: the
# first key across, the second up, a cell per grid point coloured by
# the mean over the replications. cells.dat: x place, y place, value.
# data.gp names the keys and their values (xlabels, ylabels), the
# strategy, the metric, the colour range shared by every strategy's
# map (cb_min, cb_max), the cells without a value (nundefined) and what
# that means (missing_text), and whether the values fit in the cells
# (show_values).

set title sprintf('%s, %s: %s', scenario, strategy, metric_title)
set xlabel xkey
set ylabel ykey
set xrange [-0.5:nx - 0.5]
set yrange [-0.5:ny - 0.5]
set xtics () scale 0
set ytics () scale 0
do for [i = 1:nx] { set xtics add (xlabels[i] i - 1) }
do for [i = 1:ny] { set ytics add (ylabels[i] i - 1) }
# Labels that would run into each other across are turned.
xlabels_width = 0
do for [i = 1:nx] { xlabels_width = xlabels_width + strlen(xlabels[i]) + 2 }
if (xlabels_width > 90) {
    set xtics rotate by 35 right
}
unset grid
set border 0
set size ratio 0
set tics nomirror

# Viridis: a sequential palette that stays ordered in grey and for
# readers with any common colour-vision deficiency.
set palette defined (0 '#440154', 0.13 '#482878', 0.25 '#3e4989', \
    0.38 '#31688e', 0.5 '#26828e', 0.63 '#1f9e89', 0.75 '#35b779', \
    0.88 '#6ece58', 1 '#fde725')
set cbrange [cb_min:cb_max]
set cblabel metric_label
set colorbox vertical user origin graph 1.03, graph 0 size graph 0.03, \
    graph 1
set rmargin 16

# Light text on the dark part of the palette, dark text on the light.
# valid(3) is false in an empty cell, whose value is NaN; it is tested
# in the using specifications, where gnuplot knows the current row.
dark(v) = (v - cb_min) / (cb_max - cb_min) < 0.6
set style fill solid 1.0 noborder

# The key explains the hatching, under the axis label.
if (nundefined > 0) {
    set key below center
    set bmargin 5.5
} else {
    unset key
}
plot 'cells.dat' using 1:2:(0.5):(0.5):3 with boxxyerror \
         fillcolor palette notitle, \
     'cells.dat' using 1:(valid(3) ? 1/0 : $2):(0.5):(0.5) \
         with boxxyerror fillstyle pattern 4 border lc rgb '#888888' \
         lc rgb '#888888' title missing_text.' (hatched)', \
     'cells.dat' using 1:2:(!show_values ? '' : valid(3) \
         ? sprintf(cell_format, $3) : '-') \
         :(valid(3) && dark($3) ? 0xffffff : 0x000000) \
         with labels textcolor rgb variable font ',14' notitle
