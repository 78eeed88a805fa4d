#!/usr/bin/env bash
# The members' electronic signatures of the minutes of 1 000 candidates: one signature
# added, each of 7 members signing, and the PDF signed 7 times verified (goal: each under
# 200 ms, the .p12's key derivation excluded). The certificates are made here with the
# openssl command: the test CA of tests/signatures/make-certs.sh, and « Membre 0 » to
# « Membre 6 », the members of the bench's campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
bash tests/signatures/make-certs.sh "$OUT" >/dev/null
for i in 0 1 2 3 4 5 6; do
  openssl req -new -newkey rsa:2048 -nodes -subj "/CN=Membre $i" \
    -keyout "$OUT/m$i.key" -out "$OUT/m$i.csr" 2>/dev/null
  printf 'keyUsage = critical,digitalSignature,nonRepudiation\n' >"$OUT/ext"
  openssl x509 -req -in "$OUT/m$i.csr" -CA "$OUT/ca.pem" -CAkey "$OUT/ca.key" \
    -CAcreateserial -days 30 -sha256 -extfile "$OUT/ext" -out "$OUT/m$i.pem" 2>/dev/null
  openssl pkcs12 -export -inkey "$OUT/m$i.key" -in "$OUT/m$i.pem" -certfile "$OUT/ca.pem" \
    -passout pass:secret-pv -out "$OUT/membre-$i.p12"
done
cargo build --release -q -p cesp-core --example signature_bench
./target/release/examples/signature_bench "$N" "$OUT"
