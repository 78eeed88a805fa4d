#!/usr/bin/env bash
# Every command the window calls, timed on a campaign of 1 000 and one of 10 000
# candidates (issue 25), then the memory of the app with the 10 000 open, on its dashboard
# and along a tour of every screen (benches/memory-tour.mjs):
#   bash benches/commands.sh [SIZES...]        (default: 1000 10000)
# Release builds in $CARGO_TARGET_DIR (default /work/target-bench); the campaigns are
# made once by crates/core/examples/big_campaign.rs and kept in $CESP_BENCH_DIR (default
# /tmp/cesp-commands) for the next run. The app runs under Xvfb. Results go (by hand) into
# docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-bench}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work="${CESP_BENCH_DIR:-/tmp/cesp-commands}"
mkdir -p "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"

cargo build --release -p cesp-core --example big_campaign
cargo test --release -p cesp-commission --lib --no-run

for n in "${sizes[@]}"; do
  file="$work/campagne-$n.cesp"
  if [ ! -f "$file" ]; then
    XDG_DATA_HOME="$work/data" "$CARGO_TARGET_DIR/release/examples/big_campaign" "$n" "$file"
  fi
  echo
  echo "=== $n candidates: $(du -h "$file" | cut -f1)"
  CESP_COMMAND_BENCH="$file" cargo test --release -p cesp-commission --lib command_bench \
    -- --nocapture --test-threads=1 2>&1 | grep -v '^running\|^test \|^$\|test result\|Finished\|Running'
done

# Memory: the release app with the largest campaign open, its dashboard on screen.
largest="$work/campagne-${sizes[-1]}.cesp"
npm --prefix ui run build >/dev/null
cargo build --release -p cesp-commission
bin="$CARGO_TARGET_DIR/release/cesp-commission"
home="$(mktemp -d)"
mkdir -p "$home/config/fr.cesp-commission.app"
# A returning user: no welcome, the operator known.
echo '{"welcomed": true, "operator": "Claire Dumont"}' >"$home/config/fr.cesp-commission.app/preferences.json"
cp "$largest" "$home/campagne.cesp"
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" CESP_STARTUP_PROBE=1
echo
echo "=== memory, $(basename "$largest") open in the app (release, Xvfb)"
xvfb-run -a -s "-screen 0 1366x860x24" bash -c '
  pss_anon() { awk "/^Pss_Anon:/ {print \$2}" "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
  "$0" "$1/campagne.cesp" 2>"$1/err.log" &
  pid=$!
  for i in $(seq 1 600); do grep -q cesp-startup-ms "$1/err.log" && break; sleep 0.1; done
  # The window asked for the session (the campaign is open); the dashboard then loads
  # its figures: give it time to settle.
  sleep 8
  app=$(pss_anon $pid)
  web=0
  for c in $(pgrep -x WebKitWebProces; pgrep -x WebKitNetworkPr); do
    kb=$(pss_anon $c); echo "  $(tr "\0" " " </proc/$c/cmdline | cut -c1-60): Pss_Anon ${kb} kB"
    web=$((web + kb))
  done
  echo "  app process: Pss_Anon ${app} kB"
  echo "  total (app + WebKit): $(( (app + web) / 1024 )) MB (app $((app / 1024)) MB, WebKit $((web / 1024)) MB); goal under 200 MB"
  kill $pid; wait $pid 2>/dev/null || true
' "$bin" "$home"
rm -rf "$home"

# Then as a user meets it: every screen of the sidebar visited in turn.
echo
echo "=== memory along a tour of the screens, $(basename "$largest") (release, Xvfb, WebDriver)"
[ -d tests/e2e/node_modules ] || npm --prefix tests/e2e ci >/dev/null
unset CESP_STARTUP_PROBE
xvfb-run -a -s "-screen 0 1366x860x24" node benches/memory-tour.mjs "$bin" "$largest"
