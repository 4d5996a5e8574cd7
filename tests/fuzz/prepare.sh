#!/bin/sh
# Make the seed corpus and the dictionary of `make fuzz` in folder $1:
# $1/seeds/ holds a fresh copy of every scenario file of the tree
# (scenarios/*.yaml and tests/**/*.yaml), each broken-input case with
# its --set options, and scenarios/herd.yaml with each option of
# tests/fuzz/sets; $1/scenario.dict holds every key and name of the
# scenario schema, read from sim/run/scenario.c so that it never falls
# behind, and the bits of YAML and value syntax that the fuzzer would
# take long to guess. Inputs are laid out as tests/fuzz/fuzz_scenario.c
# expects: the document, then each --set option after a NUL byte.
#
# usage: tests/fuzz/prepare.sh OUTDIR
set -eu

if [ $# -ne 1 ]; then
    echo "usage: tests/fuzz/prepare.sh OUTDIR" >&2
    exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds"

# The file $1 as a seed named after its path in the tree.
copy_seed() {
    cp "$1" "$seeds/$(echo "${1#"$root"/}" | tr / _)"
}

for f in "$root"/scenarios/*.yaml $(find "$root/tests" -name '*.yaml' |
    sort); do
    copy_seed "$f"
done

# A broken input with its options: the values after each --set line.
for args in "$root"/tests/bad/*.args; do
    [ -e "$args" ] || continue
    name=$(basename "$args" .args)
    seed=$seeds/tests_bad_$name.yaml+sets
    cp "$root/tests/bad/$name.yaml" "$seed"
    awk 'prev == "--set" { printf "%c%s", 0, $0 } { prev = $0 }' \
        "$args" >>"$seed"
done

# scenarios/herd.yaml with each of tests/fuzz/sets, and with all of them.
herd=$root/scenarios/herd.yaml
all=$seeds/herd+all
cp "$herd" "$all"
n=0
while IFS= read -r set; do
    case $set in
    '' | '#'*) continue ;;
    esac
    n=$((n + 1))
    cp "$herd" "$seeds/herd+set$n"
    printf '\0%s' "$set" >>"$seeds/herd+set$n"
    printf '\0%s' "$set" >>"$all"
done <"$root/tests/fuzz/sets"

dict=$out/scenario.dict
{
    echo '# Made by tests/fuzz/prepare.sh from sim/run/scenario.c.'
    {
        grep -oE '(TEXT|ENUM|DIST|CYAML_FIELD_[A-Z_]+)\("[a-z_0-9]+"' \
            "$root/sim/run/scenario.c" | sed 's/.*("//; s/"$//'
        grep -oE '\{"[a-z_]+", ' "$root/sim/run/scenario.c" |
            sed 's/{"//; s/", //'
        printf '%s\n' healed unlimited true false null
    } | sort -u | sed 's/.*/"&"/'
    # Units, then YAML's and --set's punctuation; \x00 starts an option.
    for t in us ms s m h d % 1e308 -0 0x1 .inf .nan '\x00' '=' '.0.' \
        '[0]' '[1]' ': ' '- ' '{' '}' '[' ']' '&a ' '*a' '<<: ' '!!str ' \
        '!!map ' '---' '...' '|' '>' '~' '? ' '\"' "'" '#'; do
        printf '"%s"\n' "$t"
    done
} >"$dict"
