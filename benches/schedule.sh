#!/usr/bin/env bash
# Interview scheduler benchmark: times plan() on 33 and 1 000 candidates, then compares
# the solver's days and idle time with an exact MIP (HiGHS) on N small random instances
# (default 30). Usage: bash benches/schedule.sh [N]
# The MIP script sets up its own venv with highspy (~/.cache/cesp-schedule-mip-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
nice -n 15 cargo build --release -p cesp-core --example schedule_bench 2>&1 | tail -1
bench="$CARGO_TARGET_DIR/release/examples/schedule_bench"
"$bench"
dir="$(mktemp -d /tmp/schedule-instances.XXXXXX)"
"$bench" export "$dir" "${1:-30}"
python3 benches/schedule_mip.py "$dir"
rm -rf "$dir"
