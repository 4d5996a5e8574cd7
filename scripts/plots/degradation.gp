# Degradation level of each strategy over time, one row per strategy:
# how well the logical requests finishing in a bucket were served.
# degradation.dat: runs of one level as boxes, x y half-width
# half-height level (0 full .. 4 failed).

load scripts.'/timeline.gp'
set title sprintf('%s: degradation level over time (median of %d %s)', \
    scenario, replications, replications == 1 ? 'run' : 'runs') \
    offset 0, title_lift
set ylabel ''
set yrange [-0.6:nstrategies - 0.4]
set ytics () scale 0
do for [i = 1:nstrategies] { set ytics add (names[i] nstrategies - i) }
set grid noytics
# The levels would hide a shaded fault: outline the faults in front.
do for [i = 1:nfaults] {
    set object i rectangle front fillstyle empty border lc rgb '#000000' \
        dt 2 lw 1.2
}
# Ordered from served to failed, in Okabe and Ito's colours.
array level_name[5] = ['full', 'slight', 'moderate', 'minimal', 'failed']
array level_colour[5] = ['#009E73', '#56B4E9', '#F0E442', '#E69F00', \
                         '#D55E00']
plot for [l = 0:4] 'degradation.dat' \
         using 1:(column(5) == l ? column(2) : 1/0):3:4 \
         with boxxyerror fillstyle solid 1.0 noborder \
         fillcolor rgb level_colour[l + 1] title level_name[l + 1], \
     keyentry with lines lc rgb '#000000' dt 2 lw 1.2 \
         title (nfaults > 0 ? 'fault active (outlined)' : '')
