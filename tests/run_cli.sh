#!/bin/sh
# End-to-end checks of the stampede binary, driven as a user drives it,
# in a temporary folder: usage and exit status, broken scenario files,
# results folders, rollouts and their JUnit reports, interruption by
# signals, the CSV headers, and the CSV files of every
# tests/scenarios/*.yaml, which must not depend on -j and must match the
# golden copies in tests/expected/<name>/ byte for byte (the rollout
# scenarios in tests/scenarios/rollout/ are checked on their own).
# Two of those scenarios (hand-*.yaml) were worked out by hand; their
# values are also asserted one by one below.
#
# usage: tests/run_cli.sh [--update] PATH/TO/stampede
#
# --update rewrites tests/expected/ from this binary (review the diff:
# only the hand-checked values below guard it). tests/bad/NAME.expected
# is written by hand and never regenerated.
#
# Prints one line per failed check and a total; exits 1 if any failed.
# A check that fails because of a known, reported bug says "known bug"
# and does not fail the run (tests/bad/NAME.xfail gives the reason for
# a broken-input case); once it passes it fails, so the marker goes.

update=0
if [ "${1-}" = "--update" ]; then
    update=1
    shift
fi
if [ $# -ne 1 ]; then
    echo "usage: tests/run_cli.sh [--update] PATH/TO/stampede" >&2
    exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
    echo "tests/run_cli.sh: $1 is not an executable" >&2
    exit 2
fi
tests=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$tests")
export LC_ALL=C

T=$(mktemp -d "${TMPDIR:-/tmp}/stampede-e2e.XXXXXX") || exit 2
bg=
cleanup() {
    if [ -n "$bg" ]; then
        kill -s KILL "$bg" 2>/dev/null
        wait "$bg" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- Reporting -------------------------------------------------------

checks=0
failed=0
known=0
prob=

# Note one problem of the current check.
problem() {
    prob="${prob:+$prob; }$*"
}

# End a check named $1: it passed if no problem was noted.
verdict() {
    checks=$((checks + 1))
    if [ -n "$prob" ]; then
        failed=$((failed + 1))
        echo "FAIL: $1: $prob"
    fi
    prob=
}

# End a check named $1 that a known bug ($2) makes fail for now.
verdict_known() {
    checks=$((checks + 1))
    if [ -n "$prob" ]; then
        known=$((known + 1))
        echo "known bug: $1: $2"
    else
        failed=$((failed + 1))
        echo "FAIL: $1: passes now; remove its known-bug marker"
    fi
    prob=
}

# ---- Running the binary ----------------------------------------------

# In folder $1, run the binary with the other arguments; stdout and
# stderr go to $T/out and $T/err, the exit status to $rc.
sb() {
    _dir=$1
    shift
    (cd "$_dir" && exec "$bin" "$@") >"$T/out" 2>"$T/err" </dev/null
    rc=$?
}

# A new empty folder $T/$1 (its path in $d) holding a copy of file $2.
fresh() {
    d=$T/$1
    rm -rf "$d"
    mkdir -p "$d"
    if [ -n "${2-}" ]; then
        cp "$2" "$d/"
    fi
}

# Note a problem unless $rc is $1.
want_rc() {
    [ "$rc" -eq "$1" ] || problem "exit status $rc, expected $1"
}

want_no_stdout() {
    [ -s "$T/out" ] && problem "wrote to stdout: $(head -n 1 "$T/out")"
}

want_no_stderr() {
    [ -s "$T/err" ] && problem "wrote to stderr: $(head -n 1 "$T/err")"
}

# Note a problem unless folder $1 holds exactly the names in $2.
want_listing() {
    _got=$(ls -A "$1" 2>/dev/null | tr '\n' ' ')
    [ "$_got" = "$2 " ] ||
        problem "${1#"$T"/} holds '$_got', expected '$2 '"
}

# Note a problem if a temporary results folder is left in folder $1.
want_no_tmp() {
    for _f in "$1"/.*.tmp-*; do
        [ -e "$_f" ] && problem "left $(basename "$_f") behind"
    done
}

# ---- 1. Usage and exit status ----------------------------------------

sc_small=$tests/scenarios/herd-small.yaml
version=$("$bin" --version 2>/dev/null)

fresh u "$sc_small"
sb "$d" --help
want_rc 0
want_no_stderr
grep -q '^usage: stampede' "$T/out" || problem "no usage text on stdout"
verdict "--help"

sb "$d" --version
want_rc 0
want_no_stderr
grep -Eqx 'stampede [0-9]+\.[0-9]+\.[0-9]+' "$T/out" ||
    problem "stdout is not 'stampede X.Y.Z'"
verdict "--version"

sb "$d" run --help
want_rc 0
want_no_stderr
[ -s "$T/out" ] || problem "no help on stdout"
verdict "run --help"

# A usage error: exit 2, a message on stderr pointing to --help, nothing
# on stdout and no file written. $1 names the check.
usage_error() {
    _name=$1
    shift
    fresh u "$sc_small"
    sb "$d" "$@"
    want_rc 2
    want_no_stdout
    tail -n 1 "$T/err" | grep -qx "stampede: see 'stampede --help'" ||
        problem "stderr does not end with the pointer to --help"
    want_listing "$d" herd-small.yaml
    verdict "usage: $_name"
}

usage_error "no arguments"
usage_error "unknown command" frob herd-small.yaml
usage_error "unknown option" --bogus
usage_error "unknown option of run" run herd-small.yaml --bogus
usage_error "run without a file" run
usage_error "validate without a file" validate
usage_error "two files" run herd-small.yaml other.yaml
usage_error "-j 0" run herd-small.yaml -j 0
usage_error "-j 1025" run herd-small.yaml -j 1025
usage_error "-s abc" run herd-small.yaml -s abc
usage_error "-s -1" run herd-small.yaml -s -1
usage_error "-r 0" run herd-small.yaml -r 0
usage_error "-r 100001" run herd-small.yaml -r 100001
usage_error "-j without a value" run herd-small.yaml -j
usage_error "-j past 2^64" run herd-small.yaml -j 99999999999999999999999
usage_error "-r 1e300" run herd-small.yaml -r 1e300
usage_error "-r .nan" run herd-small.yaml -r .nan
usage_error "-s past 2^64" run herd-small.yaml -s 18446744073709551616

fresh u "$sc_small"
sb "$d" run herd-small.yaml -j
grep -q 'needs a value' "$T/err" || problem "$(head -n 1 "$T/err")"
verdict "usage: -j without a value says it needs one"

fresh u "$sc_small"
sb "$d" run missing.yaml
want_rc 2
want_no_stdout
grep -q 'missing\.yaml' "$T/err" || problem "stderr does not name the file"
want_listing "$d" herd-small.yaml
verdict "run of a file that does not exist"

grep -q '^stampede: ' "$T/err" || problem "$(head -n 1 "$T/err")"
verdict "message for a file that does not exist has the error prefix"

fresh u "$sc_small"
sb "$d" validate herd-small.yaml \
    --set 'faults[0]={kind: outage, start: 2s, duration: 1s}' \
    --set strategies.exp-full.retry.base=250ms
want_rc 0
want_no_stderr
grep -q '^scenario herd-small' "$T/out" || problem "no description on stdout"
grep -q 'outage from 2s to 3s' "$T/out" ||
    problem "--set of a list entry to a YAML mapping not applied"
grep -q 'exp-full: exponential from 250ms' "$T/out" ||
    problem "--set of a strategy by name not applied"
want_listing "$d" herd-small.yaml
verdict "validate of a good file"

sb "$d" validate herd-small.yaml -r 7
grep -q '7 replications' "$T/out" || [ "$rc" -eq 2 ] ||
    problem "exit $rc and stdout says: $(sed -n 2p "$T/out")"
verdict "validate -r 7 shows the replications it would run"

# ---- 2. stdout, stderr and the results folder of a run ---------------

strategies="fixed-2s exp-none exp-full exp-equal exp-decorr"
results_files="faults.csv plots replications.csv report.html report.md \
scenario.yaml summary.csv timeseries.csv"
fresh r "$sc_small"
sb "$d" run herd-small.yaml -q -j 2 -o out
cp "$T/out" "$T/table"
want_rc 0
want_no_stderr
awk -v names="$strategies" '
    BEGIN { n = split(names, want, " ") }
    NR == 1 && $1 != "strategy" { print "no header line"; exit }
    NR > 1 && NR <= n + 1 && $1 != want[NR - 1] {
        print "row " NR - 1 " is not " want[NR - 1]; exit
    }
    NR == n + 2 && !/^\(mean/ { print "unexpected line: " $0; exit }
    NR > n + 2 { print "unexpected line: " $0; exit }
    END { if (NR < n + 1) print "only " NR " lines" }
' "$T/table" >"$T/why"
[ -s "$T/why" ] && problem "table on stdout: $(cat "$T/why")"
verdict "run -q: stdout is the result table, stderr is empty"

want_listing "$d" "herd-small.yaml out"
want_listing "$d/out" "$results_files"
cmp -s "$d/out/scenario.yaml" "$sc_small" ||
    problem "scenario.yaml is not a copy of the scenario file"
grep -sqF "$version" "$d/out/report.md" ||
    problem "report.md does not give the version"
grep -sq "seed 42" "$d/out/report.md" || problem "report.md lacks the seed"
grep -sqF "run herd-small.yaml -q -j 2 -o out" "$d/out/report.md" ||
    problem "report.md lacks the command line"
verdict "results folder holds exactly the CSV files, reports and charts"
mkdir -p "$T/first"
cp -R "$d"/out/. "$T/first/" 2>/dev/null

sb "$d" run herd-small.yaml -j 2 -o out2
want_rc 0
cmp -s "$T/out" "$T/table" || problem "stdout differs from the one with -q"
want_no_stderr
verdict "run without -q, stderr not a terminal: same stdout, no stderr"

sb "$d" run herd-small.yaml -v -v --no-plots -j 2 -o out2
want_rc 0
cmp -s "$T/out" "$T/table" || problem "stdout differs from the one with -q"
verdict "run -v -v --no-plots: diagnostics stay off stdout"

if script --version 2>/dev/null | grep -q util-linux; then
    # stderr a terminal, as for progress display; stdout a file.
    script -qec "cd '$d' && '$bin' run herd-small.yaml -j 2 -o out3 \
        >'$T/tty-out'" /dev/null >/dev/null 2>&1
    cmp -s "$T/tty-out" "$T/table" ||
        problem "stdout differs from the one with -q"
    verdict "run with stderr on a terminal: progress stays off stdout"
fi

fresh def "$sc_small"
sb "$d" run herd-small.yaml -q -j 2
want_rc 0
[ -f "$d/results/herd-small/summary.csv" ] ||
    problem "no results/herd-small/summary.csv"
want_listing "$d/results" herd-small
verdict "run without -o writes results/NAME"

d=$T/r
sb "$d" run herd-small.yaml --quiet --threads 2 --seed 7 \
    --replications 2 --out out
want_rc 0
cmp -s "$d/out/summary.csv" "$T/first/summary.csv" &&
    problem "summary.csv was not replaced"
sb "$d" run herd-small.yaml -q -j 2 -s 7 -r 2 -o fresh7
n=$(grep -sc "^exp-full," "$d/out/replications.csv")
[ "${n:-0}" -eq 2 ] ||
    problem "--replications 2 did not give two replications"
for f in timeseries.csv replications.csv summary.csv; do
    cmp -s "$d/out/$f" "$d/fresh7/$f" ||
        problem "$f differs from a run into a new folder"
done
want_listing "$d/out" "$results_files"
ls -A "$d" | grep -q "^\." && problem "left $(ls -A "$d" | grep "^\.")"
verdict "a second run (long options) replaces earlier results"

mkdir "$d/empty"
sb "$d" run herd-small.yaml -q -j 2 -o empty
want_rc 0
[ -f "$d/empty/summary.csv" ] || problem "no summary.csv"
verdict "run into an empty folder"

fresh keep "$sc_small"
mkdir "$d/notes"
echo precious >"$d/notes/todo.txt"
echo also >"$d/file"
sb "$d" run herd-small.yaml -q -j 2 -o notes
want_rc 2
want_no_stdout
grep -q notes "$T/err" || problem "stderr does not name the folder"
want_listing "$d/notes" todo.txt
[ "$(cat "$d/notes/todo.txt")" = precious ] || problem "todo.txt changed"
sb "$d" run herd-small.yaml -q -j 2 -o file
want_rc 2
[ "$(cat "$d/file")" = also ] || problem "the file given to -o changed"
want_listing "$d" "file herd-small.yaml notes"
verdict "-o refuses a folder that is not a results folder, and a file"

# -o names a folder: not "", ".", ".." or a path ending in them; refused
# before the run, and no parent folder is made for it.
for o in "" . .. x/.. x/.; do
    fresh dot "$sc_small"
    sb "$d" run herd-small.yaml -q -j 2 -o "$o"
    want_rc 2
    want_no_stdout
    grep -q "^stampede: error: '$o' cannot be a results folder" "$T/err" ||
        problem "-o '$o': $(head -n 1 "$T/err")"
    want_listing "$d" herd-small.yaml
done
verdict "-o refuses '', '.', '..' and paths ending in them"

# -o anywhere the user may write: an absolute path, parents made.
fresh abs "$sc_small"
sb "$T" run "$d/herd-small.yaml" -q -j 2 --no-plots -o "$d/a/b/c"
want_rc 0
[ -f "$d/a/b/c/summary.csv" ] || problem "no $d/a/b/c/summary.csv"
want_no_tmp "$d/a/b"
verdict "-o to an absolute path whose parents do not exist"

# A run that dies of an allocation failure (exit 3) leaves no temporary
# folder: 10^8 breakers in 1 GB of address space (not under ASan, which
# cannot start with such a limit). The probe runs in a shell of its own
# that outlives the binary, so that its abort is reported, if at all, to
# that shell's silenced stderr and not to the log.
if sh -c 'ulimit -v 1000000 && "$0" --version; exit $?' "$bin" \
    >/dev/null 2>&1; then
    fresh oom "$sc_small"
    (ulimit -v 1000000 && cd "$d" && exec "$bin" run herd-small.yaml -q \
        -j 1 -r 1 -o out --force --set clients.count=100000000 \
        --set 'strategies=[{name: b, retry: {policy: none},
            breaker: {failure_threshold: 5, open_for: 1s}}]') \
        >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    want_rc 3
    grep -q 'out of memory' "$T/err" || problem "stderr: $(head -n 1 "$T/err")"
    want_listing "$d" herd-small.yaml
    verdict "out of memory: exit 3, no temporary folder left"
fi

# ---- Sweeps -----------------------------------------------------------

usage_error "sweep without --vary" sweep herd-small.yaml
usage_error "--vary outside sweep" run herd-small.yaml --vary a=1,2
usage_error "--junit outside rollout" run herd-small.yaml --junit g.xml
usage_error "--vary without values" sweep herd-small.yaml --vary x

# Every point is checked like a --set; a bad value names its option.
fresh sw "$sc_small"
sb "$d" sweep herd-small.yaml -q --vary clients.count=10,abc
want_rc 2
want_no_stdout
grep -q "^--set clients.count=abc: clients.count: expected a whole" \
    "$T/err" || problem "stderr: $(head -n 1 "$T/err")"
want_listing "$d" herd-small.yaml
verdict "sweep: a bad grid value is bad input"

# A 2 x 2 grid: one row per point and strategy, the same with -j 1 and 3
# (no charts here: section 9 checks them).
fresh sw "$sc_small"
sb "$d" sweep herd-small.yaml -q -j 1 -r 2 -o one --no-plots \
    --vary clients.count=20,40 --vary 'faults[0].duration=1s,2s'
want_rc 0
sb "$d" sweep herd-small.yaml -q -j 3 -r 2 -o three --no-plots \
    --vary clients.count=20,40 --vary 'faults[0].duration=1s,2s'
want_rc 0
want_listing "$d/one" "report.html report.md scenario.yaml sweep.csv"
cmp -s "$d/one/sweep.csv" "$d/three/sweep.csv" ||
    problem "sweep.csv differs between -j 1 and -j 3"
head -n 1 "$d/one/sweep.csv" |
    grep -q '^clients.count,faults\[0\].duration,strategy,requests,' ||
    problem "header: $(head -n 1 "$d/one/sweep.csv" | cut -c 1-80)"
rows=$(($(wc -l <"$d/one/sweep.csv") - 1))
nstrat=$(echo "$strategies" | wc -w)
[ "$rows" -eq $((4 * nstrat)) ] ||
    problem "$rows rows, expected 4 points x $nstrat strategies"
awk -F, 'NR == 2 && ($1 != 20 || $2 != "1s") { bad = 1 }
    NR == 2 + '"$nstrat"' && ($1 != 20 || $2 != "2s") { bad = 1 }
    END { exit bad }' "$d/one/sweep.csv" ||
    problem "points are not in grid order (first axis slowest)"
verdict "sweep: grid order, header, identical with -j 1 and -j 3"

# ---- Rollouts ---------------------------------------------------------

# tests/scenarios/rollout/: pass.yaml passes both stages; fail.yaml
# fails max_amplification at its second stage, 'half', and skips the
# third (their comments say why). Gate results: 2 stages x (2 gates + 1
# analysis) = 6, and 2 + 2 + 1 = 5.
ro=$tests/scenarios/rollout
usage_error "rollout --junit without a value" rollout herd-small.yaml \
    --junit
usage_error "rollout --junit ''" rollout herd-small.yaml --junit ''

# Note a problem unless $1 is a rollout.csv with $2 rows after the
# header.
want_rollout_csv() {
    if [ ! -f "$1" ]; then
        problem "no rollout.csv"
        return
    fi
    _h='stage,traffic,cohort,gate,value,ci95_lo,ci95_hi,threshold,verdict'
    [ "$(head -n 1 "$1")" = "$_h" ] ||
        problem "rollout.csv header is $(head -n 1 "$1")"
    _n=$(($(wc -l <"$1") - 1))
    [ "$_n" -eq "$2" ] || problem "rollout.csv has $_n rows, not $2"
}

# Note a problem unless file $1 holds $3 lines that match $2.
want_count() {
    _n=$(grep -c -- "$2" "$1" 2>/dev/null)
    [ "${_n:-0}" -eq "$3" ] ||
        problem "$(basename "$1"): ${_n:-0} lines match '$2', not $3"
}

fresh ro-pass "$ro/pass.yaml"
sb "$d" rollout pass.yaml -q -j 2 -o out --junit pass.xml
want_rc 0
want_no_stderr
want_rollout_csv "$d/out/rollout.csv" 6
want_count "$d/out/rollout.csv" ',pass$' 6
grep -q '^rollout passed' "$T/out" || problem "stdout: $(tail -n 1 "$T/out")"
want_listing "$d/out" "report.md rollout.csv scenario.yaml"
verdict "rollout that passes: exit 0, rollout.csv, table"

fresh ro-fail "$ro/fail.yaml"
sb "$d" rollout fail.yaml -q -j 1 -o out --junit fail.xml
want_rc 1
want_no_stderr
want_rollout_csv "$d/out/rollout.csv" 5
want_count "$d/out/rollout.csv" ',fail$' 1
want_count "$d/out/rollout.csv" \
    '^half,0.5,10,max_amplification,[0-9.]*,[0-9.]*,[0-9.]*,1.25,fail$' 1
want_count "$d/out/rollout.csv" '^all,1,20,max_amplification,,,,1.25,skipped$' 1
grep -q "^rollout stopped at stage 'half'" "$T/out" ||
    problem "stdout does not name the failing stage"
grep -q '^ *max_amplification: ' "$T/out" ||
    problem "stdout does not name the failing gate"
want_listing "$d/out" "report.md rollout.csv scenario.yaml"
verdict "rollout that fails: exit 1, rollout.csv still written, table"

sb "$d" rollout fail.yaml -q -j 3 -o out3
want_rc 1
cmp -s "$d/out/rollout.csv" "$d/out3/rollout.csv" ||
    problem "rollout.csv differs between -j 1 and -j 3"
verdict "rollout: rollout.csv is the same with -j 1 and -j 3"

# The JUnit reports: one <testcase> per stage and gate (one element a
# line), <failure> only for the failing gate, well formed for xmllint.
p=$T/ro-pass/pass.xml
f=$T/ro-fail/fail.xml
want_count "$p" '<testcase ' 6
want_count "$p" '<failure ' 0
want_count "$p" '<skipped ' 0
want_count "$f" '<testcase ' 5
want_count "$f" '<failure ' 1
want_count "$f" '<skipped ' 1
grep -A 1 'classname="rollout.half" name="max_amplification"' "$f" |
    grep -q '<failure ' || problem "the failure is not half's max_amplification"
want_count "$f" '<testsuites [^>]*tests="5" failures="1" skipped="1"' 1
verdict "rollout --junit: one test case per stage and gate"

if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$p" "$f" 2>"$T/xml" ||
        problem "xmllint: $(head -n 1 "$T/xml")"
    verdict "rollout --junit: xmllint accepts the reports"
else
    echo "skipped: rollout --junit: xmllint not found; install" \
        "libxml2-utils (scripts/install-deps.sh) to check the XML"
fi

# Bad input: exit 2, the loader's messages, nothing written.
fresh ro-none "$sc_small"
sb "$d" rollout herd-small.yaml -q -o out --junit j.xml
want_rc 2
want_no_stdout
[ "$(cat "$T/err")" = \
    "stampede: error: herd-small.yaml has no rollout section" ] ||
    problem "stderr: $(head -n 1 "$T/err")"
want_listing "$d" herd-small.yaml
verdict "rollout of a scenario without a rollout section"

fresh ro-bad "$tests/bad/rollout-gates.yaml"
sb "$d" rollout rollout-gates.yaml -q -o out --junit j.xml
want_rc 2
want_no_stdout
cmp -s "$T/err" "$tests/bad/rollout-gates.expected" ||
    problem "stderr differs from rollout-gates.expected"
want_listing "$d" rollout-gates.yaml
verdict "rollout of a broken scenario"

# ---- 3. Interruption -------------------------------------------------

# Start a command of several minutes ($3...) in $T/sig, whose out/
# holds earlier results and whose gates.xml an earlier JUnit report;
# send signal $1 once its temporary folder exists; expect exit status
# $2, out/ and gates.xml byte for byte as they were, and no temporary
# folder. --force: the check of memory must not refuse it on a small
# machine; it is stopped long before it needs much.
interrupt() {
    _sig=$1
    _want=$2
    shift 2
    fresh sig "$root/scenarios/herd.yaml"
    cp "$root/scenarios/rollout.yaml" "$d/"
    cp -R "$T/first" "$d/out"
    echo '<old/>' >"$d/gates.xml"
    (cd "$d" && exec "$bin" "$@" -q -j 2 -o out --force) \
        >"$T/out" 2>"$T/err" &
    bg=$!
    _i=0
    while [ $_i -lt 100 ] && ! ls -A "$d" | grep -q '^\.out\.tmp-'; do
        sleep 0.1
        _i=$((_i + 1))
    done
    [ $_i -lt 100 ] || problem "no temporary folder after 10 s"
    kill -s "$_sig" "$bg" 2>/dev/null || problem "the run ended too early"
    _i=0
    while [ $_i -lt 100 ] && kill -0 "$bg" 2>/dev/null; do
        sleep 0.1
        _i=$((_i + 1))
    done
    if [ $_i -ge 100 ]; then
        problem "still running 10 s after SIG$_sig"
        kill -s KILL "$bg"
    fi
    wait "$bg"
    rc=$?
    bg=
    want_rc "$_want"
    want_no_stdout
    diff -r "$T/first" "$d/out" >"$T/why" 2>&1 ||
        problem "the earlier results changed: $(head -n 1 "$T/why")"
    [ "$(cat "$d/gates.xml")" = '<old/>' ] || problem "gates.xml changed"
    want_no_tmp "$d"
    want_listing "$d" "gates.xml herd.yaml out rollout.yaml"
    verdict "SIG$_sig during $1"
}

interrupt INT 130 run herd.yaml -r 20 --no-plots \
    --set clients.count=200000
interrupt TERM 143 run herd.yaml -r 20 --no-plots \
    --set clients.count=200000
interrupt INT 130 rollout rollout.yaml --junit gates.xml
interrupt TERM 143 sweep herd.yaml --vary clients.count=100000,200000

# ---- Memory ------------------------------------------------------------

# A run whose estimate is beyond the available memory is refused before
# anything is written: exit 2, a message that says what it needs, what
# there is and how to run anyway. Five strategies x 10^5 replications x
# 40,000 buckets of time series is terabytes on any machine; the check
# refuses it without allocating.
fresh mem "$sc_small"
sb "$d" run herd-small.yaml -q -j 2 -o out -r 100000 --set bucket=1ms
want_rc 2
want_no_stdout
grep -q '^stampede: error: herd-small.yaml: the run may need [0-9.]* TiB' \
    "$T/err" || problem "stderr: $(head -n 1 "$T/err")"
grep -q 'nothing was run' "$T/err" || problem "does not say nothing ran"
grep -q -- '--force to run anyway' "$T/err" || problem "no hint of --force"
want_listing "$d" herd-small.yaml
verdict "run refused when its memory estimate is beyond MemAvailable"

sb "$d" validate herd-small.yaml -r 100000 --set bucket=1ms
want_rc 0
grep -q '^memory: at most about [0-9.]* TiB on [0-9]* threads\{0,1\} (' \
    "$T/out" || problem "validate: $(tail -n 1 "$T/out")"
verdict "validate shows the memory estimate"

# A tiny run made to look big: STAMPEDE_MEMINFO reads a file in place
# of /proc/meminfo that leaves 4 MiB available, less than any run's
# estimate. Refused; with --force it runs, with one warning.
printf 'MemTotal: 8192 kB\nMemFree: 4096 kB\nMemAvailable: 4096 kB\n' \
    >"$T/meminfo"
export STAMPEDE_MEMINFO="$T/meminfo"
fresh mem "$sc_small"
sb "$d" run herd-small.yaml -j 2 --no-plots -o out
want_rc 2
want_no_stdout
grep -q 'and 4.0 MiB is available; nothing was run$' "$T/err" ||
    problem "stderr: $(head -n 1 "$T/err")"
want_listing "$d" herd-small.yaml
for cmd in "rollout $ro/pass.yaml" "sweep herd-small.yaml --vary seed=1,2"; do
    # shellcheck disable=SC2086
    sb "$d" $cmd -j 2 -o out
    want_rc 2
    grep -q 'nothing was run$' "$T/err" ||
        problem "${cmd%% *}: $(head -n 1 "$T/err")"
done
want_listing "$d" herd-small.yaml
verdict "run, rollout and sweep refused when memory looks short"

sb "$d" run herd-small.yaml -j 2 --no-plots -o out --force
want_rc 0
[ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q '^stampede: warning: the run may need .* running anyway' \
        "$T/err" || problem "stderr: $(head -n 2 "$T/err")"
cmp -s "$T/out" "$T/table" || problem "stdout is not the result table"
[ -f "$d/out/summary.csv" ] || problem "no summary.csv"
verdict "--force runs anyway, with a warning"
unset STAMPEDE_MEMINFO

# ---- CSV quoting and the locale --------------------------------------

# tests/scenarios/csv/quoting.yaml names its strategies 'fixed, 1s' and
# 'say "when"' and its rollout stage 'canary, "5%"', and has a fault
# whose label holds a comma. Every CSV file must quote those fields as
# RFC 4180 says; every row must have as many fields as its header.
q=$tests/scenarios/csv/quoting.yaml
fresh csv "$q"
sb "$d" run quoting.yaml -q -j 2 -o out
want_rc 0
sb "$d" rollout quoting.yaml -q -j 2 -o ro --junit ro.xml
want_rc 0
sb "$d" sweep quoting.yaml -q -j 2 -o sw --vary seed=1,2
want_rc 0
for f in "$d"/out/*.csv "$d"/ro/*.csv "$d"/sw/*.csv; do
    awk '
        # Fields of a line, with commas inside quotes not counted.
        function fields(s,   n, i, c, q) {
            n = 1
            for (i = 1; i <= length(s); i++) {
                c = substr(s, i, 1)
                if (c == "\"")
                    q = !q
                else if (c == "," && !q)
                    n++
            }
            return q ? -1 : n
        }
        NR == 1 { head = fields($0) }
        fields($0) != head {
            print FILENAME ":" NR ": " fields($0) " fields, header " head
            exit
        }' "$f" >"$T/why"
    [ -s "$T/why" ] && problem "$(sed "s|$d/||" "$T/why")"
done
q1='"fixed, 1s"'
q2='"say ""when"""'
want_count "$d/out/timeseries.csv" "^$q1,[01],[0-9.]*," 40
want_count "$d/out/timeseries.csv" "^$q2,[01],[0-9.]*," 40
want_count "$d/out/replications.csv" "^$q2,[01]," 2
want_count "$d/out/summary.csv" "^$q1,requests," 1
want_count "$d/out/roi.csv" "^$q2,$q1," 1
grep -q "^$q1,0,[0-9.]*,probe," "$d/out/healing.csv" ||
    problem "healing.csv: no probe rows of $q1"
want_count "$d/out/faults.csv" '^0,errors,5,10,"errors 20%, not retryable"$' 1
want_count "$d/ro/rollout.csv" '^"canary, ""5%""",0.5,' 1
want_count "$d/sw/sweep.csv" "^1,$q2," 1
for f in "$d"/out/*.csv "$d"/ro/*.csv "$d"/sw/*.csv; do
    grep -q '^fixed, 1s\|^say "\|^canary, ' "$f" &&
        problem "$(basename "$f") has an unquoted name"
done
verdict "names with commas and quotes are quoted in every CSV file"

# The charts read the CSV files back: the names survive the round trip.
for n in 'fixed, 1s' 'say "when"'; do
    grep -qF "$n" "$d/out/plots/spike.svg" ||
        problem "spike.svg does not name $n"
done
# Its one ROI bar is a loss: gnuplot 5.4 once crashed on the empty plot
# of gains' labels, and the chart was left out.
[ -s "$d/out/plots/roi.png" ] && [ -s "$d/out/plots/roi.svg" ] ||
    problem "the ROI chart of a single loss was not drawn"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$d/ro.xml" 2>"$T/xml" ||
        problem "xmllint: $(head -n 1 "$T/xml")"
fi
verdict "charts and JUnit show names with commas and quotes"

# Numbers in the C format whatever the locale: under de_DE.UTF-8, whose
# decimal mark is a comma, the CSV files, the table, the charts and
# validate are byte for byte those of LC_ALL=C, and a '1.5s' parses.
# The locale must exist, or the check would pass without testing
# anything: scripts/install-deps.sh installs locales-all for it.
de=$(locale -a 2>/dev/null | grep -ix 'de_DE\.utf-\{0,1\}8' | head -n 1)
if [ -z "$de" ] || [ "$(LC_ALL=$de locale decimal_point)" != "," ]; then
    problem "no de_DE.UTF-8 locale with a decimal comma (locale -a);" \
        "install locales-all (scripts/install-deps.sh)"
else
    fresh loc "$sc_small"
    for l in C "$de"; do
        (cd "$d" && LC_ALL=$l exec "$bin" run herd-small.yaml -j 2 \
            -o "out-$l" --set clients.timeout=1.5s) >"$d/table-$l" \
            2>"$T/err" </dev/null || problem "LC_ALL=$l: run failed"
        want_no_stderr
        (cd "$d" && LC_ALL=$l exec "$bin" validate herd-small.yaml \
            --set clients.timeout=1.5s) >"$d/validate-$l" 2>&1
    done
    for f in timeseries.csv replications.csv summary.csv faults.csv \
        plots/spike.svg; do
        cmp -s "$d/out-C/$f" "$d/out-$de/$f" ||
            problem "$f differs under LC_ALL=$de"
    done
    cmp -s "$d/table-C" "$d/table-$de" || problem "the table differs"
    cmp -s "$d/validate-C" "$d/validate-$de" || problem "validate differs"
    grep -q ',' "$d/table-$de" && problem "a comma in the table"
fi
verdict "LC_ALL=de_DE.UTF-8 writes and reads numbers as LC_ALL=C does"

# ---- 4. Determinism and golden files ---------------------------------

csvs="timeseries.csv replications.csv summary.csv"
mkdir -p "$T/det"
for sc in "$tests"/scenarios/*.yaml; do
    name=$(basename "$sc" .yaml)
    for j in 1 3; do
        sb "$T/det" run "$sc" -q -j $j --no-plots -o "$name-j$j"
        [ $rc -eq 0 ] || problem "-j $j: exit status $rc"
        want_no_stderr
    done
    for f in $csvs; do
        cmp -s "$T/det/$name-j1/$f" "$T/det/$name-j3/$f" ||
            problem "$f differs between -j 1 and -j 3"
    done
    # Only output that passed the check above may become golden.
    good=${prob:-yes}
    verdict "$name: same CSV files with -j 1 and -j 3"

    gold=$tests/expected/$name
    if [ $update -eq 1 ] && [ "$good" = yes ]; then
        mkdir -p "$gold"
        for f in $csvs; do
            cp "$T/det/$name-j1/$f" "$gold/$f"
        done
    fi
    for f in $csvs; do
        if [ ! -f "$gold/$f" ]; then
            problem "no tests/expected/$name/$f (see --update)"
        elif ! cmp -s "$T/det/$name-j1/$f" "$gold/$f"; then
            problem "$f differs from tests/expected/$name/$f"
        fi
    done
    verdict "$name: CSV files match the golden copies"
done

# ---- 5. CSV headers (SPEC.md section 4) ------------------------------

# A run that wrote nothing leaves empty files: its checks fail, quietly.
for f in $csvs; do
    for dir in "$T/first" "$T/det/hand-once-j1" "$T/det/hand-closed-j1"; do
        mkdir -p "$dir"
        [ -f "$dir/$f" ] || : >"$dir/$f"
    done
done
out=$T/first
want='strategy,replication,t,attempts,first_attempts,retries,successes,'
want=${want}'failures,timeouts,rejected,short_circuited,requests_started,'
want=${want}'requests_succeeded,requests_failed,requests_degraded,'
want=${want}'in_flight,queue_len,servers_up,breakers_open,degradation_level'
[ "$(head -n 1 "$out/timeseries.csv")" = "$want" ] ||
    problem "header is $(head -n 1 "$out/timeseries.csv")"
awk -F, 'NR > 1 && NF != 20 { print NR; exit }' "$out/timeseries.csv" |
    grep -q . && problem "a row without 20 fields"
verdict "timeseries.csv header"

want='strategy,metric,mean,ci95_lo,ci95_hi,sd,n'
[ "$(head -n 1 "$out/summary.csv")" = "$want" ] ||
    problem "header is $(head -n 1 "$out/summary.csv")"
metrics=$(awk -F, 'NR > 1 && !seen[$2]++ { print $2 }' \
    "$out/summary.csv")
for m in requests attempts baseline_rate spike recovery_spike \
    amplification success_rate error_rate degraded_rate completion_time \
    latency_mean latency_p50 latency_p90 latency_p99 latency_p999 mttr \
    recovered downtime; do
    echo "$metrics" | grep -qx "$m" || problem "no metric $m"
done
rows=$(($(echo "$metrics" | wc -l) * 5 + 1))
[ "$(wc -l <"$out/summary.csv")" -eq $rows ] ||
    problem "not one row per strategy and metric"
awk -F, 'NR > 1 && NF != 7 { print NR; exit }' "$out/summary.csv" |
    grep -q . && problem "a row without 7 fields"
verdict "summary.csv header and metric names"

want="strategy,replication,$(echo "$metrics" | paste -sd, -)"
[ "$(head -n 1 "$out/replications.csv")" = "$want" ] ||
    problem "header is not strategy,replication and the summary's metrics"
verdict "replications.csv header"

# ---- 6. Two cases checked by hand ------------------------------------

# Print column $4 of CSV file $5 of scenario $1 (its -j 1 run), for
# strategy $2 and replication $3: one value per row, on one line.
field_of() {
    awk -F, -v s="$2" -v r="$3" -v c="$4" '
        NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next }
        $1 == s && $2 == r { printf "%s%s", sep, $at[c]; sep = " " }
        END { print "" }
    ' "$T/det/$1-j1/$5"
}

# Note a problem unless column $4 of timeseries.csv of scenario $1,
# strategy $2, replication $3, bucket by bucket, is $5.
want_series() {
    _got=$(field_of "$1" "$2" "$3" "$4" timeseries.csv)
    [ "$_got" = "$5" ] || problem "$2 $4 is '$_got', expected '$5'"
}

# Note a problem unless metric $4 of replications.csv (scenario $1,
# strategy $2, replication $3) is $5 within a relative tolerance $6
# (default 1e-9), or is empty when $5 is "empty".
want_metric() {
    _got=$(field_of "$1" "$2" "$3" "$4" replications.csv)
    awk -v g="$_got" -v w="$5" -v t="${6:-1e-9}" 'BEGIN {
        if (w == "empty") exit g != ""
        if (g !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) exit 1
        d = g - w; if (d < 0) d = -d
        exit !(d <= t * (w < 0 ? -w : w) + 1e-12)
    }' || problem "$2 $4 is '$_got', expected $5"
}

# Percentiles come from a histogram whose bins are 2^-10 of their octave
# wide and are reported at their midpoints, so a value is reported
# within half a bin, 2^-11 < 0.05 % of itself: they are checked with
# that tolerance, everything else to 1e-9.
pct=5e-4
one=1.0000
one4="$one $one $one $one"
zero6="0.0000 0.0000 0.0000 0.0000 0.0000 0.0000"

# hand-once, fixed-1s: one request at 0 s; the service is down until
# 2.5 s; an attempt fails at once while it is down. Attempts at 0, 1 and
# 2 s fail; the one at 3 s is served for 10 ms: success at 3.01 s.
h=hand-once
for r in 0 1 2; do
    want_series $h fixed-1s $r attempts "1 1 1 1 0 0 0 0 0 0"
    want_series $h fixed-1s $r first_attempts "1 0 0 0 0 0 0 0 0 0"
    want_series $h fixed-1s $r retries "0 1 1 1 0 0 0 0 0 0"
    want_series $h fixed-1s $r failures "1 1 1 0 0 0 0 0 0 0"
    want_series $h fixed-1s $r successes "0 0 0 1 0 0 0 0 0 0"
    want_series $h fixed-1s $r requests_started "1 0 0 0 0 0 0 0 0 0"
    want_series $h fixed-1s $r requests_succeeded "0 0 0 1 0 0 0 0 0 0"
    # One request in flight from 0 to 3.01 s.
    want_series $h fixed-1s $r in_flight "$one $one $one 0.0100 $zero6"
    want_series $h fixed-1s $r servers_up "$one4 $one4 1.0000 1.0000"
    want_series $h fixed-1s $r degradation_level "0 0 0 0 0 0 0 0 0 0"
    want_metric $h fixed-1s $r requests 1
    want_metric $h fixed-1s $r attempts 4
    want_metric $h fixed-1s $r retries 3
    want_metric $h fixed-1s $r amplification 4
    # The fault starts at 0: no whole bucket before it, no baseline.
    want_metric $h fixed-1s $r baseline_rate empty
    want_metric $h fixed-1s $r spike empty
    want_metric $h fixed-1s $r recovery_spike empty
    want_metric $h fixed-1s $r success_rate 1
    want_metric $h fixed-1s $r error_rate 0
    want_metric $h fixed-1s $r completion_time 3.01
    want_metric $h fixed-1s $r latency_mean 3.01
    for p in p50 p90 p99 p999; do
        want_metric $h fixed-1s $r latency_$p 3.01 $pct
    done
    # Buckets 0-2 are down; 3-9 are up (no attempt ended counts as up),
    # but 7 s is less than the 10 s window before the horizon.
    want_metric $h fixed-1s $r downtime 3
    want_metric $h fixed-1s $r recovered 0
    want_metric $h fixed-1s $r mttr empty
    want_metric $h fixed-1s $r requests_succeeded 1
    want_metric $h fixed-1s $r requests_unfinished 0
done
# two-tries: the attempts at 0 and 1 s fail, and the request with them.
want_series $h two-tries 0 attempts "1 1 0 0 0 0 0 0 0 0"
want_series $h two-tries 0 requests_failed "0 1 0 0 0 0 0 0 0 0"
want_series $h two-tries 0 degradation_level "0 4 0 0 0 0 0 0 0 0"
want_metric $h two-tries 0 attempts 2
want_metric $h two-tries 0 success_rate 0
want_metric $h two-tries 0 error_rate 1
want_metric $h two-tries 0 completion_time 1
want_metric $h two-tries 0 latency_mean 1
want_metric $h two-tries 0 latency_p50 1 $pct
want_metric $h two-tries 0 downtime 2
want_metric $h two-tries 0 requests_failed 1
# Three identical replications: sd 0, the interval collapses on the mean.
s=$T/det/$h-j1/summary.csv
grep -qx 'fixed-1s,attempts,4,4,4,0,3' "$s" || problem "attempts summary"
grep -qx 'fixed-1s,mttr,,,,,0' "$s" || problem "mttr summary"
grep -qx 'fixed-1s,recovered,0,0,0,0,3' "$s" || problem "recovered summary"
verdict "hand-once: values worked out by hand"

# hand-closed: one client thinks 900 ms, is served in 10 ms: requests
# start at 0.9, 1.81, 2.72, 3.63, 4.54 s... The one at 4.54 s meets the
# outage (4 to 6 s) and is retried at 5.04, 5.54 and 6.04 s, succeeding
# at 6.05 s; then requests start at 6.95, 7.86, 8.77 and 9.68 s.
h=hand-closed
want_series $h fixed-500ms 0 attempts "1 1 1 1 1 2 2 1 1 1"
want_series $h fixed-500ms 0 first_attempts "1 1 1 1 1 0 1 1 1 1"
want_series $h fixed-500ms 0 retries "0 0 0 0 0 2 1 0 0 0"
want_series $h fixed-500ms 0 failures "0 0 0 0 1 2 0 0 0 0"
want_series $h fixed-500ms 0 successes "1 1 1 1 0 0 2 1 1 1"
want_series $h fixed-500ms 0 requests_succeeded "1 1 1 1 0 0 2 1 1 1"
c=0.0100
want_series $h fixed-500ms 0 in_flight \
    "$c $c $c $c 0.4600 1.0000 0.0600 $c $c $c"
want_metric $h fixed-500ms 0 requests 9
want_metric $h fixed-500ms 0 attempts 12
want_metric $h fixed-500ms 0 amplification 1.333333333 1e-8
# Buckets 0-3 before the fault: 4 attempts in 4 s. Peak 2/s from bucket
# 4 (fault start) and from bucket 6 (fault end).
want_metric $h fixed-500ms 0 baseline_rate 1
want_metric $h fixed-500ms 0 spike 2
want_metric $h fixed-500ms 0 recovery_spike 2
want_metric $h fixed-500ms 0 success_rate 1
want_metric $h fixed-500ms 0 completion_time 9.69
# Eight requests of 10 ms and one of 6.05 - 4.54 = 1.51 s.
want_metric $h fixed-500ms 0 latency_mean 0.176666667 1e-8
want_metric $h fixed-500ms 0 latency_p50 0.01 $pct
want_metric $h fixed-500ms 0 latency_p90 1.51 $pct
want_metric $h fixed-500ms 0 latency_p999 1.51 $pct
# Buckets 4 and 5 are down; from 6 s two good buckets: MTTR 6 - 4 s.
want_metric $h fixed-500ms 0 downtime 2
want_metric $h fixed-500ms 0 recovered 1
want_metric $h fixed-500ms 0 mttr 2
want_metric $h fixed-500ms 0 retries 3
# One replication: no interval and no sd.
grep -qx 'fixed-500ms,attempts,12,,,,1' "$T/det/$h-j1/summary.csv" ||
    problem "attempts summary"
verdict "hand-closed: values worked out by hand"

# ---- 7. Broken inputs ------------------------------------------------

# tests/bad/NAME.yaml, run from a folder holding only it, with the extra
# arguments of NAME.args (one a line): exit 2, stderr exactly
# NAME.expected, nothing on stdout, nothing written; validate alike.
for bad in "$tests"/bad/*.yaml; do
    name=$(basename "$bad" .yaml)
    set --
    if [ -f "$tests/bad/$name.args" ]; then
        while IFS= read -r arg; do
            set -- "$@" "$arg"
        done <"$tests/bad/$name.args"
    fi
    for cmd in run validate; do
        fresh bad "$bad"
        if [ $cmd = run ]; then
            sb "$d" run "$name.yaml" -j 2 -o out "$@"
        else
            sb "$d" validate "$name.yaml" "$@"
        fi
        want_rc 2
        want_no_stdout
        if ! cmp -s "$T/err" "$tests/bad/$name.expected"; then
            first=$(diff "$tests/bad/$name.expected" "$T/err" |
                grep '^[<>]' | head -n 1)
            problem "$cmd: stderr differs from $name.expected: $first"
        fi
        want_listing "$d" "$name.yaml"
    done
    if [ -f "$tests/bad/$name.xfail" ]; then
        verdict_known "bad input $name" "$(head -n 1 \
            "$tests/bad/$name.xfail")"
    else
        verdict "bad input $name"
    fi
done

# ---- 8. ROI ----------------------------------------------------------

# A timeout and a short queue make fixed-2s stay down longer than the
# others after the outage; roi.csv must price the downtime each saves,
# replication by replication, as SPEC.md section 5 says. awk recomputes
# it from replications.csv.
fresh roi "$sc_small"
sb "$d" run herd-small.yaml -q -j 2 -o out --set clients.timeout=1s \
    --set service.queue_limit=100 \
    --set 'roi={baseline: fixed-2s, downtime_cost_per_minute: 600,
        engineer_cost_per_hour: 120, incidents_per_month: 2,
        implementation_hours: {exp-none: 4, exp-full: 0.5}}'
want_rc 0
want_listing "$d/out" "faults.csv plots replications.csv report.html \
report.md roi.csv scenario.yaml summary.csv timeseries.csv"
grep -q '^## Return on investment' "$d/out/report.md" &&
    grep -q '<section id="roi">' "$d/out/report.html" ||
    problem "the reports do not show the ROI"
[ -s "$d/out/plots/roi.png" ] && [ -s "$d/out/plots/roi.svg" ] ||
    problem "no ROI chart"
want='strategy,baseline,downtime_saved,downtime_saved_ci95_lo,'
want=${want}'downtime_saved_ci95_hi,interventions_saved,incidents_per_year,'
want=${want}'yearly_value,yearly_value_ci95_lo,yearly_value_ci95_hi,'
want=${want}'investment,roi,roi_ci95_lo,roi_ci95_hi,n'
[ "$(head -n 1 "$d/out/roi.csv" 2>/dev/null)" = "$want" ] ||
    problem "roi.csv header is $(head -n 1 "$d/out/roi.csv" 2>/dev/null)"
awk -F, '
    FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
    FILENAME ~ /replications/ {
        down[$1, $2] = $col[FILENAME, "downtime"]; reps[$2] = 1; next
    }
    {
        hours = $1 == "exp-none" ? 4 : $1 == "exp-full" ? 0.5 : 0
        saved = 0; n = 0
        for (r in reps) {
            saved += down["fixed-2s", r] - down[$1, r]; n++
        }
        saved /= n
        value = saved / 60 * 600 * 24
        inv = hours * 120
        roi = inv > 0 ? (value - inv) / inv : ""
        got_v = $col[FILENAME, "yearly_value"]
        got_r = $col[FILENAME, "roi"]
        if ($2 != "fixed-2s" || $col[FILENAME, "n"] != n ||
            $col[FILENAME, "investment"] != inv ||
            (got_v - value) ^ 2 > 1e-12 * (1 + value ^ 2) ||
            (roi == "" ? got_r != "" : (got_r - roi) ^ 2 > 1e-12))
            print $1 ": value " got_v " roi " got_r ", expected " value \
                " and " roi
        rows++
    }
    END { if (rows != 5) print rows + 0 " rows, expected 5" }
' "$d/out/replications.csv" "$d/out/roi.csv" >"$T/why" 2>&1
[ -s "$T/why" ] && problem "$(head -n 1 "$T/why")"
grep -q '^exp-none,fixed-2s,1\.75,' "$d/out/roi.csv" ||
    problem "exp-none does not save 1.75 s a run"
verdict "roi.csv prices the downtime each strategy saves"

# ---- 9. Charts -------------------------------------------------------

charts="amplification.png amplification.svg attempts.png attempts.svg \
degradation.png degradation.svg mttr.png mttr.svg spike.png spike.svg \
success.png success.svg"

# Note a problem unless folder $1 holds the charts, each a real PNG or
# SVG: the PNG signature; an SVG document that gnuplot finished.
want_charts() {
    want_listing "$1" "$charts"
    for _f in $charts; do
        _p=$1/$_f
        [ -s "$_p" ] || { problem "$_f is empty or missing"; continue; }
        case $_f in
        *.png)
            [ "$(head -c 8 "$_p" | od -An -c | tr -d ' ')" = \
                '211PNG\r\n032\n' ] || problem "$_f is not a PNG" ;;
        *.svg)
            head -n 1 "$_p" | grep -q '^<?xml' &&
                grep -q '<svg' "$_p" && tail -n 2 "$_p" | grep -qx '</svg>' ||
                problem "$_f is not a whole SVG document" ;;
        esac
    done
}

# Note a problem unless HTML file $1 stands alone, as a browser would
# show it offline: no script, nothing fetched, $2 charts inlined as SVG,
# each with its own ids.
want_report_html() {
    [ -s "$1" ] || { problem "no $1"; return; }
    grep -qi '<script' "$1" && problem "report.html has a script"
    grep -Eio '(src|href)="[^"#][^"]*"' "$1" | grep -v 'xmlns' |
        grep -q . && problem "report.html refers to another file"
    grep -Eio "(src|href)='[^'#][^']*'" "$1" | grep -q . &&
        problem "report.html refers to another file"
    grep -q '@import\|url(http' "$1" && problem "report.html imports"
    [ "$(grep -c '^<svg' "$1")" -eq "$2" ] ||
        problem "report.html holds $(grep -c '^<svg' "$1") charts, not $2"
    [ "$(grep -o 'id="[a-z]*-gnuplot_canvas"' "$1" | sort -u | wc -l)" \
        -eq "$2" ] || problem "chart ids are not made unique"
    tail -n 1 "$1" | grep -qx '</html>' || problem "report.html is cut"
}

# The first run of section 2 drew every chart that herd-small has (no
# roi section, so no ROI chart).
want_charts "$T/r/out/plots"
grep -q 'fixed-2s' "$T/r/out/plots/spike.svg" ||
    problem "spike.svg does not name the strategies"
verdict "run draws every chart as PNG and SVG"

want_report_html "$T/r/out/report.html" 6
grep -q 'The scenario has no roi section' "$T/r/out/report.html" ||
    problem "report.html does not say why there is no ROI chart"
for h in 'How these results were made' 'The scenario' Summary Charts; do
    grep -q "^## $h" "$T/r/out/report.md" || problem "report.md lacks $h"
    grep -q "<h2>$h</h2>" "$T/r/out/report.html" ||
        problem "report.html lacks $h"
done
grep -q '^scenario herd-small' "$T/r/out/report.md" ||
    problem "report.md does not describe the scenario"
verdict "report.md and report.html show scenario, summary and charts"

fresh p "$sc_small"
sb "$d" run herd-small.yaml -q -j 2 --no-plots -o out
want_rc 0
want_no_stderr
want_listing "$d/out" "faults.csv replications.csv report.html report.md \
scenario.yaml summary.csv timeseries.csv"
verdict "run --no-plots draws nothing and says nothing"

grep -q 'were not drawn: the run was made with --no-plots' \
    "$d/out/report.md" || problem "report.md does not say why"
grep -q '<svg' "$d/out/report.html" && problem "report.html has a chart"
cp "$d/out/report.md" "$T/nocharts.md"
sb "$d" plot out
want_rc 0
want_no_stdout
want_no_stderr
want_charts "$d/out/plots"
want_no_tmp "$d/out"
verdict "plot DIR draws the charts of a results folder"

# The charts part of both reports is redrawn; the rest stays as it was.
sed '/stampede:charts/,/\/stampede:charts/d' "$T/nocharts.md" >"$T/a"
sed '/stampede:charts/,/\/stampede:charts/d' "$d/out/report.md" >"$T/b"
cmp -s "$T/a" "$T/b" || problem "report.md changed outside its charts"
grep -q '^!\[Attempts per second\](plots/attempts.png)' \
    "$d/out/report.md" || problem "report.md does not show the charts"
want_report_html "$d/out/report.html" 6
verdict "plot DIR puts the charts into report.md and report.html"

echo stale >"$d/out/plots/attempts.png"
sb "$d" plot out/
want_rc 0
want_charts "$d/out/plots"
verdict "plot DIR replaces earlier charts"

sb "$d" plot nowhere
want_rc 2
want_no_stdout
grep -q 'not a stampede results folder' "$T/err" ||
    problem "stderr: $(head -n 1 "$T/err")"
verdict "plot of a folder that is not a results folder"

# ---- Sweep charts ----------------------------------------------------

# Two strategies keep these sweeps small: one chart per metric for one
# key, one heat map per metric and strategy for two.
two_strategies='strategies=[{name: fixed-2s, retry: {policy: fixed,
    delay: 2s, max_attempts: 5}}, {name: exp-full, retry: {policy:
    exponential, jitter: full, base: 500ms, cap: 8s, max_attempts: 6}}]'
line_metrics="amplification downtime error_rate latency_p50 latency_p99 \
mttr recovered recovery_spike spike success_rate"
heat_metrics="downtime mttr recovered success_rate"

# The PNG and SVG names of base names $1, sorted as ls sorts them.
chart_files() {
    for _b in $1; do
        echo "$_b.png"
        echo "$_b.svg"
    done | sort | tr '\n' ' ' | sed 's/ $//'
}

# Note a problem unless report.html $1 inlines $2 charts, ids unique.
want_sweep_html() {
    [ "$(grep -c '^<svg' "$1")" -eq "$2" ] ||
        problem "report.html holds $(grep -c '^<svg' "$1") charts, not $2"
    [ "$(grep -o 'id="[a-z0-9_.-]*-gnuplot_canvas"' "$1" | sort -u |
        wc -l)" -eq "$2" ] || problem "chart ids are not made unique"
    grep -qi '<script' "$1" && problem "report.html has a script"
    tail -n 1 "$1" | grep -qx '</html>' || problem "report.html is cut"
}

fresh sc "$sc_small"
sb "$d" sweep herd-small.yaml -q -j 2 -r 2 -o one \
    --set "$two_strategies" --vary 'faults[0].duration=2s,5s,10s'
want_rc 0
want_no_stderr
charts=$(chart_files "$line_metrics")
want_charts "$d/one/plots"
want_no_tmp "$d/one"
want='^!\[Success rate against faults\[0\]\.duration\]'
grep -q "$want(plots/success_rate\.png)" "$d/one/report.md" ||
    problem "report.md does not show the charts"
grep -q "faults\[0\].duration (s)" "$d/one/plots/mttr.svg" ||
    problem "the x axis is not labelled with the key and its unit"
want_sweep_html "$d/one/report.html" 10
verdict "sweep over one key: a chart per metric, PNG and SVG"

# Without faults every error rate and downtime is 0: a flat line, whose
# axis once came from an integer division to 0 and a log of it.
sb "$d" sweep herd-small.yaml -q -j 2 -r 2 -o flat --set 'faults=[]' \
    --set "$two_strategies" --vary clients.count=50,100
want_rc 0
want_no_stderr
charts=$(chart_files "amplification downtime error_rate latency_p50 \
latency_p99 recovered success_rate")
want_charts "$d/flat/plots"
verdict "sweep charts of metrics that are 0 everywhere"

sb "$d" sweep herd-small.yaml -q -j 2 -r 2 -o two \
    --set "$two_strategies" --vary 'faults[0].duration=2s,5s' \
    --vary clients.timeout=200ms,1s
want_rc 0
want_no_stderr
charts=$(chart_files "$(for m in $heat_metrics; do
    printf '%s-exp-full %s-fixed-2s ' "$m" "$m"; done)")
want_charts "$d/two/plots"
want='^!\[Runs that recovered: fixed-2s\](plots/recovered-fixed-2s\.png)'
grep -q '^### Runs that recovered' "$d/two/report.md" &&
    grep -q "$want" "$d/two/report.md" ||
    problem "report.md does not show the maps"
want_sweep_html "$d/two/report.html" 8
verdict "sweep over two keys: a heat map per metric and strategy"

sb "$d" sweep herd-small.yaml -q -j 2 -r 1 -o three \
    --set "$two_strategies" --vary 'faults[0].duration=2s' \
    --vary clients.timeout=1s --vary clients.count=50
want_rc 0
want_listing "$d/three" "report.html report.md scenario.yaml sweep.csv"
grep -q 'A sweep over 3 keys is not charted' "$d/three/report.md" ||
    problem "report.md does not say why there are no charts"
verdict "sweep over three keys: no chart, and the report says why"

sb "$d" sweep herd-small.yaml -q -j 2 -r 2 -o np --no-plots \
    --set "$two_strategies" --vary 'faults[0].duration=2s,5s'
want_rc 0
want_listing "$d/np" "report.html report.md scenario.yaml sweep.csv"
grep -q 'were not drawn: the sweep was made with --no-plots' \
    "$d/np/report.md" || problem "report.md does not say why"
sb "$d" plot np
want_rc 0
want_no_stderr
charts=$(chart_files "$line_metrics")
want_charts "$d/np/plots"
grep -q '^!\[Retry spike against faults' "$d/np/report.md" ||
    problem "report.md does not show the redrawn charts"
want_sweep_html "$d/np/report.html" 10
verdict "sweep --no-plots draws nothing; plot DIR draws its charts"

# Two chart scripts that fail (the first chart and the fourth), while
# the charts are drawn several at once: each failure is reported under
# its chart's name and in chart order, leaves no file of that chart,
# and the other charts are drawn whole.
fresh broken "$sc_small"
cp -R "$root/scripts/plots" "$d/scripts"
echo 'this is not gnuplot (' >>"$d/scripts/attempts.gp"
echo 'this is not gnuplot (' >>"$d/scripts/spike.gp"
(cd "$d" && STAMPEDE_PLOTS=$d/scripts exec "$bin" run herd-small.yaml -q \
    -j 2 -o out) >"$T/out" 2>"$T/err" </dev/null
rc=$?
want_rc 0
grep -v '^stampede: error: gnuplot, chart \(attempts\|spike\): ' "$T/err" |
    grep -q . && problem "other stderr: $(grep -v 'chart' "$T/err" | head -n 1)"
[ "$(grep -o 'chart [a-z]*' "$T/err" | uniq | tr '\n' ' ')" = \
    "chart attempts chart spike " ] ||
    problem "failures not one block per chart in chart order"
charts=$(chart_files "amplification degradation mttr success")
want_charts "$d/out/plots"
verdict "failing chart scripts: named, in order, the other charts whole"

# Without gnuplot on PATH: the CSV files and text, one warning, exit 0.
mkdir -p "$T/nopath"
fresh ng "$sc_small"
(cd "$d" && PATH=$T/nopath exec "$bin" run herd-small.yaml -j 2 -o out) \
    >"$T/out" 2>"$T/err" </dev/null
rc=$?
want_rc 0
[ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q '^stampede: warning: gnuplot is not on PATH' "$T/err" ||
    problem "stderr is not one warning: $(head -n 2 "$T/err")"
cmp -s "$T/out" "$T/table" || problem "stdout is not the result table"
want_listing "$d/out" "faults.csv replications.csv report.html report.md \
scenario.yaml summary.csv timeseries.csv"
verdict "run without gnuplot: CSV files, one warning, exit 0"

(cd "$d" && PATH=$T/nopath exec "$bin" plot out) \
    >"$T/out" 2>"$T/err" </dev/null
rc=$?
want_rc 3
grep -q 'gnuplot is not on PATH' "$T/err" || problem "no reason given"
verdict "plot without gnuplot fails with status 3"

(cd "$d" && PATH=$T/nopath exec "$bin" sweep herd-small.yaml -j 2 -r 1 \
    -o sw --set "$two_strategies" --vary 'faults[0].duration=2s,5s') \
    >"$T/out" 2>"$T/err" </dev/null
rc=$?
want_rc 0
[ "$(wc -l <"$T/err")" -eq 1 ] &&
    grep -q '^stampede: warning: gnuplot is not on PATH' "$T/err" ||
    problem "stderr is not one warning: $(head -n 2 "$T/err")"
want_listing "$d/sw" "report.html report.md scenario.yaml sweep.csv"
verdict "sweep without gnuplot: sweep.csv, one warning, exit 0"

# ---- Total -----------------------------------------------------------

echo "end-to-end: $checks checks, $failed failed, $known known bugs"
[ $failed -eq 0 ]
