#!/usr/bin/env bash
# Sets up, builds and opens CESP Commission on the built-in demo campaign. Without a
# display, says so and runs the headless demo through the `cesp` command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
export PATH="$PWD/.tools/node/bin:$HOME/.cargo/bin:$PATH"

echo "==> Construction de l'interface"
npm --prefix ui run build --silent
echo "==> Construction de l'application"
cargo build --workspace

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> Ouverture de CESP Commission sur la campagne de démonstration"
  exec target/debug/cesp-commission --demo
fi

echo "Aucun écran graphique n'est disponible (ni DISPLAY ni WAYLAND_DISPLAY) :"
echo "démonstration en ligne de commande à la place."
demo_dir="$(mktemp -d)"
demo="$demo_dir/Campagne de démonstration.cesp"
target/debug/cesp demo "$demo"
echo
target/debug/cesp info "$demo"
echo
target/debug/cesp journal "$demo"
echo
echo "Fichier de démonstration : $demo"
