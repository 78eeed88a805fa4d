#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, Rust tests (with the stale-bindings
# check), svelte-check and vitest, then the end-to-end test of the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"

step() { echo; echo "==> $*"; }

step "Interface : construction (embarquée dans l'application)"
npm --prefix ui run build --silent

step "Rust : formatage"
cargo fmt --all -- --check

step "Dépendances : cargo deny (licences, versions multiples, interdits, sources)"
cargo deny check --hide-inclusion-graph licenses bans sources

step "Rust : clippy (avertissements refusés)"
cargo clippy --workspace --all-targets -- -D warnings

step "Rust : tests (dont la fraîcheur de ui/src/lib/bindings.ts)"
cargo test --workspace

step "Interface : svelte-check"
npm --prefix ui run check --silent

step "Interface : vitest"
npm --prefix ui test --silent

step "Application : construction"
cargo build --workspace

step "Bout en bout : la vraie fenêtre sous Xvfb (tauri-driver + WebKitWebDriver)"
xvfb-run -a -s "-screen 0 1366x860x24" npm --prefix tests/e2e test
echo "Captures d'écran : tests/e2e/out/"
