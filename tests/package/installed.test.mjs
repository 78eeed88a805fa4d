// The .deb as a user meets it: installed with apt on this machine, checked by Debian's own
// tools, the command line and its manual from the installed paths, campaign files opened
// by a double-click (the desktop association, through xdg-open) in the installed app
// under Xvfb, then removed with apt purge. Run as root, inside an X server and a D-Bus
// session (scripts/test.sh: xvfb-run + dbus-run-session), after scripts/package.sh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const out = join(here, "out");
mkdirSync(out, { recursive: true });
const debDir = join(root, "target/release/bundle/deb");
const deb = readdirSync(debDir).filter((f) => /^cesp-commission_.*_amd64\.deb$/.test(f)).map((f) => join(debDir, f))[0];

// A user of their own: fresh settings, data and documents folders.
const home = mkdtempSync(join(tmpdir(), "cesp-installed-"));
const docs = join(home, "Documents");
mkdirSync(docs, { recursive: true });
const userEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  XDG_DATA_HOME: join(home, ".local/share"),
  XDG_CACHE_HOME: join(home, ".cache"),
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: userEnv, ...opts });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, stdout: r.stdout ?? "" };
}
function sh(cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  assert.equal(r.code, 0, `${cmd} ${args.join(" ")} a échoué :\n${r.out}`);
  return r.stdout;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) assert.fail(`délai dépassé : ${what}`);
    await sleep(200);
  }
}
const sha = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");
const apps = () =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/exe`) === "/usr/bin/cesp-commission";
      } catch {
        return false;
      }
    });
/** The files a process holds open. */
const openFiles = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return "";
      }
    });
  } catch {
    return [];
  }
};
const windowNames = () => run("xwininfo", ["-root", "-tree"]).out;
const shot = (name) => execFileSync("/usr/bin/import", ["-window", "root", join(out, `${name}.png`)]);
/** A double-click in the file manager: the desktop association opens `file`. */
const doubleClick = (file) => spawn("xdg-open", [file], { env: userEnv, stdio: "ignore", detached: true }).unref();

let installedFiles = [];

before(() => {
  assert.ok(deb, `aucun paquet dans ${debDir} : lancez d'abord bash scripts/package.sh`);
  if (run("dpkg", ["-s", "cesp-commission"]).code === 0) sh("apt-get", ["purge", "-y", "-q", "cesp-commission"], { env: process.env });
  sh("apt-get", ["install", "-y", "-q", "--no-install-recommends", deb], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  installedFiles = sh("dpkg", ["-L", "cesp-commission"]).split("\n").filter((f) => f && existsSync(f) && !readdirSafe(f));
});
function readdirSafe(f) {
  try {
    readdirSync(f);
    return true;
  } catch {
    return false;
  }
}

after(() => {
  for (const pid of apps()) process.kill(Number(pid), "SIGTERM");
});

test("lintian ne signale aucune erreur sur le paquet", () => {
  const r = run("lintian", ["--fail-on", "error", "--no-tag-display-limit", deb], { env: process.env });
  console.log(r.out.trim() || "(lintian : rien à signaler)");
  assert.equal(r.code, 0, r.out);
});

test("l'entrée de menu est valide, dans Éducation et Bureautique, pour les fichiers .cesp", () => {
  const desktop = "/usr/share/applications/cesp-commission.desktop";
  const r = run("desktop-file-validate", [desktop]);
  assert.equal(r.code, 0, r.out);
  // No error and no warning. The one hint it may give is the point of the entry: the app is
  // listed both under « Éducation » and « Bureautique » (two main categories).
  const remarks = r.out.split("\n").filter((l) => l.trim() && !/hint: value "Education;Office;" .* more than one main category/.test(l));
  assert.deepEqual(remarks, [], `desktop-file-validate :\n${r.out}`);
  const entry = readFileSync(desktop, "utf8");
  assert.match(entry, /^Categories=Education;Office;$/m);
  assert.match(entry, /^MimeType=application\/x-cesp;$/m);
  assert.match(entry, /^Exec=cesp-commission %f$/m);
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    assert.ok(existsSync(`/usr/share/icons/hicolor/${size}x${size}/apps/cesp-commission.png`), `icône ${size} px`);
    assert.ok(existsSync(`/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-cesp.png`), `icône de fichier ${size} px`);
  }
  assert.ok(existsSync("/usr/share/icons/hicolor/scalable/apps/cesp-commission.svg"));
});

test("cesp est dans le PATH, avec son manuel et ses complétions", () => {
  assert.equal(sh("sh", ["-c", "command -v cesp"]).trim(), "/usr/bin/cesp");
  const version = JSON.parse(readFileSync(join(root, "tauri.conf.json"), "utf8")).version;
  assert.equal(sh("cesp", ["--version"]).trim(), `cesp ${version}`);
  assert.equal(sh("man", ["-w", "cesp"]).trim(), "/usr/share/man/man1/cesp.1.gz");
  assert.equal(sh("man", ["-w", "cesp-import"]).trim(), "/usr/share/man/man1/cesp-import.1.gz");
  const page = sh("man", ["-P", "cat", "cesp"], { env: { ...userEnv, MANWIDTH: "100", LANG: "C.UTF-8" } });
  assert.match(page, /CESP Commission en ligne de commande/);
  assert.match(page, /import/);
  const complete = sh("bash", ["-c", "source /usr/share/bash-completion/completions/cesp && complete -p cesp"]);
  assert.match(complete, /cesp/);
  assert.ok(existsSync("/usr/share/zsh/vendor-completions/_cesp"));
  assert.ok(existsSync("/usr/share/fish/vendor_completions.d/cesp.fish"));
  const copyright = readFileSync("/usr/share/doc/cesp-commission/copyright", "utf8");
  for (const part of ["EUPL-1.2", "Bitstream-Vera", "SQLCipher", "OpenSSL", "rusqlite", "svelte"]) assert.ok(copyright.includes(part), part);
});

test("le .rpm installe les mêmes fichiers, aux emplacements de Fedora, avec ses dépendances", () => {
  const rpmDir = join(root, "target/release/bundle/rpm");
  const rpm = readdirSync(rpmDir).filter((f) => /^cesp-commission-.*\.x86_64\.rpm$/.test(f)).map((f) => join(rpmDir, f))[0];
  assert.ok(rpm, `aucun .rpm dans ${rpmDir}`);
  const fedora = (f) =>
    f.replace("/usr/share/zsh/vendor-completions/", "/usr/share/zsh/site-functions/").replace("/usr/share/doc/cesp-commission/copyright", "/usr/share/licenses/cesp-commission/copyright");
  const debFiles = sh("dpkg-deb", ["-c", deb])
    .split("\n")
    .filter((l) => l.startsWith("-"))
    .map((l) => l.slice(l.indexOf("./") + 1))
    .filter((f) => f !== "/usr/share/doc/cesp-commission/changelog.gz")
    .map(fedora)
    .sort();
  const rpmFiles = sh("rpm", ["-qpl", rpm]).split("\n").filter(Boolean).sort();
  assert.deepEqual(rpmFiles, debFiles);
  const requires = sh("rpm", ["-qp", "--requires", rpm]);
  for (const need of ["libwebkit2gtk-4.1.so.0()(64bit)", "openssl-libs", "shared-mime-info"]) assert.ok(requires.includes(need), need);
});

const tours = join(docs, "Tours 2026-2027.cesp");
const demo = join(docs, "Démonstration.cesp");

test("cesp fonctionne sans écran : démo, informations, fichier renommé reconnu", () => {
  const noDisplay = { ...userEnv };
  delete noDisplay.DISPLAY;
  delete noDisplay.WAYLAND_DISPLAY;
  sh("cesp", ["demo", demo], { env: noDisplay });
  sh("cesp", ["new", tours, "--ufr", "UFR de médecine de Tours", "--year", "2026-2027", "--city", "Tours", "--quotas", "10,2,8,1,1,0"], {
    env: { ...noDisplay, CESP_OPERATOR: "Claire Dumont, secrétaire" },
  });
  assert.match(sh("cesp", ["info", tours], { env: noDisplay }), /UFR de médecine de Tours/);
  // The file manager's question, answered from the shared MIME database.
  assert.equal(sh("xdg-mime", ["query", "filetype", tours]).trim(), "application/x-cesp");
  const renamed = join(home, "copie sans extension");
  copyFileSync(demo, renamed);
  assert.equal(sh("xdg-mime", ["query", "filetype", renamed]).trim(), "application/x-cesp");
  const other = join(home, "autre.sqlite");
  // Another application's SQLite database is not taken for a campaign.
  sh("sqlite3", [other, "create table notes(texte); insert into notes values ('compte rendu');"]);
  assert.notEqual(sh("xdg-mime", ["query", "filetype", other]).trim(), "application/x-cesp");
  assert.equal(sh("xdg-mime", ["query", "default", "application/x-cesp"]).trim(), "cesp-commission.desktop");
});

test("un double-clic sur une campagne l'ouvre dans l'application installée", async () => {
  const before = Date.now();
  doubleClick(tours);
  const pid = await until("l'application démarre", () => apps()[0]);
  await until("la campagne est ouverte", () => openFiles(pid).includes(tours));
  await until("la campagne est à l'écran (titre de la fenêtre)", () => windowNames().includes("UFR de médecine de Tours — 2026-2027 — CESP Commission"));
  console.log(`double-clic → campagne à l'écran : ${Date.now() - before} ms (premier lancement)`);
  await sleep(800);
  shot("01-double-clic");
  // Nobody has used the app on this machine: it asks who is at the keyboard.
  await sleep(500);
  sh("xdotool", ["type", "--delay", "20", "Claire Dumont, secretaire"]);
  sh("xdotool", ["key", "Return"]);
  await until("le nom est retenu", () => {
    const file = join(home, ".config/fr.cesp-commission.app/preferences.json");
    return existsSync(file) && readFileSync(file, "utf8").includes("Claire Dumont, secretaire");
  });
});

test("un second double-clic passe le fichier à la fenêtre déjà ouverte", async () => {
  const [pid] = apps();
  doubleClick(demo);
  await until("la démonstration est ouverte dans la même fenêtre", () => openFiles(pid).includes(demo));
  const title = sh("cesp", ["info", demo]).split("\n")[0];
  await until("la fenêtre porte le titre de la démonstration", () => windowNames().includes(`${title} — CESP Commission`));
  assert.deepEqual(apps(), [pid], "une seule instance");
  assert.ok(!openFiles(pid).includes(tours), "la campagne précédente est fermée");
  await sleep(800);
  shot("02-second-double-clic");
});

test("un fichier qui n'est pas une campagne est refusé en français, sans être modifié", async () => {
  const [pid] = apps();
  const bad = join(docs, "notes.cesp");
  writeFileSync(bad, "Ceci est un compte rendu, pas une campagne.\n");
  const digest = sha(bad);
  doubleClick(bad);
  await sleep(3000);
  assert.deepEqual(apps(), [pid], "l'application est toujours là, une seule");
  assert.equal(sha(bad), digest, "le fichier n'a pas été modifié");
  shot("03-pas-une-campagne");
});

test("une campagne chiffrée ou d'une version plus récente : mêmes messages qu'« Ouvrir », fichier intact", async () => {
  const [pid] = apps();
  const locked = join(docs, "Portable chiffré.cesp");
  sh("cesp", ["new", locked, "--ufr", "UFR d'odontologie de Nantes", "--year", "2026-2027", "--encrypt"], {
    env: { ...userEnv, CESP_NEW_PASSPHRASE: "une phrase de passe bien longue", CESP_OPERATOR: "Claire Dumont" },
  });
  const lockedDigest = sha(locked);
  doubleClick(locked);
  await sleep(3000);
  assert.deepEqual(apps(), [pid]);
  assert.ok(!openFiles(pid).includes(locked), "not opened before its passphrase is given");
  assert.equal(sha(locked), lockedDigest);
  shot("04-campagne-chiffree");
  // Escape closes the passphrase dialog, leaving the window as it was.
  run("xdotool", ["key", "Escape"]);

  const newer = join(docs, "Version future.cesp");
  copyFileSync(demo, newer);
  sh("sqlite3", [newer, "PRAGMA user_version = 999;"]);
  const newerDigest = sha(newer);
  doubleClick(newer);
  await sleep(3000);
  assert.deepEqual(apps(), [pid]);
  assert.equal(sha(newer), newerDigest, "a newer file is never modified");
  shot("05-version-plus-recente");
});

test("une version plus récente du paquet s'installe par-dessus : campagnes, récents, réglages et sauvegardes gardés", async () => {
  for (const pid of apps()) process.kill(Number(pid), "SIGTERM");
  await until("l'application est fermée", () => apps().length === 0);
  const config = join(home, ".config", "fr.cesp-commission.app");
  const kept = [tours, demo, join(config, "recent.json"), join(config, "preferences.json")].filter((f) => existsSync(f));
  assert.ok(kept.includes(join(config, "recent.json")), "the app wrote its recent list");
  const digests = new Map(kept.map((f) => [f, sha(f)]));
  const backups = readdirSync(join(home, ".local/share/fr.cesp-commission.app/sauvegardes"), { recursive: true });
  // The same package, one patch version later.
  const work = mkdtempSync(join(tmpdir(), "cesp-newer-"));
  sh("dpkg-deb", ["-R", deb, join(work, "root")]);
  const control = join(work, "root/DEBIAN/control");
  const version = readFileSync(control, "utf8").match(/^Version: (.*)$/m)[1];
  const next = version.replace(/(\d+)$/, (n) => String(Number(n) + 1));
  writeFileSync(control, readFileSync(control, "utf8").replace(/^Version: .*$/m, `Version: ${next}`));
  const newerDeb = join(work, `cesp-commission_${next}_amd64.deb`);
  sh("dpkg-deb", ["--root-owner-group", "--build", join(work, "root"), newerDeb]);
  sh("apt-get", ["install", "-y", "-q", "--no-install-recommends", newerDeb], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  assert.equal(sh("dpkg-query", ["-W", "-f", "${Version}", "cesp-commission"]), next);
  for (const [f, d] of digests) assert.equal(sha(f), d, `${f} unchanged by the upgrade`);
  assert.deepEqual(readdirSync(join(home, ".local/share/fr.cesp-commission.app/sauvegardes"), { recursive: true }), backups);
  assert.match(sh("cesp", ["info", tours]), /UFR de médecine de Tours/);
});

test("apt purge ne laisse aucun fichier du paquet, et les campagnes de l'utilisateur restent", async () => {
  sh("apt-get", ["purge", "-y", "-q", "cesp-commission"], { env: process.env });
  const left = installedFiles.filter((f) => existsSync(f));
  assert.deepEqual(left, [], `fichiers restés après apt purge : ${left.join(", ")}`);
  assert.ok(existsSync(tours) && existsSync(demo), "les campagnes de l'utilisateur sont intactes");
  assert.ok(readdirSync(join(home, ".local/share")).length > 0, "les sauvegardes de l'utilisateur sont intactes");
});
