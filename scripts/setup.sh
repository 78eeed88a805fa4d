#!/usr/bin/env bash
# Installs what CESP Commission needs on Debian 12 (as root or with sudo), only what is
# missing. Usage: scripts/setup.sh [app|test]   ("test" adds the end-to-end test tools).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# perl and make build the OpenSSL that SQLCipher (the campaign file's encryption) links.
packages=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libxdo-dev libssl-dev build-essential pkg-config file fonts-dejavu curl perl make)
if [ "$what" = "test" ]; then
  packages+=(xvfb xauth webkit2gtk-driver dbus-x11 at-spi2-core imagemagick poppler-utils procps)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> Paquets système à installer : ${missing[*]}"
  sudo_if_needed apt-get update -q
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "==> Rust n'est pas installé : installation de rustup (https://rustup.rs)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  echo "Node.js 20.19 ou plus récent est nécessaire (Debian 12 fournit Node 18) : installez-le, par exemple depuis https://nodejs.org, puis relancez ce script." >&2
  exit 1
fi

echo "==> Paquets npm de l'interface"
npm --prefix ui ci --no-audit --no-fund --loglevel=error

if [ "$what" = "test" ]; then
  echo "==> Outils des tests de bout en bout"
  npm --prefix tests/e2e ci --no-audit --no-fund --loglevel=error
  if ! command -v tauri-driver >/dev/null 2>&1; then
    cargo install tauri-driver --version '^2' --locked
  fi
  if ! command -v cargo-deny >/dev/null 2>&1; then
    cargo install cargo-deny --version '^0.20' --locked
  fi
fi
