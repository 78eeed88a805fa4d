// End-to-end test of daily use on the usual office laptop, 1366 × 768, on the demo
// campaign: the candidates' columns chosen and remembered, the wide tables (ranking with
// normalised totals, dossiers) without sideways clipping, the journal filtered and
// exported. Screenshots go to tests/e2e/out/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName } from "./harness.mjs";

useDriver();

async function nav(browser, label) {
  await (await (await browser.$("nav#sections")).$(`button=${label}`)).click();
}

/** The column headers of the candidates table, as its sort buttons name them. */
const headers = (browser) =>
  browser.execute(() =>
    [...document.querySelectorAll("main table thead button.sort")].map((b) => b.getAttribute("aria-label")?.replace("Trier par ", "")),
  );

/** Every table of the section that runs past its box, sideways: none should (the tables
 * written for screen readers only are not drawn). */
const clipped = (browser) =>
  browser.execute(() =>
    [...document.querySelectorAll("main table")]
      .filter((t) => !t.closest(".visually-hidden"))
      .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > document.querySelector("main").getBoundingClientRect().right + 1)
      .map((t) => t.querySelector("caption")?.textContent ?? t.className),
  );

async function openDemo(browser) {
  await browser.setWindowRect(0, 0, 1366, 768);
  await giveName(browser, "Claire Dumont, secrétaire");
  await (await browser.$("button*=campagne de démonstration")).click();
  await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
}

const defaults = ["Nom et prénoms", "Catégorie", "Année d'études", "Spécialité envisagée", "Dossier reçu le"];

test("at 1366 × 768: the candidates' columns are chosen and remembered, wide tables fit, the journal is filtered and exported", async () => {
  let browser = await launch();
  try {
    await openDemo(browser);

    // The candidates: the columns that fit, all in view.
    await nav(browser, "Candidats");
    await (await browser.$("p*=60 candidats")).waitForDisplayed();
    assert.deepEqual(await headers(browser), defaults);
    assert.deepEqual(await clipped(browser), [], "the candidates table fits");
    await shot(browser, "19-candidats-1366");

    // « Colonnes »: the e-mail and the student number too; the table then scrolls
    // sideways with the names kept in view.
    const columns = await browser.$("button=Colonnes ▾");
    await columns.click();
    const menu = await browser.$("#candidate-columns");
    await menu.waitForDisplayed();
    await (await browser.$("label=Courriel")).click();
    await (await browser.$("label=N° étudiant")).click();
    await shot(browser, "19a-colonnes");
    await browser.keys(["Escape"]);
    await menu.waitForDisplayed({ reverse: true });
    assert.deepEqual(await headers(browser), [...defaults.slice(0, 4), "N° étudiant", "Courriel", "Dossier reçu le"]);
    assert.match(await browser.execute(() => document.querySelector("main table")?.textContent ?? ""), /@/, "the e-mails are shown");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }

  // The choice is this machine's: the next start shows the same columns.
  browser = await launch();
  try {
    await openDemo(browser);
    await nav(browser, "Candidats");
    await (await browser.$("p*=60 candidats")).waitForDisplayed();
    assert.deepEqual(await headers(browser), [...defaults.slice(0, 4), "N° étudiant", "Courriel", "Dossier reçu le"]);
    await (await browser.$("button=Colonnes ▾")).click();
    await (await browser.$("button=Colonnes par défaut")).click();
    assert.deepEqual(await headers(browser), defaults);
    // The window as it opens (1280 × 720) shows them whole too.
    await browser.keys(["Escape"]);
    await browser.setWindowRect(0, 0, 1280, 720);
    await browser.waitUntil(async () => (await clipped(browser)).length === 0, { timeoutMsg: "the candidates table fits at 1280 px" });
    await shot(browser, "19b-candidats-1280");
    await browser.setWindowRect(0, 0, 1366, 768);

    // The ranking with the normalised totals beside the raw ones: every column in view.
    await nav(browser, "Commission");
    const normalise = await browser.$("label*=normalisation");
    await normalise.scrollIntoView();
    await normalise.click();
    const saveRules = await browser.$("button=Enregistrer les règles");
    await saveRules.click();
    await browser.waitUntil(async () => !(await saveRules.isEnabled()), { timeoutMsg: "the rules are saved" });
    await nav(browser, "Classement");
    await (await browser.$("th*=Total normalisé")).waitForDisplayed({ timeout: 20000 });
    assert.deepEqual(await clipped(browser), [], "the ranking fits");
    await shot(browser, "25b-classement-1366");

    // The dossiers, and the interviews' schedule.
    await nav(browser, "Dossiers");
    await (await browser.$("h2=Liste des dossiers")).waitForDisplayed();
    assert.deepEqual(await clipped(browser), [], "the dossiers fit");
    await nav(browser, "Entretiens");
    await (await browser.$("h2=Planning des entretiens")).waitForDisplayed({ timeout: 20000 });
    assert.deepEqual(await clipped(browser), [], "the schedule fits");

    // The journal, filtered in core by kind, person and days, then exported as shown.
    await nav(browser, "Journal");
    const status = await browser.$("main [role=status]");
    await browser.waitUntil(async () => / entrées\.$/.test(await status.getText()), { timeoutMsg: "the journal is read" });
    const all = Number((await status.getText()).match(/^(\d+)/)?.[1]);
    const kind = await browser.$("#journal-kind");
    await kind.selectByAttribute("value", "commission");
    await browser.waitUntil(async () => (await status.getText()).endsWith("— Commission."), { timeoutMsg: "filtered by kind" });
    const commission = Number((await status.getText()).match(/^(\d+)/)?.[1]);
    assert.ok(commission >= 1 && commission < all, `${commission} of ${all}`);
    assert.match(await (await browser.$("ol.journal")).getText(), /Règles de la commission modifiées/);
    await (await browser.$("#journal-person")).selectByVisibleText("Claire Dumont, secrétaire");
    await browser.waitUntil(async () => (await status.getText()).includes("par Claire Dumont, secrétaire, Commission"), {
      timeoutMsg: "filtered by person",
    });
    // A day that is not one is refused at its field, in French.
    const from = await browser.$("#journal-from");
    await from.setValue("32/13/2026");
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await (await browser.$("#journal-from-error")).getText()).includes("n'est pas une date"), {
      timeoutMsg: "the wrong day is refused at the field",
    });
    assert.equal(await from.getAttribute("aria-invalid"), "true");
    // Days are Paris days, as the app's.
    const today = new Date().toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" });
    await from.clearValue();
    await from.setValue(today);
    await (await browser.$("#journal-to")).setValue(today);
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await status.getText()).includes(`le ${today}, par Claire Dumont, secrétaire, Commission`), {
      timeoutMsg: "filtered by day",
    });
    const shown = Number((await status.getText()).match(/^(\d+)/)?.[1]);
    await shot(browser, "20-journal-filtre");

    const exported = join(work, "journal.csv");
    writeFileSync(script, `${exported}\n`);
    await (await browser.$("button=Exporter…")).click();
    await browser.waitUntil(() => existsSync(exported), { timeoutMsg: "the journal is exported" });
    await (await browser.$(".toast*=Journal exporté dans «\u00a0journal.csv\u00a0»")).waitForDisplayed();
    const lines = readFileSync(exported, "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    assert.equal(lines[0], "N°;Date;Personne;Type;Action;Modifications");
    assert.equal(lines.length - 1, shown, "the rows shown, no more");
    for (const line of lines.slice(1)) assert.match(line, new RegExp(`;${today} \\d\\d:\\d\\d;Claire Dumont, secrétaire;Commission;`));
    await shot(browser, "20a-journal-exporte");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
