#!/usr/bin/env bash
# Import benchmark (issue: import candidate spreadsheets): a 100 000-row xlsx with the
# usual columns. Measures, each in its own process with its peak memory:
#   - a bare calamine read of the file (open + every cell),
#   - CESP's preview (read, header detection, mapping, every value checked, matching),
#   - CESP's import committed to a new campaign file,
#   - pandas.read_excel(engine="openpyxl") on the same file, the usual Python way.
# Usage: bash benches/import.sh [ROWS]   (results go, by hand, into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
work="$(mktemp -d)"
file="$work/candidats-$rows.xlsx"

cargo build --release -p cesp-core --examples 2>&1 | tail -1
target/release/examples/gen_candidates "$rows" "$file"
echo "file: $rows rows, $(du -h "$file" | cut -f1)"

python3 -c "import pandas, openpyxl" 2>/dev/null || pip install -q pandas openpyxl

run() { # label, command...
  local label="$1"; shift
  local best="" mem=""
  for i in 1 2 3; do
    /usr/bin/time -f "%M" -o "$work/mem" "$@" > "$work/out"
    local s; s="$(cut -d' ' -f1 "$work/out")"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best="$s"; mem="$(cat "$work/mem")"; fi
  done
  printf "%-34s %8.3f s   peak %6.0f MB   %s\n" "$label" "$best" "$(echo "$mem/1024" | bc -l)" "$(cut -d' ' -f2- "$work/out")"
  echo "$label $best" >> "$work/results"
}

echo "best of 3 runs:"
run "calamine, bare read" target/release/examples/import_bench bare "$file"
run "CESP preview" target/release/examples/import_bench preview "$file"
run "CESP import committed" target/release/examples/import_bench import "$file"
run "pandas.read_excel (openpyxl)" python3 -c "
import time, pandas
t = time.perf_counter()
df = pandas.read_excel('$file', engine='openpyxl')
print(f'{time.perf_counter() - t:.3f} {len(df)} rows')
"
awk '
  /^calamine/ {bare=$NF} /^CESP preview/ {prev=$NF} /^CESP import/ {imp=$NF} /^pandas/ {pd=$NF}
  END {
    printf "preview: %.1fx faster than pandas, %.2fx the bare read\n", pd/prev, prev/bare
    printf "import committed: %.1fx faster than pandas, %.2fx the bare read\n", pd/imp, imp/bare
  }' "$work/results"
rm -rf "$work"
