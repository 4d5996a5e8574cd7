#!/bin/sh
# Open a report.html in headless Chromium as a reviewer would, offline,
# take a screenshot, and fail if the page has errors or an empty chart.
#
# usage: scripts/check-report.sh REPORT.html SCREENSHOT.png
#
# Two passes. The first loads a copy of the page with a small checking
# script added (the report itself has none and needs none): it records
# script and resource errors, counts what the page tried to fetch, and
# measures each chart as laid out: an <svg> of real size whose plotted
# groups draw something. The verdict comes back through --dump-dom. The
# second pass screenshots the report itself, unchanged.
#
# Needs Debian's chromium package (scripts/install-deps.sh chromium).
set -u

if [ $# -ne 2 ]; then
    echo "usage: scripts/check-report.sh REPORT.html SCREENSHOT.png" >&2
    exit 2
fi
report=$1
shot=$2
if [ ! -s "$report" ]; then
    echo "check-report: $report is missing or empty" >&2
    exit 2
fi
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "check-report: chromium is not installed" \
        "(scripts/install-deps.sh chromium)" >&2
    exit 2
}

T=$(mktemp -d "${TMPDIR:-/tmp}/stampede-chromium.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

# The flags that let Chromium run here without a desktop or network.
run_browser() {
    rm -rf "$T/profile"
    mkdir "$T/profile"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$T/profile" "$@"
}

# The checking script goes first into <head>, to hear every error, and
# runs its checks once the page has loaded.
cat >"$T/check.js" <<'EOF'
<script>
(function () {
  var problems = [];
  window.addEventListener('error', function (e) {
    var what = e.target && e.target !== window
      ? 'cannot load ' + (e.target.src || e.target.href || e.target.tagName)
      : 'script error: ' + e.message;
    problems.push(what);
  }, true);
  function drawn(el) {
    var shapes = el.querySelectorAll('path, polyline, polygon, rect, line,'
                                     + ' circle, use');
    for (var i = 0; i < shapes.length; i++) {
      var b = shapes[i].getBBox();
      if (b.width > 0 || b.height > 0) return true;
    }
    return false;
  }
  window.addEventListener('load', function () {
    var figures = document.querySelectorAll('figure');
    var charts = 0;
    figures.forEach(function (fig) {
      var svg = fig.querySelector('svg');
      if (!svg) return; /* a chart with nothing to show says why */
      charts++;
      var r = svg.getBoundingClientRect();
      if (r.width < 200 || r.height < 100)
        problems.push(fig.id + ': laid out at ' + r.width + 'x' + r.height);
      var plots = svg.querySelectorAll('g[id*="gnuplot_plot_"]');
      var filled = 0;
      plots.forEach(function (g) { if (drawn(g)) filled++; });
      if (filled === 0) problems.push(fig.id + ': draws no data');
    });
    var fetched = performance.getEntriesByType('resource')
      .filter(function (e) { return !/check\.js/.test(e.name); });
    fetched.forEach(function (e) { problems.push('fetched ' + e.name); });
    if (charts === 0) problems.push('no chart at all');
    var out = document.createElement('pre');
    out.id = 'stampede-check';
    out.textContent = (problems.length ? 'FAIL ' + problems.join('; ')
                                       : 'OK ' + charts + ' charts');
    document.body.appendChild(out);
  });
})();
</script>
EOF

# Put it right after <head>, in a copy beside the report so that any
# relative reference would resolve (and fail) as it would for the report.
dir=$(cd "$(dirname "$report")" && pwd)
copy=$dir/.check-report.$$.html
awk -v js="$T/check.js" '
    { print }
    !done && /<head>/ { while ((getline l < js) > 0) print l; done = 1 }
' "$report" >"$copy"

run_browser --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
    --dump-dom "file://$copy" >"$T/dom" 2>"$T/log"
rm -f "$copy"
verdict=$(sed -n 's/.*<pre id="stampede-check">\([^<]*\)<\/pre>.*/\1/p' \
    "$T/dom")
status=0
case $verdict in
OK*) echo "check-report: $report: $verdict" ;;
FAIL*) echo "check-report: $report: $verdict" >&2; status=1 ;;
*) echo "check-report: the page did not finish loading" >&2; status=1 ;;
esac
# Whatever the page logged to the console is an error of the page.
if grep -E 'CONSOLE|Uncaught|Failed to load' "$T/log" >"$T/console"; then
    echo "check-report: the console says:" >&2
    head -n 5 "$T/console" >&2
    status=1
fi

# The screenshot: as wide as a laptop screen, as tall as the page is
# likely to be (a chart is about 600 px high at that width).
figures=$(grep -c '<figure' "$report")
height=$((2600 + 660 * figures))
run_browser --hide-scrollbars --window-size=1200,$height \
    --screenshot="$shot" "file://$dir/$(basename "$report")" \
    >/dev/null 2>"$T/log2"
if [ ! -s "$shot" ] || [ "$(head -c 4 "$shot" | od -An -c | tr -d ' ')" \
    != '211PNG' ]; then
    echo "check-report: no screenshot in $shot" >&2
    status=1
else
    echo "check-report: screenshot in $shot (1200x$height)"
fi
exit $status
