// `cesp mail` through a REAL SMTP server on 127.0.0.1: tests/mail/smtp-server.py (aiosmtpd,
// Python, shares no code with cesp's lettre), which writes every message it accepts as raw
// bytes (OUT/NNNN.eml) and lists it in OUT/received.jsonl (envelope, TLS or not, the login);
// tests/mail/read-eml.py parses those files with Python's `email` package. The certificates
// are made at run time by tests/mail/make-certs.sh (a test CA, a server certificate for
// localhost and 127.0.0.1, another for autre.example only); cesp checks them against the
// system's trust store through OpenSSL, so SSL_CERT_FILE=<test ca.pem> makes the test CA
// trusted. scripts/setup.sh test installs the tools: aiosmtpd in .tools/venv, openssl.
// Run: node --test tests/mail/mail.test.mjs   (after cargo build --workspace).
// Env: CESP_BIN (default target/debug/cesp), MAIL_VENV (default .tools/venv), MAIL_KEEP=1
// to keep the work folder (campaigns, the messages received: some 50 MB) after the run.
//
// The CLI under test:
//   cesp mail FILE (--convocations | --letters | --missing-pieces | --receipts)
//     [--return-by JJ/MM/AAAA] [--dry-run] [--json] [--yes] [--server HOST:PORT]
//     [--starttls (the default) | --tls | --plain (this machine only)] [--user NAME]
//     [--from ADDRESS] [--from-name NOM]
// the password in CESP_SMTP_PASSWORD. Nothing is sent without --yes when stdin is not a
// terminal (exit 1, as every refusal of cesp; 2 is bad usage). --dry-run --json: {kind, messages: [{candidate, name, to, subject,
// body, attachments: [{name}]}], without_address, invalid_addresses,
// already_sent}. Sending --json: {batch, sent: [{candidate, to, subject}], refused:
// [{candidate, to, answer}], already_sent, stopped}; exit 0, or 1 when something was
// refused or the batch stopped, or 2 (nothing recorded) when the server cannot be reached,
// refuses the login, or its certificate does not match: « Erreur : … » on stderr, or with
// --json {"error": {"code", "message"}} there, as every cesp command does.
//
// The test server (see its docstring): --auth USER:PASSWORD (AUTH PLAIN/LOGIN required
// before MAIL; after STARTTLS when --starttls), --refuse ADDRESS (« 550 5.1.1 Mailbox
// unknown » at RCPT), --drop-after N (the (N+1)th DATA gets the connection closed, then
// every new connection too). cesp (lettre, no connection pool) tries the server once
// (connect, EHLO, STARTTLS, AUTH, QUIT) and then opens one connection per message.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cesp = process.env.CESP_BIN ? resolve(process.env.CESP_BIN) : join(root, "target/debug/cesp");
const venv = process.env.MAIL_VENV ? resolve(process.env.MAIL_VENV) : join(root, ".tools/venv");
const python = join(venv, "bin/python");
const serverPy = join(here, "smtp-server.py");
const readEmlPy = join(here, "read-eml.py");

const USER = "jury-cesp";
const PASSWORD = "Mot-de-passe-2026";
const FROM = "scolarite.cesp@demo-jules-verne.fr";
const FROM_NAME = "Scolarité CESP";
const ACCENT = /[àâäçéèêëîïôöùûüÿœæ]/i;

const work = mkdtempSync(join(tmpdir(), "cesp-mail-"));
const certs = join(work, "certs");
const home = join(work, "home");
mkdirSync(home, { recursive: true });
const env = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  XDG_DATA_HOME: join(home, ".local/share"),
  XDG_CACHE_HOME: join(home, ".cache"),
  CESP_OPERATOR: "Test",
  LC_ALL: "C.UTF-8",
  // The test CA, trusted by OpenSSL's default verify paths (the system's trust store).
  SSL_CERT_FILE: join(certs, "ca.pem"),
};
delete env.CESP_SMTP_PASSWORD;

function run(cmd, args, extraEnv = {}) {
  // stdin: an empty pipe, never a terminal; a command that waits for a prompt fails on time.
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...env, ...extraEnv }, input: "", timeout: 180_000, maxBuffer: 256 << 20 });
  if (r.error && r.error.code !== "ETIMEDOUT") throw new Error(`${cmd} n'a pas pu être lancé : ${r.error.message}`);
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", timedOut: r.error?.code === "ETIMEDOUT" };
}
/** `s`, its beginning and its end when long (an error comes last, after a preview). */
const clip = (s, n = 6000) => (s.length > n ? `${s.slice(0, n / 2)}\n… (${s.length - n} caractères omis) …\n${s.slice(-n / 2)}` : s);
const show = (r) =>
  `code ${r.code}${r.signal ? ` (signal ${r.signal})` : ""}${r.timedOut ? " (arrêté après 180 s)" : ""}\n--- stdout\n${clip(r.stdout)}\n--- stderr\n${clip(r.stderr)}${serverLogs()}`;
function ok(cmd, args, extraEnv) {
  const r = run(cmd, args, extraEnv);
  assert.equal(r.code, 0, `${cmd} ${args.join(" ")} a échoué : ${show(r)}`);
  return r;
}
const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
const nfc = (s) => String(s ?? "").normalize("NFC");
const path = (name) => join(work, name);

/** A fresh demo campaign (60 candidates, interviews planned, lists recorded). */
function campaign(name) {
  const file = path(`${name}.cesp`);
  ok(cesp, ["demo", file]);
  return file;
}
/** The campaign's candidates by id: {name, email, data, shown}. */
function candidates(file) {
  const r = ok(cesp, ["candidates", file, "--json"]);
  const list = JSON.parse(r.stdout);
  return new Map(
    list.map((c) => [c.id, { id: c.id, name: nfc(c.display_name), email: c.data.email ?? null, data: c.data, shown: Object.fromEntries(c.shown.map((s) => [s.field, s.text])) }]),
  );
}
/** A port on 127.0.0.1 where nothing listens (it did a moment ago). */
function closedPort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}
/** JJ/MM/AAAA, `days` from today. */
function dateIn(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
}

// ---------------------------------------------------------------------------------------
// The SMTP server

const servers = new Set();
let serverCount = 0;

/** Starts tests/mail/smtp-server.py: {port, out, log, proc}. Options: auth (default true),
 *  starttls / tls ("server" or "wrong": which certificate), requireStarttls, refuse
 *  (addresses), dropAfter, out (a folder shared with another server). */
async function startServer(o = {}) {
  const n = ++serverCount;
  const out = o.out ?? path(`serveur-${n}`);
  const log = path(`serveur-${n}.log`);
  const args = [serverPy, "--out", out];
  if (o.auth !== false) args.push("--auth", `${USER}:${PASSWORD}`);
  if (o.starttls) args.push("--starttls", join(certs, `${o.starttls}.pem`), join(certs, `${o.starttls}.key`));
  if (o.requireStarttls) args.push("--require-starttls");
  if (o.tls) args.push("--tls", join(certs, `${o.tls}.pem`), join(certs, `${o.tls}.key`));
  for (const a of o.refuse ?? []) args.push("--refuse", a);
  if (o.dropAfter != null) args.push("--drop-after", String(o.dropAfter));
  const fd = openSync(log, "w");
  const proc = spawn(python, args, { stdio: ["ignore", "pipe", fd] });
  closeSync(fd);
  const s = { n, proc, out, log, args, port: null, exited: new Promise((res) => proc.once("exit", (code, signal) => res({ code, signal }))) };
  servers.add(s);
  const logText = () => (existsSync(log) ? readFileSync(log, "utf8") : "");
  s.port = await new Promise((res, rej) => {
    let buf = "";
    const timer = setTimeout(() => rej(new Error(`le serveur SMTP de test n'a pas donné son port en 20 s :\n${logText()}`)), 20_000);
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl < 0 || s.port !== null) return;
      clearTimeout(timer);
      try {
        res(JSON.parse(buf.slice(0, nl)).port);
      } catch (e) {
        rej(new Error(`première ligne du serveur SMTP de test illisible (${e.message}) : ${buf}`));
      }
    });
    s.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rej(new Error(`le serveur SMTP de test s'est arrêté (code ${code}, signal ${signal}) :\n${logText()}`));
    });
  });
  assert.ok(Number.isInteger(s.port) && s.port > 0, `port du serveur SMTP de test : ${s.port}`);
  return s;
}
async function stopServer(s) {
  if (!servers.has(s)) return;
  servers.delete(s);
  if (s.proc.exitCode === null && s.proc.signalCode === null) {
    s.proc.kill("SIGTERM");
    const t = setTimeout(() => s.proc.kill("SIGKILL"), 10_000);
    await s.exited;
    clearTimeout(t);
  }
}
/** The running servers' logs (their stderr), for a failure's message. */
function serverLogs() {
  let text = "";
  for (const s of servers) {
    const log = existsSync(s.log) ? readFileSync(s.log, "utf8").trim() : "";
    const dead = s.proc.exitCode !== null || s.proc.signalCode !== null ? ` — ARRÊTÉ (code ${s.proc.exitCode}, signal ${s.proc.signalCode})` : "";
    if (log || dead) text += `\n--- serveur SMTP de test n° ${s.n} (port ${s.port})${dead}\n${clip(log, 3000)}`;
  }
  return text;
}
/** What the server accepted: the entries of OUT/received.jsonl. */
function received(s) {
  const f = join(s.out ?? s, "received.jsonl");
  if (!existsSync(f)) return [];
  return readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
/** The messages the server accepted, parsed by Python's `email` (read-eml.py). */
function readEml(s) {
  const r = run(python, [readEmlPy, s.out]);
  assert.equal(r.code, 0, `read-eml.py : ${show(r)}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------------------------------
// cesp mail

const KINDS = {
  convocations: { flag: "--convocations", code: "convocations", prefix: "Convocation CESP - " },
  letters: { flag: "--letters", code: "letters", prefix: "Décision CESP - " },
  "missing-pieces": { flag: "--missing-pieces", code: "missing_pieces", prefix: "Pièces manquantes - " },
  receipts: { flag: "--receipts", code: "receipts", prefix: "Accusé de réception - " },
};

/** cesp mail FILE --KIND … [--json]. o: server (from startServer, or {port}), host
 *  (127.0.0.1), security ("--starttls" | "--tls"; default "--plain"), login (default
 *  true: --user and CESP_SMTP_PASSWORD), password, yes (default true unless dryRun),
 *  dryRun, returnBy, json (default true), env. */
function mail(file, kind, o = {}) {
  const args = ["mail", file, KINDS[kind].flag];
  if (o.json ?? true) args.push("--json");
  if (o.returnBy) args.push("--return-by", o.returnBy);
  if (o.dryRun) args.push("--dry-run");
  if (o.yes ?? !o.dryRun) args.push("--yes");
  if (o.server) args.push("--server", `${o.host ?? "127.0.0.1"}:${o.server.port}`, "--from", FROM, "--from-name", FROM_NAME);
  args.push(o.security ?? "--plain");
  const extraEnv = { ...(o.env ?? {}) };
  if (o.login ?? true) {
    args.push("--user", USER);
    extraEnv.CESP_SMTP_PASSWORD = o.password ?? PASSWORD;
  }
  const r = run(cesp, args, extraEnv);
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // asserted by the callers that expect JSON
  }
  return { ...r, json, command: `cesp ${args.join(" ")}` };
}
/** The dry-run's preview (exit 0, JSON, the right kind, the server given but not used). */
function preview(file, kind, server, o = {}) {
  const r = mail(file, kind, { ...o, server, dryRun: true });
  assert.equal(r.code, 0, `${r.command} : ${show(r)}`);
  assert.ok(r.json && Array.isArray(r.json.messages), `--dry-run --json n'écrit pas l'aperçu attendu : ${show(r)}`);
  for (const k of ["without_address", "invalid_addresses", "already_sent"]) assert.ok(Array.isArray(r.json[k]), `« ${k} » manque dans l'aperçu : ${show(r)}`);
  assert.equal(r.json.kind, KINDS[kind].code, show(r));
  return r.json;
}
/** A send with --yes that must end well: exit 0, nothing refused, not stopped. */
function sendsAll(file, kind, server, o = {}) {
  const r = mail(file, kind, { ...o, server });
  assert.equal(r.code, 0, `${r.command} : ${show(r)}`);
  assert.ok(r.json, `--json n'écrit pas de JSON : ${show(r)}`);
  assert.deepEqual(r.json.refused, [], show(r));
  assert.equal(r.json.stopped, null, show(r));
  assert.ok(Array.isArray(r.json.sent), show(r));
  return r.json;
}
/** A refusal of the whole batch: on stderr « Erreur : … » (or, with --json, {"error":
 *  {"code", "message"}}), returns the message; not a crash. Its exit code, 1, is checked by
 *  refusedWhole() at the end of each test, so that the rest is checked even when the code is not. */
function refusedBatch(r) {
  assert.equal(r.signal, null, `${r.command} : arrêté par un signal : ${show(r)}`);
  assert.notEqual(r.code, 0, `${r.command} : accepté : ${show(r)}`);
  assert.notEqual(r.code, 101, `${r.command} : panique : ${show(r)}`);
  let message = null;
  if (r.command.includes(" --json")) {
    try {
      const e = JSON.parse(r.stderr).error;
      if (typeof e?.message === "string") message = `${e.message} [${e.code}]`;
    } catch {
      // told below
    }
    assert.ok(message, `avec --json, pas de {"error": {"message"}} sur la sortie d'erreur : ${show(r)}`);
  } else {
    assert.match(r.stderr, /^Erreur[ \u00a0\u202f]:\s*\S/m, `pas de message « Erreur : … » sur la sortie d'erreur : ${show(r)}`);
    message = r.stderr.trim();
  }
  return message;
}
/** The whole batch refused: exit code 1 like every refusal of cesp (2 is bad usage), and no
 *  report on the standard output (a batch sent in part prints its report, also with 1). */
const refusedWhole = (r) => {
  assert.equal(r.code, 1, `${r.command} : code de sortie 1 attendu (le lot refusé en entier), ${r.code} reçu :\n${r.stderr.trim().split("\n").pop()}`);
  assert.equal(r.stdout.trim(), "", `${r.command} : un compte rendu d'envoi alors que le lot est refusé : ${r.stdout}`);
};

/** The files the app itself writes for KIND (the same command as its print button), by
 *  file name (NFC): {files: Map name → Buffer, dir}. */
let expectedCount = 0;
function appFiles(file, kind, returnBy) {
  const dir = path(`attendus-${++expectedCount}-${kind}`);
  mkdirSync(dir, { recursive: true });
  if (kind === "convocations") ok(cesp, ["convocations", file, "--out", dir]);
  else if (kind === "letters") ok(cesp, ["letters", file, "--out", dir]);
  else if (kind === "missing-pieces") ok(cesp, ["dossier", file, "--letters", dir, ...(returnBy ? ["--return-by", returnBy] : [])]);
  else ok(cesp, ["dossier", file, "--receipts", dir]);
  const files = new Map(readdirSync(dir).map((n) => [nfc(n), readFileSync(join(dir, n))]));
  return { files, dir };
}
/** The candidates (names) the app writes a letter of KIND for: from its file names (not
 *  the batch file that gathers them, « Pièces manquantes - toutes les lettres.pdf »…). */
const BATCH_FILES = new Set(["Convocations CESP - toutes.pdf", "Décisions CESP - toutes les lettres.pdf", "Pièces manquantes - toutes les lettres.pdf", "Accusés de réception - tous.pdf"]);
const letterNames = (app, kind) =>
  [...app.files.keys()]
    .filter((n) => n.startsWith(KINDS[kind].prefix) && n.endsWith(".pdf") && !BATCH_FILES.has(n))
    .map((n) => n.slice(KINDS[kind].prefix.length, -4));

/** An .ics unfolded, as {uid, dtstart, events}. */
function icsEvent(text) {
  const lines = String(text).replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  return {
    uid: lines.find((l) => l.startsWith("UID:")) ?? null,
    dtstart: lines.find((l) => l.startsWith("DTSTART")) ?? null,
    dtend: lines.find((l) => l.startsWith("DTEND")) ?? null,
    events: lines.filter((l) => l === "BEGIN:VEVENT").length,
  };
}

/** The preview's messages, each checked against the campaign and the app's own files. */
function checkPreview(p, kind, app, cands) {
  const seen = new Set();
  for (const m of p.messages) {
    const d = JSON.stringify({ ...m, body: m.body?.slice(0, 300) });
    const c = cands.get(m.candidate);
    assert.ok(c, `candidat ${m.candidate} inconnu : ${d}`);
    assert.ok(!seen.has(m.candidate), `candidat ${m.candidate} deux fois dans l'aperçu`);
    seen.add(m.candidate);
    assert.equal(nfc(m.name), c.name, d);
    assert.equal(m.to, c.email, `l'adresse n'est pas celle du candidat : ${d}`);
    assert.ok(typeof m.subject === "string" && m.subject.trim(), d);
    assert.match(m.subject, ACCENT, `objet sans accent (français attendu) : ${d}`);
    // The text naming the candidate: its own test (« le texte de chaque message nomme… »).
    assert.ok(typeof m.body === "string" && m.body.trim(), d);
    const pdfName = `${KINDS[kind].prefix}${c.name}.pdf`;
    const pdf = m.attachments.find((a) => nfc(a.name) === pdfName);
    assert.ok(pdf, `pas de pièce jointe « ${pdfName} » : ${d}`);
    const bytes = app.files.get(pdfName);
    assert.ok(bytes, `l'application n'écrit pas « ${pdfName} » dans ${app.dir}`);
    // The letter itself is rendered when the message goes: what is delivered is checked
    // byte for byte against this file (checkDelivered).
    if (kind === "convocations") assert.ok(m.attachments.some((a) => /\.ics$/i.test(a.name)), `convocation sans agenda .ics : ${d}`);
  }
}

/** The messages the server received for the preview's messages, each once, each the one
 *  announced: envelope, headers, subject and text, the app's PDF byte for byte, and for a
 *  convocation the candidate's event. */
function checkDelivered(msgs, p, kind, app, { tls, login = true }) {
  const byTo = new Map();
  for (const m of msgs) {
    assert.equal(m.rcpt_tos.length, 1, `un message pour plusieurs destinataires : ${JSON.stringify(m.rcpt_tos)}`);
    const to = m.rcpt_tos[0].toLowerCase();
    assert.ok(!byTo.has(to), `${to} a reçu deux messages (${byTo.get(to)?.file}, ${m.file})`);
    byTo.set(to, m);
  }
  assert.equal(msgs.length, p.messages.length, `${msgs.length} messages reçus, ${p.messages.length} annoncés`);
  const ids = new Set();
  for (const want of p.messages) {
    const got = byTo.get(want.to.toLowerCase());
    assert.ok(got, `rien reçu pour ${want.name} <${want.to}>`);
    const d = `${got.file} (${want.name}) : ${JSON.stringify({ ...got, text: got.text?.slice(0, 300), attachments: got.attachments.map((a) => ({ ...a, text: undefined })) })}`;
    assert.equal(got.mail_from, FROM, `expéditeur de l'enveloppe : ${d}`);
    assert.equal(got.tls, tls, `chiffré : ${got.tls}, attendu ${tls} : ${d}`);
    if (login) assert.equal(got.user, USER, `identifiant : ${d}`);
    assert.deepEqual(got.to_addresses.map((a) => a.toLowerCase()), [want.to.toLowerCase()], `To : ${d}`);
    assert.ok(nfc(got.from).includes(FROM) && nfc(got.from).includes(FROM_NAME), `From : ${got.from} (attendu « ${FROM_NAME} <${FROM}> ») : ${d}`);
    assert.equal(nfc(got.subject), nfc(want.subject), `objet (décodé) : ${d}`);
    assert.match(got.subject, ACCENT, d);
    assert.equal(nfc(got.text).trimEnd(), nfc(want.body).replace(/\r\n/g, "\n").trimEnd(), `le texte reçu n'est pas celui de l'aperçu : ${d}`);
    assert.ok(got.date, `pas d'en-tête Date : ${d}`);
    assert.deepEqual(got.defects, [], `le message n'est pas du MIME correct pour Python : ${d}`);
    const pdfName = `${KINDS[kind].prefix}${nfc(want.name)}.pdf`;
    const pdf = got.attachments.find((a) => nfc(a.filename) === pdfName);
    assert.ok(pdf, `pas de pièce jointe « ${pdfName} » : ${d}`);
    assert.equal(pdf.content_type, "application/pdf", d);
    const bytes = app.files.get(pdfName);
    assert.ok(bytes, `l'application n'écrit pas « ${pdfName} »`);
    assert.equal(pdf.size, bytes.length, `« ${pdfName} » : ${pdf.size} octets reçus, ${bytes.length} écrits par l'application`);
    assert.equal(pdf.sha256, sha256(bytes), `« ${pdfName} » reçu n'est pas, octet pour octet, le PDF que l'application écrit`);
    if (kind === "convocations") {
      const ics = got.attachments.filter((a) => a.content_type === "text/calendar");
      assert.equal(ics.length, 1, `une convocation porte un agenda text/calendar : ${d}`);
      const mine = icsEvent(ics[0].text);
      const appIcs = app.files.get(`Entretien CESP - ${nfc(want.name)}.ics`);
      assert.ok(appIcs, `l'application n'écrit pas « Entretien CESP - ${want.name}.ics »`);
      const theirs = icsEvent(appIcs.toString("utf8"));
      assert.equal(mine.events, 1, `l'agenda joint n'a pas un seul événement : ${ics[0].text}`);
      assert.equal(mine.uid, theirs.uid, `l'agenda joint n'est pas l'entretien du candidat (UID) : ${ics[0].text}`);
      assert.equal(mine.dtstart, theirs.dtstart, `l'agenda joint n'est pas l'entretien du candidat (DTSTART) : ${ics[0].text}`);
      assert.equal(mine.dtend, theirs.dtend, ics[0].text);
    } else {
      assert.equal(got.attachments.length, 1, `une seule pièce jointe attendue : ${d}`);
    }
    ids.add(want.candidate);
  }
  assert.equal(ids.size, p.messages.length);
}

// ---------------------------------------------------------------------------------------

before(() => {
  const missing = [];
  try {
    accessSync(cesp, constants.X_OK);
  } catch {
    missing.push(`${cesp} (construisez-le avec « cargo build --workspace », ou indiquez CESP_BIN)`);
  }
  if (!existsSync(python)) missing.push(`${python} (lancez « bash scripts/setup.sh test », ou indiquez MAIL_VENV)`);
  else {
    const r = run(python, ["-c", "import aiosmtpd; print(aiosmtpd.__version__)"]);
    if (r.code !== 0) missing.push(`aiosmtpd dans ${venv} (lancez « bash scripts/setup.sh test ») : ${r.stderr.trim().split("\n").pop()}`);
  }
  if (spawnSync("sh", ["-c", "command -v openssl"]).status !== 0) missing.push("openssl (paquet Debian openssl)");
  assert.deepEqual(missing, [], `Outils introuvables pour les tests des courriels :\n  ${missing.join("\n  ")}`);
  const help = run(cesp, ["mail", "--help"]);
  assert.equal(help.code, 0, `« cesp mail » n'existe pas dans ${cesp} : ${show(help)}`);
  ok("bash", [join(here, "make-certs.sh"), certs]);
});

afterEach(async () => {
  for (const s of [...servers]) await stopServer(s);
});
after(async () => {
  for (const s of [...servers]) await stopServer(s);
  if (process.env.MAIL_KEEP === "1") console.log(`# dossier de travail gardé : ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

// a) ------------------------------------------------------------------------------------

test("aperçu (--dry-run) des convocations : un message par candidat convoqué qui a une adresse, à son adresse, objet en français, le PDF de « cesp convocations » et son .ics ; rien n'est envoyé", async (t) => {
  const file = campaign("a");
  const cands = candidates(file);
  const srv = await startServer();
  const app = appFiles(file, "convocations");
  const p = preview(file, "convocations", srv);
  const convoked = letterNames(app, "convocations");
  const byName = new Map([...cands.values()].map((c) => [c.name, c]));
  const withAddress = convoked.filter((n) => byName.get(n)?.email);
  t.diagnostic(`${p.messages.length} messages ; ${convoked.length} convocations écrites par l'application, ${withAddress.length} à des candidats qui ont une adresse`);
  assert.ok(convoked.length > 0, "la démo n'a aucun entretien planifié ?");
  assert.equal(p.messages.length, withAddress.length, `un message par candidat convoqué qui a une adresse : ${JSON.stringify(p.messages.map((m) => m.name))}`);
  assert.deepEqual(new Set(p.messages.map((m) => nfc(m.name))), new Set(withAddress));
  assert.deepEqual(
    new Set(p.without_address.map((x) => nfc(x.name))),
    new Set(convoked.filter((n) => !byName.get(n)?.email)),
    `« without_address » : les candidats convoqués sans adresse : ${JSON.stringify(p.without_address)}`,
  );
  assert.deepEqual(p.invalid_addresses, [], JSON.stringify(p.invalid_addresses));
  assert.deepEqual(p.already_sent, [], JSON.stringify(p.already_sent));
  checkPreview(p, "convocations", app, cands);
  t.diagnostic(`objet : ${p.messages[0].subject}`);
  t.diagnostic(`texte : ${JSON.stringify(p.messages[0].body)}`);
  assert.deepEqual(received(srv), [], "--dry-run a envoyé des messages au serveur");
});

test("aperçu (--dry-run) des accusés de réception : 59 messages, le candidat sans adresse listé dans « without_address » ; rien n'est envoyé", async (t) => {
  const file = campaign("a2");
  const cands = candidates(file);
  const srv = await startServer();
  const app = appFiles(file, "receipts");
  const p = preview(file, "receipts", srv);
  const noAddress = [...cands.values()].filter((c) => !c.email);
  t.diagnostic(`${cands.size} candidats, ${noAddress.length} sans adresse (${noAddress.map((c) => c.name).join(", ")}) ; ${p.messages.length} messages`);
  assert.equal(letterNames(app, "receipts").length, cands.size, "l'application écrit un accusé de réception par candidat");
  assert.equal(p.messages.length, cands.size - noAddress.length, `${cands.size - noAddress.length} messages attendus`);
  assert.equal(p.messages.length, 59, "la démo : 60 candidats, 59 avec une adresse");
  assert.deepEqual(
    p.without_address.map((x) => [x.candidate, nfc(x.name)]).sort(),
    noAddress.map((c) => [c.id, c.name]).sort(),
    `« without_address » : ${JSON.stringify(p.without_address)}`,
  );
  checkPreview(p, "receipts", app, cands);
  assert.deepEqual(received(srv), [], "--dry-run a envoyé des messages au serveur");
});

test("le texte de chaque message nomme le candidat (README : « text with the candidate's name »), pour les quatre envois, ailleurs que dans le nom d'une pièce jointe", async (t) => {
  const file = campaign("a3");
  const cands = candidates(file);
  const srv = await startServer();
  const unnamed = [];
  for (const kind of Object.keys(KINDS)) {
    const p = preview(file, kind, srv, kind === "missing-pieces" ? { returnBy: dateIn(20) } : {});
    const bad = p.messages.filter((m) => {
      const c = cands.get(m.candidate);
      let text = nfc(m.body);
      for (const a of m.attachments) text = text.split(nfc(a.name)).join("");
      return !(text.includes(c.data.last_name) || text.toUpperCase().includes(c.data.last_name.toUpperCase()));
    });
    t.diagnostic(`${kind} : ${p.messages.length - bad.length} textes sur ${p.messages.length} nomment le candidat ; ex. ${JSON.stringify(p.messages[0]?.body.split("\n")[0])}`);
    if (bad.length) unnamed.push(`${kind} : ${bad.length} sur ${p.messages.length}, par exemple ${bad[0].name} : ${JSON.stringify(bad[0].body)}`);
  }
  assert.deepEqual(received(srv), []);
  assert.deepEqual(unnamed, [], `des textes ne nomment pas le candidat :\n${unnamed.join("\n")}`);
});

// b) ------------------------------------------------------------------------------------

let deliveredB;

test("convocations en SMTP simple avec AUTH (127.0.0.1) : chacune arrive une fois, objet et texte de l'aperçu, le PDF de « cesp convocations » octet pour octet, l'.ics de l'entretien ; code 0 ; relancé, rien n'est renvoyé", async (t) => {
  const file = campaign("b");
  const cands = candidates(file);
  const srv = await startServer();
  const app = appFiles(file, "convocations");
  const p = preview(file, "convocations", srv);
  checkPreview(p, "convocations", app, cands);
  const started = Date.now();
  const r = sendsAll(file, "convocations", srv);
  t.diagnostic(`${r.sent.length} envoyées en ${Date.now() - started} ms (lot ${r.batch})`);
  assert.ok(Number.isInteger(r.batch) && r.batch > 0, `numéro de lot : ${r.batch}`);
  assert.equal(r.already_sent, 0);
  assert.equal(r.sent.length, p.messages.length);
  const want = new Map(p.messages.map((m) => [m.candidate, m]));
  for (const s of r.sent) {
    const m = want.get(s.candidate);
    assert.ok(m, `envoyé à un candidat absent de l'aperçu : ${JSON.stringify(s)}`);
    assert.equal(s.to, m.to, JSON.stringify(s));
    assert.equal(s.subject, m.subject, JSON.stringify(s));
  }
  assert.equal(new Set(r.sent.map((s) => s.candidate)).size, r.sent.length, "un candidat deux fois dans « sent »");
  deliveredB = readEml(srv);
  checkDelivered(deliveredB, p, "convocations", app, { tls: false });

  const again = sendsAll(file, "convocations", srv);
  assert.deepEqual(again.sent, [], `relancé, le lot renvoie des messages : ${JSON.stringify(again.sent)}`);
  assert.equal(again.already_sent, p.messages.length, `« already_sent » : ${again.already_sent}, attendu ${p.messages.length}`);
  assert.equal(received(srv).length, p.messages.length, "relancé, le serveur a reçu de nouveaux messages");

  const p2 = preview(file, "convocations", srv);
  assert.deepEqual(p2.messages, [], "l'aperçu annonce encore des messages après l'envoi");
  assert.equal(p2.already_sent.length, p.messages.length);
  for (const a of p2.already_sent) assert.equal(a.to, want.get(a.candidate)?.to, `« already_sent » : ${JSON.stringify(a)}`);
});

test("en-têtes des convocations reçues : Date, et un Message-ID unique à chacune (RFC 5322 § 3.6.4 : « SHOULD » ; les filtres anti-spam le regardent)", () => {
  assert.ok(deliveredB?.length, "pas de convocations reçues : voir l'échec du test précédent");
  const missing = deliveredB.filter((m) => !m.message_id).map((m) => m.file);
  assert.deepEqual(missing, [], `${missing.length} messages sur ${deliveredB.length} sans Message-ID`);
  const ids = deliveredB.map((m) => m.message_id);
  assert.equal(new Set(ids).size, ids.length, `Message-ID en double : ${ids.join(" ")}`);
  for (const m of deliveredB) assert.ok(m.date, `${m.file} sans Date`);
});

// c) d) ---------------------------------------------------------------------------------

test("lettres de décision en STARTTLS (obligatoire) avec le certificat de test (localhost, SSL_CERT_FILE=ca.pem) : chiffrées, authentifiées, le PDF de « cesp letters »", async (t) => {
  const file = campaign("c");
  const cands = candidates(file);
  const srv = await startServer({ starttls: "server", requireStarttls: true });
  const app = appFiles(file, "letters");
  const p = preview(file, "letters", srv, { host: "localhost", security: "--starttls" });
  checkPreview(p, "letters", app, cands);
  const r = sendsAll(file, "letters", srv, { host: "localhost", security: "--starttls" });
  t.diagnostic(`${r.sent.length} lettres envoyées`);
  assert.equal(r.sent.length, p.messages.length);
  checkDelivered(readEml(srv), p, "letters", app, { tls: true });
});

test("accusés de réception en TLS implicite (--tls, localhost) : chiffrés, authentifiés, le PDF de « cesp dossier --receipts »", async (t) => {
  const file = campaign("d");
  const cands = candidates(file);
  const srv = await startServer({ tls: "server" });
  const app = appFiles(file, "receipts");
  const p = preview(file, "receipts", srv, { host: "localhost", security: "--tls" });
  checkPreview(p, "receipts", app, cands);
  const r = sendsAll(file, "receipts", srv, { host: "localhost", security: "--tls" });
  t.diagnostic(`${r.sent.length} accusés envoyés`);
  assert.equal(r.sent.length, 59);
  checkDelivered(readEml(srv), p, "receipts", app, { tls: true });
});

test("lettres de pièces manquantes (--return-by) en SMTP simple : le PDF de « cesp dossier --letters --return-by » ; le candidat sans adresse n'est pas envoyé", async (t) => {
  const file = campaign("d2");
  const cands = candidates(file);
  const returnBy = dateIn(20);
  const srv = await startServer();
  const app = appFiles(file, "missing-pieces", returnBy);
  const p = preview(file, "missing-pieces", srv, { returnBy });
  const names = letterNames(app, "missing-pieces");
  const byName = new Map([...cands.values()].map((c) => [c.name, c]));
  t.diagnostic(`${names.length} dossiers incomplets ; ${p.messages.length} messages ; sans adresse : ${JSON.stringify(p.without_address)}`);
  assert.ok(names.length > 0, "la démo n'a aucun dossier incomplet ?");
  assert.equal(p.messages.length, names.filter((n) => byName.get(n)?.email).length);
  assert.deepEqual(new Set(p.without_address.map((x) => nfc(x.name))), new Set(names.filter((n) => !byName.get(n)?.email)));
  checkPreview(p, "missing-pieces", app, cands);
  for (const m of p.messages) assert.ok(m.body.includes(returnBy), `le texte ne donne pas la date de retour ${returnBy} : ${m.body}`);
  const r = sendsAll(file, "missing-pieces", srv, { returnBy });
  assert.equal(r.sent.length, p.messages.length);
  checkDelivered(readEml(srv), p, "missing-pieces", app, { tls: false });
});

// e) ------------------------------------------------------------------------------------

/** Nothing recorded: the preview still announces every message, nothing already sent. */
function nothingRecorded(file, kind, srv, count, o = {}) {
  const p = preview(file, kind, srv, o);
  assert.deepEqual(p.already_sent, [], `un envoi refusé a été enregistré : ${JSON.stringify(p.already_sent)}`);
  assert.equal(p.messages.length, count);
}

test("refus : serveur injoignable (port fermé) → code 2, « Erreur : … » en français, rien d'enregistré ; ensuite, un vrai serveur reçoit tout", async (t) => {
  const file = campaign("e1");
  const port = await closedPort();
  const r = mail(file, "convocations", { server: { port }, json: false });
  const message = refusedBatch(r);
  t.diagnostic(message);
  assert.match(message, ACCENT, `message non français ? ${message}`);
  const srv = await startServer();
  const p = preview(file, "convocations", srv);
  nothingRecorded(file, "convocations", srv, p.messages.length);
  const ok2 = sendsAll(file, "convocations", srv);
  assert.equal(ok2.sent.length, p.messages.length, "après le refus, le lot entier part");
  assert.equal(received(srv).length, p.messages.length);
  refusedWhole(r);
});

test("refus : mauvais mot de passe → code 2, « Erreur : … », rien reçu ni enregistré ; le bon mot de passe ensuite envoie tout", async (t) => {
  const file = campaign("e2");
  const srv = await startServer();
  const p = preview(file, "letters", srv);
  const r = mail(file, "letters", { server: srv, password: "mauvais-mot-de-passe" });
  t.diagnostic(refusedBatch(r));
  assert.deepEqual(received(srv), [], "le serveur a reçu des messages malgré le mauvais mot de passe");
  nothingRecorded(file, "letters", srv, p.messages.length);
  const ok2 = sendsAll(file, "letters", srv);
  assert.equal(ok2.sent.length, p.messages.length);
  refusedWhole(r);
});

test("refus : STARTTLS avec un certificat pour autre.example (l'AC de test reconnue) → code 2, message sur le certificat, rien reçu ni enregistré", async (t) => {
  const file = campaign("e3");
  const srv = await startServer({ starttls: "wrong" });
  const count = preview(file, "convocations", srv, { host: "localhost", security: "--starttls" }).messages.length;
  const r = mail(file, "convocations", { server: srv, host: "localhost", security: "--starttls" });
  const message = refusedBatch(r);
  t.diagnostic(message);
  assert.match(message, /certificat/i, `le message ne parle pas du certificat : ${message}`);
  assert.deepEqual(received(srv), []);
  nothingRecorded(file, "convocations", srv, count, { host: "localhost", security: "--starttls" });
  refusedWhole(r);
});

test("refus : TLS implicite avec un certificat pour autre.example → code 2, message sur le certificat, rien reçu", async (t) => {
  const file = campaign("e3b");
  const srv = await startServer({ tls: "wrong" });
  const r = mail(file, "receipts", { server: srv, host: "localhost", security: "--tls" });
  const message = refusedBatch(r);
  t.diagnostic(message);
  assert.match(message, /certificat/i, `le message ne parle pas du certificat : ${message}`);
  assert.deepEqual(received(srv), []);
  refusedWhole(r);
});

test("refus : le bon certificat, mais une autorité que cet ordinateur ne reconnaît pas (SSL_CERT_FILE sans l'AC de test) → code 2, message sur le certificat, rien reçu", async (t) => {
  const file = campaign("e3c");
  const srv = await startServer({ starttls: "server" });
  const other = existsSync("/etc/ssl/certs/ca-certificates.crt") ? "/etc/ssl/certs/ca-certificates.crt" : path("vide.pem");
  if (!existsSync(other)) writeFileSync(other, "");
  const r = mail(file, "convocations", { server: srv, host: "localhost", security: "--starttls", env: { SSL_CERT_FILE: other } });
  const message = refusedBatch(r);
  t.diagnostic(message);
  assert.match(message, /certificat/i, `le message ne parle pas du certificat : ${message}`);
  assert.deepEqual(received(srv), []);
  refusedWhole(r);
});

test("un destinataire refusé par le serveur (550 5.1.1) : lui seul dans « refused » avec la réponse du serveur, les autres envoyés, code 1 ; relancé, seul le refusé est retenté ; puis il passe", async (t) => {
  const file = campaign("e4");
  const probe = await startServer();
  const p = preview(file, "convocations", probe);
  await stopServer(probe);
  assert.ok(p.messages.length >= 3, "trop peu de convocations dans la démo");
  const victim = p.messages[Math.floor(p.messages.length / 2)];
  t.diagnostic(`refusé : ${victim.name} <${victim.to}>`);
  const srv = await startServer({ refuse: [victim.to] });
  const r = mail(file, "convocations", { server: srv });
  assert.equal(r.code, 1, `code 1 attendu (un refus) : ${show(r)}`);
  assert.ok(r.json, show(r));
  assert.equal(r.json.stopped, null, `le lot s'est arrêté pour un seul refus : ${show(r)}`);
  assert.equal(r.json.refused.length, 1, show(r));
  const [ref] = r.json.refused;
  assert.equal(ref.candidate, victim.candidate, JSON.stringify(ref));
  assert.equal(ref.to, victim.to, JSON.stringify(ref));
  assert.match(ref.answer, /550/, `la réponse du serveur n'est pas rapportée : ${JSON.stringify(ref)}`);
  assert.match(ref.answer, /Mailbox unknown/, `la réponse du serveur n'est pas rapportée : ${JSON.stringify(ref)}`);
  t.diagnostic(`réponse rapportée : ${ref.answer}`);
  assert.equal(r.json.sent.length, p.messages.length - 1, show(r));
  assert.ok(!r.json.sent.some((s) => s.candidate === victim.candidate));
  const got = received(srv);
  assert.equal(got.length, p.messages.length - 1);
  assert.ok(!got.some((m) => m.rcpt_tos.some((a) => a.toLowerCase() === victim.to.toLowerCase())));

  const again = mail(file, "convocations", { server: srv });
  assert.equal(again.code, 1, `relancé (toujours refusé) : code 1 attendu : ${show(again)}`);
  assert.deepEqual(again.json?.sent, [], `relancé, des messages déjà envoyés repartent : ${show(again)}`);
  assert.deepEqual(again.json.refused.map((x) => x.candidate), [victim.candidate], `relancé, seul le refusé est retenté : ${show(again)}`);
  assert.equal(again.json.already_sent, p.messages.length - 1, show(again));
  assert.equal(received(srv).length, p.messages.length - 1, "relancé, le serveur a reçu de nouveaux messages");

  const normal = await startServer();
  const last = sendsAll(file, "convocations", normal);
  assert.deepEqual(last.sent.map((s) => s.candidate), [victim.candidate], `sans refus, seul le refusé part : ${JSON.stringify(last)}`);
  assert.equal(received(normal).length, 1);
  assert.equal(received(normal)[0].rcpt_tos[0].toLowerCase(), victim.to.toLowerCase());
});

test("connexion perdue après 3 messages (--drop-after 3) : code 1, « stopped » en français, exactement 3 enregistrés ; relancé sur un serveur normal, les autres seulement : chacun reçu une fois", async (t) => {
  const file = campaign("e5");
  const srv = await startServer({ dropAfter: 3 });
  const app = appFiles(file, "convocations");
  const p = preview(file, "convocations", srv);
  assert.ok(p.messages.length > 3);
  const r = mail(file, "convocations", { server: srv });
  assert.equal(r.code, 1, `code 1 attendu (lot arrêté) : ${show(r)}`);
  assert.ok(r.json, show(r));
  assert.equal(typeof r.json.stopped, "string", `« stopped » : ${show(r)}`);
  assert.ok(r.json.stopped.trim().length > 10, show(r));
  assert.match(r.json.stopped, ACCENT, `« stopped » n'est pas une phrase en français ? ${r.json.stopped}`);
  t.diagnostic(`stopped : ${r.json.stopped}`);
  assert.equal(r.json.sent.length, 3, `exactement 3 envoyés : ${show(r)}`);
  assert.equal(received(srv).length, 3);
  const sentIds = new Set(r.json.sent.map((s) => s.candidate));
  const p2 = preview(file, "convocations", srv);
  assert.equal(p2.already_sent.length, 3, `exactement 3 enregistrés : ${JSON.stringify(p2.already_sent)}`);
  assert.deepEqual(new Set(p2.already_sent.map((a) => a.candidate)), sentIds);
  assert.equal(p2.messages.length, p.messages.length - 3);
  await stopServer(srv);

  const normal = await startServer();
  const rest = sendsAll(file, "convocations", normal);
  assert.equal(rest.sent.length, p.messages.length - 3, JSON.stringify(rest));
  assert.equal(rest.already_sent, 3);
  assert.ok(!rest.sent.some((s) => sentIds.has(s.candidate)), "relancé, un message déjà envoyé repart");
  // Both servers together: every convocation once, each the right one.
  const all = [...readEml(srv), ...readEml(normal)];
  checkDelivered(all, p, "convocations", app, { tls: false });
});

test("sans --yes (stdin n'est pas un terminal) : code 2, « Erreur : … --yes … », rien envoyé ni enregistré", async (t) => {
  const file = campaign("e6");
  const srv = await startServer();
  const count = preview(file, "convocations", srv).messages.length;
  const r = mail(file, "convocations", { server: srv, yes: false, json: false });
  const message = refusedBatch(r);
  assert.match(message, /--yes/, `le message ne dit pas d'ajouter --yes : ${message}`);
  t.diagnostic(message);
  assert.deepEqual(received(srv), [], "envoyé sans confirmation");
  nothingRecorded(file, "convocations", srv, count);
  refusedWhole(r);
});

// f) ------------------------------------------------------------------------------------

test("une adresse invalide dans les données (importée : « ..» dans la partie locale) : listée dans « invalid_addresses » avec un motif en français, jamais envoyée", async (t) => {
  const file = campaign("f");
  const before = candidates(file);
  const app = appFiles(file, "convocations");
  const convoked = new Set(letterNames(app, "convocations"));
  const target = [...before.values()].filter((c) => c.email && convoked.has(c.name)).sort((a, b) => a.id - b.id)[0];
  assert.ok(target, "aucun candidat convoqué avec une adresse");
  const [local, domain] = target.email.split("@");
  const bad = local.includes(".") ? `${local.replace(".", "..")}@${domain}` : `${local}..x@${domain}`;
  const s = target.shown;
  const csv = path("adresse-invalide.csv");
  writeFileSync(
    csv,
    `Nom;Prénom;Date de naissance;N° étudiant;Catégorie;Discipline;Courriel\n${[target.data.last_name, target.data.first_names, s.birth_date, target.data.student_number, s.category, s.discipline, bad].join(";")}\n`,
  );
  ok(cesp, ["import", file, csv, "--prefer-file"]);
  const now = candidates(file).get(target.id);
  assert.equal(now.email, bad, `l'import n'a pas enregistré l'adresse invalide (« ${bad} ») pour ${target.name}`);
  t.diagnostic(`${target.name} (${target.id}) : « ${bad} »`);

  const srv = await startServer();
  const p = preview(file, "convocations", srv);
  assert.equal(p.invalid_addresses.length, 1, `invalid_addresses : ${JSON.stringify(p.invalid_addresses)}`);
  const [inv] = p.invalid_addresses;
  assert.equal(inv.candidate, target.id, JSON.stringify(inv));
  assert.equal(nfc(inv.name), target.name, JSON.stringify(inv));
  assert.equal(inv.address, bad, JSON.stringify(inv));
  assert.ok(typeof inv.reason === "string" && inv.reason.trim(), JSON.stringify(inv));
  assert.match(inv.reason, /adresse/i, `motif en français attendu : ${inv.reason}`);
  t.diagnostic(`motif : ${inv.reason}`);
  assert.ok(!p.messages.some((m) => m.candidate === target.id), "le candidat à l'adresse invalide est dans les messages");

  const r = sendsAll(file, "convocations", srv);
  assert.equal(r.sent.length, p.messages.length);
  assert.ok(!r.sent.some((x) => x.candidate === target.id));
  for (const m of readEml(srv)) {
    assert.ok(!m.rcpt_tos.some((a) => a.toLowerCase() === bad.toLowerCase()), `envoyé à l'adresse invalide : ${m.file}`);
    assert.ok(!m.to_addresses.some((a) => a.toLowerCase() === bad.toLowerCase()), `l'adresse invalide en destinataire : ${m.file} ${m.to}`);
  }
  const again = preview(file, "convocations", srv);
  assert.deepEqual(again.invalid_addresses.map((x) => x.candidate), [target.id], "après l'envoi, l'adresse invalide est toujours signalée");
});
