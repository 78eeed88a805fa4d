// End-to-end test of the minutes in the real window, on the demo campaign: the preview and
// core's checklist, the seal by the chair (a date before the last sitting refused, the
// point left acknowledged with a reason), the PDF written and then checked by « Vérifier un
// procès-verbal… »; a copy changed by one byte is refused; a restore from before the seal
// is refused, one from after it keeps the seal and the journal. Then, on those sealed
// minutes, members sign with their own certificates (a wrong passphrase at its field, an
// expired certificate refused, the chair warned), and the PDF exported carries the
// signature, as poppler's pdfsig reads it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root, work, script, useDriver, launch, shot, waitForExit, giveName, demoDay, shortDate } from "./harness.mjs";

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
    await (await (await browser.$("nav#sections")).$("button=Procès-verbal")).click();
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
    await (await (await browser.$("nav#sections")).$("button=Sauvegardes")).click();
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
    await (await (await browser.$("nav#sections")).$("button=Procès-verbal")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "still sealed" });

    // After the seal: closed and opened again (a backup), a member approves, then that
    // backup is restored. The approval is undone, the seal stays, the journal keeps every
    // line and says what the restore undid, and the PDF still verifies.
    await (await browser.$("button=Fermer la campagne")).click();
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav#sections")).$("button=Procès-verbal")).click();
    const approve = await browser.$("button=Approuver");
    await approve.waitForDisplayed({ timeout: 20000 });
    await approve.click();
    await browser.waitUntil(async () => (await body.getText()).includes("Approuvé —"), { timeoutMsg: "the approval is recorded" });
    await (await (await browser.$("nav#sections")).$("button=Sauvegardes")).click();
    const afterSeal = await browser.$(`(//tr[td[contains(., "À l'ouverture")]])[1]//button`);
    await afterSeal.waitForDisplayed();
    await afterSeal.click();
    await (await browser.$("button=Restaurer")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Sauvegardes"), { timeoutMsg: "back to the backups" });
    await (await (await browser.$("nav#sections")).$("button=Journal")).click();
    const journal = await browser.$("ol.journal");
    await browser.waitUntil(async () => /1 action inscrite au journal depuis cette sauvegarde est annulée/.test(await journal.getText()), {
      timeout: 20000,
      timeoutMsg: "the restore is journaled with what it undid",
    });
    const lines = await journal.getText();
    assert.match(lines, /approuve le procès-verbal \(version 1\)/, "the approval's line is kept");
    assert.match(lines, /Procès-verbal scellé \(version 1\)/, "the seal's line is kept");
    await shot(browser, "52d-restauration-apres-scellement-journal");
    await (await (await browser.$("nav#sections")).$("button=Procès-verbal")).click();
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

/** pdfsig's report, one object per signature (it exits 0 whether they are valid or not). */
function pdfsig(pdf) {
  const r = spawnSync("pdfsig", [pdf], { encoding: "utf8" });
  assert.ok(r.status === 0 || r.status === 2, `pdfsig a échoué sur ${pdf} : ${r.stdout}${r.stderr}`);
  const field = (b, label) => (b.match(new RegExp(`- ${label}: (.*)`)) ?? [])[1] ?? null;
  return r.stdout
    .split(/^Signature #\d+:\n/m)
    .slice(1)
    .map((b) => ({ cn: field(b, "Signer Certificate Common Name"), validation: field(b, "Signature Validation"), text: b }));
}

// Follows the test above: the demo's minutes are sealed (version 1), no one has signed.
test("members sign the sealed minutes with their own certificates, and the PDF carries the signature", async () => {
  const certs = join(work, "certificats");
  execFileSync("bash", [join(root, "tests/signatures/make-certs.sh"), certs], { stdio: "ignore" });
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav#sections")).$("button=Procès-verbal")).click();
    const body = await browser.$("main");
    await browser.waitUntil(async () => (await body.getText()).includes("Scellé — version 1"), { timeoutMsg: "the minutes are sealed" });
    const section = await browser.$("section[aria-labelledby=minutes-esign-title]");
    await section.waitForDisplayed();
    const total = Number((await section.getText()).match(/0 membre sur (\d+) a signé/)?.[1]);
    assert.ok(total > 1, "the count of signers is shown");
    assert.match(await section.getText(), /signature électronique avancée \(PAdES\)/);
    assert.match(await section.getText(), /Pr Jean-Marc LEFEBVRE\s+signe en dernier/);
    const names = await browser.execute(() =>
      [...document.querySelectorAll("section[aria-labelledby=minutes-esign-title] tbody th")].map((th) => th.firstChild?.textContent?.trim()),
    );
    assert.equal(names.at(-1), "Pr Jean-Marc LEFEBVRE", "the chair signs last");
    await browser.execute((e) => e.scrollIntoView({ block: "start" }), section);
    await shot(browser, "53-pv-signatures-electroniques");

    // Dr Sophie MARCHAND: her certificate, first with a wrong passphrase, shown at the field.
    const signAs = (name) => section.$(`button[aria-label="Signer en tant que ${name}…"]`);
    await (await signAs("Dr Sophie MARCHAND")).click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await dialog.getText(), /Signer le procès-verbal — Dr Sophie MARCHAND/);
    assert.equal(await (await dialog.$("button=Signer")).isEnabled(), false, "nothing to sign with before a certificate is chosen");
    // Cancelling the file dialog changes nothing.
    writeFileSync(script, "CANCEL\n");
    await (await dialog.$("button=Choisir le certificat…")).click();
    await browser.pause(300);
    assert.match(await dialog.getText(), /Aucun certificat choisi\./);
    writeFileSync(script, `${join(certs, "marchand.p12")}\n`);
    await (await dialog.$("button=Choisir le certificat…")).click();
    await browser.waitUntil(async () => (await dialog.getText()).includes("« marchand.p12 »"), { timeoutMsg: "the certificate is chosen" });
    const passphrase = await dialog.$("input[type=password]");
    await passphrase.setValue("secret-pV");
    await (await dialog.$("button=Signer")).click();
    await browser.waitUntil(async () => (await passphrase.getAttribute("aria-invalid")) === "true", { timeoutMsg: "the wrong passphrase is refused at its field" });
    const fieldError = await dialog.$(".field-error");
    assert.match(await fieldError.getText(), /La phrase de passe du certificat « marchand\.p12 » est incorrecte/);
    assert.equal(await browser.execute(() => document.activeElement?.getAttribute("type")), "password", "the focus is on the passphrase");
    await shot(browser, "53b-pv-signer-phrase-incorrecte");
    // The right one, and Enter signs.
    await passphrase.setValue("secret-pv");
    await browser.keys("Enter");
    await dialog.waitForExist({ reverse: true, timeout: 20000 });
    await browser.waitUntil(async () => /Signé le .+ avec le certificat de Sophie Marchand \(délivré par /.test(await section.getText()), {
      timeoutMsg: "her signature is listed",
    });
    assert.match(await section.getText(), new RegExp(`1 membre sur ${total} a signé`));
    assert.equal(await (await signAs("Dr Sophie MARCHAND")).isExisting(), false);
    assert.match(await browser.execute(() => document.activeElement?.getAttribute("aria-label") ?? ""), /^Signer en tant que /, "the focus goes to the next member");
    assert.equal((await browser.$$("button=Approuver")).length, 0, "no approval once signed electronically");
    await (await browser.$(".toast button")).click(); // the notice, read: out of the way
    await browser.execute((e) => e.scrollIntoView({ block: "start" }), section);
    await shot(browser, "53c-pv-signatures-une-signee");

    // Dr Anne-Sophie DUVAL with an expired certificate: core's refusal, in the dialog.
    await (await signAs("Dr Anne-Sophie DUVAL")).click();
    const duval = await browser.$("[role=dialog]");
    await duval.waitForDisplayed();
    writeFileSync(script, `${join(certs, "duval-expiree.p12")}\n`);
    await (await duval.$("button=Choisir le certificat…")).click();
    await browser.waitUntil(async () => (await duval.getText()).includes("« duval-expiree.p12 »"), { timeoutMsg: "the certificate is chosen" });
    await (await duval.$("input[type=password]")).setValue("secret-pv");
    await (await duval.$("button=Signer")).click();
    const refusal = await duval.$("[role=alert]");
    await refusal.waitForDisplayed({ timeout: 20000 });
    assert.match(await refusal.getText(), /Le certificat de Anne-Sophie Duval ne permet pas de signer : il a expiré le 01\/01\/2025/);
    await shot(browser, "53d-pv-signer-certificat-expire");
    await (await duval.$("button=Annuler")).click();
    await duval.waitForExist({ reverse: true });
    assert.match(await section.getText(), new RegExp(`1 membre sur ${total} a signé`), "nothing was written");
    assert.equal(await browser.execute(() => document.activeElement?.getAttribute("aria-label")), "Signer en tant que Dr Anne-Sophie DUVAL…", "the focus is back");

    // The chair is told who could no longer sign; Escape closes without signing.
    await (await signAs("Pr Jean-Marc LEFEBVRE")).click();
    const chair = await browser.$("[role=dialog]");
    await chair.waitForDisplayed();
    assert.match(await chair.getText(), new RegExp(`${total - 2} membres n'ont pas encore signé : après la signature du président, ils ne pourront plus signer\\.`));
    await shot(browser, "53e-pv-signer-president-avertissement");
    await browser.keys("Escape");
    await chair.waitForExist({ reverse: true });
    assert.equal(await browser.execute(() => document.activeElement?.getAttribute("aria-label")), "Signer en tant que Pr Jean-Marc LEFEBVRE…");

    // The PDF as signed so far: one signature, valid for poppler's pdfsig.
    const pdf = join(work, "pv-signé.pdf");
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Exporter en PDF…")).click();
    await browser.waitUntil(() => existsSync(pdf), { timeoutMsg: "the signed PDF is written" });
    await browser.pause(300);
    const signatures = pdfsig(pdf);
    assert.equal(signatures.length, 1, `one signature: ${signatures.map((x) => x.text).join("")}`);
    assert.equal(signatures[0].cn, "Sophie Marchand");
    assert.equal(signatures[0].validation, "Signature is Valid.", signatures[0].text);

    // « Vérifier un procès-verbal… » lists it, its three checks in words.
    writeFileSync(script, `${pdf}\n`);
    await (await browser.$("button=Vérifier un procès-verbal…")).click();
    const check = await browser.$("[role=dialog]");
    await check.waitForDisplayed();
    await browser.waitUntil(async () => (await check.getText()).includes("Signature 1 — Sophie Marchand"), { timeoutMsg: "the signature is listed" });
    const verdict = await check.$("[role=status]");
    assert.match(await verdict.getText(), /^Conforme : ce PDF est la version 1 scellée du procès-verbal, avec 1 signature électronique intacte/);
    const text = await check.getText();
    for (const words of ["Signature intacte", "Document inchangé depuis, hors signatures suivantes", "Certificat valide à cette date"]) {
      assert.ok(text.includes(words), `« ${words} » is said`);
    }
    assert.match(text, /Certificat délivré par\s+.*AC de test CESP/);
    await shot(browser, "53f-pv-verification-signee");
    await (await check.$("button=Fermer")).click();
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
