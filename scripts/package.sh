#!/usr/bin/env bash
# Builds the installable packages of CESP Commission for Linux in the release profile:
# target/release/bundle/deb/cesp-commission_X.Y.Z_amd64.deb and
# target/release/bundle/rpm/cesp-commission-X.Y.Z-1.x86_64.rpm.
# The app and the command line are built once (cargo, release profile); the manual pages,
# shell completions and the copyright file are generated; Tauri's bundler
# (@tauri-apps/cli, locked in ui/package-lock.json) then makes both packages.
# See docs/packaging.md (Windows and macOS included).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bash scripts/setup.sh app
export PATH="$HOME/.cargo/bin:$PATH"
# Node may have been installed by setup.sh from the npm registry.
if [ -d "$root/.tools/node/bin" ]; then export PATH="$root/.tools/node/bin:$PATH"; fi

# The build's date shown in « À propos » is the commit's: the same sources make the same
# packages.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

echo "==> Interface"
npm --prefix ui run build --silent

echo "==> Application et ligne de commande (profil release)"
mkdir -p target
cargo build --release --locked -p cesp-commission -p cesp-cli --bins \
  --message-format=json-render-diagnostics >target/release-build.jsonl

echo "==> Pages de manuel, complétions, licences"
stage=target/release/packaging
rm -rf "$stage"
mkdir -p "$stage"
docs="$(node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  const run = lines.map((l) => JSON.parse(l))
    .filter((m) => m.reason === "build-script-executed" && m.package_id.includes("cesp-cli"))
    .pop();
  if (!run) { console.error("Le script de construction de cesp n’a pas été exécuté."); process.exit(1); }
  console.log(run.out_dir + "/docs");
' target/release-build.jsonl)"
cp -r "$docs/man" "$stage/man"
# Manual pages are compressed, without a time stamp in the gzip header.
gzip -9n "$stage"/man/*.1
cp -r "$docs/completions" "$stage/completions"
node scripts/licenses.mjs >"$stage/copyright"

echo "==> Paquets .deb et .rpm (Tauri)"
rm -rf target/release/bundle/deb target/release/bundle/rpm
ui/node_modules/.bin/tauri bundle --bundles deb,rpm --ci

ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
