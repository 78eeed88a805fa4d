#!/usr/bin/env bash
# Runs every fuzz target of the readers of outside data for SECONDS each (default 600):
#   bash benches/fuzz.sh [SECONDS]
# Needs cargo-fuzz (installed if missing) and lets the stable toolchain build it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
for target in csv_reader spreadsheet_reader import_values; do
  mkdir -p "fuzz/corpus/$target"
  # Seed with the corpus of bad files and a few good ones.
  cp tests/fixtures/import/* tests/fixtures/*.xlsx "fuzz/corpus/$target/" 2>/dev/null || true
  echo "==> $target for $secs s"
  cargo fuzz run "$target" --fuzz-dir fuzz -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 | tail -4
done
