#!/usr/bin/env bash
# E-mail: N convocations (default 200) sent by `cesp mail --convocations --yes` (release
# build) to the test SMTP server of tests/mail (aiosmtpd on 127.0.0.1, STARTTLS with the
# test CA, AUTH required, every message written to disk): the time of the whole command and
# its peak memory (/usr/bin/time -v, « Maximum resident set size »). Goal: under 10 s.
#   Usage: bash benches/mail.sh [N]        (MAIL_BENCH_SECURITY=plain: without TLS;
#          CESP_BIN=…: that cesp instead of building the release one)
# The campaign is made through the CLI alone: the demo (7 members, 2 juries, 36 interviews),
# then N - 36 interns imported from a CSV with an address each, their mandatory pieces
# attached (a one-page PDF), and `cesp schedule --setup` with the demo's organisation over
# more days, which keeps the demo's interviews and plans the others. Needs
# `bash scripts/setup.sh test` (aiosmtpd in .tools/venv, openssl, GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
SECURITY="${MAIL_BENCH_SECURITY:-starttls}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
python=.tools/venv/bin/python
"$python" -c 'import aiosmtpd' 2>/dev/null || {
  echo "aiosmtpd manque dans .tools/venv : lancez « bash scripts/setup.sh test »." >&2
  exit 1
}
if [ ! -x /usr/bin/time ]; then
  sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if apt-get install -y -q time >/dev/null
fi

if [ -n "${CESP_BIN:-}" ]; then
  cesp="$CESP_BIN" # an already built cesp (the script's own check: CESP_BIN=target/debug/cesp)
else
  nice -n 15 cargo build --release -q -p cesp-cli
  cesp="$CARGO_TARGET_DIR/release/cesp"
fi

OUT="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$OUT"
}
trap cleanup EXIT
export HOME="$OUT/home" CESP_OPERATOR="Banc d'essai" LC_ALL=C.UTF-8
mkdir -p "$HOME"
file="$OUT/bench.cesp"

# --- The campaign: N candidates with an interview and an address --------------------------
"$cesp" demo "$file" >/dev/null
count_convocations() {
  rm -rf "$OUT/conv" && mkdir -p "$OUT/conv"
  "$cesp" convocations "$file" --out "$OUT/conv" >/dev/null
  find "$OUT/conv" -name 'Convocation CESP - *.pdf' | wc -l
}
# The demo's organisation over 10 days (2 juries, about 19 interviews each a day): read
# before the import (then the demo's 2 days no longer suffice, and the dry run says so).
"$cesp" schedule "$file" --json --dry-run | python3 -c '
import datetime, json, sys
setup = json.load(sys.stdin)["setup"]
first = setup["days"][0]
start = datetime.datetime.strptime(first["date"], "%d/%m/%Y").date()
days, d = [], start
while len(days) < 10:
    if d.weekday() < 5:
        days.append(dict(first, date=d.strftime("%d/%m/%Y")))
    d += datetime.timedelta(days=1)
setup["days"] = days
json.dump(setup, open(sys.argv[1], "w"), ensure_ascii=False)' "$OUT/organisation.json"
heard=$(count_convocations)
more=$((N - heard))
if [ "$more" -gt 0 ]; then
  # A one-page PDF for the pieces, and the CSV of the new candidates (distinct names).
  python3 - "$OUT" "$more" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
pdf, offsets = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(f"{out}/piece.pdf", "wb").write(pdf)
last = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
        "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
        "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT"]
first = [("Léa", "F"), ("Hugo", "M"), ("Chloé", "F"), ("Louis", "M"), ("Manon", "F"), ("Jules", "M"),
         ("Inès", "F"), ("Gabriel", "M"), ("Zoé", "F"), ("Raphaël", "M")]
rows = ["Nom;Prénom;Sexe;Date de naissance;N° étudiant;Catégorie;Discipline;Année d'études;Courriel"]
for i in range(n):
    ln = f"{last[i % len(last)]}-ESSAI{i // len(last) + 1}"
    fn, sex = first[i % len(first)]
    rows.append(f"{ln};{fn};{sex};{1 + i % 28:02d}/{1 + i % 12:02d}/1999;88{i:07d};Interne;Médecine;"
                f"DES — 1re année;banc.{i:04d}@etu.demo-jules-verne.fr")
open(f"{out}/candidats.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
  "$cesp" import "$file" "$OUT/candidats.csv" >/dev/null
  mapfile -t ids < <("$cesp" candidates "$file" --json |
    python3 -c 'import json, sys; [print(c["id"]) for c in json.load(sys.stdin) if "@etu.demo-jules-verne.fr" in (c["data"]["email"] or "") and c["data"]["email"].startswith("banc.")]')
  [ "${#ids[@]}" -eq "$more" ] || { echo "import : ${#ids[@]} candidats créés, $more attendus" >&2; exit 1; }
  # The mandatory pieces of an intern in medicine: the same for each new candidate.
  mapfile -t pieces < <("$cesp" dossier "$file" "${ids[0]}" --json |
    python3 -c 'import json, sys; [print(p["piece_id"]) for p in json.load(sys.stdin)["pieces"] if p["required"] and p["applies"]]')
  echo "Campagne : démo ($heard entretiens) + $more internes importés, ${#pieces[@]} pièces obligatoires jointes à chacun…"
  for id in "${ids[@]}"; do
    for piece in "${pieces[@]}"; do "$cesp" attach "$file" "$id" "$piece" "$OUT/piece.pdf" >/dev/null; done
  done
  "$cesp" schedule "$file" --setup "$OUT/organisation.json" >/dev/null
fi
heard=$(count_convocations)
[ "$heard" -ge "$N" ] || { echo "$heard convocations après la planification, $N attendues" >&2; exit 1; }

# --- The server ---------------------------------------------------------------------------
bash tests/mail/make-certs.sh "$OUT/certs" >/dev/null
export SSL_CERT_FILE="$OUT/certs/ca.pem" CESP_SMTP_PASSWORD="banc-essai"
server_args=(--out "$OUT/received" --auth "banc:banc-essai")
case "$SECURITY" in
  starttls) server_args+=(--starttls "$OUT/certs/server.pem" "$OUT/certs/server.key" --require-starttls); host=localhost; flag=--starttls ;;
  plain) host=127.0.0.1; flag=--plain ;;
  *) echo "MAIL_BENCH_SECURITY : starttls ou plain" >&2; exit 2 ;;
esac
"$python" tests/mail/smtp-server.py "${server_args[@]}" >"$OUT/server.out" 2>"$OUT/server.log" &
server_pid=$!
for _ in $(seq 100); do [ -s "$OUT/server.out" ] && break; sleep 0.1; done
port=$(python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["port"])' "$OUT/server.out")
mail=("$cesp" mail "$file" --convocations --server "$host:$port" "$flag" --user banc
  --from scolarite.cesp@demo-jules-verne.fr --from-name "Scolarité CESP" --json)
to_send=$("${mail[@]}" --dry-run | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["messages"]))')
[ "$to_send" -eq "$N" ] || { echo "l'aperçu annonce $to_send courriels, $N attendus" >&2; exit 1; }

# --- The measure --------------------------------------------------------------------------
start=$(date +%s.%N)
/usr/bin/time -v -o "$OUT/time.txt" "${mail[@]}" --yes >"$OUT/report.json"
end=$(date +%s.%N)
sent=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(len(r["sent"]))' "$OUT/report.json")
got=$(wc -l <"$OUT/received/received.jsonl")
[ "$sent" -eq "$N" ] && [ "$got" -eq "$N" ] || { echo "envoyés : $sent, reçus : $got, attendus : $N" >&2; exit 1; }
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
size=$(du -sk "$OUT/received" | cut -f1)
LC_ALL=C awk -v s="$start" -v e="$end" -v n="$N" -v mode="$SECURITY" -v kb="$size" 'BEGIN {
  t = e - s
  printf "Courriels : %d convocations envoyées (%s, AUTH, un PDF et un .ics chacune, %.1f Mo reçus) en %.2f s, %.0f ms chacune (objectif : moins de 10 s) %s\n", n, mode, kb / 1024, t, 1000 * t / n, (t < 10 ? "✓" : "✗")
}'
awk -v kb="$rss" 'BEGIN { printf "Courriels : mémoire maximale de cesp mail (RSS) : %.1f Mo\n", kb / 1024 }'
