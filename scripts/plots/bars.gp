# Shared by the charts with one bar per strategy: x positions 0 .. n-1
# named after the strategies.

set xrange [-0.6:nstrategies - 0.4]
set xtics () scale 0
do for [i = 1:nstrategies] { set xtics add (names[i] i - 1) }
if (names_width > 70 || nstrategies > 8) {
    set xtics rotate by 30 right
}
set boxwidth 0.62
set style fill solid 0.9 noborder
# Room above the tallest bar for its value.
set offsets 0, 0, graph 0.1, 0
# Error bars as vectors with flat heads: gnuplot's own error bars leave
# a white gap where their point would be.
set style arrow 1 heads size screen 0.008, 90 lw 1.4 lc rgb '#000000'
