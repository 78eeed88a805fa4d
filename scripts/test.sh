#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints, Rust tests (with the stale-bindings
# check), svelte-check and vitest, the end-to-end test of the real app under Xvfb, then
# the packages: built once in the release profile, the .deb installed with apt and checked
# as a user meets it (tests/package), then purged.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$PWD/.tools/node/bin:$HOME/.cargo/bin:$PATH"

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

step "Trousseau du système : le mot de passe SMTP (gnome-keyring, Secret Service)"
# A session bus of its own with an unlocked keyring in a temporary folder: the user's own
# keyring is never touched.
dbus-run-session -- bash -c 'export XDG_DATA_HOME="$(mktemp -d)"; echo -n essai | gnome-keyring-daemon --unlock --components=secrets >/dev/null; cargo test -p cesp-core --test keyring -- --ignored'

step "Signatures : validateurs indépendants (pyHanko, pdfsig)"
# target/debug/cesp, just built; pyHanko from .tools/venv (scripts/setup.sh test). The file is
# named: Node 21 and later no longer search a directory given after --test.
node --test tests/signatures/validators.test.mjs

step "Courriels : un vrai serveur SMTP local (aiosmtpd)"
# target/debug/cesp sends through tests/mail/smtp-server.py (aiosmtpd, .tools/venv) on
# 127.0.0.1: plain with AUTH, STARTTLS and TLS with a test CA (SSL_CERT_FILE), refusals.
node --test tests/mail/mail.test.mjs

step "Agendas : une replanification lue par un lecteur indépendant (icalendar)"
# target/debug/cesp plans the demo, writes the convocations, replans after a member drops
# out and writes the amended ones; tests/calendar/calendar_view.py (icalendar, .tools/venv)
# applies both sets of .ics as a calendar application does: each interview once, updated.
node --test tests/calendar/replan.test.mjs

step "Séance connectée : cesp serve par le vrai binaire, arrêt brutal pendant les notes"
# target/debug/cesp serve on 127.0.0.1, its API called with Node's fetch, then killed
# (SIGKILL) while six devices send scores; the file read back with sqlite3.
node --test tests/room/serve.test.mjs

step "Bout en bout : la vraie fenêtre sous Xvfb (tauri-driver + WebKitWebDriver)"
xvfb-run -a -s "-screen 0 1366x860x24" npm --prefix tests/e2e test
echo "Captures d'écran : tests/e2e/out/"

step "Paquets : construction (.deb et .rpm, profil release)"
bash scripts/package.sh

step "Paquets : le .deb installé avec apt, ouvert par double-clic sous Xvfb, puis purgé"
xvfb-run -a -s "-screen 0 1366x860x24" dbus-run-session -- node --test tests/package/installed.test.mjs
echo "Captures d'écran : tests/package/out/"
