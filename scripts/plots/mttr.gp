# Mean time to recovery per strategy, over the replications that
# recovered, with 95 % intervals; a note above a strategy whose runs did
# not all recover. metrics.dat as in spike.gp.

load scripts.'/bars.gp'
set title sprintf('%s: mean time to recovery', scenario)
set ylabel 'MTTR (s)'
set yrange [0:*]
never(r, n) = r >= n ? '' : r == 0 ? 'never recovered' : \
    sprintf('%d of %d runs never recovered', n - r, n)
plot for [i = 1:nstrategies] 'metrics.dat' every ::(i - 1)::(i - 1) \
         using 1:8 with boxes lc rgb colour(i - 1) notitle, \
     'metrics.dat' using 1:9:(0):($10 - $9) with vectors \
         arrowstyle 1 title '95 % confidence interval', \
     'metrics.dat' using 1:(valid(10) ? $10 : valid(8) ? $8 : 0) \
         :(valid(8) ? sprintf($8 >= 100 ? '%.0f s' : '%.3g s', $8) : '') \
         with labels offset 0, 0.8 notitle, \
     'metrics.dat' using 1:(valid(10) ? $10 : valid(8) ? $8 : 0) \
         :(never($11, $12)) with labels offset 0, 2 \
         textcolor rgb '#D55E00' notitle
