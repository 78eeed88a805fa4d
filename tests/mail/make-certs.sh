#!/usr/bin/env bash
# Makes, at run time, the certificates of the e-mail tests (nothing secret is kept in the
# repository): a test CA and two server certificates it signs, keys unencrypted (PEM).
#   Usage: tests/mail/make-certs.sh OUTDIR
# Writes in OUTDIR:
#   ca.pem, ca.key          the test CA « AC de test CESP (courriels) », RSA 2048, 10 years
#   server.pem, server.key  RSA 2048, CN localhost, subjectAltName DNS:localhost,
#                           IP:127.0.0.1, extendedKeyUsage serverAuth, valid now for a year
#   wrong.pem, wrong.key    the same but for autre.example only (DNS:autre.example): a
#                           certificate that does not match the server's name
# The tests trust the CA through SSL_CERT_FILE=OUTDIR/ca.pem (OpenSSL's default paths).
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "Usage : $0 DOSSIER" >&2
  exit 2
fi
command -v openssl >/dev/null 2>&1 || {
  echo "openssl est introuvable (paquet Debian openssl : « bash scripts/setup.sh test »)." >&2
  exit 1
}
out="$1"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
org="Université de Picardie Jules Verne"

work="$out/ca-work"
rm -rf "$work"
mkdir -p "$work"

# A configuration of our own: nothing read from the system's openssl.cnf.
cat >"$work/openssl.cnf" <<'EOF'
[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
prompt = no
[ req_dn ]
CN = unused

[ ext_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[ ext_localhost ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ ext_wrong ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:autre.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
export OPENSSL_CONF="$work/openssl.cnf"

rsa_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }

# The CA: self-signed, from now for ten years (client and server are this machine).
rsa_key "$out/ca.key"
openssl req -new -x509 -utf8 -config "$work/openssl.cnf" -key "$out/ca.key" -sha256 \
  -subj "/CN=AC de test CESP (courriels)/O=$org" -extensions ext_ca \
  -days 3650 -set_serial "0x$(openssl rand -hex 8)" -out "$out/ca.pem"

# server NAME CN EXTENSIONS: NAME.key, NAME.pem signed by the CA, valid for a year.
server() {
  local name="$1" cn="$2" ext="$3"
  rsa_key "$out/$name.key"
  openssl req -new -utf8 -config "$work/openssl.cnf" -key "$out/$name.key" \
    -subj "/CN=$cn/O=$org" -out "$work/$name.csr"
  openssl x509 -req -in "$work/$name.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" \
    -set_serial "0x$(openssl rand -hex 8)" -sha256 -days 365 \
    -extfile "$work/openssl.cnf" -extensions "$ext" -out "$out/$name.pem" 2>"$work/$name.log" || {
    cat "$work/$name.log" >&2
    return 1
  }
}

server server localhost ext_localhost
server wrong autre.example ext_wrong

# Checked here, so that a test failing on TLS is never a certificate made wrong.
openssl verify -CAfile "$out/ca.pem" "$out/server.pem" "$out/wrong.pem" >/dev/null
openssl verify -CAfile "$out/ca.pem" -verify_hostname localhost "$out/server.pem" >/dev/null
openssl verify -CAfile "$out/ca.pem" -verify_ip 127.0.0.1 "$out/server.pem" >/dev/null
if openssl verify -CAfile "$out/ca.pem" -verify_hostname localhost "$out/wrong.pem" >/dev/null 2>&1; then
  echo "wrong.pem est accepté pour localhost : il ne devrait pas." >&2
  exit 1
fi
