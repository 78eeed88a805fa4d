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
# LibreOffice's first start ever writes its user profile (seconds): done once, untimed.
echo "<html><body>warm-up</body></html>" >"$OUT/warm.html"
soffice --headless --convert-to pdf --outdir "$OUT/lo" "$OUT/warm.html" >/dev/null 2>&1 || true
for doc in minutes letters; do
  pages=$(pdfinfo "$OUT/$doc.pdf" | awk '/^Pages:/ {print $2}')
  # The same text (up to 60 lines a page), one ODF page per page of ours, so that both
  # documents have the same page count; LibreOffice lays it out and writes the PDF.
  pdftotext -layout "$OUT/$doc.pdf" "$OUT/$doc.txt"
  python3 - "$OUT/$doc.txt" "$OUT/$doc-lo.fodt" "$OUT/$doc-pages" <<'PY'
import os, sys
from xml.sax.saxutils import escape
pages = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\f") if p.strip()]
head = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
<style:style style:name="L" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="8pt" style:font-name="DejaVu Sans"/></style:style>
<style:style style:name="B" style:family="paragraph" style:parent-style-name="L"><style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties fo:font-size="8pt"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
'''
def write(path, pages):
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        for i, page in enumerate(pages):
            lines = [l.strip() for l in page.split("\n") if l.strip()][:60]
            for j, line in enumerate(lines):
                style = "B" if (i and j == 0) else "L"
                f.write('<text:p text:style-name="' + style + '">' + escape(line[:110]) + "</text:p>\n")
        f.write("</office:text></office:body></office:document>\n")
write(sys.argv[2], pages)
# And each page as a document of its own (a letter is one page).
os.makedirs(sys.argv[3], exist_ok=True)
for i, page in enumerate(pages):
    write(os.path.join(sys.argv[3], "%04d.fodt" % i), [page])
PY
  # Best of 3 like ours; each run starts LibreOffice afresh, as a secretary's export does.
  best=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    soffice --headless --convert-to pdf --outdir "$OUT/lo" "$OUT/$doc-lo.fodt" >/dev/null 2>&1
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  lo_pages=$(pdfinfo "$OUT/lo/$doc-lo.pdf" | awk '/^Pages:/ {print $2}')
  printf '%s: ours %s pages; LibreOffice %s pages, best of 3 %.2f s (start included)\n' \
    "$doc" "$pages" "$lo_pages" "$best"
  if [ "$doc" = letters ]; then
    # Each letter as its own PDF, by LibreOffice's batch mode, 100 files a run (one run
    # of a thousand stops after about 250 files, LibreOffice 7.4).
    start=$(date +%s.%N)
    find "$OUT/$doc-pages" -name '*.fodt' | sort | xargs -n 100 \
      soffice --headless --convert-to pdf --outdir "$OUT/lo-pages" >/dev/null 2>&1
    end=$(date +%s.%N)
    printf 'letters one by one: LibreOffice %s files in %.2f s (runs of 100)\n' \
      "$(ls "$OUT/lo-pages" | wc -l)" "$(echo "$end - $start" | bc)"
  fi
done
rm -rf "$OUT"
