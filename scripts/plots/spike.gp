# The retry spike per strategy with its 95 % confidence interval.
# metrics.dat: i, then mean, low and high of spike (columns 2-4),
# amplification (5-7) and MTTR (8-10), recovered runs and all runs.

load scripts.'/bars.gp'
set title sprintf('%s: retry spike (busiest bucket from the first fault)', \
    scenario)
set ylabel 'peak attempts per second / rate before the fault (×)'
set yrange [0:*]
plot for [i = 1:nstrategies] 'metrics.dat' every ::(i - 1)::(i - 1) \
         using 1:2 with boxes lc rgb colour(i - 1) notitle, \
     'metrics.dat' using 1:3:(0):($4 - $3) with vectors \
         arrowstyle 1 title '95 % confidence interval', \
     'metrics.dat' using 1:(valid(4) ? $4 : $2):(sprintf('%.2f', $2)) \
         with labels offset 0, 0.8 notitle
