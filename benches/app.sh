#!/usr/bin/env bash
# Benchmarks of the app shell: cold start to an interactive window, idle memory with the
# demo campaign open, release binary size. Needs a release build and Xvfb:
#   npm --prefix ui run build && cargo build --release -p cesp-commission && bash benches/app.sh
# Results go (by hand) into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/cesp-commission
runs="${RUNS:-10}"
[ -x "$bin" ] || { echo "build first: cargo build --release -p cesp-commission" >&2; exit 1; }

work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" CESP_STARTUP_PROBE=1

measure() {
  xvfb-run -a -s "-screen 0 1366x860x24" bash -c '
    source benches/memory.sh
    "$0" --demo 2>"$1/err.log" &
    pid=$!
    for i in $(seq 1 200); do grep -q cesp-startup-ms "$1/err.log" && break; sleep 0.05; done
    sleep 3
    echo "$(grep -o "cesp-startup-ms [0-9]*" "$1/err.log" | cut -d" " -f2) $(app_memory $pid)"
    kill $pid; wait $pid 2>/dev/null || true
  ' "$bin" "$work"
}

# The first run creates the demo file; it is a warm-up, not counted.
measure >/dev/null
echo "run startup_ms app_rss_kb all_pss_kb"
for i in $(seq 1 "$runs"); do echo "$i $(measure)"; done | tee "$work/results.txt"
awk 'NF==4 {s+=$2; a+=$3; t+=$4; n++} END {printf "mean: start-up %.0f ms, app RSS %.1f MB, app + WebKit PSS %.1f MB over %d runs\n", s/n, a/n/1024, t/n/1024, n}' "$work/results.txt"
echo "release binary: $(stat -c %s "$bin") bytes ($(du -h "$bin" | cut -f1))"
