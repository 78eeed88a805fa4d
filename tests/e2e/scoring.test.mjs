// End-to-end test of scoring in the real window, on the demo campaign: a live sitting at
// 1366×768 (column headers wrapped between words, the grid within the window, validating
// moving on to the next candidate still to score, the candidate list and the grid moving
// together when the sitting changes, an empty list with its way out),
// the grid, a candidate scored by the whole commission from the keyboard, a score outside
// the scale refused at the cell, the projector view revealing the totals once everyone has
// scored, the ranking and a candidate's detail. Screenshots go to tests/e2e/out/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useDriver, launch, shot, waitForExit, giveName } from "./harness.mjs";

useDriver();

async function nav(browser, label) {
  await (await (await browser.$("nav#sections")).$(`button=${label}`)).click();
}

/**
 * The words of the score grid's column headers cut across two lines (none expected: a
 * header wraps between words, or after a compound word's hyphen), and how far the grid
 * overflows its frame sideways, in pixels.
 */
async function headerLayout(browser) {
  return browser.execute(() => {
    const broken = [];
    for (const th of document.querySelectorAll(".score-grid thead th")) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent.matchAll(/[^\s\-‑]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
      if (th.scrollWidth > th.clientWidth) broken.push(`${th.textContent} (dépasse sa colonne)`);
    }
    const frame = document.querySelector(".table-wrap");
    return { broken, overflow: frame.scrollWidth - frame.clientWidth, headers: document.querySelectorAll(".score-grid thead th").length };
  });
}

/** The candidate on screen, as the list and the grid each show it. */
async function onScreen(browser) {
  return browser.execute(() => {
    const select = document.querySelector("#scoring-candidate");
    return {
      list: select.options[select.selectedIndex]?.textContent.split(" — ")[0] ?? "",
      grid: document.querySelector(".score-grid caption").textContent.replace("Par candidat — ", ""),
      options: [...select.options].map((o) => o.textContent.split(" — ")[0]),
      labels: [...select.options].map((o) => o.textContent),
      remaining: document.querySelector(".remaining").textContent,
    };
  });
}

/** Shows the candidate of the list whose option reads `label`. */
async function pick(browser, label) {
  await (await browser.$("#scoring-candidate")).selectByVisibleText(label);
  const name = label.split(" — ")[0];
  await browser.waitUntil(async () => (await onScreen(browser)).grid === name, { timeoutMsg: `the grid shows ${name}` });
}

/** Each candidate of the list in turn: whether validated, and whether ready to validate. */
async function scan(browser) {
  return browser.execute(async () => {
    const select = document.querySelector("#scoring-candidate");
    const start = select.selectedIndex;
    const out = [];
    const button = (text) => [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === text);
    for (let i = 0; i <= select.options.length; i++) {
      select.selectedIndex = i < select.options.length ? i : start;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 60));
      if (i < select.options.length) {
        const validate = button("Valider les notes de ce candidat");
        out.push({ validated: button("Déverrouiller…") !== undefined, complete: validate !== undefined && !validate.disabled });
      }
    }
    return out;
  });
}

test("a live sitting: headers readable at 1366×768, validating moves on to the next candidate", async () => {
  const browser = await launch();
  try {
    await browser.setWindowRect(0, 0, 1366, 768);
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await nav(browser, "Notation");
    await (await browser.$(".score-grid")).waitForDisplayed();

    // Six criteria with long words (« Connaissance des territoires sous-dotés »): each
    // header wraps between words and the grid fits the window, in both views.
    let layout = await headerLayout(browser);
    assert.equal(layout.headers, 8);
    assert.deepEqual(layout.broken, [], "no header word cut across two lines (par membre)");
    assert.ok(layout.overflow <= 0, `the grid per member fits the window (${layout.overflow} px too wide)`);
    await (await browser.$("button=Par candidat")).click();
    await (await browser.$("caption*=Par candidat")).waitForExist();
    layout = await headerLayout(browser);
    assert.deepEqual(layout.broken, [], "no header word cut across two lines (par candidat)");
    assert.ok(layout.overflow <= 0, `the grid per candidate fits the window (${layout.overflow} px too wide)`);
    await shot(browser, "29-notation-entetes-1366x768");

    // The first sitting's candidates. The second one and the last one are reopened if the
    // demo validated them, so that some are still to score, the last one among them.
    let seen = await onScreen(browser);
    const n = seen.options.length;
    assert.ok(n >= 4, seen.options.join(", "));
    let state = await scan(browser);
    for (const i of [1, n - 1]) {
      if (!state[i].validated) continue;
      await pick(browser, seen.labels[i]);
      await (await browser.$("button=Déverrouiller…")).click();
      await (await browser.$("#unlock-reason")).setValue("Vérification en séance");
      await (await (await browser.$("[role=dialog]")).$("button=Déverrouiller")).click();
      await (await browser.$("button=Valider les notes de ce candidat")).waitForDisplayed();
    }
    state = await scan(browser);
    seen = await onScreen(browser);
    const toScore = state.flatMap((s, i) => (s.validated ? [] : [i]));
    assert.ok(toScore.every((i) => state[i].complete), `every candidate still to score has all their scores: ${JSON.stringify(state)}`);
    assert.equal(toScore.at(-1), n - 1);
    const left = (k) => (k === 0 ? "Tous les candidats de cette liste sont validés." : `${k} candidat${k > 1 ? "s restent" : " reste"} à valider dans cette liste.`);
    assert.equal(seen.remaining, left(toScore.length));

    // Validating the last one wraps around to the first one still to score from the top,
    // then each validation moves on in order, until none remain: the screen says so.
    await pick(browser, seen.labels[n - 1]);
    for (const [k, from] of [n - 1, ...toScore.slice(0, -1)].entries()) {
      const next = toScore[k];
      await (await browser.$("button=Valider les notes de ce candidat")).click();
      if (next === n - 1) {
        await browser.waitUntil(async () => (await onScreen(browser)).remaining === left(0), { timeoutMsg: "none remain", timeout: 10000 });
      } else {
        await browser.waitUntil(async () => (await onScreen(browser)).grid !== seen.options[from], { timeoutMsg: `validating ${seen.options[from]} moves on`, timeout: 10000 });
      }
      const now = await onScreen(browser);
      assert.equal(now.list, now.grid, "the list and the grid show the same candidate");
      assert.equal(now.grid, seen.options[next === n - 1 ? from : next], k === 0 ? "wrapped to the first one still to score" : "the next one still to score");
      assert.equal(now.remaining, left(toScore.length - 1 - k));
      if (k === 0) await shot(browser, "29b-notation-validee-suivant");
      await (await browser.$(next === n - 1 ? "button=Déverrouiller…" : "button=Valider les notes de ce candidat")).waitForDisplayed();
    }
    await shot(browser, "29c-notation-tous-valides");
    seen = await onScreen(browser);

    // Another sitting: the candidate on screen is not among its candidates, so the list
    // and the grid move together to the first of them.
    const sitting = await browser.$("#scoring-sitting");
    const days = await browser.execute(() => [...document.querySelectorAll("#scoring-sitting option")].map((o) => o.textContent));
    await sitting.selectByVisibleText(days[2]);
    const before = seen.grid;
    await browser.waitUntil(async () => !(await onScreen(browser)).options.includes(before), { timeoutMsg: "the list shows the other sitting's candidates" });
    seen = await onScreen(browser);
    assert.ok(seen.options.length > 0);
    assert.equal(seen.list, seen.grid, "the list and the grid show the same candidate");
    assert.equal(seen.grid, seen.options[0], "the first of the new list");

    // No sitting: nobody was heard at it, and both the list and the grid say so, with a
    // way out.
    await sitting.selectByVisibleText(days[0]);
    await (await browser.$("p=Aucun candidat ne correspond à ce filtre.")).waitForDisplayed();
    assert.equal(await (await browser.$("#scoring-candidate")).isExisting(), false);
    assert.equal(await (await browser.$(".score-grid")).isExisting(), false);
    await shot(browser, "29d-notation-liste-vide");
    await (await browser.$("button=Afficher tous les candidats")).click();
    await (await browser.$(".score-grid")).waitForDisplayed();
    seen = await onScreen(browser);
    assert.equal(seen.list, seen.grid);
    assert.equal(seen.grid, seen.options[0]);
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});

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
    const title = await browser.$("h3=Séance du jeudi 21 janvier 2027 à 14\u00a0h");
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
    // Core counts the scores the recusal withdraws: Dr BELKACEM scored his six criteria.
    assert.match(await dialog.getText(), /Dr Karim BELKACEM a déjà donné 6 notes à ce candidat : elles seront retirées\./);
    await (await dialog.$("button=Déclarer le déport")).click();
    await (await browser.$("td=Lien familial avec le candidat")).waitForDisplayed();
    await shot(browser, "28-deports");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
