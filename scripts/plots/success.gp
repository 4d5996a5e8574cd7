# The success ratio of the attempts ending in each bucket, per strategy:
# mean over the replications as a line, min to max as a band; the SLO
# as a dashed line. success.dat: one block per strategy of t mean min
# max, in percent (NaN where no attempt ended).

load scripts.'/timeline.gp'
set title sprintf('%s: share of attempts that succeeded', scenario) \
    offset 0, title_lift
set ylabel 'attempts that succeeded (%)'
set yrange [0:102]
set ytics 0, 10, 100
plot for [i = 1:nstrategies] 'success.dat' index (i - 1) \
         using 1:3:4 with filledcurves fillcolor rgb colour(i - 1) \
         fillstyle transparent solid 0.18 noborder notitle, \
     for [i = 1:nstrategies] 'success.dat' index (i - 1) \
         using 1:2 with lines lc rgb colour(i - 1) dt dashes(i - 1) \
         lw 1.6 title names[i], \
     (has_slo ? slo : 1/0) with lines lc rgb '#000000' dt 2 lw 1.2 \
         title (has_slo ? sprintf('SLO %g %%', slo) : ''), \
     keyentry with filledcurves fillcolor rgb '#777777' \
         fillstyle transparent solid 0.25 noborder title 'band: '.band, \
     keyentry with filledcurves fillcolor rgb '#000000' \
         fillstyle transparent solid 0.09 noborder title fault_key
