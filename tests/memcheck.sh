#!/bin/sh
# stampede under valgrind's memcheck (run by `make memcheck`): a small
# run with its charts, validate, a rollout whose gate fails, a redraw of
# the charts and two broken inputs. Each must end with its usual exit
# status, with no memory error and no definite or indirect leak. The
# gnuplot children are not traced. Valgrind's verdict has an exit
# status of its own, 99, which no stampede command uses, so that it is
# told apart from a broken input (2) or a failed gate (1).
#
# usage: tests/memcheck.sh PATH/TO/stampede OUTDIR
#
# The results and one valgrind log per check go to OUTDIR, which is
# emptied first. Prints one line per check; exits 1 if any failed.

if [ $# -ne 2 ]; then
    echo "usage: tests/memcheck.sh PATH/TO/stampede OUTDIR" >&2
    exit 2
fi
bin=$1
out=$2
tests=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
rm -rf "$out"
mkdir -p "$out" || exit 2

checks=0
failed=0

# Check $1: run the other arguments, after the expected exit status $2,
# under memcheck.
check() {
    _name=$1
    _want=$2
    shift 2
    checks=$((checks + 1))
    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
        --trace-children=no --child-silent-after-fork=yes \
        --log-file="$out/$_name.log" "$bin" "$@" \
        >"$out/$_name.out" 2>"$out/$_name.err" </dev/null
    _rc=$?
    if [ "$_rc" -eq 99 ]; then
        failed=$((failed + 1))
        echo "FAIL: $_name: memory errors or leaks ($out/$_name.log):"
        sed -n '1,40p' "$out/$_name.log"
    elif [ "$_rc" -ne "$_want" ]; then
        failed=$((failed + 1))
        echo "FAIL: $_name: exit status $_rc, expected $_want:" \
            "$(head -n 1 "$out/$_name.err")"
    else
        echo "ok: $_name"
    fi
}

small=$tests/scenarios/herd-small.yaml
check run 0 run "$small" -q -j 2 -o "$out/run"
check validate 0 validate "$small"
check rollout 1 rollout "$tests/scenarios/rollout/fail.yaml" -q -j 2 \
    -o "$out/rollout" --junit "$out/rollout.xml"
check plot 0 plot "$out/run"
check bad-file 2 validate "$tests/bad/many-errors.yaml"
check bad-set 2 run "$tests/bad/bad-set.yaml" -q -o "$out/bad" \
    --set clients.count=abc --set strategies.nope.retry.delay=1s \
    --set 'faults[0]={kind: outage, start: [1m' \
    --set "$(printf 'clients.c\231=1')"

echo "memcheck: $checks checks, $failed failed"
[ "$failed" -eq 0 ]
