#!/usr/bin/env bash
# Scoring benchmark (issue: the commission scores — fast enough for the room): a campaign
# of N candidates (default 1 000) scored by 7 members on the 6 criteria of the default
# grid; times one score typed, the ranking, the scoring screen's data, the 7 sheets
# exported and one read back. Usage: bash benches/scoring.sh [CANDIDATES]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p cesp-core --examples 2>&1 | tail -1
target/release/examples/scoring_bench "${1:-1000}"
