#!/bin/sh
# make bench: the herd workload (scenarios/herd.yaml) with one strategy
# (full jitter, made the baseline of the scenario's cost model too) and
# one replication at N = 10^4, 10^5 and 10^6 clients, ceil(N / 500)
# servers, on one thread. Prints per N the simulated events,
# wall seconds, events per second and peak RSS, as the binary measures
# them (`stampede run -v`). Compare figures of one run with each other:
# on a shared machine absolute times drift between runs.
set -eu

bin=${1:-build/stampede}
scenario=${SCENARIO:-scenarios/herd.yaml}
out=$(mktemp -d "${TMPDIR:-/tmp}/stampede-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

strategy='[{name: full-jitter, retry: {policy: exponential, jitter: full,
base: 1s, cap: 32s, multiplier: 2, max_attempts: 8}}]'

printf '%-9s %12s %9s %14s %12s\n' clients events wall_s events_per_s \
    peak_rss_mib
for n in ${BENCH_SIZES:-10000 100000 1000000}; do
    servers=$(( (n + 499) / 500 ))
    line=$("$bin" run "$scenario" -v -j 1 -r 1 -o "$out/$n" --no-plots \
        --set "clients.count=$n" --set "service.servers=$servers" \
        --set "strategies=$strategy" --set roi.baseline=full-jitter \
        --set 'roi.implementation_hours={}' 2>&1 >/dev/null |
        grep 'info: ran ') || { echo "bench: run failed at N=$n" >&2; exit 3; }
    echo "$line" | awk -v n="$n" '{
        for (i = 1; i <= NF; i++) {
            if ($(i + 1) == "events" && $(i + 2) == "in") ev = $i
            if ($(i + 1) == "s" && $(i - 1) == "in") wall = $i
            if ($i == "RSS") rss = $(i + 1)
        }
        printf "%-9s %12s %9s %14.0f %12s\n", n, ev, wall, ev / wall, rss
    }'
done
