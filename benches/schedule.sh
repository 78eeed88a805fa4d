#!/usr/bin/env bash
# Interview scheduler benchmark: times plan() on 33 and 1 000 candidates and a replan of
# the 1 000 after one change, then compares the solver with an exact MIP (HiGHS) on N
# small and N medium random instances (default 30) on every component of its objective,
# then the jury balance with a CP-SAT peer's fairness objective on those instances and
# the two campaigns. Usage: bash benches/schedule.sh [N]
# SCHEDULE_CPSAT=0 skips the CP-SAT step (about 7 minutes: 60 s limits on the campaigns).
# The Python scripts set up their own venvs (~/.cache/cesp-schedule-mip-venv with
# highspy, ~/.cache/cesp-schedule-cpsat-venv with ortools).
# Every step runs; the exit status is 1 when any of them reports a missed target or a
# disagreement.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
nice -n 15 cargo build --release -p cesp-core --example schedule_bench 2>&1 | tail -1
bench="$CARGO_TARGET_DIR/release/examples/schedule_bench"
status=0
"$bench" || status=1
dir="$(mktemp -d /tmp/schedule-instances.XXXXXX)"
"$bench" export "$dir" "${1:-30}"
python3 benches/schedule_mip.py "$dir" || status=1
if [ "${SCHEDULE_CPSAT:-1}" = 0 ]; then
    echo "CP-SAT comparison skipped (SCHEDULE_CPSAT=0)"
else
    python3 benches/schedule_cpsat.py "$dir" || status=1
fi
if [ "$status" != 0 ]; then
    echo "schedule benchmark: some target missed or some disagreement (see above); instances kept in $dir"
else
    rm -rf "$dir"
fi
exit "$status"
