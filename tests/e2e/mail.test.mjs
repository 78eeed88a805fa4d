// End-to-end test of e-mail in the real window, through a real SMTP server on 127.0.0.1
// (aiosmtpd, tests/e2e/smtp-starttls.py) that offers STARTTLS with a certificate for
// « localhost » made now by a test authority the app is told to trust (SSL_CERT_FILE, read
// by the system's OpenSSL), and refuses anything sent before STARTTLS. The settings refuse
// a bad port at its field, then are saved and a test message arrives; the demo's
// convocations are previewed, sent with their progress, each arriving once at its
// candidate's address with their own PDF; a second batch sends nothing; « Courriels » and
// the candidate's record list them; the missing-pieces letters follow the date typed and
// the letters of those without an address are printed to a PDF.
//
// No account nor password here: the e2e session has no Secret Service (no keyring), so
// the password's way to the keyring is tested by core's own test (tests/keyring), not here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { here, root, work, script, useDriver, launch, shot, waitForExit, giveName, fill } from "./harness.mjs";

// The test authority and the server's certificate for « localhost », made for this run.
const certs = join(work, "smtp-certs");
mkdirSync(certs, { recursive: true });
const openssl = (...args) => execFileSync("openssl", args, { cwd: certs, stdio: ["ignore", "ignore", "pipe"] });
writeFileSync(
  join(certs, "server.ext"),
  "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
);
openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=CESP e2e test authority");
openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
// The app (started by tauri-driver, which gets this environment) trusts the test authority.
process.env.SSL_CERT_FILE = join(certs, "ca.pem");

useDriver();

const python = join(root, ".tools/venv/bin/python");
const inbox = join(work, "smtp-inbox");
const received = join(inbox, "received.jsonl");
let server;
let port;

before(async () => {
  assert.ok(existsSync(python), `install the test tools first (scripts/setup.sh test): ${python}`);
  mkdirSync(inbox, { recursive: true });
  // A little slow on each message: the window's progress can be seen.
  server = spawn(python, [join(here, "smtp-starttls.py"), "--out", inbox, "--cert", join(certs, "server.pem"), "--key", join(certs, "server.key"), "--delay", "0.15"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once("line", resolve);
    server.once("exit", (code) => reject(new Error(`the SMTP server stopped (${code})`)));
  });
  port = JSON.parse(first).port;
});

after(() => {
  server?.kill("SIGTERM");
});

/** The messages the server accepted so far. */
const messages = () =>
  existsSync(received)
    ? readFileSync(received, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

const textOf = async (el) => (await el.getText()).replace(/\u00a0/g, " ");

test("the secretary sets the faculty's server, sends the convocations by e-mail once, and finds them in « Courriels »", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétariat");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    const body = await browser.$("body");
    const nav = await browser.$("nav#sections");

    // Paramètres → Envoi des courriels: a bad port refused at its field.
    await (await nav.$("button=Paramètres")).click();
    const section = await browser.$("section[aria-labelledby='mail-settings-title']");
    await (await browser.$("#mail-host")).waitForDisplayed();
    await browser.execute((e) => e.scrollIntoView({ block: "start" }), section);
    await fill(browser, "mail-host", "localhost");
    await fill(browser, "mail-port", "99999");
    await (await section.$("label*=STARTTLS")).click();
    assert.equal(await (await section.$("input[value='starttls']")).isSelected(), true);
    await fill(browser, "mail-sender-name", "Scolarité — UFR de médecine");
    await fill(browser, "mail-sender-address", "cesp@univ-demo.fr");
    const save = await section.$("button[type=submit]");
    await save.click();
    const portField = await browser.$("#mail-port");
    await browser.waitUntil(async () => (await portField.getAttribute("aria-invalid")) === "true", { timeoutMsg: "the port is refused at its field" });
    assert.match(await textOf(section), /« Port » : « 99999 » n'est pas un numéro de port/);
    assert.equal(await (await browser.$("#mail-host")).getAttribute("aria-invalid"), null);
    assert.equal(await browser.execute(() => document.activeElement?.id), "mail-port");
    await shot(browser, "80-courriels-port-refuse");

    // The right port: saved, then a test message through STARTTLS.
    await fill(browser, "mail-port", String(port));
    await save.click();
    await browser.waitUntil(async () => (await textOf(body)).includes("Réglages d'envoi des courriels enregistrés."), { timeoutMsg: "the settings are saved" });
    assert.equal(await portField.getAttribute("aria-invalid"), null);
    await (await section.$("button=Envoyer un courriel d'essai")).click();
    await browser.waitUntil(async () => (await textOf(section)).includes("Courriel d'essai envoyé à cesp@univ-demo.fr"), {
      timeout: 30000,
      timeoutMsg: "the test message is sent",
    });
    assert.match(await textOf(section), new RegExp(`par localhost:${port} \\(STARTTLS\\) \\(réponse du serveur : 250 2\\.0\\.0 Ok: queued\\)`));
    const test = messages();
    assert.equal(test.length, 1);
    assert.deepEqual(test[0].rcpt_tos, ["cesp@univ-demo.fr"]);
    assert.equal(test[0].subject, "CESP Commission : courriel d'essai");
    assert.equal(test[0].tls, true);
    await browser.execute((e) => e.scrollIntoView({ block: "end" }), section);
    await shot(browser, "81-courriels-essai");
    // The notice is read; it would hide the dialog's buttons in the pictures.
    const toast = await browser.$(".toast button");
    if (await toast.isDisplayed()) await toast.click();
    await browser.execute((e) => e.scrollIntoView({ block: "start" }), section);
    await shot(browser, "81b-courriels-parametres");

    // Entretiens: the convocations previewed, nothing sent yet.
    await (await nav.$("button=Entretiens")).click();
    const send = await browser.$("button*=Envoyer par courriel");
    await send.waitForDisplayed({ timeout: 20000 });
    await send.click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    const heading = await dialog.$("h3*=courriels à envoyer");
    await heading.waitForDisplayed({ timeout: 20000 });
    const count = Number((await heading.getText()).match(/^(\d+) courriels à envoyer$/)?.[1]);
    const rows = await browser.execute(() =>
      [...document.querySelectorAll("[role=dialog] table tbody tr")].map((tr) => ({
        name: tr.querySelector("th")?.textContent?.trim() ?? "",
        to: tr.querySelector("td")?.textContent?.trim() ?? "",
        files: tr.querySelector("td:last-child")?.textContent ?? "",
      })),
    );
    assert.ok(count > 20, `the demo's convocations: ${count}`);
    assert.equal(rows.length, count);
    assert.match(rows[0].to, /^[a-z.-]+@etu\.demo-jules-verne\.fr$/);
    assert.match(rows[0].files, new RegExp(`Convocation CESP - ${rows[0].name}\\.pdf`));
    assert.match(rows[0].files, new RegExp(`Entretien CESP - ${rows[0].name}\\.ics`));
    const dialogText = await textOf(dialog);
    assert.match(dialogText, new RegExp(`Courriel à ${rows[0].name}`));
    assert.match(dialogText, /De : Scolarité — UFR de médecine <cesp@univ-demo\.fr>/);
    assert.match(dialogText, /Vous trouverez ci-joint votre convocation à l'entretien/);
    const confirm = await dialog.$(`button=Envoyer les ${count} courriels`);
    assert.ok(await confirm.isDisplayed());
    assert.equal(messages().length, 1, "nothing is sent before the confirmation");
    await shot(browser, "82-courriels-apercu");

    // Sent: the progress, then the report.
    await confirm.click();
    const bar = await dialog.$("[role=progressbar]");
    await bar.waitForDisplayed();
    await browser.waitUntil(async () => Number(await bar.getAttribute("aria-valuenow")) >= 3, { timeout: 30000, timeoutMsg: "the progress moves" });
    assert.equal(await bar.getAttribute("aria-valuemax"), String(count));
    assert.match(await textOf(dialog), new RegExp(`\\d+ sur ${count}`));
    await shot(browser, "83-courriels-envoi");
    await (await dialog.$("h3=Envoi terminé")).waitForDisplayed({ timeout: 60000 });
    assert.match(await textOf(dialog), new RegExp(`${count} courriels envoyés\\.`));
    await shot(browser, "84-courriels-bilan");

    // Each candidate once, at their address, with their own convocation (a PDF) and calendar.
    const batch = messages().slice(1);
    assert.equal(batch.length, count);
    const byAddress = new Map(rows.map((r) => [r.to, r.name]));
    const seen = new Set();
    for (const m of batch) {
      assert.equal(m.tls, true);
      assert.equal(m.mail_from, "cesp@univ-demo.fr");
      assert.equal(m.rcpt_tos.length, 1);
      const to = m.rcpt_tos[0];
      assert.ok(byAddress.has(to), `${to} was in the preview`);
      assert.ok(!seen.has(to), `${to} got one message`);
      seen.add(to);
      const name = byAddress.get(to);
      const pdf = m.attachments.find((a) => a.name === `Convocation CESP - ${name}.pdf`);
      assert.ok(pdf, `${to}: ${m.attachments.map((a) => a.name).join(", ")}`);
      assert.equal(pdf.type, "application/pdf");
      assert.equal(pdf.pdf, true);
      assert.ok(m.attachments.some((a) => a.name === `Entretien CESP - ${name}.ics` && a.type === "text/calendar"));
      assert.match(m.subject, /^Convocation à l'entretien CESP — /);
    }
    assert.equal(seen.size, count);

    // Again: everything already sent, nothing to send, nothing arrives.
    await (await dialog.$("button=Relancer")).click();
    await (await dialog.$("h3=Aucun courriel à envoyer")).waitForDisplayed({ timeout: 20000 });
    const again = await textOf(dialog);
    assert.equal(again.match(/déjà envoyé le .+? : ne sera pas renvoyé/g)?.length, count);
    assert.equal((await dialog.$$("button*=Envoyer les")).length, 0);
    await shot(browser, "85-courriels-deja-envoyes");
    await (await dialog.$("button=Fermer")).click();
    await dialog.waitForDisplayed({ reverse: true });
    await browser.pause(1000);
    assert.equal(messages().length, count + 1, "nothing new arrived");

    // « Courriels »: every one, sent.
    await (await nav.$("button=Courriels")).click();
    const table = await browser.$("table.mails");
    await table.waitForDisplayed({ timeout: 20000 });
    const lines = await table.$$("tbody tr");
    assert.equal(lines.length, count);
    assert.match(await textOf(await browser.$("main")), new RegExp(`${count} courriels`));
    const first = await textOf(lines[0]);
    assert.match(first, /Convocation à l.entretien CESP/);
    assert.match(first, /Envoyé/);
    assert.match(first, /250 2\.0\.0 Ok: queued/);
    await shot(browser, "86-courriels-liste");

    // Dossiers: the missing-pieces letters, by a date typed, and the letters to print of
    // those without an address (the file written where the dialog says); nothing sent.
    await (await nav.$("button=Dossiers")).click();
    const letters = await browser.$("section[aria-labelledby='dossier-letters-all']");
    await letters.waitForDisplayed({ timeout: 20000 });
    await browser.execute((e) => e.scrollIntoView({ block: "center" }), letters);
    await (await letters.$("button*=lettres de pièces manquantes")).click();
    const missing = await browser.$("[role=dialog]");
    await (await missing.$("h3*=à envoyer")).waitForDisplayed({ timeout: 20000 });
    const returnBy = await missing.$("input");
    await returnBy.setValue("31/12/2099");
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await textOf(missing)).includes("au plus tard le 31/12/2099"), { timeoutMsg: "the preview follows the date" });
    assert.match(await textOf(missing), /1 candidat n'a pas d'adresse électronique : sa lettre est à imprimer et à poster\./);
    const toPrint = join(work, "Lettres à imprimer.pdf");
    writeFileSync(script, `${toPrint}\n`);
    await (await missing.$("button=Imprimer leurs lettres…")).click();
    await browser.waitUntil(async () => (await textOf(missing)).includes("Lettres à imprimer enregistrées dans"), { timeoutMsg: "the letters to print are written" });
    assert.equal(readFileSync(toPrint).subarray(0, 5).toString(), "%PDF-");
    await shot(browser, "87-courriels-pieces-manquantes");
    await (await missing.$("button=Annuler")).click();
    await missing.waitForDisplayed({ reverse: true });
    assert.equal(messages().length, count + 1, "nothing sent from the dossiers");
    await browser.execute((e) => e.scrollIntoView({ block: "center" }), letters);
    await shot(browser, "88-courriels-dossiers");

    // The candidate's record lists their convocation.
    const name = rows[0].name;
    await (await nav.$("button=Candidats")).click();
    await (await browser.$("#candidate-search")).waitForDisplayed({ timeout: 20000 });
    await fill(browser, "candidate-search", name);
    await (await browser.$(`button[aria-label="Ouvrir la fiche de ${name}"]`)).click();
    const record = await browser.$("section[aria-labelledby='candidate-mails-title']");
    await record.waitForDisplayed();
    await browser.waitUntil(async () => (await textOf(record)).includes("convocation"), { timeoutMsg: "the record lists the convocation" });
    assert.match(await textOf(record), new RegExp(rows[0].to.replace(/\./g, "\\.")));
    await browser.execute((e) => e.scrollIntoView({ block: "end" }), record);
    await shot(browser, "89-courriels-fiche-candidat");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
