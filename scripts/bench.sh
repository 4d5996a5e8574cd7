#!/bin/sh
# make bench: speed and memory of the engine, measured in one run.
#
# 1. The herd workload (scenarios/herd.yaml) with one strategy (full
#    jitter, made the baseline of its cost model too) and one
#    replication at N = 10^4, 10^5 and 10^6 clients, ceil(N / 500)
#    servers, on one thread: simulated events, wall
#    seconds, events per second and peak RSS, as `stampede run -v`
#    measures them; beside it the bare event loop (the same queue, popped
#    and refilled with nothing else done) at the same number of pending
#    events and events, and the ratio of the two rates.
# 2. Threads: N = 10^5 with 4 replications on 1 and on 2 threads.
#
# Each measurement is repeated BENCH_REPEAT times (default 3), the model
# run and the bare loop one after the other so that both see the same
# moment of the machine; the table shows medians, the range of the wall
# times, and the median of the paired ratios.
#
# Compare figures of one run with each other: on a shared machine
# absolute times drift between runs.
set -eu

bin=${1:-build/stampede}
bare=${2:-build/bench/bare_loop}
scenario=${SCENARIO:-scenarios/herd.yaml}
out=$(mktemp -d "${TMPDIR:-/tmp}/stampede-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

strategy='[{name: full-jitter, retry: {policy: exponential, jitter: full,
base: 1s, cap: 32s, multiplier: 2, max_attempts: 8}}]'

# run N REPLICATIONS THREADS: print "events wall rate rss pending".
run() {
    servers=$(( ($1 + 499) / 500 ))
    "$bin" run "$scenario" -v -j "$3" -r "$2" -o "$out/$1-$2-$3" \
        --no-plots --set "clients.count=$1" --set "service.servers=$servers" \
        --set "strategies=$strategy" --set roi.baseline=full-jitter \
        --set 'roi.implementation_hours={}' 2>&1 >/dev/null |
        awk '/info: ran / {
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) == "events" && $(i + 2) == "in") ev = $i
                if ($(i - 1) == "in" && $(i + 1) == "s") wall = $i
                if ($i == "RSS") rss = $(i + 1)
                if ($i == "pending") pend = $(i + 1)
            }
            printf "%s %s %.0f %s %s\n", ev, wall, ev / wall, rss, pend
        }'
}

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {
    printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo),"\
    "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo
repeat=${BENCH_REPEAT:-3}

# median: the middle of the numbers on stdin (the lower middle when even).
median() {
    sort -g | awk '{ x[NR] = $1 } END { print x[int((NR + 1) / 2)] }'
}

echo "herd, one strategy, one replication, one thread; bare loop beside it"
echo "(medians of $repeat runs; wall_range is the fastest and slowest run)"
printf '%-8s %10s %7s %13s %9s %8s %9s | %7s %9s %7s | %6s\n' clients \
    events wall_s wall_range events/s rss_MiB pending bare_s bare_ev/s \
    bare_MiB ratio
for n in ${BENCH_SIZES:-10000 100000 1000000}; do
    : > "$out/model" && : > "$out/bare"
    i=0
    while [ "$i" -lt "$repeat" ]; do
        set -- $(run "$n" 1 1)
        [ $# -eq 5 ] || { echo "bench: run failed at N=$n" >&2; exit 3; }
        echo "$@" >> "$out/model"
        ev=$1 pend=$5 rate=$3
        set -- $("$bare" "$pend" "$ev" 300)
        echo "$@ $(echo "$rate $3" | awk '{ print $1 / $2 }')" >> "$out/bare"
        i=$((i + 1))
    done
    wall=$(awk '{ print $2 }' "$out/model" | median)
    range=$(awk '{ print $2 }' "$out/model" | sort -g |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }')
    rss=$(awk '{ print $4 }' "$out/model" | sort -g | tail -n 1)
    bare_wall=$(awk '{ print $2 }' "$out/bare" | median)
    bare_rss=$(awk '{ print $4 }' "$out/bare" | sort -g | tail -n 1)
    ratio=$(awk '{ print $5 }' "$out/bare" | median)
    printf '%-8s %10s %7s %13s %9.0f %8s %9s | %7s %9.0f %7s | %6.2f\n' \
        "$n" "$ev" "$wall" "$range" "$(echo "$ev $wall" | awk '{ print $1 / $2 }')" \
        "$rss" "$pend" "$bare_wall" \
        "$(echo "$ev $bare_wall" | awk '{ print $1 / $2 }')" "$bare_rss" "$ratio"
done

echo
echo "threads: N = 100000, 4 replications (median of $repeat paired runs)"
: > "$out/threads"
i=0
while [ "$i" -lt "$repeat" ]; do
    set -- $(run 100000 4 1)
    one=$3
    set -- $(run 100000 4 2)
    echo "$one $3 $(echo "$3 $one" | awk '{ print $1 / $2 }')" >> "$out/threads"
    i=$((i + 1))
done
one=$(awk '{ print $1 }' "$out/threads" | median)
two=$(awk '{ print $2 }' "$out/threads" | median)
printf '1 thread %s events/s, 2 threads %s events/s: %.2fx\n' "$one" "$two" \
    "$(awk '{ print $3 }' "$out/threads" | median)"
