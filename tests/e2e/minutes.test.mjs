// End-to-end test of the minutes in the real window, on the demo campaign: the preview,
// the seal by the chair, the PDF written and then checked by « Vérifier un procès-verbal… »;
// a copy changed by one byte is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName } from "./harness.mjs";

useDriver();

test("the chair seals the minutes, the PDF is written and verified", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Pr Jean-Marc Lefebvre, président");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    // Closed and opened again: the opening takes a backup, from before the seal.
    await (await browser.$("button=Fermer la campagne")).click();
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav")).$("button=Procès-verbal")).click();
    await (await browser.$("h1=Procès-verbal")).waitForDisplayed();
    const body = await browser.$("main");
    await browser.waitUntil(async () => (await body.getText()).includes("Projet — non scellé"), { timeoutMsg: "the draft is shown" });
    assert.match(await body.getText(), /Fait à Amiens, le/);
    await shot(browser, "50-pv-projet");

    await (await browser.$("button=Sceller le procès-verbal…")).click();
    const dialog = await browser.$("[role=dialog]");
    await (await dialog.$("#seal-date")).setValue("17/01/2027");
    await (await dialog.$("button=Sceller")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "the minutes are sealed" });
    assert.match(await body.getText(), /Empreinte SHA-256 : [0-9a-f]{64}/);
    await shot(browser, "51-pv-scelle");

    const pdf = join(work, "pv.pdf");
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Exporter en PDF…")).click();
    await browser.waitUntil(() => existsSync(pdf), { timeoutMsg: "the PDF is written" });

    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Vérifier un procès-verbal…")).click();
    const check = await browser.$("[role=dialog]");
    await check.waitForDisplayed();
    await browser.waitUntil(async () => (await check.getText()).includes("Conforme"), { timeoutMsg: "the PDF verifies" });
    await shot(browser, "52-pv-verification");
    await (await check.$("button=Fermer")).click();
    await check.waitForDisplayed({ reverse: true });

    // The same PDF with one byte of its text changed, as someone would after printing.
    const bytes = readFileSync(pdf);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    const changed = join(work, "pv-modifié.pdf");
    writeFileSync(changed, bytes);
    writeFileSync(script, `${changed}\n`);
    await (await browser.$("button=Vérifier un procès-verbal…")).click();
    const refusal = await browser.$("[role=dialog]");
    await refusal.waitForDisplayed();
    await browser.waitUntil(async () => (await refusal.getText()).includes("Non conforme"), { timeoutMsg: "the changed PDF is refused" });
    assert.match(await refusal.getText(), /modifié après sa production/);
    await shot(browser, "52b-pv-verification-refusee");
    await (await refusal.$("button=Fermer")).click();
    await refusal.waitForDisplayed({ reverse: true });

    // The backup taken on opening, before the seal, cannot be restored: the seal stays.
    await (await (await browser.$("nav")).$("button=Sauvegardes")).click();
    const restore = await browser.$(`//tr[td[contains(., "À l'ouverture")]]//button`);
    await restore.waitForDisplayed();
    await restore.click();
    await (await browser.$("button=Restaurer")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("d'avant le scellement de la version 1"), {
      timeoutMsg: "the restore before the seal is refused",
      timeout: 20000,
    });
    assert.match(await body.getText(), /Rien n'a été modifié/);
    await shot(browser, "52c-restauration-avant-scellement-refusee");
    await (await (await browser.$("nav")).$("button=Procès-verbal")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "still sealed" });
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
