#!/usr/bin/env bash
# Minutes and decision letters for 1 000 candidates: time and size, and in the same run the
# time LibreOffice (headless) takes to turn a document of the same page count into PDF —
# the « what secretaries do today » baseline. Installs LibreOffice Writer when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
OUT="$(mktemp -d)"
if ! command -v soffice >/dev/null; then
  sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if apt-get install -y -q libreoffice-writer-nogui poppler-utils >/dev/null
fi
cargo build --release -q -p cesp-core --example minutes_bench
./target/release/examples/minutes_bench "$N" "$OUT"
for doc in minutes letters; do
  pages=$(pdfinfo "$OUT/$doc.pdf" | awk '/^Pages:/ {print $2}')
  # The same text, laid out by LibreOffice from a plain document: one page of ours, one
  # page break there, so both documents have the same page count.
  pdftotext -layout "$OUT/$doc.pdf" "$OUT/$doc.txt"
  python3 - "$OUT/$doc.txt" "$OUT/$doc-lo.html" <<'PY'
import html, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("<html><body>")
    for i, p in enumerate(p for p in pages if p.strip()):
        style = ' style="page-break-before: always"' if i else ""
        f.write(f"<pre{style}>{html.escape(p)}</pre>")
    f.write("</body></html>")
PY
  start=$(date +%s.%N)
  soffice --headless --convert-to pdf:writer_pdf_Export --outdir "$OUT/lo" "$OUT/$doc-lo.html" >/dev/null 2>&1
  end=$(date +%s.%N)
  lo_pages=$(pdfinfo "$OUT/lo/$doc-lo.pdf" | awk '/^Pages:/ {print $2}')
  printf '%s: ours %s pages; LibreOffice %s pages in %.2f s (cold start included)\n' \
    "$doc" "$pages" "$lo_pages" "$(echo "$end - $start" | bc)"
done
rm -rf "$OUT"
