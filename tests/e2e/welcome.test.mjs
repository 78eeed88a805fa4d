// The first start on a machine, in the real window: the welcome asks who is there, says
// where things are kept, then opens the demonstration; « À propos » (F1) shows the
// version, the places and the licenses; at the next start the welcome is gone and the
// name is remembered.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { work, preferences, useDriver, launch, shot, waitForExit, demoYear, fill } from "./harness.mjs";

useDriver({ firstRun: true });

test("first start: the welcome, a refused blank name, then the demonstration", async () => {
  const browser = await launch();
  try {
    await (await browser.$("h1=Bienvenue dans CESP\u00a0Commission")).waitForDisplayed({ timeout: 20000 });
    assert.equal(await (await browser.$("#operator-name")).isExisting(), false, "no name prompt over the welcome");
    // Where this machine keeps things: the backups folder under this run's data folder.
    const backups = join(work, "data", "fr.cesp-commission.app", "sauvegardes");
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes(backups), {
      timeoutMsg: "the backups folder is shown",
    });
    await shot(browser, "70-premier-demarrage");

    await (await browser.$("button*=Essayer la démonstration")).click();
    const error = await browser.$("#welcome-name-error");
    await error.waitForDisplayed();
    assert.match(await error.getText(), /Saisissez votre nom/);
    assert.equal(await (await browser.$("#welcome-name")).getAttribute("aria-invalid"), "true");
    await shot(browser, "71-premier-demarrage-nom-manquant");

    await (await browser.$("#welcome-name")).setValue("  Claire   Dumont, secrétaire ");
    await (await browser.$("button*=Essayer la démonstration")).click();
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 30000 });
    assert.ok((await title.getText()).endsWith(demoYear()), await title.getText());
    const prefs = JSON.parse(readFileSync(preferences, "utf8"));
    assert.deepEqual(prefs, { welcomed: true, operator: "Claire Dumont, secrétaire" });

    // « À propos » with F1.
    await browser.keys("F1");
    const about = await browser.$("h2=À propos de CESP\u00a0Commission");
    await about.waitForDisplayed();
    const dialog = await browser.$("[role=dialog]");
    await browser.waitUntil(async () => (await dialog.getText()).includes("Version 0.1.0"), { timeoutMsg: "version shown" });
    const text = await dialog.getText();
    assert.match(text, /Construite le \S+ \d{1,2}(er)?\s\S+ \d{4}/);
    assert.ok(text.includes(backups), "the backups folder");
    const licenses = await (await browser.$("[role=dialog] pre")).getText();
    for (const part of ["EUPL-1.2", "Bitstream-Vera", "SQLCipher"]) assert.ok(licenses.includes(part), part);
    await shot(browser, "72-a-propos");
    await browser.keys("Escape");
    await about.waitForDisplayed({ reverse: true });
  } finally {
    await browser.deleteSession();
  }
  await waitForExit();
});

test("next start: no welcome, the name is remembered, the welcome can be seen again", async () => {
  const browser = await launch();
  try {
    await (await browser.$("h1=Bienvenue")).waitForDisplayed({ timeout: 20000 });
    assert.equal(await (await browser.$("#operator-name")).isExisting(), false, "the name is not asked again");
    assert.match(await (await browser.$("header")).getText(), /Claire Dumont, secrétaire/);
    await (await browser.$("button=Revoir l'accueil")).click();
    await (await browser.$("h1=Bienvenue dans CESP\u00a0Commission")).waitForDisplayed();
    assert.equal(await (await browser.$("#welcome-name")).getValue(), "Claire Dumont, secrétaire");
    await shot(browser, "73-revoir-accueil");
  } finally {
    await browser.deleteSession();
  }
  await waitForExit();
});

test("the demo, changed, is reset from the home screen after a warning", async () => {
  const browser = await launch();
  try {
    await (await browser.$("h1=Bienvenue")).waitForDisplayed({ timeout: 20000 });
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await browser.$("button=Paramètres")).click();
    await fill(browser, "city", "Beauvais");
    await (await browser.$("button=Enregistrer les modifications")).click();
    await browser.waitUntil(async () => !(await (await browser.$("button=Enregistrer les modifications")).isEnabled()));
    await (await browser.$("button=Fermer la campagne")).click();

    // The home screen, once the campaign is closed (slow under load).
    const reset = await browser.$("button=Réinitialiser la démonstration…");
    await reset.waitForDisplayed({ timeout: 20000 });
    await reset.click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await dialog.getText(), /Réinitialiser la démonstration\s\?/);
    assert.match(await dialog.getText(), /seront perdues/);
    await shot(browser, "74-reinitialiser-demo");
    await (await dialog.$("button=Réinitialiser")).click();
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 30000 });
    assert.ok((await title.getText()).endsWith(demoYear()), await title.getText());
    await (await browser.$("button=Paramètres")).click();
    await browser.waitUntil(async () => (await (await browser.$("#city")).getValue()) === "Amiens", {
      timeoutMsg: "the demo is back as created",
    });
    await (await browser.$("button=Journal")).click();
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes("Démonstration"), {
      timeoutMsg: "the demo's journal is written under « Démonstration »",
    });
    assert.doesNotMatch(await (await browser.$("main")).getText(), /Beauvais/);
    await shot(browser, "75-demo-reinitialisee-journal");
  } finally {
    await browser.deleteSession();
  }
  await waitForExit();
});
