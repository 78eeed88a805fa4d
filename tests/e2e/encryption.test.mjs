// End-to-end test of encryption at rest in the real window: the demo campaign encrypted
// from its settings, the app closed, the file reopened from the recent list with a wrong
// then the right passphrase; nothing of it readable on disk meanwhile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { work, useDriver, launch, shot, waitForExit, giveName, fill } from "./harness.mjs";

useDriver();
const PHRASE = "cèdre lumière vingt falaises";

/** Every `.cesp` file under `dir`, recursively (the demo and its backups). */
function campaignFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".cesp"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** On disk, the demo and each of its backups (at least `least` files) are noise. */
function assertNoise(least) {
  const files = campaignFiles(join(work, "data"));
  assert.ok(files.length >= least, `the demo and its backups: ${files}`);
  for (const f of files) {
    const bytes = readFileSync(f);
    assert.ok(!bytes.includes("SQLite format 3"), `${f} is encrypted`);
    assert.ok(!bytes.includes(Buffer.from("BENSAÏD")), `${f} shows no name`);
  }
}

test("encrypt the demo from its settings, then reopen it with its passphrase", async () => {
  let browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=Essayer avec la campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await browser.$("button=Paramètres")).click();
    const status = await browser.$("p*=Ce fichier n'est pas chiffré");
    await status.scrollIntoView();
    await status.waitForDisplayed();
    await (await browser.$("button=Chiffrer le fichier…")).click();
    await (await browser.$("#encryption-passphrase")).waitForDisplayed();
    // Too short: refused by core at its field.
    await fill(browser, "encryption-passphrase", "amiens");
    await fill(browser, "encryption-confirmation", "amiens");
    await (await browser.$("[role=dialog] button.primary")).click();
    const tooShort = await browser.$("#encryption-passphrase-error");
    await browser.waitUntil(async () => (await tooShort.getText()).includes("au moins 12 caractères"), {
      timeoutMsg: "the length is asked at the field",
    });
    await shot(browser, "60-chiffrer-erreur");
    await fill(browser, "encryption-passphrase", PHRASE);
    await fill(browser, "encryption-confirmation", PHRASE);
    await (await browser.$("[role=dialog] button.primary")).click();
    const toast = await browser.$(".toast");
    await browser.waitUntil(async () => (await toast.getText()).includes("Fichier chiffré."), {
      timeout: 20000,
      timeoutMsg: "the notice says the file is encrypted",
    });
    await (await browser.$("p*=Ce fichier est chiffré")).waitForDisplayed();
    assert.match(await (await browser.$("header")).getText(), /Chiffré/);
    await shot(browser, "61-chiffrement-fait");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }

  assertNoise(1);

  browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button.recent-open")).click();
    const field = await browser.$("#unlock-passphrase");
    await field.waitForDisplayed({ timeout: 20000 });
    assert.match(await (await browser.$("[role=dialog]")).getText(), /est chiffré : saisissez sa phrase de passe/);
    await field.setValue("cèdre lumière");
    await browser.keys("Enter");
    const wrong = await browser.$("#unlock-passphrase-error");
    await browser.waitUntil(async () => (await wrong.getText()).includes("La phrase de passe ne permet pas d'ouvrir"), {
      timeout: 20000,
      timeoutMsg: "a wrong passphrase is said at the field",
    });
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    await shot(browser, "62-phrase-de-passe-fausse");
    await fill(browser, "unlock-passphrase", PHRASE);
    await browser.keys("Enter");
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 20000 });
    assert.match(await (await browser.$("header")).getText(), /Chiffré/);
    await shot(browser, "63-campagne-chiffree-ouverte");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
  // The backup taken on opening is encrypted too.
  assertNoise(2);
});
