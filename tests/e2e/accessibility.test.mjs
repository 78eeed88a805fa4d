// Accessibility in the real window (docs/accessibility.md, § 1.3 and § 1.5): axe-core's
// WCAG 2.1 A and AA rules run on every screen and every dialog the app shows (the home
// screen and a new campaign with its import and encryption, the demo campaign section by
// section, the connected sitting with the member page in Chromium, e-mail being sent); a
// bad input proves the audit fails as it should; each main screen is checked with the text
// at 200 %, at the width of a 320 px window and with WCAG 1.4.12's text spacing (RGAA 10.4,
// 10.11, 10.12); the code the window holds is validated by the Nu Html Checker (RGAA 8.2).
// What axe cannot decide is printed at the end (« à vérifier à la main »). A11Y_SOFT=1 lists
// every violation without stopping at the first screen, to see them all at once.
// Screenshots go to tests/e2e/out/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync, spawnSync } from "node:child_process";
import { writeFileSync, mkdirSync, copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { here, root, work, script, useDriver, launch, shot, waitForExit, giveName, fill, demoDay, longDate, shortDate } from "./harness.mjs";
import { chromium } from "playwright-core";
import vnu from "vnu-jar";
import { audit, auditPage, forget } from "./axe.mjs";

// The e-mail being sent is audited through a real SMTP server (as mail.test.mjs does): a
// test authority made now, trusted by the app through SSL_CERT_FILE.
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
process.env.SSL_CERT_FILE = join(certs, "ca.pem");

useDriver();

const python = join(root, ".tools/venv/bin/python");
let smtp;
let smtpPort;
before(async () => {
  assert.ok(existsSync(python), `install the test tools first (scripts/setup.sh test): ${python}`);
  const inbox = join(work, "smtp-inbox");
  mkdirSync(inbox, { recursive: true });
  // Slow on each message: the dialog's progress stays on screen long enough to be audited.
  smtp = spawn(python, [join(here, "smtp-starttls.py"), "--out", inbox, "--cert", join(certs, "server.pem"), "--key", join(certs, "server.key"), "--delay", "0.4"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: smtp.stdout }).once("line", resolve);
    smtp.once("exit", (code) => reject(new Error(`the SMTP server stopped (${code})`)));
  });
  smtpPort = JSON.parse(first).port;
});
after(() => {
  smtp?.kill("SIGTERM");
});

const SECRETARY = "Claire Dumont, secrétaire";
const PHRASE = "cèdre lumière vingt falaises";
const campaignFile = join(work, "Campagne Rouen 2026-2027.cesp");

async function nav(browser, label) {
  await (await (await browser.$("nav#sections")).$(`button=${label}`)).click();
}

/** The screen has drawn: nothing « Chargement… » left in the page, and a short pause. */
async function settle(browser) {
  await browser.waitUntil(
    async () => browser.execute(() => ![...document.querySelectorAll("main p, [role=dialog] p")].some((p) => p.textContent.trim() === "Chargement…")),
    { timeout: 20000, timeoutMsg: "the screen is loaded" },
  );
  await browser.pause(250);
}

/** axe-core on the window as it is now, once it has drawn. */
async function check(browser, name, options) {
  await settle(browser);
  if (!process.env.A11Y_SOFT) return audit(browser, name, options);
  try {
    await audit(browser, name, options);
  } catch (e) {
    console.log(`SOFT ${e.message}`);
  }
}

/** The modal dialog open now (the topmost: one may open over another), once shown. */
async function dialog(browser, text) {
  const top = async () => {
    const all = await browser.$$("[role=dialog][aria-modal=true]");
    return all.length > 0 ? all[all.length - 1] : null;
  };
  await browser.waitUntil(
    async () => {
      const d = await top();
      return d !== null && (await d.isDisplayed()) && (!text || (await d.getText()).includes(text));
    },
    { timeout: 20000, timeoutMsg: text ? `a dialog says « ${text} »` : "a dialog is shown" },
  );
  return top();
}

/** Marks the topmost dialog, then waits for it to go (another may show in its place). */
async function closing(browser, act, what) {
  await dialog(browser);
  await browser.execute(() => [...document.querySelectorAll("[role=dialog][aria-modal=true]")].at(-1).setAttribute("data-closing", ""));
  await act();
  await browser.waitUntil(async () => !(await (await browser.$("[data-closing]")).isExisting()), { timeoutMsg: `${what} closes the dialog` });
}

/** Presses a button of the dialog open now (the topmost), and waits for that dialog to go. */
async function leave(browser, label) {
  await closing(browser, async () => (await (await dialog(browser)).$(`button=${label}`)).click(), `« ${label} »`);
}

/** Runs `steps` in a new app window; a failure leaves a picture of the screen behind. */
async function withApp(name, steps) {
  const browser = await launch();
  try {
    await steps(browser);
  } catch (e) {
    await shot(browser, `a11y-echec-${name}`).catch(() => {});
    throw e;
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
}

/** Escape closes the dialog open now (the topmost). */
async function escape(browser) {
  await closing(browser, () => browser.keys("Escape"), "Escape");
}

/** Opens the demo campaign from the home screen. */
async function openDemo(browser) {
  await browser.setWindowRect(0, 0, 1366, 860);
  await giveName(browser, SECRETARY);
  await (await browser.$("button*=campagne de démonstration")).click();
  await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
}

/** The notice at the bottom right, read: out of the way of what is audited next. */
async function dismissToast(browser) {
  const b = await browser.$(".toast button");
  if (await b.isExisting() && (await b.isDisplayed())) await b.click();
}

// The faculty's export: three candidates, one row refused (a date that does not exist).
const header = "NOM;Prénom(s);Date de naissance;N° INE;Année d'études;Courriel;Spécialité envisagée";
const november = [
  header,
  "LEFÈVRE;Zoé;16/01/2001;1234567890A;DFASM2;zoe.lefevre@etu.univ-rouen.fr;Médecine générale",
  "MARTIN;Hugo;03/09/1998;2234567890B;DES de psychiatrie, 2e année;hugo.martin@etu.univ-rouen.fr;Psychiatrie",
  "DUPONT;Léa;21/06/2002;3234567890C;DFASM1;lea.dupont@etu.univ-rouen.fr;Pédiatrie",
  "BERNARD;Inès;31/02/2001;4234567890D;DFASM1;ines.bernard@etu.univ-rouen.fr;Médecine générale",
].join("\r\n");
// December's: Hugo's year of study changes (an update), Zoé's e-mail too while the app
// changed it by hand (a conflict), one more candidate (a creation), Inès still refused.
const december = [
  header,
  "LEFÈVRE;Zoé;16/01/2001;1234567890A;DFASM2;z.lefevre@etu.univ-rouen.fr;Médecine générale",
  "MARTIN;Hugo;03/09/1998;2234567890B;DES de psychiatrie, 3e année;hugo.martin@etu.univ-rouen.fr;Psychiatrie",
  "DUPONT;Léa;21/06/2002;3234567890C;DFASM1;lea.dupont@etu.univ-rouen.fr;Pédiatrie",
  "BERNARD;Inès;31/02/2001;4234567890D;DFASM1;ines.bernard@etu.univ-rouen.fr;Médecine générale",
  "NGUYEN;Minh;11/11/2000;5234567890E;DFASM3;minh.nguyen@etu.univ-rouen.fr;Médecine générale",
].join("\r\n");

test("home screen, new campaign, import, settings and encryption: no axe violation", async () => {
  const novemberFile = join(work, "candidats-novembre.csv");
  const decemberFile = join(work, "candidats-decembre.csv");
  writeFileSync(novemberFile, november);
  writeFileSync(decemberFile, december);
  // Long enough for its reading to be seen (and audited) before the preview.
  const bigFile = join(work, "candidats-gros-fichier.csv");
  const rows = [header];
  for (let i = 0; i < 60000; i++) rows.push(`NOM${i};Prénom;01/01/2000;;DFASM1;nom${i}@etu.univ-rouen.fr;`);
  writeFileSync(bigFile, rows.join("\r\n"));

  await withApp("accueil", async (browser) => {
    await browser.setWindowRect(0, 0, 1366, 860);
    await (await browser.$("#operator-name")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Dialogue « Qui êtes-vous ? »");
    await giveName(browser, SECRETARY);
    await (await browser.$("h1=Bienvenue")).waitForDisplayed();
    await check(browser, "Accueil (aucune campagne récente)");

    await browser.keys("F1");
    await dialog(browser, "Version");
    await check(browser, "Dialogue « À propos »");
    await leave(browser, "Fermer");

    await (await browser.$("button=Réinitialiser la démonstration…")).click();
    await dialog(browser, "Réinitialiser la démonstration");
    await check(browser, "Accueil — confirmation « Réinitialiser la démonstration ? »");
    await leave(browser, "Garder la démonstration");

    await (await browser.$("button=Revoir l'accueil")).click();
    await (await browser.$("h1=Bienvenue dans CESP\u00a0Commission")).waitForDisplayed();
    await check(browser, "Accueil (premier lancement, « Bienvenue dans CESP Commission »)");
    await (await browser.$("button=Retour")).click();

    // The new campaign's form: as it opens, protected by a passphrase, with core's errors,
    // and the question asked before dropping what was typed.
    await (await browser.$("button*=Nouvelle campagne")).click();
    await (await browser.$("#ufr_name")).waitForDisplayed();
    await check(browser, "Nouvelle campagne (formulaire)");
    await (await browser.$("label*=Chiffrer le fichier avec une phrase de passe")).click();
    await (await browser.$("#passphrase")).waitForDisplayed();
    await check(browser, "Nouvelle campagne (protection du fichier)");
    await (await browser.$("label*=Chiffrer le fichier avec une phrase de passe")).click();
    await fill(browser, "ufr_name", "UFR Santé de Rouen");
    await fill(browser, "university", "Université de Rouen Normandie");
    await fill(browser, "city", "Rouen");
    await fill(browser, "academic_year", "2026/27");
    await fill(browser, "quota-student-medicine", "3,x");
    await (await browser.$("button*=Créer et enregistrer")).click();
    await browser.waitUntil(async () => (await (await browser.$("#academic_year")).getAttribute("aria-invalid")) === "true", {
      timeoutMsg: "the errors are shown at their fields",
    });
    await check(browser, "Nouvelle campagne (erreurs affichées)");
    await shot(browser, "a11y-01-nouvelle-campagne-erreurs");
    await (await browser.$("button=Annuler")).click();
    await dialog(browser, "Abandonner la saisie");
    await check(browser, "Nouvelle campagne — confirmation « Abandonner la saisie ? »");
    await leave(browser, "Continuer la saisie");
    await fill(browser, "academic_year", "2026-2027");
    await fill(browser, "quota-student-medicine", "4");
    await fill(browser, "quota-intern-medicine", "2");
    writeFileSync(script, `${campaignFile}\n`);
    await (await browser.$("button*=Créer et enregistrer")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Tableau de bord (nouvelle campagne, sans candidat)");
    await dismissToast(browser);

    await nav(browser, "Candidats");
    await (await browser.$("p*=Aucun candidat")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Candidats (aucun candidat)");

    // The import, at each step.
    await nav(browser, "Importer");
    await (await browser.$("p=Déposez un fichier ici")).waitForDisplayed();
    await check(browser, "Importer — choix du fichier (aucun import)");
    writeFileSync(script, `${bigFile}\n`);
    await (await browser.$("button=Choisir un fichier…")).click();
    const reading = await browser.$(".progress-box");
    await reading.waitForDisplayed({ timeout: 20000 });
    await audit(browser, "Importer — lecture en cours");
    await shot(browser, "a11y-02-import-lecture");
    await (await browser.$("#import-cancel")).click().catch(() => {});
    await browser.waitUntil(async () => !(await reading.isExisting()), { timeout: 60000, timeoutMsg: "the reading ends" });
    // Cancelled, or read to the end: back to the choice of a file.
    if (await (await browser.$("button=Annuler")).isExisting()) await (await browser.$("button=Annuler")).click();
    await (await browser.$("#import-pick")).waitForDisplayed({ timeout: 20000 });

    writeFileSync(script, `${novemberFile}\n`);
    await (await browser.$("#import-pick")).click();
    await (await browser.$("button*=À créer (")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Importer — correspondance des colonnes et aperçu (onglet « À créer »)");
    await shot(browser, "a11y-03-import-apercu");
    await (await browser.$("button*=Rejetées (")).click();
    await check(browser, "Importer — aperçu (onglet « Rejetées »)");
    await (await browser.$("#import-save-template")).click();
    await (await browser.$("#template-name")).waitForDisplayed();
    await check(browser, "Importer — nom de la correspondance");
    await (await (await browser.$("form.inline-form")).$("button=Annuler")).click();
    await (await browser.$("button*=Importer (")).click();
    await (await browser.$("h2=Import terminé")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Importer — résultat");
    await dismissToast(browser);
    await (await browser.$("button=Voir les candidats")).click();
    await (await browser.$("p*=3 candidats")).waitForDisplayed({ timeout: 20000 });

    // Zoé's e-mail corrected in the app: December's file then conflicts with it.
    await (await browser.$("button[aria-label='Ouvrir la fiche de LEFÈVRE Zoé']")).click();
    await fill(browser, "edit-email", "zoe.lefevre@gmail.com");
    await (await browser.$("button=Enregistrer")).click();
    await browser.waitUntil(async () => !(await (await browser.$("#edit-email")).isExisting()), { timeoutMsg: "the record is saved" });

    await nav(browser, "Importer");
    await (await browser.$("#import-pick")).waitForDisplayed();
    await check(browser, "Importer — choix du fichier et historique");
    writeFileSync(script, `${decemberFile}\n`);
    await (await browser.$("#import-pick")).click();
    await (await browser.$("button=Mises à jour (1)")).waitForDisplayed({ timeout: 20000 });
    await (await browser.$("button=Mises à jour (1)")).click();
    await check(browser, "Importer — aperçu (onglet « Mises à jour »)");
    await (await browser.$("button=Conflits (1)")).click();
    await check(browser, "Importer — aperçu (onglet « Conflits »)");
    await shot(browser, "a11y-04-import-conflits");
    await (await browser.$("button*=Importer (")).click();
    await (await browser.$("h2=Import terminé")).waitForDisplayed({ timeout: 20000 });
    await dismissToast(browser);

    // A candidate deleted, then brought back.
    await nav(browser, "Candidats");
    await (await browser.$("input[aria-label='Sélectionner NGUYEN Minh']")).click();
    await (await browser.$("button=Supprimer (1)")).click();
    await dialog(browser, "Supprimer ce candidat");
    await check(browser, "Candidats — confirmation « Supprimer ce candidat ? »");
    await leave(browser, "Supprimer");
    await (await browser.$("#candidates-undo")).waitForDisplayed();
    await check(browser, "Candidats — après suppression (« Annuler la suppression »)");
    await (await browser.$("#candidates-undo")).click();
    await (await browser.$("p*=4 candidats")).waitForDisplayed({ timeout: 20000 });
    await dismissToast(browser);

    // The journal, and the question before undoing an import.
    await nav(browser, "Journal");
    await (await browser.$("button=Annuler cet import")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Journal (nouvelle campagne)");
    await (await browser.$("button=Annuler cet import")).click();
    await dialog(browser, "Annuler cet import");
    await check(browser, "Journal — confirmation « Annuler cet import ? »");
    await leave(browser, "Ne rien changer");

    // The settings: leaving them unsaved asks first, from a section and from « Fermer la
    // campagne ».
    await nav(browser, "Paramètres");
    await (await browser.$("#city")).waitForDisplayed();
    await check(browser, "Paramètres (campagne, envoi des courriels, chiffrement)");
    await fill(browser, "city", "Rouen cedex");
    await nav(browser, "Journal");
    await dialog(browser, "Modifications non enregistrées");
    await check(browser, "Confirmation « Modifications non enregistrées » (changement de section)");
    await leave(browser, "Rester et enregistrer");
    await (await browser.$("button=Fermer la campagne")).click();
    await dialog(browser, "Modifications non enregistrées");
    await check(browser, "Confirmation « Modifications non enregistrées » (fermeture de la campagne)");
    await leave(browser, "Rester et enregistrer");
    await fill(browser, "city", "Rouen");

    // Encryption: each of its dialogs, with core's refusal at the field.
    const encrypt = await browser.$("button=Chiffrer le fichier…");
    await encrypt.scrollIntoView({ block: "center" });
    await encrypt.click();
    await (await browser.$("#encryption-passphrase")).waitForDisplayed();
    await check(browser, "Chiffrement — dialogue « Chiffrer le fichier »");
    await fill(browser, "encryption-passphrase", "rouen");
    await fill(browser, "encryption-confirmation", "rouen");
    await (await browser.$("[role=dialog] button.primary")).click();
    await browser.waitUntil(async () => (await (await browser.$("#encryption-passphrase-error")).getText()).includes("12 caractères"), {
      timeoutMsg: "the length is asked at the field",
    });
    await check(browser, "Chiffrement — « Chiffrer le fichier », phrase trop courte");
    await fill(browser, "encryption-passphrase", PHRASE);
    await fill(browser, "encryption-confirmation", PHRASE);
    await (await browser.$("[role=dialog] button.primary")).click();
    await (await browser.$("p*=Ce fichier est chiffré")).waitForDisplayed({ timeout: 20000 });
    await dismissToast(browser);
    await check(browser, "Paramètres (fichier chiffré)");
    await (await browser.$("button=Changer la phrase de passe…")).click();
    await dialog(browser, "Changer la phrase de passe");
    await check(browser, "Chiffrement — dialogue « Changer la phrase de passe »");
    await leave(browser, "Annuler");
    await (await browser.$("button=Retirer le chiffrement…")).click();
    await dialog(browser, "Retirer le chiffrement");
    await check(browser, "Chiffrement — dialogue « Retirer le chiffrement ? »");
    await leave(browser, "Annuler");

    await (await browser.$("button=Fermer la campagne")).click();
    await (await browser.$("button*=UFR Santé de Rouen")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Accueil (campagnes récentes)");
    await (await browser.$("button=Changer")).click();
    await dialog(browser, "Qui êtes-vous");
    await check(browser, "Dialogue « Qui êtes-vous ? » (changer de nom)");
    await escape(browser);
  });

  // Reopened: the passphrase is asked, a wrong one refused at its field.
  await withApp("ouverture-chiffree", async (browser) => {
    await browser.setWindowRect(0, 0, 1366, 860);
    await giveName(browser, SECRETARY);
    await (await browser.$("button*=UFR Santé de Rouen")).click();
    await (await browser.$("#unlock-passphrase")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Dialogue « Campagne chiffrée » à l'ouverture");
    await (await browser.$("#unlock-passphrase")).setValue("cèdre lumière");
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await (await browser.$("#unlock-passphrase")).getAttribute("aria-invalid")) === "true", {
      timeout: 20000,
      timeoutMsg: "a wrong passphrase is said at the field",
    });
    await check(browser, "Dialogue « Campagne chiffrée », phrase de passe fausse");
    await fill(browser, "unlock-passphrase", PHRASE);
    await browser.keys("Enter");
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Tableau de bord (campagne chiffrée)");

    // The backup taken at this opening, and the question before restoring it.
    await nav(browser, "Sauvegardes");
    const restore = await browser.$("button[aria-label^='Restaurer la sauvegarde du']");
    await restore.waitForDisplayed({ timeout: 20000 });
    await check(browser, "Sauvegardes");
    await restore.click();
    await dialog(browser, "Restaurer cette sauvegarde");
    await check(browser, "Sauvegardes — confirmation « Restaurer cette sauvegarde ? »");
    await escape(browser);
  });
});

/** Emits a Tauri event to the window, as the Rust side would (a file dropped on it). */
async function emit(browser, event, payload) {
  await browser.execute((e, p) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: e, payload: p }), event, payload);
}

test("the demo campaign: every section and its dialogs, no axe violation", async () => {
  // A picture for an attachment (its content is a PNG, whatever the fixture's name says).
  const picture = join(work, "rib-bensaid.png");
  copyFileSync(join(root, "tests/fixtures/attachments/rib-image-renommee.pdf"), picture);

  await withApp("demo", async (browser) => {
    await openDemo(browser);
    await check(browser, "Tableau de bord");

    // Candidates: the table, its columns' menu, a cell edited in place, a record, a new
    // one refused at its fields, deleting (asked, then undone).
    await nav(browser, "Candidats");
    await (await browser.$("p*=60 candidats")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Candidats (tableau)");
    await (await browser.$("button=Colonnes ▾")).click();
    await (await browser.$("#candidate-columns")).waitForDisplayed();
    await check(browser, "Candidats — menu des colonnes");
    await browser.keys("Escape");
    const cell = await browser.$("main table tbody tr:not(.spacer) > :nth-child(4)");
    await cell.doubleClick();
    await (await browser.$("input.cell-input")).waitForDisplayed();
    await check(browser, "Candidats — cellule en cours de modification");
    await browser.keys("Escape");
    const first = await browser.$("main table tbody button.name");
    const firstName = (await first.getText()).trim();
    await first.click();
    await (await browser.$("#editor-title")).waitForDisplayed();
    await check(browser, "Fiche d'un candidat");
    await shot(browser, "a11y-10-fiche-candidat");
    await fill(browser, "edit-phone", "06 12 34 56 78");
    await (await browser.$("button[aria-label='Fermer la fiche']")).click();
    await dialog(browser, "Abandonner les modifications de la fiche");
    await check(browser, "Fiche — confirmation « Abandonner les modifications de la fiche ? »");
    await leave(browser, "Abandonner");
    await (await browser.$("button=Ajouter un candidat")).click();
    await (await browser.$("h2=Nouveau candidat")).waitForDisplayed();
    await (await browser.$("button=Ajouter le candidat")).click();
    await browser.waitUntil(async () => (await browser.$$("[aria-invalid=true]")).length > 0, { timeoutMsg: "the mandatory fields are asked" });
    await check(browser, "Fiche d'un nouveau candidat (erreurs affichées)");
    await (await browser.$("button[aria-label='Fermer la fiche']")).click();
    if (await (await browser.$("[role=dialog][aria-modal=true]")).isExisting()) await leave(browser, "Abandonner");
    await (await browser.$(`input[aria-label='Sélectionner ${firstName}']`)).click();
    await (await browser.$("button=Supprimer (1)")).click();
    await dialog(browser, "Supprimer ce candidat");
    await check(browser, "Candidats — confirmation « Supprimer ce candidat ? » (démonstration)");
    // The demo's candidates have dossiers and scores: core refuses, the message says why.
    await leave(browser, "Supprimer");
    await (await browser.$("main [role=alert]")).waitForDisplayed();
    await check(browser, "Candidats — suppression refusée (message d'erreur)");
    await (await browser.$("main [role=alert] button")).click();

    // Dossiers: the list, the pieces asked for, one dossier and its dialogs.
    await nav(browser, "Dossiers");
    await (await browser.$("h2=Par catégorie")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Dossiers — liste");
    await (await browser.$("button=Pièces demandées")).click();
    await (await browser.$("button=Ajouter une pièce")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Dossiers — liste des pièces");
    await (await browser.$("button=Dossiers des candidats")).click();
    await (await browser.$("#dossier-search")).waitForDisplayed();
    await (await browser.$("#dossier-search")).setValue("bensaid pierre");
    await (await browser.$("button*=BENSAÏD Pierre-Louis")).click();
    await (await browser.$("h2=Dossier de BENSAÏD Pierre-Louis")).waitForDisplayed();
    await check(browser, "Dossiers — tiroir d'un dossier");
    await shot(browser, "a11y-11-dossier");
    await (await browser.$("button=Décision de la commission…")).click();
    await dialog(browser, "Décision de la commission");
    await check(browser, "Dossiers — dialogue « Décision de la commission »");
    await escape(browser);
    writeFileSync(script, `${picture}\n`);
    await (await browser.$("button[aria-label='Joindre un fichier à «\u00a0Relevé d\\'identité bancaire (RIB)\u00a0»…']")).click();
    const remove = await browser.$("button[aria-label='Retirer rib-bensaid.png']");
    await remove.waitForExist({ timeout: 10000 });
    await dismissToast(browser);
    await remove.scrollIntoView({ block: "center" });
    await remove.click();
    await dialog(browser, "Retirer ce fichier");
    await check(browser, "Dossiers — confirmation « Retirer ce fichier ? »");
    await escape(browser);
    await emit(browser, "import-file-dropped", { file_name: "scan-titre-de-sejour.pdf" });
    await dialog(browser, "Joindre le fichier déposé");
    await check(browser, "Dossiers — dialogue « Joindre le fichier déposé »");
    await escape(browser);
    await (await browser.$("button=Lettre de pièces manquantes…")).click();
    await dialog(browser, "Lettres de pièces manquantes");
    await check(browser, "Dossiers — dialogue « Lettres de pièces manquantes » (date de retour)");
    await escape(browser);
    const status = await browser.$("select[id$='-11-status']");
    await status.scrollIntoView({ block: "center" });
    await status.selectByVisibleText("Non requise");
    await (await browser.$("button=Enregistrer les pièces (1)")).waitForDisplayed();
    await check(browser, "Dossiers — tiroir, pièce modifiée non enregistrée");
    await (await browser.$("button[aria-label='Fermer le dossier']")).click();
    await dialog(browser, "Abandonner les modifications");
    await check(browser, "Dossiers — confirmation « Abandonner les modifications ? »");
    await leave(browser, "Quitter sans enregistrer");
    const merge = await browser.$("button=Fusionner une copie de la campagne…");
    const copy = join(work, "copie-demo.cesp");
    copyFileSync(join(work, "data", "fr.cesp-commission.app", "Campagne de démonstration.cesp"), copy);
    writeFileSync(script, `${copy}\n`);
    await merge.scrollIntoView({ block: "center" });
    await merge.click();
    await dialog(browser, "Fusion de");
    await check(browser, "Dossiers — dialogue « Fusion » d'une copie");
    await escape(browser);

    // Commission: each part, each dialog.
    await nav(browser, "Commission");
    await (await browser.$("th=Pr Jean-Marc LEFEBVRE")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Commission — membres", { selector: "#commission-members" });
    await check(browser, "Commission — règles", { selector: "#commission-rules" });
    await check(browser, "Commission — séances et présences", { selector: "#commission-sittings" });
    await check(browser, "Commission — déports", { selector: "#commission-recusals" });
    await check(browser, "Commission (page entière)");
    await (await browser.$("button=Ajouter un membre")).click();
    await dialog(browser, "Ajouter un membre");
    await check(browser, "Commission — dialogue « Ajouter un membre »");
    await escape(browser);
    await (await browser.$("button[aria-label='Modifier le membre Dr Sophie MARCHAND']")).click();
    await dialog(browser, "Modifier le membre");
    await check(browser, "Commission — dialogue « Modifier le membre »");
    await escape(browser);
    await (await browser.$("button[aria-label='Retirer M. Thomas LEROY de la commission']")).click();
    await dialog(browser, "Retirer ce membre");
    await check(browser, "Commission — confirmation « Retirer ce membre ? »");
    await escape(browser);
    const addSitting = await browser.$("button=Ajouter une séance");
    await addSitting.scrollIntoView({ block: "center" });
    await addSitting.click();
    await dialog(browser, "Ajouter une séance");
    await check(browser, "Commission — dialogue « Ajouter une séance »");
    await escape(browser);
    await (await browser.$("button[aria-label^='Modifier la séance du']")).click();
    await dialog(browser, "Modifier la séance");
    await check(browser, "Commission — dialogue « Modifier la séance »");
    await escape(browser);
    await (await browser.$("button[aria-label^='Supprimer la séance du']")).click();
    await dialog(browser, "Supprimer cette séance");
    await check(browser, "Commission — confirmation « Supprimer cette séance ? »");
    await escape(browser);
    await (await browser.$("#recusal-member")).selectByVisibleText("Dr Karim BELKACEM — Médecin en exercice");
    await (await browser.$("#recusal-search")).setValue("morel youssef");
    await (await browser.$("#recusal-reason")).setValue("Lien familial avec le candidat");
    await (await browser.$("button=Déclarer le déport…")).click();
    await dialog(browser, "Déclarer ce déport");
    await check(browser, "Commission — confirmation « Déclarer ce déport ? »");
    await escape(browser);
    const lift = await browser.$("button*=Lever le déport");
    if (await lift.isExisting()) {
      await lift.scrollIntoView({ block: "center" });
      await lift.click();
      await dialog(browser, "Lever ce déport");
      await check(browser, "Commission — confirmation « Lever ce déport ? »");
      await escape(browser);
    }

    // Interviews: the timetable, a card's dialog and the ones it leads to, the setup.
    await nav(browser, "Entretiens");
    await (await browser.$("td.slot button.card")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Entretiens — planning");
    await shot(browser, "a11y-12-entretiens");
    await (await browser.$("button=Planifier")).click();
    await dialog(browser, "Replanifier");
    await check(browser, "Entretiens — confirmation « Replanifier les entretiens non fixés ? »");
    await escape(browser);
    const card = await browser.$("td.slot button.card");
    await card.scrollIntoView({ block: "center" });
    await card.click();
    await dialog(browser, "Déplacer l'entretien");
    await check(browser, "Entretiens — dialogue « Déplacer l'entretien »");
    await (await browser.$("label*=Afficher aussi les créneaux impossibles")).click();
    await check(browser, "Entretiens — « Déplacer l'entretien », créneaux impossibles affichés");
    await (await (await dialog(browser)).$("button=Libérer le créneau…")).click();
    await dialog(browser, "Libérer le créneau");
    await check(browser, "Entretiens — confirmation « Libérer le créneau ? »");
    await escape(browser);
    if (await (await browser.$("[role=dialog][aria-modal=true]")).isExisting()) await escape(browser);
    await card.click();
    await (await (await dialog(browser, "Déplacer l'entretien")).$("button=Désistement…")).click();
    await dialog(browser, "Désistement de");
    await check(browser, "Entretiens — dialogue « Désistement »");
    await escape(browser);
    if (await (await browser.$("[role=dialog][aria-modal=true]")).isExisting()) await escape(browser);
    // Once the convocations went out: the notice of what went and what is left to send, and
    // the dialog showing who a new plan moves (a slot freed: its candidate is placed again).
    const convocations = join(work, "convocations-demo");
    mkdirSync(convocations, { recursive: true });
    writeFileSync(script, `${convocations}\n`);
    await (await browser.$("button=Convocations…")).click();
    await (await browser.$("#schedule-out-title")).waitForDisplayed({ timeout: 60000 });
    await dismissToast(browser);
    const freed = await browser.$("td.slot button.card");
    await freed.scrollIntoView({ block: "center" });
    await freed.click();
    await (await (await dialog(browser, "Déplacer l'entretien")).$("button=Libérer le créneau…")).click();
    await dialog(browser, "Libérer le créneau");
    await leave(browser, "Libérer le créneau");
    await dismissToast(browser);
    await check(browser, "Entretiens — planning, convocations envoyées et à envoyer");
    await (await browser.$("#schedule-plan")).click();
    const replan = await dialog(browser, "Replanifier les entretiens");
    await (await replan.$("table")).waitForDisplayed({ timeout: 60000 });
    await check(browser, "Entretiens — dialogue « Replanifier les entretiens »");
    await shot(browser, "a11y-12b-entretiens-replanifier");
    await leave(browser, "Accepter ce planning");
    await dismissToast(browser);
    await (await browser.$("#schedule-tab-setup")).click();
    await (await browser.$("h2=Organisation des entretiens")).waitForDisplayed();
    await check(browser, "Entretiens — organisation");
    const removeJury = await browser.$("button[aria-label='Retirer le jury n° 1']");
    await removeJury.scrollIntoView({ block: "center" });
    await removeJury.click();
    await dialog(browser, "Supprimer");
    await check(browser, "Entretiens — confirmation « Supprimer le jury ? »");
    await escape(browser);

    // The scoring grid, and the question before resetting the scores.
    await nav(browser, "Grille de notation");
    await (await browser.$("h1=Grille de notation")).waitForDisplayed();
    await check(browser, "Grille de notation");
    await (await browser.$("button=Réinitialiser les notes…")).click();
    await dialog(browser, "Réinitialiser toutes les notes");
    await check(browser, "Grille de notation — confirmation « Réinitialiser toutes les notes ? »");
    await escape(browser);

    // Scoring, in its three modes, a score refused, a validated candidate unlocked, the
    // projector's full screen, the sheets exported and imported again.
    await nav(browser, "Notation");
    await (await browser.$(".score-grid")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Notation — par membre");
    await (await browser.$("button=Par candidat")).click();
    await (await browser.$("caption*=Par candidat")).waitForExist();
    await check(browser, "Notation — par candidat");
    if (await (await browser.$("button=Déverrouiller…")).isExisting()) {
      await (await browser.$("button=Déverrouiller…")).click();
      await dialog(browser, "Déverrouiller les notes");
      await check(browser, "Notation — dialogue « Déverrouiller les notes ? »");
      await escape(browser);
    }
    await (await browser.$("#scoring-filter-c")).selectByVisibleText("Tous les candidats");
    await (await browser.$("#scoring-candidate")).selectByVisibleText("MOREL Youssef — Étudiant — médecine");
    await (await browser.$("caption=Par candidat — MOREL Youssef")).waitForExist();
    const cellInput = await browser.$('[data-cell="0:0"]');
    await cellInput.scrollIntoView({ block: "center" });
    await cellInput.click();
    await browser.keys(["7", "Enter"]);
    await (await browser.$(".cell-errors")).waitForDisplayed();
    await check(browser, "Notation — par candidat, note refusée");
    await shot(browser, "a11y-13-notation-note-refusee");
    await browser.keys(["Escape"]);
    await (await browser.$("button=Séance (projecteur)")).click();
    await (await browser.$(".seance")).waitForDisplayed();
    await check(browser, "Notation — séance (projecteur), fenêtre");
    await (await browser.$("button=Plein écran")).click();
    await (await browser.$(".seance.full")).waitForDisplayed();
    await check(browser, "Notation — séance (projecteur), plein écran");
    await shot(browser, "a11y-14-seance-plein-ecran");
    await (await browser.$("button=Quitter le plein écran")).click();
    await (await browser.$("button=Par membre")).click();
    const sheets = join(work, "feuilles");
    mkdirSync(sheets, { recursive: true });
    writeFileSync(script, `${sheets}\n`);
    await (await browser.$("button=Exporter les feuilles de notation…")).click();
    await (await browser.$(".toast*=feuilles écrites")).waitForDisplayed({ timeout: 20000 });
    const written = execFileSync("ls", [sheets], { encoding: "utf8" }).trim().split("\n").slice(0, 2);
    writeFileSync(script, `${written.map((f) => join(sheets, f)).join("|")}\n`);
    await dismissToast(browser);
    await (await browser.$("button=Importer des feuilles remplies…")).click();
    await dialog(browser, "Import des feuilles de notation");
    await check(browser, "Notation — dialogue « Import des feuilles de notation »");
    await leave(browser, "Fermer");

    // Ranking, its charts, a candidate's detail and what it opens.
    await nav(browser, "Classement");
    await (await browser.$("caption=Étudiants — médecine")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Classement (tableaux, graphiques)");
    await (await browser.$("button=Valider toutes les notes complètes")).click();
    await dialog(browser, "Valider toutes les notes complètes");
    await check(browser, "Classement — confirmation « Valider toutes les notes complètes ? »");
    await escape(browser);
    await (await browser.$("button[aria-label^='Détail de']")).click();
    await dialog(browser, "Détail de");
    await check(browser, "Classement — détail des notes d'un candidat");
    const override = await (await dialog(browser)).$("button=Corriger la valeur…");
    if (await override.isExisting()) {
      await override.click();
      await check(browser, "Classement — détail, correction des résultats universitaires");
      await (await (await dialog(browser)).$("button=Annuler")).click();
    }
    const unlock = await (await dialog(browser)).$("button=Déverrouiller…");
    if (await unlock.isExisting()) {
      await unlock.click();
      await dialog(browser, "Déverrouiller les notes");
      await check(browser, "Classement — détail, « Déverrouiller les notes ? »");
      await escape(browser);
    }
    if (await (await browser.$("[role=dialog][aria-modal=true]")).isExisting()) await escape(browser);

    // Allocation: the lists, the rules and places being edited, each decision's dialog,
    // a simulation.
    await nav(browser, "Attribution");
    await (await browser.$("button=Arrêter les listes…")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Attribution (listes, historique)");
    await (await browser.$("button=Modifier les règles…")).click();
    await check(browser, "Attribution — règles en cours de modification");
    await (await browser.$("button=Fermer sans enregistrer")).click();
    const places = await browser.$("button=Modifier les places par spécialité…");
    await places.scrollIntoView({ block: "center" });
    await places.click();
    await (await browser.$("#specialty-add")).waitForDisplayed();
    await (await browser.$("#specialty-add")).click();
    await check(browser, "Attribution — places par spécialité en cours de modification");
    await (await browser.$("button=Fermer sans enregistrer")).click();
    await (await browser.$("button[id^=override-]")).click();
    await dialog(browser, "Décision de la commission");
    await check(browser, "Attribution — dialogue « Décision de la commission »");
    await escape(browser);
    await (await browser.$("button[id^=withdraw-]")).click();
    await dialog(browser, "Désistement de");
    await check(browser, "Attribution — dialogue « Désistement »");
    await escape(browser);
    const tie = await browser.$("button[id$=-tie]");
    if (await tie.isExisting()) {
      await tie.click();
      await dialog(browser, "Départager par un vote");
      await check(browser, "Attribution — dialogue « Départager par un vote » (ex aequo)");
      await escape(browser);
    }
    await (await browser.$("button=Arrêter les listes…")).click();
    await dialog(browser, "Arrêter les listes");
    await check(browser, "Attribution — confirmation « Arrêter les listes ? »");
    // Recorded: the dossier completed above changed the lists, the minutes need them.
    await (await browser.$("#record-reason")).setValue("Listes revues en séance");
    await leave(browser, "Arrêter les listes");
    await dismissToast(browser);
    const threshold = await browser.$("#whatif-threshold");
    await threshold.scrollIntoView({ block: "center" });
    await threshold.setValue("30");
    await (await browser.$("#whatif-run")).click();
    await (await browser.$("button=Revenir aux contingents de la campagne")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Attribution — simulation");
    await (await browser.$("button=Revenir aux contingents de la campagne")).click();

    // The other sections.
    await nav(browser, "Paramètres");
    await (await browser.$("#city")).waitForDisplayed();
    await check(browser, "Paramètres (démonstration)");
    await nav(browser, "Journal");
    await (await browser.$("ol.journal")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Journal");
    await nav(browser, "Courriels");
    await settle(browser);
    await check(browser, "Courriels (aucun envoi)");
    await nav(browser, "Sauvegardes");
    await (await browser.$("h1=Sauvegardes")).waitForDisplayed();
    await check(browser, "Sauvegardes (démonstration, aucune)");

    // A campaign file opened from the system while edits are unsaved: asked first.
    await nav(browser, "Paramètres");
    await fill(browser, "city", "Amiens cedex");
    await emit(browser, "campaign-file-requested", { name: "Campagne Tours 2026-2027.cesp" });
    await dialog(browser, "Ouvrir «");
    await check(browser, "Confirmation « Ouvrir … ? » (fichier ouvert depuis le système, modifications non enregistrées)");
    await leave(browser, "Rester ici");
    await fill(browser, "city", "Amiens");

    // The minutes: the draft, the seal's dialog, then sealed: signing, reopening, checking.
    await nav(browser, "Procès-verbal");
    await (await browser.$("h1=Procès-verbal")).waitForDisplayed();
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes("Projet — non scellé"), { timeout: 20000, timeoutMsg: "the draft" });
    await check(browser, "Procès-verbal (brouillon, aperçu)");
    await (await browser.$("button=Sceller le procès-verbal…")).click();
    const seal = await dialog(browser, "Sceller le procès-verbal");
    await (await seal.$("#seal-date")).setValue(shortDate(demoDay(2027, 1, 13)));
    await (await seal.$("button=Sceller")).click();
    await browser.waitUntil(async () => (await (await seal.$("#seal-date-error")).getText()) !== "", { timeoutMsg: "the date is refused" });
    await check(browser, "Procès-verbal — dialogue « Sceller le procès-verbal ? » (erreurs affichées)");
    await (await seal.$("#seal-date")).setValue(shortDate(demoDay(2027, 1, 15)));
    await (await seal.$("#seal-acknowledgement")).setValue("candidate PADHUE absente à son entretien ; contrat reporté");
    await (await seal.$("button=Sceller")).click();
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes("Scellé — version 1"), { timeout: 20000, timeoutMsg: "sealed" });
    await dismissToast(browser);
    await check(browser, "Procès-verbal (scellé)");
    await (await browser.$("button[aria-label^='Signer en tant que']")).click();
    await dialog(browser, "Signer le procès-verbal");
    await check(browser, "Procès-verbal — dialogue « Signer le procès-verbal »");
    await escape(browser);
    await (await browser.$("button=Rouvrir…")).click();
    await dialog(browser, "Rouvrir le procès-verbal");
    await check(browser, "Procès-verbal — confirmation « Rouvrir le procès-verbal ? »");
    await escape(browser);
    const pdf = join(work, "pv.pdf");
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Exporter en PDF…")).click();
    await browser.waitUntil(() => existsSync(pdf), { timeout: 20000, timeoutMsg: "the PDF is written" });
    await dismissToast(browser);
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Vérifier un procès-verbal…")).click();
    await dialog(browser, "Conforme");
    await check(browser, "Procès-verbal — dialogue « Vérification d'un procès-verbal »");
    await leave(browser, "Fermer");
  });
});

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test("the connected sitting: its dialog, its panel, its confirmations, and the member page in Chromium", async () => {
  let chrome;
  try {
    await withApp("seance-connectee", async (browser) => {
      await openDemo(browser);
      const day = longDate(demoDay(2027, 1, 14));
      await nav(browser, "Notation");
      await (await browser.$("#scoring-sitting")).waitForDisplayed({ timeout: 20000 });
      await (await browser.$("#scoring-sitting")).selectByVisibleText(`${day} — 9\u00a0h`);
      await (await browser.$("button=Séance connectée…")).click();
      const open = await dialog(browser, "Ouvrir la séance connectée");
      const loopback = await open.$("input[name=room-address][value='127.0.0.1']");
      await loopback.waitForExist({ timeout: 10000 });
      await check(browser, "Séance connectée — dialogue d'ouverture");
      await loopback.click();
      const port = await freePort();
      await (await open.$("#room-port")).setValue(String(port));
      await (await open.$("button=Ouvrir la séance connectée")).click();
      await (await browser.$("section.room")).waitForDisplayed({ timeout: 10000 });
      await dismissToast(browser);
      await check(browser, "Séance connectée — panneau (codes d'appairage)");
      await shot(browser, "a11y-20-seance-connectee");

      // A phone in Chromium, at 360 px: the pairing page, then the member's scoring page.
      const code = await browser.execute(() => document.querySelector("section.room li.member .code strong").textContent.trim());
      chrome = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
      const context = await chrome.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "fr-FR" });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole("heading", { name: "Appairer cet appareil" }).waitFor();
      await auditPage(page, "Page membre — appairage (Chromium, 360 px)");
      await page.getByLabel("Code d'appairage").fill("k7qm");
      await page.getByRole("button", { name: "Appairer", exact: true }).click();
      await page.locator("#pair-error").waitFor();
      await auditPage(page, "Page membre — appairage, code refusé (Chromium, 360 px)");
      await page.getByLabel("Code d'appairage").fill(code);
      await page.getByRole("button", { name: "Appairer", exact: true }).click();
      await page.locator("#candidate-name", { hasText: "En attente du candidat…" }).waitFor({ timeout: 10000 });
      await auditPage(page, "Page membre — en attente du candidat (Chromium, 360 px)");
      await (await browser.$("button=Séance (projecteur)")).click();
      await (await browser.$(".seance")).waitForDisplayed();
      await page.locator("input[id^=criterion-]").first().waitFor({ timeout: 10000 });
      await page.waitForTimeout(300);
      await auditPage(page, "Page membre — notation (Chromium, 360 px)");
      await page.screenshot({ path: join(here, "out", "a11y-21-page-membre.png") });

      // The device, listed: revoking it and closing the sitting ask first.
      await (await browser.$("button=Par membre")).click();
      const revoke = await browser.$("button*=Révoquer");
      await revoke.waitForDisplayed({ timeout: 10000 });
      await check(browser, "Séance connectée — panneau (un appareil appairé)");
      await revoke.scrollIntoView({ block: "center" });
      await revoke.click();
      await dialog(browser, "Révoquer cet appareil");
      await check(browser, "Séance connectée — confirmation « Révoquer cet appareil ? »");
      await leave(browser, "Garder l'appareil");
      await (await browser.$("button=Fermer la séance connectée…")).click();
      await dialog(browser, "Fermer la séance connectée");
      await check(browser, "Séance connectée — confirmation « Fermer la séance connectée ? »");
      await leave(browser, "Fermer la séance connectée");
      await (await browser.$("section.room")).waitForExist({ reverse: true, timeout: 10000 });
    });
  } finally {
    await chrome?.close();
  }
});

test("e-mail: the settings, the preview, the sending and its report, the list: no axe violation", async () => {
  await withApp("courriels", async (browser) => {
    await openDemo(browser);
    await nav(browser, "Paramètres");
    const section = await browser.$("section[aria-labelledby='mail-settings-title']");
    await (await browser.$("#mail-host")).waitForDisplayed();
    await browser.execute((e) => e.scrollIntoView({ block: "start" }), section);
    await fill(browser, "mail-host", "localhost");
    await fill(browser, "mail-port", "99999");
    await (await section.$("label*=STARTTLS")).click();
    await fill(browser, "mail-sender-name", "Scolarité — UFR de médecine");
    await fill(browser, "mail-sender-address", "cesp@univ-demo.fr");
    await (await section.$("button[type=submit]")).click();
    await browser.waitUntil(async () => (await (await browser.$("#mail-port")).getAttribute("aria-invalid")) === "true", { timeoutMsg: "the port is refused" });
    await check(browser, "Paramètres — envoi des courriels (erreur affichée)");
    await fill(browser, "mail-port", String(smtpPort));
    await (await section.$("button[type=submit]")).click();
    await browser.waitUntil(async () => (await (await browser.$("#mail-port")).getAttribute("aria-invalid")) === null, { timeoutMsg: "the settings are saved" });
    await (await section.$("button=Envoyer un courriel d'essai")).click();
    await browser.waitUntil(async () => (await section.getText()).includes("Courriel d'essai envoyé"), { timeout: 30000, timeoutMsg: "the test message is sent" });
    await dismissToast(browser);
    await check(browser, "Paramètres — envoi des courriels (essai envoyé)");

    // The convocations: previewed, sent with their progress, interrupted, reported.
    await nav(browser, "Entretiens");
    const send = await browser.$("button*=Envoyer par courriel");
    await send.waitForDisplayed({ timeout: 20000 });
    await send.click();
    const box = await dialog(browser, "courriels à envoyer");
    await check(browser, "Envoi de courriels — aperçu");
    await shot(browser, "a11y-30-courriels-apercu");
    await (await box.$("button*=Envoyer les")).click();
    const bar = await box.$("[role=progressbar]");
    await bar.waitForDisplayed({ timeout: 20000 });
    await browser.waitUntil(async () => Number(await bar.getAttribute("aria-valuenow")) >= 1, { timeout: 30000, timeoutMsg: "the progress moves" });
    await audit(browser, "Envoi de courriels — progression");
    await shot(browser, "a11y-31-courriels-envoi");
    await (await box.$("button=Interrompre")).click();
    await (await box.$("h3=Envoi interrompu")).waitForDisplayed({ timeout: 60000 });
    await check(browser, "Envoi de courriels — bilan (envoi interrompu)");
    // Again: those already sent are listed apart, not sent twice.
    await (await box.$("button=Relancer")).click();
    await dialog(browser, "déjà envoyé");
    await check(browser, "Envoi de courriels — aperçu (courriels déjà envoyés)");
    await leave(browser, "Annuler");

    // The missing pieces' letters (a date to give) open the same dialog.
    await nav(browser, "Dossiers");
    const letters = await browser.$("section[aria-labelledby='dossier-letters-all']");
    await letters.waitForDisplayed({ timeout: 20000 });
    await browser.execute((e) => e.scrollIntoView({ block: "center" }), letters);
    await (await letters.$("button*=lettres de pièces manquantes")).click();
    await dialog(browser, "à envoyer");
    await check(browser, "Envoi de courriels — lettres de pièces manquantes (date limite de retour)");
    await leave(browser, "Annuler");

    await nav(browser, "Courriels");
    await (await browser.$("table.mails")).waitForDisplayed({ timeout: 20000 });
    await check(browser, "Courriels (liste des envois)");
    const name = await browser.execute(() => document.querySelector("table.mails tbody tr th")?.textContent.trim());
    await nav(browser, "Candidats");
    await (await browser.$("#candidate-search")).waitForDisplayed({ timeout: 20000 });
    await fill(browser, "candidate-search", name);
    await (await browser.$(`button[aria-label="Ouvrir la fiche de ${name}"]`)).click();
    await (await browser.$("section[aria-labelledby='candidate-mails-title']")).waitForDisplayed();
    await check(browser, "Fiche d'un candidat (courriels envoyés)");
  });
});

test("a bad input: a button without a name fails the audit, which names the rule and the element", async () => {
  await withApp("entree-fautive", async (browser) => {
    await openDemo(browser);
    await browser.execute(() => document.querySelector("main").append(Object.assign(document.createElement("button"), { className: "nameless" })));
    const screen = "Entrée fautive — bouton sans nom ajouté au tableau de bord";
    await assert.rejects(audit(browser, screen), (e) => {
      assert.match(e.message, /règle\(s\) non respectée\(s\) sur « Entrée fautive/);
      assert.match(e.message, /^ {2}button-name \(critical\) — .+ — \.nameless/m, e.message);
      return true;
    });
    forget(screen);
    await browser.execute(() => document.querySelector(".nameless").remove());
    await check(browser, "Tableau de bord (l'entrée fautive retirée)");
  });
});

/**
 * What the text at its size now loses, in the screen shown: the page or its pane scrolled
 * sideways, an element past the window's edge (unless in a table's own scrolling frame), a
 * text cut by a box of fixed height that hides what overflows.
 */
const losses = (browser) =>
  browser.execute(() => {
    const main = document.querySelector("main");
    const out = [];
    const label = (e) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${typeof e.className === "string" && e.className.trim() ? `.${e.className.trim().split(/\s+/).filter((c) => !c.startsWith("svelte-")).join(".")}` : ""}`;
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) out.push(`la page défile de côté (${document.documentElement.scrollWidth} px pour ${width})`);
    for (const pane of [main, main.parentElement, main.parentElement?.parentElement]) {
      if (pane && pane.scrollWidth > pane.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(pane).overflowX))
        out.push(`${label(pane)} défile de côté (${pane.scrollWidth} px pour ${pane.clientWidth})`);
    }
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const right = Math.min(width, main.getBoundingClientRect().right);
    const left = Math.max(0, main.getBoundingClientRect().left);
    const past = [];
    for (const e of main.querySelectorAll("*")) {
      if (e.closest(".visually-hidden, [hidden], svg")) continue;
      const style = getComputedStyle(e);
      if (style.display === "none" || style.visibility === "hidden" || style.position === "fixed") continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // In a frame of its own that scrolls sideways: allowed for a table only.
      let frame = null;
      for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) {
          frame = a;
          break;
        }
      }
      // The outermost element only: what it holds goes with it.
      if ((r.right > right + 1 || r.left < left - 1) && !(frame && frame.querySelector("table")) && !past.some((p) => p.contains(e))) {
        past.push(e);
        out.push(`${label(e)} dépasse de la fenêtre de ${Math.round(Math.max(r.right - right, left - r.left))} px`);
      }
      const hides = (o) => o === "hidden" || o === "clip";
      if (hides(style.overflowY) && e.scrollHeight > e.clientHeight + 1 && e.textContent.trim() !== "" && !["auto", "scroll"].includes(style.overflowX))
        out.push(`${label(e)} coupe son texte (${e.scrollHeight} px pour ${e.clientHeight})`);
      if (hides(style.overflowX) && style.textOverflow !== "ellipsis" && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim() !== "")
        out.push(`${label(e)} coupe son texte de côté (${e.scrollWidth} px pour ${e.clientWidth})`);
      // A pane that scrolls its content but is left too low to show it (a height computed
      // from the window, squeezed to nothing by the text's size). A text area scrolls its
      // lines as it always does, and can be enlarged.
      if (["auto", "scroll"].includes(style.overflowY) && e.tagName !== "TEXTAREA" && e.scrollHeight > e.clientHeight + 1 && e.clientHeight < 4 * rem)
        out.push(`${label(e)} défile dans une hauteur de ${e.clientHeight} px seulement`);
    }
    // A pane scrolled sideways by no box: a text too long for its box (a word that cannot
    // break) runs past it. The innermost box it overflows is named.
    if (main.scrollWidth > main.clientWidth + 1 && past.length === 0) {
      const over = [...main.querySelectorAll("*")].filter(
        (e) => !e.closest(".visually-hidden, .table-scroll") && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible",
      );
      for (const e of over.filter((e) => !over.some((o) => o !== e && e.contains(o)))) out.push(`${label(e)} : texte trop long pour sa boîte (${e.scrollWidth} px pour ${e.clientWidth}) — « ${e.textContent.trim().slice(0, 60)} »`);
    }
    return [...new Set(out)];
  });

/** Each element `selector` finds, brought into view, is in the window. */
async function reachable(browser, selector) {
  const out = [];
  for (const e of await browser.$$(selector)) {
    if (!(await e.isDisplayed())) continue;
    await browser.execute((el) => el.scrollIntoView({ block: "nearest", inline: "nearest" }), e);
    if (!(await e.isDisplayed({ withinViewport: true }))) out.push((await e.getText()) || (await e.getAttribute("aria-label")));
  }
  return out;
}

/** The main screens, each with what shows it has drawn. */
const screens = [
  ["Tableau de bord", "h1=Tableau de bord"],
  ["Candidats", "p*=60 candidats"],
  ["Importer", "p=Déposez un fichier ici"],
  ["Dossiers", "h2=Par catégorie"],
  ["Commission", "th=Pr Jean-Marc LEFEBVRE"],
  ["Entretiens", "td.slot button.card"],
  ["Grille de notation", "h1=Grille de notation"],
  ["Notation", ".score-grid"],
  ["Classement", "caption=Étudiants — médecine"],
  ["Attribution", "button=Arrêter les listes…"],
  ["Procès-verbal", "h1=Procès-verbal"],
  ["Paramètres", "#city"],
  ["Journal", "ol.journal"],
  ["Courriels", "h1=Courriels"],
  ["Sauvegardes", "h1=Sauvegardes"],
];

/**
 * Every main screen at the text size set now: nothing lost, the menu and actions reachable,
 * and axe's rules again when `audited` (the panes and frames that scroll only then).
 */
async function tour(browser, size, picture, audited = false) {
  const problems = [];
  for (const [section, shown] of screens) {
    await nav(browser, section);
    await (await browser.$(shown)).waitForExist({ timeout: 20000 });
    await settle(browser);
    await browser.execute(() => ["main", ".shell"].forEach((s) => document.querySelector(s).scrollTo(0, 0)));
    for (const p of await losses(browser)) problems.push(`${section} : ${p}`);
    if (picture.has(section)) {
      const name = `${picture.get(section)}-${section.normalize("NFD").replace(/[^a-zA-Z]/g, "")}`;
      await shot(browser, name);
      await browser.execute(() => document.querySelector("main h1").scrollIntoView({ block: "start" }));
      await shot(browser, `${name}-contenu`);
    }
    for (const p of await reachable(browser, "nav#sections button, header button, main button.primary, main h1")) problems.push(`${section} : « ${p} » hors de portée`);
    if (audited) await check(browser, `${section} — texte à ${size}`);
  }
  assert.deepEqual(problems, [], `texte à ${size} : ${problems.length} perte(s)`);
}

test("text at 200 %, and a window as narrow as 320 px: nothing lost, the menu and the actions within reach", async () => {
  await withApp("texte-200", async (browser) => {
    await browser.setWindowRect(0, 0, 1366, 860);
    await giveName(browser, SECRETARY);
    // The app's own size, doubled (the root's 16.5 px).
    const double = () => browser.execute(() => (document.documentElement.style.fontSize = `${2 * parseFloat(getComputedStyle(document.documentElement).fontSize)}px`));
    await double();
    await (await browser.$("h1=Bienvenue")).waitForDisplayed();
    assert.deepEqual(await losses(browser), [], "the home screen at 200 %");
    assert.deepEqual(await reachable(browser, "main button, header button"), [], "the home screen's buttons at 200 %");
    await shot(browser, "a11y-40-accueil-200");
    await browser.execute(() => (document.documentElement.style.fontSize = ""));
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await double();
    await tour(browser, "200 %", new Map([["Tableau de bord", "a11y-41-200"], ["Notation", "a11y-42-200"], ["Candidats", "a11y-43-200"]]), true);

    // RGAA 10.11: 320 px of width. The window cannot be narrower than 960 px (its minimum):
    // the text is made as large as in a 320 px window, which is the same for a layout in rem.
    await browser.setWindowRect(0, 0, 640, 800);
    await browser.execute(() => (document.documentElement.style.fontSize = `${(16.5 * document.documentElement.clientWidth) / 320}px`));
    // The sections' menu goes above the content, and the page scrolls as one.
    const layout = await browser.execute(() => {
      const nav = document.querySelector("nav#sections").getBoundingClientRect();
      const main = document.querySelector("main").getBoundingClientRect();
      return { navBottom: nav.bottom, mainTop: main.top, navWidth: nav.width, mainWidth: main.width };
    });
    assert.ok(layout.navBottom <= layout.mainTop + 1, `the menu is above the content: ${JSON.stringify(layout)}`);
    await tour(browser, "320 px", new Map([["Tableau de bord", "a11y-44-320"], ["Notation", "a11y-45-320"], ["Attribution", "a11y-46-320"]]), true);

    // RGAA 10.12: the text spacing of WCAG 1.4.12's bookmarklet (lines at 1.5, paragraphs
    // 2 em apart, letters 0.12 em, words 0.16 em), at the usual size and width.
    await browser.execute(() => (document.documentElement.style.fontSize = ""));
    await browser.setWindowRect(0, 0, 1366, 860);
    await browser.execute(() => {
      const style = document.createElement("style");
      style.id = "text-spacing";
      style.textContent =
        "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";
      document.head.append(style);
    });
    await tour(browser, "espacement du texte (WCAG 1.4.12)", new Map([["Notation", "a11y-47-espacement"], ["Classement", "a11y-48-espacement"]]));
    await browser.execute(() => document.getElementById("text-spacing").remove());
  });
});

/** The page as the window holds it now, as a document (the doctype is the page's own). */
const page = (browser) => browser.execute(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);

test("the code the window holds is valid HTML on every main screen and dialog (Nu Html Checker, RGAA 8.2)", async () => {
  const folder = join(work, "html");
  mkdirSync(folder, { recursive: true });
  const files = [];
  const keep = async (browser, name) => {
    await settle(browser);
    const file = join(folder, `${String(files.length + 1).padStart(2, "0")}-${name.normalize("NFD").replace(/[^a-zA-Z0-9]+/g, "-")}.html`);
    writeFileSync(file, await page(browser));
    files.push(file);
  };
  await withApp("html-valide", async (browser) => {
    await browser.setWindowRect(0, 0, 1366, 860);
    await (await browser.$("#operator-name")).waitForDisplayed({ timeout: 20000 });
    await keep(browser, "Qui etes-vous");
    await giveName(browser, SECRETARY);
    await keep(browser, "Accueil");
    await (await browser.$("button*=Nouvelle campagne")).click();
    await (await browser.$("#ufr_name")).waitForDisplayed();
    await keep(browser, "Nouvelle campagne");
    await (await browser.$("button=Annuler")).click();
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    for (const [section, shown] of screens) {
      await nav(browser, section);
      await (await browser.$(shown)).waitForExist({ timeout: 20000 });
      await keep(browser, section);
    }
    await nav(browser, "Entretiens");
    await (await browser.$("#schedule-tab-setup")).click();
    await (await browser.$("h2=Organisation des entretiens")).waitForDisplayed({ timeout: 20000 });
    await keep(browser, "Entretiens organisation");
    await nav(browser, "Classement");
    await (await browser.$("button[aria-label^='Détail de']")).click();
    await dialog(browser, "Détail de");
    await keep(browser, "Classement detail");
    await escape(browser);
    await nav(browser, "Notation");
    await (await browser.$(".score-grid")).waitForDisplayed({ timeout: 20000 });
    await (await browser.$("button=Par candidat")).click();
    await keep(browser, "Notation par candidat");
    await (await browser.$("button=Séance (projecteur)")).click();
    await keep(browser, "Notation seance");
    await nav(browser, "Candidats");
    await (await browser.$("main table tbody button.name")).click();
    await (await browser.$("#editor-title")).waitForDisplayed();
    await keep(browser, "Fiche");
    await nav(browser, "Dossiers");
    await (await browser.$("#dossier-search")).setValue("bensaid pierre");
    await (await browser.$("button*=BENSAÏD Pierre-Louis")).click();
    await (await browser.$("h2=Dossier de BENSAÏD Pierre-Louis")).waitForDisplayed();
    await keep(browser, "Dossier");
    await (await browser.$("button=Décision de la commission…")).click();
    await dialog(browser, "Décision de la commission");
    await keep(browser, "Decision de la commission");
    await escape(browser);
    await browser.keys("F1");
    await dialog(browser, "Version");
    await keep(browser, "A propos");
    await escape(browser);
  });
  const r = spawnSync("java", ["-jar", vnu, "--format", "json", ...files], { encoding: "utf8" });
  const messages = JSON.parse(r.stderr || "{\"messages\":[]}").messages;
  const errors = messages.filter((m) => m.type === "error").map((m) => `${m.url.split("/").pop()}:${m.lastLine} — ${m.message} — ${m.extract?.replace(/\s+/g, " ") ?? ""}`);
  for (const m of messages.filter((m) => m.type !== "error")) console.log(`# vnu (${m.subType ?? m.type}) — ${m.url.split("/").pop()} — ${m.message}`);
  assert.deepEqual(errors, [], `${errors.length} erreur(s) de validation`);
});
