# Attempts per logical request per strategy, with 95 % intervals. 1 is
# no retry at all. metrics.dat as in spike.gp.

load scripts.'/bars.gp'
set title sprintf('%s: amplification (attempts per request)', scenario)
set ylabel 'attempts per logical request (×)'
set yrange [0:*]
plot for [i = 1:nstrategies] 'metrics.dat' every ::(i - 1)::(i - 1) \
         using 1:5 with boxes lc rgb colour(i - 1) notitle, \
     'metrics.dat' using 1:6:(0):($7 - $6) with vectors \
         arrowstyle 1 title '95 % confidence interval', \
     1 with lines lc rgb '#000000' dt 2 lw 1 title 'one attempt per request', \
     'metrics.dat' using 1:(valid(7) ? $7 : $5):(sprintf('%.2f', $5)) \
         with labels offset 0, 0.8 notitle
