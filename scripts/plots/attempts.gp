# Attempts per second reaching the service, per strategy: the mean over
# the replications as a line, their spread (min to max) as a band.
# attempts.dat: one block per strategy of t mean min max.

load scripts.'/timeline.gp'
set title sprintf('%s: attempts per second reaching the service', scenario) \
    offset 0, title_lift
set ylabel 'attempts per second (1/s)'
set yrange [0:*]
plot for [i = 1:nstrategies] 'attempts.dat' index (i - 1) \
         using 1:3:4 with filledcurves fillcolor rgb colour(i - 1) \
         fillstyle transparent solid 0.18 noborder notitle, \
     for [i = 1:nstrategies] 'attempts.dat' index (i - 1) \
         using 1:2 with lines lc rgb colour(i - 1) dt dashes(i - 1) \
         lw 1.6 title names[i], \
     keyentry with filledcurves fillcolor rgb '#777777' \
         fillstyle transparent solid 0.25 noborder title 'band: '.band, \
     keyentry with filledcurves fillcolor rgb '#000000' \
         fillstyle transparent solid 0.09 noborder title fault_key
