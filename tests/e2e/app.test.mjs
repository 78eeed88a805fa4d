// End-to-end test of the real app window: tauri-driver + WebKitWebDriver under Xvfb.
// Creates a campaign through the UI, closes the app, reopens the file and finds the data.
// Screenshots of every main screen are saved in tests/e2e/out/ (look at them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { root, cli, work, script, useDriver, launch, shot, waitForExit, giveName, fill } from "./harness.mjs";

useDriver();
const campaignFile = join(work, "Campagne Tours 2026-2027.cesp");

test("create a campaign, close the app, reopen the file: everything is there", async () => {
  let browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("h1=Bienvenue")).waitForDisplayed();
    const empty = await browser.$("p*=Aucune campagne récente");
    assert.ok(await empty.isDisplayed(), "the recent list starts empty");
    await shot(browser, "01-accueil");

    await (await browser.$("button*=Nouvelle campagne")).click();
    await (await browser.$("#ufr_name")).waitForDisplayed();
    await fill(browser, "ufr_name", "UFR de médecine de Tours");
    await fill(browser, "university", "Université de Tours");
    await fill(browser, "city", "Tours");
    await fill(browser, "academic_year", "2026/27");
    await fill(browser, "dossier_deadline", "01/12/2026");
    await fill(browser, "quota-student-medicine", "10");
    await fill(browser, "quota-intern-medicine", "8");
    await fill(browser, "quota-intern-odontology", "1");
    await shot(browser, "02-nouvelle-campagne");

    // A wrong academic year is refused by core, with a French message at the field.
    await (await browser.$("button*=Créer et enregistrer")).click();
    const yearError = await browser.$("#academic_year-error");
    await browser.waitUntil(async () => (await yearError.getText()).includes("2026-2027"), {
      timeoutMsg: "the academic year error is shown",
    });
    assert.equal(await (await browser.$("#academic_year")).getAttribute("aria-invalid"), "true");
    await shot(browser, "03-erreur-annee");

    // A contingent typed wrong is refused by core at its field, and core's total counts
    // only what it can read (10 + 8 + 1).
    await fill(browser, "quota-padhue-medicine", "3,x");
    await (await browser.$("button*=Créer et enregistrer")).click();
    const quotaError = await browser.$("#quota-padhue-medicine-error");
    await browser.waitUntil(async () => (await quotaError.getText()).includes("« 3,x » n'est pas un nombre entier"), {
      timeoutMsg: "the contingent's error is shown at its field",
    });
    assert.equal(await (await browser.$(".quotas .total")).getText(), "19");
    await shot(browser, "03b-erreur-contingent");
    await fill(browser, "quota-padhue-medicine", "1");
    await browser.waitUntil(async () => (await (await browser.$(".quotas .total")).getText()) === "20", {
      timeoutMsg: "core's total follows what is typed",
    });

    await fill(browser, "academic_year", "2026-2027");
    writeFileSync(script, `${campaignFile}\n`);
    await (await browser.$("button*=Créer et enregistrer")).click();
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 20000 });
    assert.equal(await title.getText(), "UFR de médecine de Tours — 2026-2027");
    assert.ok(existsSync(campaignFile), "the campaign file was written where the dialog said");
    await shot(browser, "04-tableau-de-bord");

    // Edit a setting: the change is journaled with before and after.
    await (await browser.$("button=Paramètres")).click();
    // The deadline typed as 01/12/2026 is read back as people read it, not as core keeps it.
    assert.equal(await (await browser.$("#dossier_deadline")).getValue(), "01/12/2026");
    await fill(browser, "quota-student-odontology", "3");
    // Leaving with unsaved changes asks first.
    await (await browser.$("button=Journal")).click();
    await (await browser.$("h2=Modifications non enregistrées")).waitForDisplayed();
    await (await browser.$("button=Rester et enregistrer")).click();
    assert.equal(await (await browser.$("#quota-student-odontology")).getValue(), "3");
    await (await browser.$("button=Enregistrer les modifications")).click();
    await browser.waitUntil(async () => !(await (await browser.$("button=Enregistrer les modifications")).isEnabled()));
    await shot(browser, "05-parametres");
    await (await browser.$("button=Journal")).click();
    const change = await browser.$("th=Contingent Étudiants — odontologie");
    await change.waitForDisplayed();
    const journalText = await (await browser.$("main")).getText();
    assert.match(journalText, /Claire Dumont, secrétaire/);
    await shot(browser, "06-journal");

    // Import the faculty's spreadsheet: preview, mapping, rejected rows, then confirm.
    await (await browser.$("button=Importer")).click();
    await (await browser.$("p=Déposez un fichier ici")).waitForDisplayed();
    await shot(browser, "12-import-accueil");
    writeFileSync(script, `${join(root, "tests/fixtures/candidats-tours.xlsx")}\n`);
    await (await browser.$("button=Choisir un fichier…")).click();
    const createTab = await browser.$("button=À créer (5)");
    await createTab.waitForDisplayed({ timeout: 20000 });
    assert.equal(await (await browser.$("#import-header")).getValue(), "4", "the header row is found below the titles");
    assert.equal(
      await (await browser.$("select[aria-label^='Champ de la colonne D']")).getValue(),
      "birth_date",
    );
    await shot(browser, "13-import-apercu");
    await (await browser.$("button=Rejetées (2)")).click();
    const rejected = await (await browser.$("#tab-panel")).getText();
    assert.match(rejected, /29\/02\/2001/);
    assert.match(rejected, /date invalide/);
    assert.match(rejected, /adresse électronique invalide/);
    await shot(browser, "14-import-rejets");
    await (await browser.$("button=Importer (5 candidats)")).click();
    // Two rows were rejected: the import says so and saves them, with their reasons, to be
    // corrected and imported again.
    const result = await browser.$("h2=Import terminé");
    await result.waitForDisplayed({ timeout: 20000 });
    assert.match(await (await browser.$("main")).getText(), /2 lignes ont été rejetées : enregistrez-les pour les corriger/);
    const rejects = join(work, "candidats-tours - lignes rejetées.xlsx");
    writeFileSync(script, `${rejects}\n`);
    await (await browser.$("button=Enregistrer les lignes rejetées…")).click();
    await browser.waitUntil(() => existsSync(rejects), { timeoutMsg: "the rejected rows are written" });
    await (await browser.$(".toast*=Lignes rejetées enregistrées dans «\u00a0candidats-tours - lignes rejetées.xlsx\u00a0»")).waitForDisplayed();
    await shot(browser, "14b-import-termine");
    await (await browser.$("button=Voir les candidats")).click();
    await (await browser.$("p*=5 candidats")).waitForDisplayed({ timeout: 20000 });
    await shot(browser, "15-candidats");

    // Search without accents, open a record, correct a field.
    await fill(browser, "candidate-search", "ouedraogo");
    await (await browser.$("button[aria-label='Ouvrir la fiche de OUÉDRAOGO Aïcha']")).click();
    await fill(browser, "edit-study_year", "Parcours de consolidation des compétences");
    await shot(browser, "16-fiche-candidat");
    await (await browser.$("button=Enregistrer")).click();
    // The cell may be scrolled out of view: read the DOM, not the visible text.
    const mainText = () => browser.execute(() => document.querySelector("main")?.textContent ?? "");
    await browser.waitUntil(async () => (await mainText()).includes("Parcours de consolidation"), {
      timeoutMsg: "the corrected year of study is shown",
    });
    await fill(browser, "candidate-search", "");

    // Delete a candidate, then undo.
    await (await browser.$("input[aria-label='Sélectionner LEMAÎTRE Benoît']")).click();
    await (await browser.$("button=Supprimer (1)")).click();
    await (await browser.$("button=Supprimer")).click();
    await (await browser.$("p*=4 candidats")).waitForDisplayed();
    await (await browser.$("button=Annuler la suppression")).click();
    // As the test's other waits: CI's loaded machine once took more than the default 10 s.
    await (await browser.$("p*=5 candidats")).waitForDisplayed({ timeout: 20000 });

    // Export to xlsx where the dialog says.
    const exported = join(work, "export.xlsx");
    writeFileSync(script, `${exported}\n`);
    await (await browser.$("button=Exporter (xlsx)")).click();
    await browser.waitUntil(() => existsSync(exported), { timeoutMsg: "the export was written" });

    // The journal lists the import, with the way to undo it.
    await (await browser.$("button=Journal")).click();
    await (await browser.$("button=Annuler cet import")).waitForDisplayed();
    assert.match(await mainText(), /Import de « candidats-tours\.xlsx » \(feuille « Candidats CESP »\) : 5 candidats créés, 0 mis à jour, 2 lignes rejetées\./);
    await shot(browser, "17-journal-import");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }

  // The file holds the data, as the command line sees it.
  const info = JSON.parse(execFileSync(cli, ["info", campaignFile, "--json"], { encoding: "utf8" }));
  assert.equal(info.settings.city, "Tours");
  assert.equal(info.settings.quotas.student.odontology, 3);
  assert.equal(info.candidate_count, 5);

  // A new app process: the campaign is in the recent list and opens with its data.
  browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    const recent = await browser.$("button*=UFR de médecine de Tours — 2026-2027");
    await recent.waitForDisplayed();
    await shot(browser, "07-accueil-recentes");
    await recent.click();
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 20000 });
    assert.equal(await title.getText(), "UFR de médecine de Tours — 2026-2027");
    await (await browser.$("button=Paramètres")).click();
    assert.equal(await (await browser.$("#quota-student-odontology")).getValue(), "3");
    assert.equal(await (await browser.$("#quota-intern-medicine")).getValue(), "8");
    assert.equal(await (await browser.$("#city")).getValue(), "Tours");
    assert.equal(await (await browser.$("#dossier_deadline")).getValue(), "01/12/2026");

    // Undo the whole import from the journal: its five candidates go.
    await (await browser.$("button=Journal")).click();
    await (await browser.$("button=Annuler cet import")).click();
    await (await browser.$("button=Annuler l'import")).click();
    await (await browser.$("button=Candidats")).click();
    await (await browser.$("p*=Aucun candidat")).waitForDisplayed({ timeout: 20000 });

    // A backup was taken before the undo: restoring it brings the five candidates back.
    await (await browser.$("button=Sauvegardes")).click();
    const restore = await browser.$(`//tr[td[contains(., "Avant l'annulation d'un import")]]//button`);
    await restore.waitForDisplayed();
    await shot(browser, "18-sauvegardes");
    await restore.click();
    await (await browser.$("button=Restaurer")).click();
    // As a user does: once the window says the backup is restored.
    await browser.waitUntil(async () => (await (await browser.$("body")).getText()).includes("restaurée."), {
      timeout: 20000,
      timeoutMsg: "the restore is said done",
    });
    await (await browser.$("button=Candidats")).click();
    await (await browser.$("p*=5 candidats")).waitForDisplayed({ timeout: 20000 });

    // The demo campaign opens from the home screen.
    await (await browser.$("button=Fermer la campagne")).click();
    await (await browser.$("button*=campagne de démonstration")).click();
    await browser.waitUntil(async () =>
      (await (await browser.$("[data-testid=campaign-title]")).getText()).includes("UFR de médecine et d'odontologie"),
    );
    await shot(browser, "08-demo-tableau-de-bord");
    await (await browser.$("button=Candidats")).click();
    const count = await browser.$("p*=60 candidats");
    await count.waitForDisplayed();
    await fill(browser, "candidate-search", "lefevre");
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes("LEFÈVRE"));
    await fill(browser, "candidate-search", "");
    await shot(browser, "09-demo-candidats");
    await (await browser.$("button=Commission")).click();
    await (await browser.$("th=Pr Jean-Marc LEFEBVRE")).waitForDisplayed();
    await shot(browser, "10-demo-commission");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});

test("a file that is not a campaign gets a French message and is left untouched", async () => {
  const bogus = join(work, "notes.cesp");
  writeFileSync(bogus, "Ceci n'est pas une campagne.");
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont");
    writeFileSync(script, `${bogus}\n`);
    await (await browser.$("button*=Ouvrir une campagne")).click();
    const alert = await browser.$("[role=alert]");
    await alert.waitForDisplayed();
    const text = await alert.getText();
    assert.match(text, /n'est pas une campagne CESP/);
    assert.match(text, /notes\.cesp/);
    await shot(browser, "11-erreur-fichier");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
  const { readFileSync } = await import("node:fs");
  assert.equal(readFileSync(bogus, "utf8"), "Ceci n'est pas une campagne.");
});
