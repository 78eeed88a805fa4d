// End-to-end test of dossiers in the real window, on the demo campaign: counts, search,
// a piece recorded as received, a file attached through the dialog, the letters written
// as PDF, and the referent's copy merged in. Screenshots go to tests/e2e/out/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, existsSync, mkdirSync, copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, work, script, useDriver, launch, shot, waitForExit, giveName } from "./harness.mjs";

useDriver();

async function nav(browser, label) {
  await (await (await browser.$("nav#sections")).$(`button=${label}`)).click();
}

test("the referent records pieces, attaches a scan, prints letters and merges a copy", async () => {
  const scan = join(work, "rib-bensaid.pdf");
  // A real PDF made by the app itself (a letter), standing for a scanned RIB.
  const letters0 = join(work, "l0");
  mkdirSync(letters0, { recursive: true });
  const demoCopy = join(work, "source.cesp");
  execFileSync(cli, ["demo", demoCopy]);
  execFileSync(cli, ["dossier", demoCopy, "--letters", letters0]);
  copyFileSync(join(letters0, "Pièces manquantes - BENSAÏD Pierre-Louis.pdf"), scan);

  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await nav(browser, "Dossiers");
    await (await browser.$("h2=Par catégorie")).waitForDisplayed();
    await shot(browser, "30-dossiers");

    await (await browser.$("#dossier-search")).setValue("bensaid pierre");
    const open = await browser.$("button*=BENSAÏD Pierre-Louis");
    await open.waitForDisplayed();
    await open.click();
    await (await browser.$("h2=Dossier de BENSAÏD Pierre-Louis")).waitForDisplayed();
    const drawer = await browser.$("h2=Dossier de BENSAÏD Pierre-Louis").then((h) => h.parentElement());
    void drawer;
    // The RIB was missing: it arrives today, and the ARS agreement is not required of him.
    // Both are saved together, in one action.
    const status = await browser.$("select[id$='-6-status']");
    await status.scrollIntoView();
    await status.selectByVisibleText("Reçue");
    const ars = await browser.$("select[id$='-11-status']");
    await ars.scrollIntoView();
    await ars.selectByVisibleText("Non requise");
    const saveAll = await browser.$("button=Enregistrer les pièces (2)");
    await saveAll.waitForDisplayed();
    assert.match(await (await browser.$(".save-bar")).getText(), /2 pièces modifiées, non enregistrées/);
    await shot(browser, "31a-pieces-a-enregistrer");
    await saveAll.click();
    await browser.waitUntil(async () => (await (await browser.$("p[id$='-6-state']")).getText()).includes("Reçue le"), {
      timeoutMsg: "the piece shows as received",
    });
    assert.match(await (await browser.$("p[id$='-11-state']")).getText(), /Non requise/);
    await (await browser.$(".toast*=Dossier de BENSAÏD Pierre-Louis\u00a0: 2 pièces enregistrées.")).waitForDisplayed();
    // The scan is attached through the dialog.
    writeFileSync(script, `${scan}\n`);
    await (await browser.$("button[aria-label='Joindre un fichier à «\u00a0Relevé d\\'identité bancaire (RIB)\u00a0»…']")).click();
    await (await browser.$("button[aria-label='Ouvrir rib-bensaid.pdf']")).waitForExist({ timeout: 10000 });
    await shot(browser, "31-dossier-candidat");
    await browser.keys(["Escape"]);

    // Letters for every incomplete dossier, into a folder the dialog names.
    const letters = join(work, "lettres");
    mkdirSync(letters, { recursive: true });
    writeFileSync(script, `${letters}\n`);
    await (await browser.$("button=Lettres de pièces manquantes…")).click();
    // The letters ask for the pieces by a date: core proposes one, refuses a past one.
    const returnBy = await browser.$("#return-by");
    await browser.waitUntil(async () => /^\d{2}\/\d{2}\/\d{4}$/.test(await returnBy.getValue()), {
      timeoutMsg: "a return date is proposed",
    });
    const proposed = await returnBy.getValue();
    await returnBy.setValue("01/12/2026");
    await (await browser.$("button=Choisir le dossier et écrire…")).click();
    await browser.waitUntil(async () => (await (await browser.$("#return-by-error")).getText()).includes("n'est pas après la date de la lettre"), {
      timeoutMsg: "a past return date is refused at the field",
    });
    await shot(browser, "32a-date-de-retour-refusee");
    await returnBy.setValue(proposed);
    await (await browser.$("button=Choisir le dossier et écrire…")).click();
    // Done when the app says so: the batch file appears before the letters one by one.
    const toast = await browser.$(".toast");
    await browser.waitUntil(async () => (await toast.getText()).includes("lettres de pièces manquantes enregistrées"), {
      timeout: 20000,
      timeoutMsg: "the letters are written and the app says so",
    });
    assert.ok(existsSync(join(letters, "Pièces manquantes - toutes les lettres.pdf")), "the batch of letters is written");
    const files = readdirSync(letters);
    assert.ok(!files.includes("Pièces manquantes - BENSAÏD Pierre-Louis.pdf"), "his dossier is complete now");
    assert.ok(files.length > 10, `${files.length} letters`);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", join(letters, "Pièces manquantes - toutes les lettres.pdf"), join(process.cwd(), "out", "32-lettre")]);
    const letterText = execFileSync("pdftotext", [join(letters, "Pièces manquantes - toutes les lettres.pdf"), "-"]).toString();
    const [day, , year] = proposed.split("/");
    assert.match(letterText, new RegExp(`au\\s+plus\\s+tard\\s+le\\s+\\S+\\s+${Number(day) === 1 ? "1er" : Number(day)}\\s+\\S+\\s+${year}`), "the letters ask for the date chosen");

    // The referent's copy: one more piece recorded there, merged here.
    const copy = join(work, "copie-referent.cesp");
    const session = join(work, "data", "fr.cesp-commission.app", "Campagne de démonstration.cesp");
    copyFileSync(session, copy);
    execFileSync(cli, ["attach", copy, "blanc maelys", "transcript_n2", scan], { env: { ...process.env, CESP_OPERATOR: "Référent" } });
    writeFileSync(script, `${copy}\n`);
    const merge = await browser.$("button=Fusionner une copie de la campagne…");
    await merge.scrollIntoView();
    await merge.click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await dialog.getText(), /BLANC Maëlys — Relevé de notes de l'année N-2/);
    await shot(browser, "33-fusion");
    await (await dialog.$("button=Fusionner")).click();
    await dialog.waitForDisplayed({ reverse: true });
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
  const info = execFileSync(cli, ["dossier", join(work, "data", "fr.cesp-commission.app", "Campagne de démonstration.cesp"), "blanc maelys"], { encoding: "utf8" });
  assert.match(info, /Recevabilité : Complet/);
});
