# A metric of a sweep against its one varied key: a line per strategy,
# the mean at each value with its 95 % confidence interval as an error
# bar. lines.dat: one block per strategy of x mean low high. data.gp
# names the key (xkey, xlabel_text), its values (xvalues, xlabels; xcat
# when they are not all numbers, xlog when they span decades), the span
# of the values (y_lo, y_hi) and the metric (metric_title, metric_label).

set title sprintf('%s: %s against %s', scenario, metric_title, xkey)
set xlabel xlabel_text
set ylabel metric_label
set grid xtics ytics lc rgb '#dddddd' lt 1

# Strategies at the same x are set a little apart, so that their error
# bars do not hide one another: 1.2 % of the axis between neighbours.
spread = 0.012
shift(i) = (i - 1 - (nstrategies - 1) / 2.0) * spread
# Categories, and a single value, sit at places 0 .. nx-1 under their
# labels as written.
if (xcat || nx == 1) {
    set xrange [-0.5:nx - 0.5]
    set xtics () scale 0
    do for [i = 1:nx] { set xtics add (xlabels[i] i - 1) }
    at(x, i) = (xcat ? x : 0) + shift(i) * (nx > 4 ? nx : 4)
} else {
    if (xlog) {
        # A margin of 7 % of the decades on each side: offsets in graph
        # units do not work on a log axis, and autoscaling rounds out to
        # whole decades, which leaves most of the chart empty.
        set logscale x
        margin = exp(0.07 * log(xmax * 1.0 / xmin))
        set xrange [xmin / margin:xmax * margin]
        at(x, i) = x * exp(shift(i) * log(xmax * 1.0 / xmin))
    } else {
        width = xmax > xmin ? xmax - xmin : (xmin != 0 ? abs(xmin) : 1)
        at(x, i) = x + shift(i) * width
        set offsets graph 0.04, graph 0.04, 0, 0
    }
    # Tics at the swept values, when their labels have room (xtics_at).
    if (xtics_at) {
        set xtics ()
        do for [i = 1:nx] {
            set xtics add (sprintf('%g', xvalues[i]) xvalues[i])
        }
        set mxtics 1
    }
}

# The values' span (y_lo, y_hi, within the metric's bounds) with a
# margin, so that no point sits on the frame. Tics are a round step
# larger than the margin, so none falls outside the bounds.
pad = y_hi > y_lo ? (y_hi - y_lo) * 0.08 : (y_hi != 0 ? abs(y_hi) * 0.1 : 1)
set yrange [y_lo - pad:y_hi + pad]
raw = (y_hi - y_lo + 2.0 * pad) / 6.0   # never integer division
mag = 10 ** floor(log10(raw))
ystep = (raw / mag < 1.5 ? 1 : raw / mag < 3.5 ? 2 : \
    raw / mag < 7.5 ? 5 : 10) * mag
set ytics ystep

plot for [i = 1:nstrategies] 'lines.dat' index (i - 1) \
         using (at($1, i)):2:3:4 with yerrorlines \
         lc rgb colour(i - 1) dt dashes(i - 1) lw 1.6 pt 7 ps 0.9 \
         title names[i]
