# What every stampede chart shares. stampede sets `format` ('png' or
# 'svg') and `output` (the file name) before loading this file, then the
# chart's own script; data.gp, loaded before, holds the names of the
# strategies, the faults and the other facts of the results folder.

if (format eq 'png') {
    set terminal pngcairo size 1200,680 font 'Sans,13' linewidth 1.2 \
        noenhanced
} else {
    set terminal svg size 960,544 font 'Sans,12' linewidth 1.0 \
        noenhanced background '#ffffff'
}
set output output
set encoding utf8

# Okabe and Ito's palette, which readers with any common colour vision
# deficiency can tell apart. Yellow comes last: it is the hardest to see
# as a thin line on white. Beyond eight strategies the colours repeat
# with dashed lines.
array palette[8] = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', \
                    '#D55E00', '#CC79A7', '#000000', '#F0E442']
colour(i) = palette[i % 8 + 1]
dashes(i) = int(i / 8) % 4 + 1

# Plain axes: a light grid, ticks outside, no box.
set border 3 lc rgb '#444444'
set tics nomirror out
set grid ytics lc rgb '#dddddd' lt 1
set key below center horizontal reverse Left samplen 2.5 spacing 1.1 \
    width 2
set title font ',14'

# Strategy names as labels of x positions 0 .. nstrategies-1, turned when
# they would not fit side by side.
names_width = 0
do for [i = 1:nstrategies] { names_width = names_width + strlen(names[i]) }
