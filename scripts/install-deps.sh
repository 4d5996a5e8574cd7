#!/bin/sh
# Install the Debian packages stampede needs to build, test and plot,
# or, when packages are named as arguments, those (`make check-report`
# asks for chromium). Quiet and quick when everything is there already.
set -eu

packages="gcc make pkg-config libgsl-dev libcyaml-dev libyaml-dev \
libcunit1-dev gnuplot-nox libxml2-utils locales-all"
if [ $# -gt 0 ]; then
    packages="$*"
fi

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "stampede: error: missing packages:$missing" >&2
    echo "stampede: this script needs Debian's apt-get to install them;" \
        "install the equivalents with your system's package manager" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "stampede: error: missing packages:$missing" >&2
    echo "stampede: installing them needs root; run as root:" >&2
    echo "    apt-get install -y$missing" >&2
    echo "stampede: or give this user sudo rights and run make again" >&2
    exit 1
fi

echo "stampede: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086
$run apt-get install -y -qq --no-install-recommends $missing >/dev/null
