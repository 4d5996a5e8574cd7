#!/bin/sh
# `make install` into a temporary DESTDIR, then the installed stampede,
# run from outside the source tree, must find its gnuplot scripts there
# and draw its charts; the man page must be there and render.
#
# usage: tests/install.sh MAKE [MAKE ARGUMENTS]   (run by `make test`)

if [ $# -lt 1 ]; then
    echo "usage: tests/install.sh MAKE [MAKE ARGUMENTS]" >&2
    exit 2
fi
tests=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$tests")
T=$(mktemp -d "${TMPDIR:-/tmp}/stampede-install.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
export LC_ALL=C

checks=0
failed=0
check() {
    checks=$((checks + 1))
    if [ -n "$2" ]; then
        failed=$((failed + 1))
        echo "FAIL: $1: $2"
    fi
}

prefix=/opt/stampede-test
dest=$T/dest
(cd "$root" && "$@" --no-print-directory -s install DESTDIR="$dest" \
    PREFIX=$prefix) >"$T/log" 2>&1
why=
[ $? -eq 0 ] || why="make install failed: $(tail -n 3 "$T/log")"
[ -x "$dest$prefix/bin/stampede" ] || why="$why; no bin/stampede"
for gp in "$root"/scripts/plots/*.gp; do
    cmp -s "$gp" "$dest$prefix/share/stampede/plots/$(basename "$gp")" ||
        why="$why; $(basename "$gp") not installed"
done
[ -f "$dest$prefix/share/man/man1/stampede.1" ] || why="$why; no man page"
check "make install honours PREFIX and DESTDIR" "$why"

why=
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings -l "$dest$prefix/share/man/man1/stampede.1" \
        >"$T/man" 2>"$T/manerr"
    [ -s "$T/manerr" ] && why="roff warnings: $(head -n 1 "$T/manerr")"
    for word in run validate plot --no-plots STAMPEDE_PLOTS report.html \
        roi.csv faults.csv 130; do
        grep -q -- "$word" "$T/man" || why="$why; no mention of $word"
    done
fi
check "the man page renders and covers the commands and files" "$why"

# Run the installed copy from a folder outside the source tree, with a
# scenario copied there.
mkdir "$T/work"
cp "$tests/scenarios/herd-small.yaml" "$T/work/"
(cd "$T/work" && exec "$dest$prefix/bin/stampede" run herd-small.yaml \
    -v -j 2 -r 1 -o out) >"$T/out" 2>"$T/err" </dev/null
rc=$?
why=
[ $rc -eq 0 ] || why="exit status $rc: $(head -n 1 "$T/err")"
grep -q "scripts in $dest$prefix/share/stampede/plots\$" "$T/err" ||
    why="$why; did not use the installed scripts: $(grep scripts "$T/err")"
[ -s "$T/work/out/plots/attempts.png" ] || why="$why; no charts drawn"
check "the installed stampede finds its scripts without the source tree" \
    "$why"

# STAMPEDE_PLOTS wins over every other place.
cp -R "$dest$prefix/share/stampede/plots" "$T/mine"
(cd "$T/work" && STAMPEDE_PLOTS=$T/mine exec "$dest$prefix/bin/stampede" \
    plot out -v) >"$T/out" 2>"$T/err" </dev/null
rc=$?
why=
[ $rc -eq 0 ] || why="exit status $rc: $(head -n 1 "$T/err")"
grep -q "scripts in $T/mine\$" "$T/err" ||
    why="$why; did not use \$STAMPEDE_PLOTS: $(grep scripts "$T/err")"
check "STAMPEDE_PLOTS names the scripts' folder" "$why"

echo "install: $checks checks, $failed failed"
[ $failed -eq 0 ]
