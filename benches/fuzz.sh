#!/usr/bin/env bash
# Runs every fuzz target of the readers of outside data for SECONDS each (default 600):
#   bash benches/fuzz.sh [SECONDS] [TARGET…]
# Targets: csv_reader, spreadsheet_reader, import_values (the import), score_sheet (sheets
# given back), merged_campaign (copies to merge), verify_pdf (PDFs given to verify).
# Needs cargo-fuzz (installed if missing) and lets the stable toolchain build it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader spreadsheet_reader import_values score_sheet merged_campaign verify_pdf)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
# Seeds made by the app itself: the demo's scoring sheets and its sealed minutes.
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
cargo build -q -p cesp-cli
cesp=./target/debug/cesp
"$cesp" demo "$seeds/demo.cesp" >/dev/null
mkdir -p "$seeds/sheets"
"$cesp" scores "$seeds/demo.cesp" --export-sheets "$seeds/sheets" >/dev/null
# Signed today: the demo's sittings are always over (its story is dated as of today).
"$cesp" seal "$seeds/demo.cesp" --date "$(date +%d/%m/%Y)" --acknowledge "contrat PADHUE non attribué" >/dev/null
"$cesp" minutes "$seeds/demo.cesp" --out "$seeds/pv.pdf" >/dev/null
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    score_sheet) cp "$seeds"/sheets/*.xlsx tests/fixtures/sheets/*.xlsx "$corpus/" ;;
    merged_campaign) cp tests/fixtures/campaigns/*.cesp "$corpus/" ;;
    verify_pdf) cp "$seeds/pv.pdf" tests/fixtures/attachments/*.pdf "$corpus/" ;;
    *) cp tests/fixtures/import/* tests/fixtures/*.xlsx "$corpus/" 2>/dev/null || true ;;
  esac
  echo "==> $target for $secs s"
  cargo fuzz run "$target" --fuzz-dir fuzz -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 | tail -4
done
