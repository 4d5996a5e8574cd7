# Yearly return on investment per strategy against the baseline, with
# 95 % intervals. roi.dat: x, strategy index, ROI, low, high (percent)
# and the investment; a strategy without investment has no ROI.
# data.gp gives nroi bars and roi_index[k], the strategy of bar k.

set title sprintf('%s: return on investment against %s', scenario, baseline)
set ylabel 'ROI over a year (%)'
set xrange [-0.6:nroi - 0.4]
set xtics () scale 0
roi_width = 0
do for [k = 1:nroi] {
    set xtics add (names[roi_index[k] + 1] k - 1)
    roi_width = roi_width + strlen(names[roi_index[k] + 1])
}
if (roi_width > 70 || nroi > 8) {
    set xtics rotate by 30 right
}
set boxwidth 0.62
set style fill solid 0.9 noborder
set xzeroaxis lt 1 lc rgb '#444444'
set style arrow 1 heads size screen 0.008, 90 lw 1.4 lc rgb '#000000'
set autoscale y
set offsets 0, 0, graph 0.12, graph 0.05
no_hours(inv) = inv > 0 ? '' : 'no implementation hours given'
# gnuplot 5.4 crashes on a plot of labels none of which is defined, so
# the labels above gains and those below losses are each plotted only
# when there is one to show (an iteration over 1:0 plots nothing).
stats 'roi.dat' using 3 nooutput
has_gain = STATS_max >= 0
has_loss = STATS_min < 0
plot for [k = 1:nroi] 'roi.dat' every ::(k - 1)::(k - 1) \
         using 1:3 with boxes lc rgb colour(roi_index[k]) notitle, \
     'roi.dat' using 1:4:(0):($5 - $4) with vectors arrowstyle 1 \
         title '95 % confidence interval', \
     for [once = 1:has_gain] 'roi.dat' \
         using 1:($3 >= 0 ? (valid(5) ? $5 : $3) : 1/0) \
         :(sprintf('%+.0f %%', $3)) with labels offset 0, 0.9 notitle, \
     for [once = 1:has_loss] 'roi.dat' \
         using 1:($3 < 0 ? (valid(4) ? $4 : $3) : 1/0) \
         :(sprintf('%+.0f %%', $3)) with labels offset 0, -0.9 notitle, \
     'roi.dat' using 1:(0):(no_hours($6)) with labels offset 0, 1 \
         textcolor rgb '#555555' notitle
