// End-to-end test of the allocation in the real window, on the demo campaign: the lists
// with their reasons, a withdrawal promoting the next candidate, the lists exported for
// the managing body, the decision letters, and the lists recorded in the history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName, demoDay, shortDate } from "./harness.mjs";

useDriver();

test("the commission allocates the contracts, records a withdrawal and sends the decisions", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Pr Jean-Marc Lefebvre, président");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav#sections")).$("button=Attribution")).click();
    await (await browser.$("h1=Attribution des contrats")).waitForDisplayed();
    const body = await browser.$("main");
    await browser.waitUntil(async () => (await body.getText()).includes("retenu — rang 1 sur"), { timeoutMsg: "the lists are shown" });
    assert.match(await body.getText(), /liste complémentaire n° 1/);
    assert.match(await body.getText(), /non retenu : non entendu en entretien/);
    await shot(browser, "40-attribution");

    // COLIN Théo withdraws: the first of the complementary list takes his place.
    const withdraw = await browser.$("button[aria-label='Désistement de COLIN Théo…']");
    await withdraw.scrollIntoView({ block: "center" });
    await withdraw.click();
    await (await browser.$("#withdraw-reason")).setValue("A choisi une autre région");
    await (await browser.$("button=Enregistrer le désistement")).click();
    const toast = await browser.$(".toast");
    await browser.waitUntil(async () => (await toast.getText()).includes("Entre sur la liste principale"), {
      timeoutMsg: "the promotion is announced",
    });
    await shot(browser, "41-desistement");

    // The lists for the managing body, then the decision letters.
    const xlsx = join(work, "listes.xlsx");
    writeFileSync(script, `${xlsx}\n`);
    await (await browser.$("button=Exporter les listes (xlsx)…")).click();
    await browser.waitUntil(() => existsSync(xlsx), { timeoutMsg: "the lists are written" });
    const letters = join(work, "decisions");
    mkdirSync(letters, { recursive: true });
    writeFileSync(script, `${letters}\n`);
    await (await browser.$("button=Lettres de décision…")).click();
    await browser.waitUntil(() => existsSync(join(letters, "Décisions CESP - toutes les lettres.pdf")), {
      timeoutMsg: "the decision letters are written",
    });

    // The lists are recorded in the history.
    await (await browser.$("button=Arrêter les listes…")).click();
    // Typed as the secretary would (the demo recorded its own « Séance du vendredi … »).
    const reason = `Listes revues le ${shortDate(demoDay(2027, 1, 17))}`;
    await (await browser.$("#record-reason")).setValue(reason);
    const dialog = await browser.$("[role=dialog]");
    await (await dialog.$("button=Arrêter les listes")).click();
    await browser.waitUntil(async () => (await body.getText()).includes(reason), {
      timeoutMsg: "the run is in the history",
    });
    await shot(browser, "42-historique");

    // The ARS opens only three places in general medicine for interns: core says what follows.
    const edit = await browser.$("button=Modifier les places par spécialité…");
    await edit.scrollIntoView({ block: "center" });
    await edit.click();
    await (await browser.$("#specialty-cell-0")).selectByAttribute("value", "intern.medicine");
    await (await browser.$("#specialty-name-0")).setValue("Médecine générale");
    // A number core cannot read is refused at its field, never saved as 0.
    await (await browser.$("#specialty-places-0")).setValue("3,x");
    await (await browser.$("button=Enregistrer les places")).click();
    await browser.waitUntil(async () => (await (await browser.$("#specialty-error-0")).getText()).includes("« 3,x » n'est pas un nombre entier"), {
      timeoutMsg: "core refuses « 3,x » at its field",
    });
    await shot(browser, "43a-specialites-refus");
    await (await browser.$("#specialty-places-0")).setValue("3");
    await (await browser.$("button=Enregistrer les places")).click();
    const statement = await browser.$("[data-testid=specialties-statement]");
    await browser.waitUntil(async () => (await statement.getText()).includes("Internes — médecine : Médecine générale — 3 places"), {
      timeoutMsg: "the places are saved",
    });
    await browser.waitUntil(async () => (await body.getText()).includes("l'ARS n'ouvre que 3 places par spécialité"), {
      timeoutMsg: "the notice says at most three contracts",
    });
    await statement.scrollIntoView({ block: "start" });
    await shot(browser, "43-specialites");

    // What if the threshold were 30? Nothing is written; who leaves is named.
    const threshold = await browser.$("#whatif-threshold");
    await threshold.scrollIntoView({ block: "center" });
    await threshold.setValue("30");
    await (await browser.$("#whatif-run")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("Simulation — rien n'est enregistré"), {
      timeoutMsg: "the simulation is shown",
    }).catch(async (e) => {
      await shot(browser, "44-simulation-seuil-echec");
      throw e;
    });
    assert.match(await body.getText(), /Sortent de la liste principale/);
    assert.match(await body.getText(), /< seuil 30/);
    await (await browser.$("h3=Ce qui change par rapport aux listes réelles")).scrollIntoView({ block: "start" });
    await shot(browser, "44-simulation-seuil");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
