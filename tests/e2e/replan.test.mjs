// End-to-end test of planning again once the convocations went out (issue 26), in the real
// window on the demo campaign: every convocation written, then a jury member unavailable
// for a half-day where their jury hears candidates (typed in « Organisation », as the
// secretary would); « Replanifier… » shows who moves from when to when before anything
// changes; accepted, the screen asks for the modified convocations, and writing them gives
// a « Convocation rectificative » only to the candidates who moved.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readdirSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName, fill } from "./harness.mjs";

useDriver();

/** WebDriver reads a no-break space as one or the other: compared as a space. */
const plain = (text) => text.replace(/\u00a0/g, " ");
const textOf = async (el) => plain(await el.getText());

/** "2027-01-14" -> "14/01/2027", as the setup's lists offer the days. */
const typed = (iso) => iso.split("-").reverse().join("/");

test("after the convocations went out, a member unavailable: the replan shows who moves, and only they get an amended convocation", async () => {
  const browser = await launch();
  try {
    await browser.setWindowRect(0, 0, 1366, 860);
    await giveName(browser, "Claire Dumont, secrétariat");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav#sections")).$("button=Entretiens")).click();
    await (await browser.$("td.slot button.card")).waitForDisplayed({ timeout: 20000 });
    const toast = await browser.$(".toast");
    const plan = await browser.$("#schedule-plan");
    assert.equal(await textOf(plan), "Planifier");

    // Every convocation written: they went out, and the screen says so from now on.
    const sent = join(work, "convocations");
    mkdirSync(sent, { recursive: true });
    writeFileSync(script, `${sent}\n`);
    await (await browser.$("button=Convocations…")).click();
    await browser.waitUntil(async () => (await textOf(toast)).includes("calendriers de membres enregistrés"), { timeout: 60000, timeoutMsg: "the convocations are written" });
    const letters = readdirSync(sent).filter((f) => f.startsWith("Convocation CESP - ")).length;
    assert.ok(letters > 20, `the demo's convocations: ${letters}`);
    const out = await browser.$("section[aria-labelledby='schedule-out-title']");
    await out.waitForDisplayed({ timeout: 20000 });
    assert.match(await textOf(out), new RegExp(`Convocations envoyées à ${letters} candidats \\(dernier envoi le \\d{2}/\\d{2}/\\d{4} à \\d{1,2} h( \\d{2})?\\)\\.`));
    assert.match(await textOf(out), /Aucune convocation à envoyer : aucun entretien n'a changé depuis le dernier envoi\./);
    assert.equal(await textOf(plan), "Replanifier…");
    await (await browser.$(".toast button")).click();
    await shot(browser, "57a-replanifier-convocations-envoyees");

    // A half-day where a jury hears candidates: enough of its members unavailable (one when
    // it sits with just the members required) that it cannot sit, and its candidates must move.
    await (await browser.$("#schedule-tab-setup")).click();
    await (await browser.$("h2=Organisation des entretiens")).waitForDisplayed();
    const required = Number(await (await browser.$("#sched-min_jury_size")).getValue());
    await (await browser.$("#schedule-tab-planning")).click();
    await (await browser.$("td.slot button.card")).waitForDisplayed({ timeout: 20000 });
    const sitting = await browser.execute(() => {
      const found = [];
      for (const table of document.querySelectorAll("table.timetable")) {
        const juries = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent.trim());
        let half = null;
        for (const row of table.querySelectorAll("tbody tr")) {
          if (row.classList.contains("sitting")) {
            const part = row.querySelector("th span").textContent.trim();
            half = [...row.querySelectorAll("td")].map((td, j) => ({ part, jury: juries[j], members: td.querySelector(".cannot, .muted") ? [] : td.textContent.trim().split(", "), names: [], date: null }));
            found.push(...half);
          } else if (half) {
            [...row.querySelectorAll("td.slot")].forEach((cell, j) => {
              const card = cell.querySelector("button.card .name");
              if (card) {
                half[j].names.push(card.textContent.trim());
                half[j].date = cell.dataset.date;
              }
            });
          }
        }
      }
      return found.filter((h) => h.names.length > 0 && h.members.length > 0);
    });
    assert.ok(sitting.length > 0, "a jury hears candidates");
    // The fewest members to make unavailable, and more than one candidate to move if can be.
    const few = (h) => (h.names.length > 1 ? h.names.length : 1000);
    const chosen = sitting.sort((a, b) => a.members.length - b.members.length || few(a) - few(b))[0];
    const away = chosen.members.slice(0, Math.max(1, chosen.members.length - required + 1));

    await (await browser.$("#schedule-tab-setup")).click();
    await (await browser.$("h2=Organisation des entretiens")).waitForDisplayed();
    const add = await browser.$("#sched-add-unavailable");
    for (const member of away) {
      const k = (await browser.$$("[role=group][aria-label^='Indisponibilité n° ']")).length;
      await add.scrollIntoView({ block: "center" });
      await add.click();
      await (await browser.$(`#sched-unavailable-${k}-who`)).selectByVisibleText(member);
      await (await browser.$(`#sched-unavailable-${k}-date`)).selectByVisibleText(typed(chosen.date));
      await (await browser.$(`#sched-unavailable-${k}-part`)).selectByVisibleText(chosen.part);
      await fill(browser, `sched-unavailable-${k}-reason`, "réunion à l'ARS");
      await (await browser.$(`#sched-unavailable-${k}-reason`)).scrollIntoView({ block: "center" });
    }
    await shot(browser, "57b-replanifier-indisponibilite");
    await (await browser.$("button=Enregistrer")).click();
    await browser.waitUntil(async () => (await textOf(toast)).includes("Organisation des entretiens enregistrée."), { timeoutMsg: "the setup is saved" });
    await (await browser.$(".toast button")).click();
    await (await browser.$("#schedule-tab-planning")).click();
    await (await browser.$("td.slot button.card")).waitForDisplayed({ timeout: 20000 });

    // « Replanifier… »: core computes first; who moves is shown before anything changes.
    await plan.click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await textOf(dialog), /Replanifier les entretiens/);
    assert.match(await textOf(dialog), /Les convocations sont parties\. Le nouveau planning déplace le moins d'entretiens possible ; seuls les candidats déplacés recevront une convocation rectificative\./);
    const table = await dialog.$("table");
    await table.waitForDisplayed({ timeout: 120000, timeoutMsg: "the changes are shown" });
    const changes = await browser.execute((t) =>
      [...t.querySelectorAll("tbody tr")].map((tr) => {
        const [before, after, send] = [...tr.querySelectorAll("td")].map((td) => td.textContent.trim());
        return { name: tr.querySelector("th").textContent.trim(), before, after, send };
      }), table);
    assert.equal(await textOf(await table.$("caption")), `${changes.length > 1 ? "Entretiens qui changent" : "Entretien qui change"} (${changes.length})`);
    assert.deepEqual(
      await browser.execute((t) => [...t.querySelectorAll("thead th")].map((th) => th.getAttribute("scope") + ":" + th.textContent.trim()), table),
      ["col:Candidat", "col:Avant", "col:Après", "col:À envoyer"],
    );
    for (const name of chosen.names) {
      const moved = changes.find((c) => c.name === name);
      assert.ok(moved, `${name}, heard by ${chosen.jury} when ${away.join(", ")} cannot sit, moves: ${JSON.stringify(changes)}`);
      assert.match(moved.before, / à \d{1,2} h( \d{2})? — /);
      assert.match(moved.after, / à \d{1,2} h( \d{2})? — /);
      assert.notEqual(moved.before, moved.after);
      assert.equal(moved.send, "Convocation rectificative");
    }
    assert.match(await textOf(dialog), /Qualité du nouveau planning : /);
    assert.ok(changes.length < letters, "as few interviews as possible move");
    await shot(browser, "57c-replanifier-dialogue");

    // Accepted: the plan is replaced, and the screen asks for the modified convocations.
    await (await dialog.$("button=Accepter ce planning")).click();
    await dialog.waitForExist({ reverse: true, timeout: 120000 });
    await browser.waitUntil(async () => (await textOf(toast)).includes("Planning modifié : "), { timeoutMsg: "the plan's change is said" });
    const moves = changes.filter((c) => c.before !== "Non planifié" && c.after !== "Plus d'entretien").length;
    assert.match(await textOf(toast), new RegExp(`Planning modifié : ${moves} entretiens? déplacés?.*\\. Écrivez les convocations modifiées\\.`));
    assert.equal(await browser.execute(() => document.activeElement?.id), "schedule-plan", "the keyboard is back on « Replanifier… »");
    const toSend = changes.filter((c) => c.send !== "—Rien à envoyer").length;
    assert.match(await textOf(out), new RegExp(`${toSend} convocations? à envoyer après les changements du planning\\.`));
    const shown = await browser.execute(() => [...document.querySelectorAll("td.slot button.card .name")].map((n) => n.textContent.trim()));
    for (const c of changes.filter((c) => c.after !== "Plus d'entretien")) assert.ok(shown.includes(c.name), `${c.name} is in the timetable`);
    await shot(browser, "57d-replanifier-a-envoyer");
    await (await browser.$(".toast button")).click();

    // Only what changed is written: an amended convocation for each candidate who moved.
    const amended = join(work, "rectificatives");
    mkdirSync(amended, { recursive: true });
    writeFileSync(script, `${amended}\n`);
    await (await out.$("button=Écrire les convocations modifiées…")).click();
    await browser.waitUntil(async () => / enregistré(e|s|es)? dans « /.test(await textOf(toast)), { timeout: 60000, timeoutMsg: "the modified convocations are written" });
    const rectified = changes.filter((c) => c.send === "Convocation rectificative").map((c) => c.name);
    assert.match(await textOf(toast), new RegExp(`\\(dont ${rectified.length} rectificatives?\\)`));
    const files = readdirSync(amended);
    const named = (prefix) => files.filter((f) => f.startsWith(prefix) && f.endsWith(".pdf")).map((f) => f.slice(prefix.length, -".pdf".length)).sort();
    assert.deepEqual(named("Convocation rectificative CESP - "), [...rectified].sort(), files.join(", "));
    assert.deepEqual(named("Convocation CESP - "), changes.filter((c) => c.send === "Première convocation").map((c) => c.name).sort(), files.join(", "));
    assert.ok(files.includes("Convocations CESP - modifications.pdf") || rectified.length === 1, files.join(", "));
    await browser.waitUntil(async () => (await textOf(out)).includes("Aucune convocation à envoyer"), { timeoutMsg: "nothing is left to send" });
    await shot(browser, "57e-replanifier-rectificatives-ecrites");

    // Escape closes the dialog without changing anything; the keyboard goes back.
    await plan.click();
    await dialog.waitForDisplayed();
    await browser.waitUntil(async () => (await textOf(dialog)).includes("Aucun entretien ne change."), { timeout: 120000, timeoutMsg: "nothing changes now" });
    await browser.keys("Escape");
    await dialog.waitForExist({ reverse: true });
    assert.equal(await browser.execute(() => document.activeElement?.id), "schedule-plan");
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
