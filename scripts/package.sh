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
# setup.sh may have installed a current Node.js into .tools/node.
export PATH="$root/.tools/node/bin:$HOME/.cargo/bin:$PATH"

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
# Tauri's CLI wants its config beside the app's Cargo.toml and reads the paths in it from
# there; ours lives at the top (docs/architecture.md). A copy with its paths made relative to
# src-tauri/ is written for the bundler and removed afterwards.
trap 'rm -f src-tauri/tauri.conf.json' EXIT
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync("tauri.conf.json", "utf8"));
  const up = (p) => `../${p}`;
  // The bundler names the packages and the desktop entry after the product: on Linux
  // that is the package name (cesp-commission_X.Y.Z_amd64.deb, cesp-commission.desktop);
  // the menu shows « CESP Commission » from the entry itself.
  c.productName = c.mainBinaryName;
  c.build.frontendDist = up(c.build.frontendDist);
  delete c.build.beforeBuildCommand;
  delete c.build.beforeDevCommand;
  c.bundle.icon = c.bundle.icon.map(up);
  for (const kind of ["deb", "rpm"]) {
    const k = c.bundle.linux[kind];
    k.desktopTemplate = up(k.desktopTemplate);
    for (const dest of Object.keys(k.files)) k.files[dest] = up(k.files[dest]);
  }
  fs.writeFileSync("src-tauri/tauri.conf.json", JSON.stringify(c, null, 2));
'
rm -rf target/release/bundle/deb target/release/bundle/rpm
TAURI_APP_PATH="$root/src-tauri" TAURI_FRONTEND_PATH="$root/ui" ui/node_modules/.bin/tauri bundle --bundles deb,rpm --ci

echo "==> Paquet .deb : dépendances des bibliothèques, responsable, journal des modifications"
# What Debian's own tools add to a package and Tauri's bundler does not: the exact library
# dependencies (dpkg-shlibdeps, as dh_shlibdeps does), a maintainer with an address (the
# packager's DEBFULLNAME and DEBEMAIL, as dch uses them, else the packaged commit's
# author), the changelog of a native package, a description wrapped for apt.
version="$(node -p 'require("./tauri.conf.json").version')"
deb="target/release/bundle/deb/cesp-commission_${version}_amd64.deb"
maintainer="$(git log -1 --format='%an <%ae>' 2>/dev/null || true)"
if [ -n "${DEBEMAIL:-}" ]; then maintainer="${DEBFULLNAME:-CESP Commission} <$DEBEMAIL>"; fi
if [ -z "$maintainer" ]; then
  echo "Indiquez le responsable du paquet : DEBFULLNAME=\"Prénom Nom\" DEBEMAIL=adresse@exemple.fr bash scripts/package.sh" >&2
  exit 1
fi
fix="$(mktemp -d)"
dpkg-deb -R "$deb" "$fix/root"
mkdir -p "$fix/shlibs/debian"
printf 'Source: cesp-commission\n\nPackage: cesp-commission\nArchitecture: any\n' >"$fix/shlibs/debian/control"
shlibs="$(cd "$fix/shlibs" && dpkg-shlibdeps -O -e"$fix/root/usr/bin/cesp-commission" -e"$fix/root/usr/bin/cesp" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || { echo "dpkg-shlibdeps n'a trouvé aucune dépendance." >&2; exit 1; }
commit="$(git rev-parse --short HEAD 2>/dev/null || echo inconnu)"
changed="$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
doc="$fix/root/usr/share/doc/cesp-commission"
printf 'cesp-commission (%s) stable; urgency=medium\n\n  * CESP Commission %s, built from commit %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$commit" "$maintainer" "$changed" | gzip -9n >"$doc/changelog.gz"
node -e '
  const fs = require("fs");
  const [file, maintainer, shlibs] = process.argv.slice(1);
  const fields = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (/^\s/.test(line) && fields.length) fields[fields.length - 1][1] += "\n" + line;
    else if (line) { const i = line.indexOf(":"); fields.push([line.slice(0, i), line.slice(i + 1).trim()]); }
  }
  const extra = ["shared-mime-info", "desktop-file-utils"];
  const out = fields.map(([k, v]) => {
    if (k === "Maintainer") v = maintainer;
    if (k === "Depends") v = [shlibs, ...extra].join(", ");
    if (k === "Description") {
      const [synopsis, ...rest] = v.split("\n");
      const words = rest.join(" ").split(/\s+/).filter(Boolean);
      const lines = [];
      for (const w of words) {
        if (lines.length && (lines[lines.length - 1] + " " + w).length <= 78) lines[lines.length - 1] += " " + w;
        else lines.push(w);
      }
      v = [synopsis, ...lines.map((l) => " " + l)].join("\n");
    }
    return `${k}: ${v}`;
  });
  fs.writeFileSync(file, out.join("\n") + "\n");
' "$fix/root/DEBIAN/control" "$maintainer" "$shlibs"
(cd "$fix/root" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb --root-owner-group -Zxz --build "$fix/root" "$deb" >/dev/null
rm -rf "$fix"

ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
