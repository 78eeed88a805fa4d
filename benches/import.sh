#!/usr/bin/env bash
# Import benchmark (issue: import candidate spreadsheets): a 100 000-row xlsx with the
# usual columns. Measures, each in its own process with its peak memory:
#   - a bare calamine read of the file (open + every cell), by the Rust crate itself,
#   - the same bare read by python-calamine (the crate's Python binding): the bare read
#     the issue's own figures were taken against,
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

# The Python readers live in a venv of their own (Debian's python3 takes no pip install).
venv=".tools/bench-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pandas, openpyxl, python_calamine" 2>/dev/null ||
  "$venv/bin/pip" install -q pandas openpyxl python-calamine
python="$venv/bin/python"

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
run "python-calamine, bare read" "$python" -c "
import time
from python_calamine import CalamineWorkbook
t = time.perf_counter()
rows = CalamineWorkbook.from_path('$file').get_sheet_by_index(0).to_python()
cells = sum(1 for row in rows for cell in row if cell != '')
print(f'{time.perf_counter() - t:.3f} {cells} cells')
"
run "CESP preview" target/release/examples/import_bench preview "$file"
run "CESP import committed" target/release/examples/import_bench import "$file"
run "pandas.read_excel (openpyxl)" "$python" -c "
import time, pandas
t = time.perf_counter()
df = pandas.read_excel('$file', engine='openpyxl')
print(f'{time.perf_counter() - t:.3f} {len(df)} rows')
"
awk '
  /^calamine/ {bare=$NF} /^python-calamine/ {py=$NF} /^CESP preview/ {prev=$NF}
  /^CESP import/ {imp=$NF} /^pandas/ {pd=$NF}
  END {
    printf "preview: %.1fx faster than pandas, %.2fx the bare read in Rust, %.2fx in Python\n", pd/prev, prev/bare, prev/py
    printf "import committed: %.1fx faster than pandas, %.2fx the bare read in Rust, %.2fx in Python\n", pd/imp, imp/bare, imp/py
  }' "$work/results"
rm -rf "$work"
