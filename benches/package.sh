#!/usr/bin/env bash
# Benchmarks of the installed package (issue « Ship it »): package and installed sizes,
# time from a double-click on a campaign file (xdg-open, the desktop association) to that
# campaign on screen (the window's title names it, which the UI sets once the campaign is
# shown), and the idle memory of the installed app. Needs root, the .deb built by
# scripts/package.sh, and Xvfb:
#   bash scripts/package.sh && bash benches/package.sh
# Results go (by hand) into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${RUNS:-10}"
deb="$(ls target/release/bundle/deb/cesp-commission_*_amd64.deb)"
rpm="$(ls target/release/bundle/rpm/cesp-commission-*.x86_64.rpm)"
dpkg -s cesp-commission >/dev/null 2>&1 && apt-get purge -y -q cesp-commission >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$PWD/$deb" >/dev/null
echo "package: $(basename "$deb") $(stat -c %s "$deb") bytes; $(basename "$rpm") $(stat -c %s "$rpm") bytes"
echo "installed size (dpkg Installed-Size): $(dpkg-query -W -f '${Installed-Size}' cesp-commission) KiB"
echo "installed files: $(dpkg -L cesp-commission | while read -r f; do [ -f "$f" ] && echo "$f"; done | xargs du -cb | tail -1 | cut -f1) bytes"

work="$(mktemp -d)"
export HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
mkdir -p "$work/Documents"
campaign="$work/Documents/Tours 2026-2027.cesp"
CESP_OPERATOR="Bench" cesp demo "$campaign" >/dev/null

measure() {
  xvfb-run -a -s "-screen 0 1366x860x24" dbus-run-session -- bash -c '
    source "$2/benches/memory.sh"
    t0=$(date +%s%N)
    xdg-open "$1" >/dev/null 2>&1 &
    for i in $(seq 1 600); do
      xwininfo -root -tree 2>/dev/null | grep -qE "[0-9]{4}-[0-9]{4} — CESP Commission" && break
      sleep 0.01
    done
    t1=$(date +%s%N)
    pid=$(pgrep -x cesp-commission | head -1)
    sleep 5
    echo "$(( (t1 - t0) / 1000000 )) $(app_memory $pid)" >"$3"
    kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.05; done
  ' _ "$campaign" "$root" "$work/run.txt" >/dev/null 2>&1
  cat "$work/run.txt"
}

# The first run writes the app's settings and the backup of the opening: a warm-up.
measure >/dev/null
echo "run open_ms app_rss_kb all_pss_kb"
for i in $(seq 1 "$runs"); do echo "$i $(measure)"; done | tee "$work/results.txt"
awk 'NF==4 {o+=$2; a+=$3; t+=$4; n++} END {printf "mean: double-click to campaign on screen %.0f ms, app RSS %.1f MB, app + WebKit PSS %.1f MB over %d runs\n", o/n, a/n/1024, t/n/1024, n}' "$work/results.txt"
sort -n -k2 "$work/results.txt" | awk 'NF==4 {v[NR]=$2} END {printf "double-click to screen: min %d ms, median %d ms, max %d ms\n", v[1], v[int((NR+1)/2)], v[NR]}'
apt-get purge -y -q cesp-commission >/dev/null
