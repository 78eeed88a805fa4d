// The members' PAdES signatures on the sealed minutes, judged by validators that share no
// code with cesp: pyHanko (Python, through tests/signatures/validate.py, which validates
// EVERY signature of the file, and pyHanko's own CLI) and poppler's pdfsig (C++, NSS).
// The certificates are made at run time by tests/signatures/make-certs.sh (a test CA and
// the members' .p12, passphrase "secret-pv"). scripts/setup.sh test installs the tools:
// pyHanko in .tools/venv, poppler-utils (pdfsig), libnss3-tools (certutil), openssl.
// Run: node --test tests/signatures/validators.test.mjs   (after cargo build --workspace;
// Node 21 and later no longer take a directory after --test, so the file is named).
// Env: CESP_BIN (default target/debug/cesp), PYHANKO_VENV (default .tools/venv).
//
// What the validators say, learned on Debian 12 with pyHanko 0.38.0 (CLI 0.6.0) and
// pdfsig 22.12.0, on a sealed PV signed twice with pyHanko itself (marchand, then lefebvre):
//
// pyhanko sign validate --trust ca.pem --trust-replace FILE   (one line per signature, every
// signature; exit 0 when all are valid, 1 and "Error: Validation failed" on stderr otherwise;
// without --trust-replace the OS trust list is added and a deprecation WARNING is logged):
//   Sig-Marchand:<sha256 of the cert>:INTACT:TRUSTED,EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS
//   Sig-Lefebvre:<sha256 of the cert>:INTACT:TRUSTED,UNTOUCHED
// with no trust root: "INTACT:UNTRUSTED,…" and exit 1. --executive-summary prints
// "FIELD:<sha256>:VALID" / ":INVALID"; --pretty-print ends each field with "The signature is
// judged VALID." and says "The signer's certificate is trusted." / "… is untrusted.",
// "The signature is cryptographically sound." / "… unsound.".
// After one byte flipped at a quarter of the sealed PDF (inside a compressed stream, inside
// the signed range of every signature):
//   Sig-Marchand:<sha256>:INVALID
//   Sig-Lefebvre:<sha256>:INVALID          (exit 1)
// validate.py then says intact false, valid TRUE (the CMS signature over the signed
// attributes is still sound: only the document's digest differs), trusted false,
// bottom_line false; coverage and modification_level unchanged.
// Levels seen: the last signature ENTIRE_FILE / NONE; an earlier one ENTIRE_REVISION /
// FORM_FILLING (a later signature added only a signature field) with docmdp_ok true.
// pyHanko requires nonRepudiation in the signer's key usage by default.
//
// pdfsig [-nssdir sql:DIR] FILE  (exit code 0 whether the signatures are valid or not; 2 and
// "File 'X' does not contain any signatures" when there is none), for each signature:
//   Signature #1:
//     - Signature Field Name: Sig-Marchand
//     - Signer Certificate Common Name: Sophie Marchand
//     - Signer full Distinguished Name: O=Université de Picardie Jules Verne,CN=Sophie Marchand
//     - Signing Time: Dec 03 2026 02:02:30
//     - Signing Hash Algorithm: SHA-256
//     - Signature Type: ETSI.CAdES.detached
//     - Signed Ranges: [0 - 103340], [109564 - 110779]
//     - Not total document signed          ("Total document signed" for the last one)
//     - Signature Validation: Signature is Valid.
//     - Certificate Validation: Certificate issuer isn't Trusted.     (no NSS database given)
//     - Certificate Validation: Certificate is Trusted.   (-nssdir with the test CA, trust CT,C,C)
// After the byte flipped: "- Signature Validation: Digest Mismatch." and no "Certificate
// Validation" line at all. Beware: with -no-ocsp this pdfsig says "Certificate Validation:
// Unknown issue with Certificate or corrupted data." for every certificate, trusted or not,
// so it is not given (the test certificates name no OCSP responder: nothing is fetched).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cesp = process.env.CESP_BIN ? resolve(process.env.CESP_BIN) : resolve(here, "../../target/debug/cesp");
const venv = process.env.PYHANKO_VENV ? resolve(process.env.PYHANKO_VENV) : join(root, ".tools/venv");
const python = join(venv, "bin/python");
const pyhanko = join(venv, "bin/pyhanko");

const ACK = "Contrat PADHUE non attribué faute de candidat remplissant les conditions.";
const PASS = "secret-pv";
const work = mkdtempSync(join(tmpdir(), "cesp-signatures-"));
const certs = join(work, "certs");
const nss = join(work, "nss");
const home = join(work, "home");
mkdirSync(home, { recursive: true });
const env = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  XDG_DATA_HOME: join(home, ".local/share"),
  XDG_CACHE_HOME: join(home, ".cache"),
  CESP_OPERATOR: "Test des signatures",
  CESP_P12_PASSPHRASE: PASS,
  LC_ALL: "C.UTF-8",
};

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...env, ...extraEnv }, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd} n'a pas pu être lancé : ${r.error.message}`);
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
const show = (r) => `code ${r.code}${r.signal ? ` (signal ${r.signal})` : ""}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
function ok(cmd, args, extraEnv) {
  const r = run(cmd, args, extraEnv);
  assert.equal(r.code, 0, `${cmd} ${args.join(" ")} a échoué : ${show(r)}`);
  return r;
}
const path = (name) => join(work, name);
const p12 = (name) => join(certs, `${name}.p12`);
/** The file a previous test wrote (its path), or a failure that says so. */
function needFile(file, what) {
  assert.ok(file && existsSync(file), `${what} (${file}) n'existe pas : voir l'échec d'un test précédent`);
  return file;
}
const need = (file, what) => readFileSync(needFile(file, what));

/** A demo campaign, sealed unless told otherwise. */
function campaign(name, { sealed = true } = {}) {
  const file = path(`${name}.cesp`);
  ok(cesp, ["demo", file]);
  if (sealed) ok(cesp, ["seal", file, "--acknowledge", ACK]);
  return file;
}
/** The minutes as `cesp minutes --out` writes them now (the campaign's state, as bytes). */
let minutesCount = 0;
function minutes(file) {
  const out = path(`minutes-${++minutesCount}.pdf`);
  ok(cesp, ["minutes", file, "--out", out]);
  return readFileSync(out);
}
const sign = (file, member, cert, out, extra = [], extraEnv = {}) =>
  run(cesp, ["sign", file, "--member", String(member), "--p12", cert, ...(out ? ["--out", out] : []), ...extra], extraEnv);

/** validate.py: one object per signature (field, signer, intact, valid, trusted, …). */
function pyhankoValidate(pdf) {
  const r = run(python, [join(here, "validate.py"), "--trust", join(certs, "ca.pem"), pdf]);
  assert.ok(r.code === 0 || r.code === 1, `validate.py n'a pas pu lire ${pdf} : ${show(r)}`);
  return r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
/** pyHanko's own CLI: one "FIELD:SHA256:STATUS" line per signature. */
function pyhankoCli(pdf) {
  const r = run(pyhanko, ["sign", "validate", "--trust", join(certs, "ca.pem"), "--trust-replace", pdf]);
  return { code: r.code, lines: r.stdout.split("\n").filter(Boolean), out: show(r) };
}
/** pdfsig with an NSS database that trusts the test CA: one object per signature. */
function pdfsig(pdf) {
  const r = run("pdfsig", ["-nssdir", `sql:${nss}`, pdf]);
  assert.ok(r.code === 0 || r.code === 2, `pdfsig a échoué sur ${pdf} : ${show(r)}`);
  const blocks = r.stdout.split(/^Signature #\d+:\n/m).slice(1);
  const field = (b, label) => (b.match(new RegExp(`- ${label}: (.*)`)) ?? [])[1] ?? null;
  return blocks.map((b) => ({
    field: field(b, "Signature Field Name"),
    cn: field(b, "Signer Certificate Common Name"),
    type: field(b, "Signature Type"),
    validation: field(b, "Signature Validation"),
    certificate: field(b, "Certificate Validation"),
    total: /^\s*- Total document signed$/m.test(b),
    text: b,
  }));
}
function verify(file, pdf) {
  const r = run(cesp, ["verify", file, pdf, "--json"]);
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // asserted by the caller
  }
  return { ...r, json };
}

/** A byte inside the sealed bytes (so in every signature's signed range, never in a
 *  /Contents, which come after): at a quarter of the sealed PDF when that is inside a
 *  stream's data, else in the middle of the next stream's data, so that the file still
 *  parses and only the digests change. */
function flipOffset(pdf, sealedLength) {
  const text = pdf.subarray(0, sealedLength).toString("latin1");
  const start = Math.floor(sealedLength / 4);
  const re = /(?<!end)stream\r?\n/g;
  for (let m; (m = re.exec(text)); ) {
    const from = m.index + m[0].length;
    const to = text.indexOf("endstream", from);
    if (to < 0) break;
    if (to - from < 16) continue;
    if (start >= from + 4 && start < to - 4) return start;
    if (from > start) return from + Math.floor((to - from) / 2);
  }
  assert.fail("aucun flux dans la partie scellée du PDF où modifier un octet");
}

const MEMBERS = { marchand: "Sophie Marchand", belkacem: "Karim Belkacem", lefebvre: "Jean-Marc Lefebvre" };
const ORDER = ["marchand", "belkacem", "lefebvre"];

before(() => {
  const missing = [];
  try {
    accessSync(cesp, constants.X_OK);
  } catch {
    missing.push(`${cesp} (construisez-le avec « cargo build --workspace », ou indiquez CESP_BIN)`);
  }
  if (!existsSync(python) || run(python, ["-c", "import pyhanko, pyhanko_certvalidator"]).code !== 0)
    missing.push(`pyHanko dans ${venv} (lancez « bash scripts/setup.sh test », ou indiquez PYHANKO_VENV)`);
  if (!existsSync(pyhanko)) missing.push(`${pyhanko} (pyhanko-cli : « bash scripts/setup.sh test »)`);
  for (const [tool, pkg] of [["pdfsig", "poppler-utils"], ["certutil", "libnss3-tools"], ["openssl", "openssl"]])
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) missing.push(`${tool} (paquet Debian ${pkg})`);
  assert.deepEqual(missing, [], `Outils introuvables pour les tests des signatures :\n  ${missing.join("\n  ")}`);
  const help = run(cesp, ["sign", "--help"]);
  assert.equal(help.code, 0, `« cesp sign » n'existe pas dans ${cesp} : ${show(help)}`);

  ok("bash", [join(here, "make-certs.sh"), certs]);
  mkdirSync(nss);
  ok("certutil", ["-N", "-d", `sql:${nss}`, "--empty-password"]);
  ok("certutil", ["-A", "-d", `sql:${nss}`, "-n", "AC de test CESP", "-t", "CT,C,C", "-i", join(certs, "ca.pem")]);
  console.log(`fichiers des tests de signature : ${work}`);
});

// ---------------------------------------------------------------------------------------
// Campaign A: sealed, then signed by Marchand (2), Belkacem (3) and the chair Lefebvre (1).

let A;
let sealed; // the sealed PDF's bytes, before any signature
const pv = (n) => path(`pv-${n}.pdf`);

test("campagne A : démo scellée, PV scellé sans signature (pdfsig : aucune signature)", () => {
  A = campaign("A");
  sealed = minutes(A);
  writeFileSync(path("pv-0.pdf"), sealed);
  const r = run("pdfsig", ["-nssdir", `sql:${nss}`, path("pv-0.pdf")]);
  assert.match(r.stdout + r.stderr, /does not contain any signatures/);
  assert.deepEqual(pyhankoValidate(path("pv-0.pdf")), []);
});

for (const [i, who, member, extra] of [
  [1, "marchand", 2, []],
  [2, "belkacem", 3, ["--json"]],
  [3, "lefebvre", 1, []],
]) {
  const label = member === 1 ? "le président Jean-Marc Lefebvre (1) signe en dernier" : `${MEMBERS[who]} (${member}) signe`;
  test(`campagne A : ${label} avec ${who}.p12${extra.length ? " (--json)" : ""} → PV-${i}, mise à jour incrémentale de PV-${i - 1}, identique à « cesp minutes »`, () => {
    assert.ok(A, "la campagne A n'a pas été créée");
    const previous = need(path(`pv-${i - 1}.pdf`), `PV-${i - 1}`);
    const r = sign(A, member, p12(who), pv(i), extra);
    assert.equal(r.code, 0, `cesp sign a refusé : ${show(r)}`);
    if (extra.includes("--json")) assert.doesNotThrow(() => JSON.parse(r.stdout), `--json n'écrit pas du JSON :\n${r.stdout}`);
    const out = need(pv(i), `PV-${i}`);
    assert.ok(out.length > previous.length, "le PDF signé n'est pas plus long que le précédent");
    assert.ok(out.subarray(0, previous.length).equals(previous), `PV-${i} ne commence pas par les octets de PV-${i - 1} : ce n'est pas une mise à jour incrémentale`);
    assert.ok(minutes(A).equals(out), `« cesp minutes --out » n'écrit pas le PDF tel que signé (PV-${i})`);
  });
}

/** Every signature of `pdf`, by pyHanko (validate.py and its CLI) and pdfsig, valid and
 *  trusted, signed by `signers` in order; returns the field names. */
function assertAllValid(pdf, signers) {
  const n = signers.length;
  const py = pyhankoValidate(pdf);
  assert.equal(py.length, n, `pyHanko voit ${py.length} signatures, ${n} attendues :\n${JSON.stringify(py, null, 1)}`);
  py.forEach((s, k) => {
    const d = JSON.stringify(s);
    assert.match(s.signer ?? "", new RegExp(`Common Name: ${MEMBERS[signers[k]]}(,|$)`), `signataire n° ${k + 1} : ${d}`);
    assert.match(s.issuer ?? "", /Common Name: AC de test CESP/, d);
    assert.equal(s.error, null, d);
    assert.equal(s.intact, true, `pyHanko : signature non intacte : ${d}`);
    assert.equal(s.valid, true, `pyHanko : signature non valide : ${d}`);
    assert.equal(s.trusted, true, `pyHanko : certificat non reconnu avec ca.pem : ${d}`);
    assert.equal(s.bottom_line, true, `pyHanko : jugée non valide : ${d}`);
    if (k === n - 1) {
      assert.equal(s.coverage, "ENTIRE_FILE", `la dernière signature ne couvre pas tout le fichier : ${d}`);
    } else {
      assert.equal(s.coverage, "ENTIRE_REVISION", d);
      assert.ok(["LTA_UPDATES", "FORM_FILLING"].includes(s.modification_level), `après la signature n° ${k + 1}, pyHanko voit d'autres modifications que des signatures : ${d}`);
    }
  });
  const fields = py.map((s) => s.field);
  assert.equal(new Set(fields).size, n, `noms de champs non distincts : ${fields}`);

  const cli = pyhankoCli(pdf);
  assert.equal(cli.code, 0, `pyhanko sign validate : ${cli.out}`);
  assert.equal(cli.lines.length, n, cli.out);
  cli.lines.forEach((l, k) =>
    assert.match(l, new RegExp(`^${fields[k].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:[0-9a-f]{64}:INTACT:TRUSTED,(UNTOUCHED|EXTENDED_WITH_(FORM_FILLING|LTA_UPDATES),ACCEPTABLE_MODIFICATIONS)$`), cli.out),
  );

  const ps = pdfsig(pdf);
  assert.equal(ps.length, n, `pdfsig voit ${ps.length} signatures, ${n} attendues`);
  ps.forEach((s, k) => {
    assert.equal(s.field, fields[k], `pdfsig et pyHanko ne nomment pas le même champ :\n${s.text}`);
    assert.equal(s.cn, MEMBERS[signers[k]], s.text);
    assert.equal(s.type, "ETSI.CAdES.detached", `pdfsig : pas une signature PAdES (SubFilter) :\n${s.text}`);
    assert.equal(s.validation, "Signature is Valid.", `pdfsig :\n${s.text}`);
    assert.equal(s.certificate, "Certificate is Trusted.", `pdfsig (NSS avec l'AC de test) :\n${s.text}`);
    assert.equal(s.total, k === n - 1, `pdfsig : « Total document signed » attendu pour la dernière seulement :\n${s.text}`);
  });
  return fields;
}

let fields3;
test("PV-3 : pyHanko (ca.pem seule racine) juge les 3 signatures intactes, valides, de confiance ; pdfsig « Signature is Valid. », « Certificate is Trusted. »", () => {
  fields3 = assertAllValid(needFile(pv(3), "PV-3"), ORDER);
});

test("PV-1 (1 signature) et PV-2 (2 signatures) restent valides pour pyHanko et pdfsig", () => {
  assertAllValid(needFile(pv(1), "PV-1"), ORDER.slice(0, 1));
  assertAllValid(needFile(pv(2), "PV-2"), ORDER.slice(0, 2));
});

test("cesp verify --json de PV-3 : conforme (code 0), pdf_matches, 3 signatures intactes, rien d'autre ajouté après, certificats valides", () => {
  const r = verify(A, needFile(pv(3), "PV-3"));
  assert.ok(r.json, `cesp verify --json n'écrit pas du JSON : ${show(r)}`);
  assert.equal(r.code, 0, `cesp verify : ${show(r)}`);
  const j = r.json;
  assert.equal(j.pdf_matches, true, show(r));
  assert.equal(j.version, 1, show(r));
  assert.equal(typeof j.verdict, "string");
  assert.ok(Array.isArray(j.findings) && j.findings.every((f) => typeof f === "string"), show(r));
  assert.ok(Array.isArray(j.signatures), `pas de tableau « signatures » : ${show(r)}`);
  assert.equal(j.signatures.length, 3, show(r));
  j.signatures.forEach((s, k) => {
    const d = JSON.stringify(s);
    assert.match(s.signer, new RegExp(MEMBERS[ORDER[k]]), `signataire n° ${k + 1} : ${d}`);
    assert.match(s.issuer, /AC de test CESP/, d);
    assert.ok(typeof s.field === "string" && s.field.length > 0, d);
    assert.ok(typeof s.signed_at === "string" && s.signed_at.length > 0, d);
    assert.equal(s.intact, true, d);
    assert.equal(s.unchanged_after, true, d);
    assert.equal(s.certificate_valid, true, d);
    assert.ok(Array.isArray(s.findings) && s.findings.every((f) => typeof f === "string"), d);
  });
});

test("cesp verify --json de PV-3 : « field » est le nom du champ de signature dans le PDF, celui que lisent pyHanko et pdfsig", () => {
  assert.ok(fields3, "pyHanko n'a pas lu les champs de PV-3 : voir l'échec d'un test précédent");
  const r = verify(A, needFile(pv(3), "PV-3"));
  assert.ok(Array.isArray(r.json?.signatures), show(r));
  assert.deepEqual(r.json.signatures.map((s) => s.field), fields3, `cesp verify --json : ${JSON.stringify(r.json.signatures, null, 1)}`);
});

let tampered;
test("PV-3 avec un octet modifié dans la partie scellée (hors /Contents) : pyHanko « INVALID », non intactes ; pdfsig « Digest Mismatch. » ; cesp verify code 1", (t) => {
  const bytes = Buffer.from(need(pv(3), "PV-3"));
  const at = flipOffset(bytes, sealed.length);
  bytes[at] ^= 0x01;
  tampered = path("pv-3-modifie.pdf");
  writeFileSync(tampered, bytes);
  t.diagnostic(`octet modifié : ${at} sur ${bytes.length} (PV scellé : ${sealed.length} octets)`);

  const py = pyhankoValidate(tampered);
  assert.equal(py.length, 3, JSON.stringify(py));
  for (const s of py) {
    assert.equal(s.intact, false, `pyHanko juge intacte une signature du PDF modifié : ${JSON.stringify(s)}`);
    assert.equal(s.bottom_line, false, JSON.stringify(s));
  }
  const cli = pyhankoCli(tampered);
  assert.equal(cli.code, 1, cli.out);
  assert.equal(cli.lines.length, 3, cli.out);
  for (const l of cli.lines) assert.match(l, /:INVALID$/, cli.out);

  const ps = pdfsig(tampered);
  assert.equal(ps.length, 3);
  for (const s of ps) {
    assert.notEqual(s.validation, "Signature is Valid.", `pdfsig juge valide une signature du PDF modifié :\n${s.text}`);
    assert.equal(s.validation, "Digest Mismatch.", s.text);
  }

  const r = verify(A, tampered);
  assert.equal(r.code, 1, `cesp verify accepte le PDF modifié : ${show(r)}`);
});

test("cesp verify --json du PV-3 modifié : pdf_matches false, ses 3 signatures non intactes", () => {
  const r = verify(A, needFile(tampered, "PV-3 modifié"));
  assert.ok(r.json, `cesp verify --json n'écrit pas du JSON : ${show(r)}`);
  assert.equal(r.json.pdf_matches, false, show(r));
  assert.ok(Array.isArray(r.json.signatures), show(r));
  assert.equal(r.json.signatures.length, 3, show(r));
  for (const s of r.json.signatures) assert.equal(s.intact, false, `signature jugée intacte : ${JSON.stringify(s)}`);
});

test("cesp verify de PV-3 avec une autre campagne de démonstration (scellée, ou non) : code 1", () => {
  needFile(pv(3), "PV-3");
  for (const other of [campaign("autre-scellee"), campaign("autre-non-scellee", { sealed: false })]) {
    const r = verify(other, pv(3));
    assert.equal(r.code, 1, `cesp verify accepte le PV d'une autre campagne (${other}) : ${show(r)}`);
  }
});

// ---------------------------------------------------------------------------------------
// Refusals: exit code ≠ 0, « Erreur : … » on stderr, no PDF written, the campaign unchanged
// (its minutes, byte for byte). Campaign B (sealed, signed by Marchand) refuses bad input,
// then still takes a good signature: so the refusals came from the input, not from the
// campaign's state. Campaign E: no one signs after the chair. Campaign C: not sealed.

let refusals = 0;
function refused(t, file, member, cert, extraEnv = {}) {
  assert.ok(file && existsSync(file), "la campagne n'a pas été créée : voir l'échec d'un test précédent");
  const before = minutes(file);
  const out = path(`refus-${++refusals}.pdf`);
  const r = sign(file, member, cert, out, [], extraEnv);
  assert.notEqual(r.code, 0, `cesp sign a accepté : ${show(r)}`);
  assert.equal(r.signal, null, `cesp sign s'est arrêté sur un signal : ${show(r)}`);
  assert.notEqual(r.code, 101, `cesp sign a paniqué : ${show(r)}`);
  assert.match(r.stderr, /^Erreur[ \u00a0\u202f]:\s*\S/, `pas de message « Erreur : … » sur la sortie d'erreur : ${show(r)}`);
  assert.ok(!existsSync(out), `un PDF a été écrit malgré le refus : ${out}`);
  assert.ok(minutes(file).equals(before), "la campagne a changé malgré le refus (« cesp minutes » n'écrit plus le même PDF)");
  t.diagnostic(`code ${r.code} : ${r.stderr.trim().split("\n")[0]}`);
  return r;
}
/** A signature that must be taken: exit 0, the PDF written and valid for pyHanko. */
function signs(file, member, who, out, signers) {
  assert.ok(file && existsSync(file), "la campagne n'a pas été créée : voir l'échec d'un test précédent");
  const r = sign(file, member, p12(who), out);
  assert.equal(r.code, 0, `cesp sign a refusé : ${show(r)}`);
  const py = pyhankoValidate(needFile(out, "le PDF signé"));
  assert.deepEqual(
    py.map((s) => [s.signer?.replace(/^.*Common Name: /, ""), s.bottom_line]),
    signers.map((w) => [MEMBERS[w], true]),
    `pyHanko : ${JSON.stringify(py, null, 1)}`,
  );
}

let B;
test("campagne B : démo scellée, Marchand signe (membre désigné par « Marchand »)", () => {
  B = campaign("B");
  signs(B, "Marchand", "marchand", path("B-1.pdf"), ["marchand"]);
});

test("refus : mauvaise phrase de passe du .p12 (Belkacem, 3)", (t) => {
  refused(t, B, 3, p12("belkacem"), { CESP_P12_PASSPHRASE: "mauvaise-phrase" });
});

test("refus : un fichier qui n'est pas un PKCS#12 (Belkacem, 3)", (t) => {
  refused(t, B, 3, p12("not-a-p12"));
});

test("refus : un certificat expiré (Duval, 4, valide du 01/01/2024 au 01/01/2025)", (t) => {
  refused(t, B, 4, p12("duval-expiree"));
});

test("refus : un certificat sans digitalSignature ni nonRepudiation (Leroy, 6, keyEncipherment seul)", (t) => {
  refused(t, B, 6, p12("leroy-sans-signature"));
});

test("refus : le même membre une seconde fois (« Marchand »)", (t) => {
  refused(t, B, "Marchand", p12("marchand"));
});

test("refus : un certificat au nom d'un autre (Pétrault, 5, avec celui de Karim Belkacem)", (t) => {
  refused(t, B, 5, p12("belkacem"));
});

test("refus : un nom qui ne désigne aucun membre (« Dupont »)", (t) => {
  refused(t, B, "Dupont", p12("belkacem"));
});

test("campagne B : après ces refus, Belkacem (3) signe avec le bon certificat et la bonne phrase de passe", () => {
  signs(B, 3, "belkacem", path("B-2.pdf"), ["marchand", "belkacem"]);
});

test("refus : personne ne signe après le président (campagne E : Marchand, puis le président, puis Belkacem refusé)", (t) => {
  const E = campaign("E");
  signs(E, 2, "marchand", path("E-1.pdf"), ["marchand"]);
  signs(E, 1, "lefebvre", path("E-2.pdf"), ["marchand", "lefebvre"]);
  refused(t, E, 3, p12("belkacem"));
});

test("refus : signer avant que le procès-verbal soit scellé (démo non scellée, Marchand, 2)", (t) => {
  refused(t, campaign("C", { sealed: false }), 2, p12("marchand"));
});
