// End-to-end test of the minutes in the real window, on the demo campaign: the preview and
// core's checklist, the seal by the chair (a date before the last sitting refused, the
// point left acknowledged with a reason), the PDF written and then checked by « Vérifier un
// procès-verbal… »; a copy changed by one byte is refused; a restore from before the seal
// is refused, one from after it keeps the seal and the journal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName, demoDay, shortDate } from "./harness.mjs";

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
    // Core's checklist: nothing blocks, one point to acknowledge (the PADHUE contract).
    const checklist = await browser.$(".checklist");
    assert.match(await checklist.getText(), /À reconnaître : PADHUE — médecine : 1 contrat non attribué sur 1/);
    assert.doesNotMatch(await checklist.getText(), /À corriger/);
    await shot(browser, "50-pv-projet");

    await (await browser.$("button=Sceller le procès-verbal…")).click();
    const dialog = await browser.$("[role=dialog]");
    const date = await dialog.$("#seal-date");
    // Signed before the sittings it records: refused at the field.
    await date.setValue(shortDate(demoDay(2027, 1, 13)));
    await (await dialog.$("button=Sceller")).click();
    const dateError = await dialog.$("#seal-date-error");
    await browser.waitUntil(async () => (await dateError.getText()).includes("précède la dernière séance de la commission"), {
      timeoutMsg: "a date before the last sitting is refused",
    });
    // No reason for the point to acknowledge: refused at the field.
    await date.setValue(shortDate(demoDay(2027, 1, 15)));
    await (await dialog.$("button=Sceller")).click();
    const reasonError = await dialog.$("#seal-acknowledgement-error");
    await browser.waitUntil(async () => (await reasonError.getText()).includes("dites pourquoi"), { timeoutMsg: "a reason is asked for" });
    await (await dialog.$("#seal-acknowledgement")).setValue("candidate PADHUE absente à son entretien ; contrat reporté");
    await shot(browser, "50b-pv-sceller");
    await (await dialog.$("button=Sceller")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "the minutes are sealed" });
    assert.match(await body.getText(), /Empreinte SHA-256 : [0-9a-f]{64}/);
    assert.match(await body.getText(), /par Pr [^,]+, président\(e\) de la commission/);
    assert.match(await body.getText(), /Scellé en connaissance du point suivant, pour ce motif : « candidate PADHUE absente à son entretien ; contrat reporté »/);
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

    // After the seal: closed and opened again (a backup), a member approves, then that
    // backup is restored. The approval is undone, the seal stays, the journal keeps every
    // line and says what the restore undid, and the PDF still verifies.
    await (await browser.$("button=Fermer la campagne")).click();
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav")).$("button=Procès-verbal")).click();
    const approve = await browser.$("button=Approuver");
    await approve.waitForDisplayed({ timeout: 20000 });
    await approve.click();
    await browser.waitUntil(async () => (await body.getText()).includes("Approuvé —"), { timeoutMsg: "the approval is recorded" });
    await (await (await browser.$("nav")).$("button=Sauvegardes")).click();
    const afterSeal = await browser.$(`(//tr[td[contains(., "À l'ouverture")]])[1]//button`);
    await afterSeal.waitForDisplayed();
    await afterSeal.click();
    await (await browser.$("button=Restaurer")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Sauvegardes"), { timeoutMsg: "back to the backups" });
    await (await (await browser.$("nav")).$("button=Journal")).click();
    const journal = await browser.$("ol.journal");
    await browser.waitUntil(async () => /1 action inscrite au journal depuis cette sauvegarde est annulée/.test(await journal.getText()), {
      timeout: 20000,
      timeoutMsg: "the restore is journaled with what it undid",
    });
    const lines = await journal.getText();
    assert.match(lines, /approuve le procès-verbal \(version 1\)/, "the approval's line is kept");
    assert.match(lines, /Procès-verbal scellé \(version 1\)/, "the seal's line is kept");
    await shot(browser, "52d-restauration-apres-scellement-journal");
    await (await (await browser.$("nav")).$("button=Procès-verbal")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "still sealed after the restore" });
    assert.doesNotMatch(await body.getText(), /Approuvé —/, "the approval is undone");
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Vérifier un procès-verbal…")).click();
    const again = await browser.$("[role=dialog]");
    await again.waitForDisplayed();
    await browser.waitUntil(async () => (await again.getText()).includes("Conforme"), { timeoutMsg: "the PDF still verifies" });
    await shot(browser, "52e-pv-verifie-apres-restauration");
    await (await again.$("button=Fermer")).click();
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
