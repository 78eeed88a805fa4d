#!/usr/bin/env bash
# Makes, at run time, the certificates of the signature tests (nothing secret is kept in
# the repository): a test CA and the members' certificates it signs, each in a PKCS#12
# file with OpenSSL 3's default algorithms (AES-256-CBC, PBKDF2, SHA-256 MAC), the
# passphrase "secret-pv" and the CA's certificate included.
#   Usage: tests/signatures/make-certs.sh OUTDIR
# Writes in OUTDIR: ca.pem, ca.key and
#   lefebvre.p12               RSA 2048, CN "Jean-Marc Lefebvre", valid now
#   marchand.p12               ECDSA P-256, CN "Sophie Marchand", valid now
#   belkacem.p12               RSA 2048, CN "Karim Belkacem", valid now
#   duval-expiree.p12          RSA 2048, CN "Anne-Sophie Duval", expired (2024-01-01 to 2025-01-01)
#   leroy-sans-signature.p12   RSA 2048, CN "Thomas Leroy", keyUsage keyEncipherment only
#   not-a-p12.p12              a text file, not PKCS#12
# Dates are set with `openssl ca -startdate/-enddate` (OpenSSL 3.0's `x509 -req` has no
# -not_before/-not_after).
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "Usage : $0 DOSSIER" >&2
  exit 2
fi
out="$1"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
pass="secret-pv"
org="Université de Picardie Jules Verne"

work="$out/ca-work"
rm -rf "$work"
mkdir -p "$work/certs"
: >"$work/index.txt"
echo 1000 >"$work/serial"

# A configuration of our own: nothing read from the system's openssl.cnf.
cat >"$work/openssl.cnf" <<EOF
[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
prompt = no
[ req_dn ]
CN = unused

[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $work
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir/certs
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
name_opt = ca_default
cert_opt = ca_default
[ policy_any ]
commonName = supplied
organizationName = optional

[ ext_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[ ext_signer ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ ext_no_signature ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
export OPENSSL_CONF="$work/openssl.cnf"

utc() { date -u -d "$1" +%Y%m%d%H%M%SZ; }

rsa_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
ec_key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1"; }

# ca_sign CSR OUT EXTENSIONS START END [-selfsign -keyfile KEY | -cert ca.pem -keyfile ca.key]
ca_sign() {
  local csr="$1" crt="$2" ext="$3" start="$4" end="$5"
  shift 5
  openssl ca -batch -notext -utf8 -preserveDN -rand_serial -config "$work/openssl.cnf" \
    -extensions "$ext" -startdate "$start" -enddate "$end" -in "$csr" -out "$crt" "$@" 2>"$work/ca.log" || {
    cat "$work/ca.log" >&2
    return 1
  }
}

# The CA: self-signed, valid from 2023-01-01 (before the expired member's certificate) for ten years.
rsa_key "$out/ca.key"
openssl req -new -utf8 -config "$work/openssl.cnf" -key "$out/ca.key" \
  -subj "/CN=AC de test CESP/O=$org" -out "$work/ca.csr"
ca_sign "$work/ca.csr" "$out/ca.pem" ext_ca 20230101000000Z "$(utc '+10 years')" \
  -selfsign -keyfile "$out/ca.key"

# member NAME KEYTYPE CN EXTENSIONS START END
member() {
  local name="$1" keytype="$2" cn="$3" ext="$4" start="$5" end="$6"
  local key="$work/$name.key" csr="$work/$name.csr" crt="$work/$name.pem"
  "${keytype}_key" "$key"
  openssl req -new -utf8 -config "$work/openssl.cnf" -key "$key" -subj "/CN=$cn/O=$org" -out "$csr"
  ca_sign "$csr" "$crt" "$ext" "$start" "$end" -cert "$out/ca.pem" -keyfile "$out/ca.key"
  openssl pkcs12 -export -inkey "$key" -in "$crt" -certfile "$out/ca.pem" -name "$cn" \
    -passout "pass:$pass" -out "$out/$name.p12"
}

now_start="$(utc '1 day ago')"
now_end="$(utc '+365 days')"
member lefebvre rsa "Jean-Marc Lefebvre" ext_signer "$now_start" "$now_end"
member marchand ec "Sophie Marchand" ext_signer "$now_start" "$now_end"
member belkacem rsa "Karim Belkacem" ext_signer "$now_start" "$now_end"
member duval-expiree rsa "Anne-Sophie Duval" ext_signer 20240101000000Z 20250101000000Z
member leroy-sans-signature rsa "Thomas Leroy" ext_no_signature "$now_start" "$now_end"

printf 'Ceci est un fichier texte, pas un certificat PKCS#12.\n' >"$out/not-a-p12.p12"
