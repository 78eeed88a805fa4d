#!/usr/bin/env bash
# The connected sitting under load: 30 devices (five per voting member present at the
# demo's first sitting) score through `cesp serve` (release build) on 127.0.0.1; see
# benches/room.mjs for what is measured. Goal: from a member's request to the séance
# view's event, p95 under 100 ms.
#   Usage: bash benches/room.sh [DEVICES] [WRITES]   (CESP_BIN=…: that cesp instead of
#          building the release one)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
if [ -n "${CESP_BIN:-}" ]; then
  cesp="$CESP_BIN"
else
  nice -n 15 cargo build --release -q -p cesp-cli
  cesp="$CARGO_TARGET_DIR/release/cesp"
fi
export HOME="$(mktemp -d)" LC_ALL=C.UTF-8
trap 'rm -rf "$HOME"' EXIT
node benches/room.mjs "$cesp" "${1:-30}" "${2:-40}"
