// End-to-end test of scoring in the real window, on the demo campaign: the grid, a
// candidate scored by the whole commission from the keyboard, a score outside the
// scale refused at the cell, the projector view revealing the totals once everyone has
// scored, the ranking and a candidate's detail. Screenshots go to tests/e2e/out/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useDriver, launch, shot, waitForExit, giveName } from "./harness.mjs";

useDriver();

async function nav(browser, label) {
  await (await (await browser.$("nav")).$(`button=${label}`)).click();
}

test("the commission scores a candidate from the keyboard and sees the ranking", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });

    await nav(browser, "Grille de notation");
    await (await browser.$("h1=Grille de notation")).waitForDisplayed();
    const frozen = await browser.$("p*=Des notes ont déjà été saisies avec cette grille");
    await frozen.waitForDisplayed();
    await shot(browser, "20-grille");

    await nav(browser, "Notation");
    await (await browser.$("h1=Notation")).waitForDisplayed();
    await (await browser.$(".score-grid")).waitForDisplayed();
    await shot(browser, "21-notation-par-membre");

    // One candidate at a time for the whole commission.
    await (await browser.$("button=Par candidat")).click();
    await (await browser.$("#scoring-filter-c")).selectByVisibleText("Tous les candidats");
    await (await browser.$("#scoring-candidate")).selectByVisibleText("MOREL Youssef — Étudiant — médecine");
    await (await browser.$("td*=Absent(e)")).waitForDisplayed();
    const first = await browser.$('[data-cell="0:0"]');
    // Centre it: the table's sticky header must not cover it.
    await first.scrollIntoView({ block: "center" });
    await first.click();
    // Six present voting members × six criteria, typed with Enter between cells.
    const values = ["4", "3,5", "4", "4,5", "4", "3,5"];
    for (let m = 0; m < 6; m++) {
      for (const v of values) await browser.keys([...v, "Enter"]);
    }
    await browser.waitUntil(
      async () => (await (await browser.$(".combined .grand strong")).getText()) !== "—",
      { timeoutMsg: "the commission's total appears once every member has scored", timeout: 10000 },
    );
    // Typed at full speed, every value landed in its own cell: each member totals 23,5.
    const totals = await browser.execute(() =>
      [...document.querySelectorAll(".score-grid tbody td.total")].map((td) => td.textContent.trim()),
    );
    assert.equal(totals.filter((t) => t.startsWith("23,5 / 30")).length, 6, totals.join(" | "));
    const total = await (await browser.$(".combined .grand strong")).getText();
    assert.match(total, /^\d+,\d+$|^\d+$/);
    await shot(browser, "22-notation-par-candidat");

    // A score above the scale is refused at the cell, in French.
    const again = await browser.$('[data-cell="0:0"]');
    await again.scrollIntoView({ block: "center" });
    await again.click();
    await browser.keys(["Control", "a"]);
    await browser.keys(["7", "Enter"]);
    const alert = await browser.$(".cell-errors");
    await alert.waitForDisplayed();
    assert.match(await alert.getText(), /7 dépasse le maximum de 5/);
    await shot(browser, "23-note-refusee");
    await browser.keys(["Escape"]);

    // The projector view: totals shown once everyone has scored.
    await (await browser.$("button=Séance (projecteur)")).click();
    await (await browser.$("h2=MOREL Youssef")).waitForDisplayed();
    await (await browser.$("button=Afficher les notes")).click();
    await (await browser.$(".seance .grand strong")).waitForDisplayed();
    assert.equal(await (await browser.$(".seance .grand strong")).getText(), total);
    await shot(browser, "24-seance-projecteur");

    await nav(browser, "Classement");
    await (await browser.$("caption=Étudiants — médecine")).waitForDisplayed();
    const row = await browser.$("th=MOREL Youssef");
    assert.ok(await row.isExisting(), "the newly scored candidate is ranked");
    await shot(browser, "25-classement");
    await (await browser.$("button[aria-label='Détail de MOREL Youssef']")).click();
    await (await browser.$("h2=Détail de MOREL Youssef")).waitForDisplayed();
    await shot(browser, "26-detail-candidat");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});

test("the secretary adds a sitting, records attendance with the live quorum, and a recusal", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await nav(browser, "Commission");
    await (await browser.$("h1=Commission")).waitForDisplayed();

    // A member who scored at a sitting cannot be marked absent from it: core says why.
    const sittings = await browser.$("h2=Séances et présences");
    await sittings.scrollIntoView();
    await (await browser.$("button=Ajouter une séance")).click();
    await (await browser.$("#sitting-date")).setValue("21/01/2027");
    await (await browser.$("#sitting-start_time")).setValue("14 h");
    await (await browser.$("#sitting-place")).setValue("Salle 2, UFR de médecine, Amiens");
    await (await browser.$("button=Ajouter la séance")).click();
    const title = await browser.$("h3=Séance du jeudi 21 janvier 2027 à 14 h");
    await title.waitForDisplayed();
    const card = await title.parentElement().then((h) => h.parentElement()).then((h) => h.parentElement());
    const quorum = await card.$("[data-testid^=quorum-]");
    assert.match(await quorum.getText(), /Quorum non atteint : 0 membre votant présent sur 7 \(4 requis\)/);
    // Four members present: the quorum is met, live.
    for (const name of ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND", "Dr Karim BELKACEM", "Dr Anne-Sophie DUVAL"]) {
      const row = await (await card.$(`th=${name}`)).parentElement();
      await (await row.$("label*=Présent(e)")).click();
    }
    await browser.waitUntil(async () => /Quorum atteint : 4 membres votants présents sur 7/.test(await quorum.getText()), {
      timeoutMsg: "the quorum statement follows the attendance",
    });
    await card.scrollIntoView();
    await shot(browser, "27-seance-quorum");

    // A recusal for a candidate not scored yet.
    await (await browser.$("h2=Déports")).scrollIntoView();
    await (await browser.$("#recusal-member")).selectByVisibleText("Dr Karim BELKACEM — Médecin en exercice");
    await (await browser.$("#recusal-search")).setValue("morel youssef");
    await (await browser.$("#recusal-reason")).setValue("Lien familial avec le candidat");
    await (await browser.$("button=Déclarer le déport…")).click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await dialog.getText(), /MOREL Youssef/);
    await (await dialog.$("button=Déclarer le déport")).click();
    await (await browser.$("td=Lien familial avec le candidat")).waitForDisplayed();
    await shot(browser, "28-deports");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
