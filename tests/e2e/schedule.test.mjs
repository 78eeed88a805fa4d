// End-to-end test of the interviews in the real window, on the demo campaign (planned over
// two days with two juries): the timetable, an interview dragged with the mouse onto a slot
// coloured as allowed, the keyboard dialog, a withdrawal, the convocations written, and
// the setup form refusing a wrong value at its field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, existsSync, readdirSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { work, script, useDriver, launch, shot, waitForExit, giveName, demoDay, longDate, isoDate, shortDate } from "./harness.mjs";

useDriver();

// The element scrolled to the middle of the window; its centre in viewport pixels.
const center = (browser, el) =>
  browser.execute((e) => {
    e.scrollIntoView({ block: "center" });
    const r = e.getBoundingClientRect();
    return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
  }, el);

test("the secretary drags an interview, withdraws a candidate and prints the convocations", async () => {
  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétariat");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await (await (await browser.$("nav#sections")).$("button=Entretiens")).click();
    await (await browser.$("h1=Entretiens")).waitForDisplayed();
    const body = await browser.$("body");
    // The demo's interviews: its two sittings, Thursday and Friday of the last week or so.
    const [thursday, friday] = [demoDay(2027, 1, 14), demoDay(2027, 1, 15)];
    await browser.waitUntil(async () => (await body.getText()).includes(longDate(thursday)), { timeoutMsg: `the timetable of ${longDate(thursday)} is shown` });
    assert.match(await body.getText(), /\d+ entretiens sur 2 jours/);
    assert.match(await body.getText(), /Pause 12 h 30 – 13 h 30/);
    await shot(browser, "53-entretiens-planning");

    // Drag the first interview with the mouse: once picked up, slots are coloured.
    const card = await browser.$("td.slot button.card");
    const name = await (await card.$(".name")).getText();
    const from = await center(browser, card);
    await browser.performActions([{
      type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
      actions: [
        { type: "pointerMove", duration: 0, x: from.x, y: from.y },
        { type: "pointerDown", button: 0 },
        { type: "pointerMove", duration: 100, x: from.x + 12, y: from.y + 12 },
        { type: "pause", duration: 300 },
      ],
    }]);
    await browser.waitUntil(async () => (await browser.$$("td.slot.allowed")).length > 0, { timeoutMsg: "allowed slots are shown" });
    assert.ok((await browser.$$("td.slot.blocked")).length > 0, "taken slots are marked");
    // An allowed slot that is free (no card), on the second day.
    const target = await browser.execute((second) => {
      const cells = [...document.querySelectorAll("td.slot.allowed")].filter((c) => !c.querySelector("button.card"));
      const cell = cells.find((c) => c.dataset.date === second) ?? cells[0];
      cell.scrollIntoView({ block: "center" });
      const r = cell.getBoundingClientRect();
      return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2), date: cell.dataset.date, start: Number(cell.dataset.start), jury: cell.dataset.jury };
    }, isoDate(friday));
    await browser.performActions([{
      type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
      actions: [
        { type: "pointerMove", duration: 200, x: target.x, y: target.y },
        { type: "pause", duration: 200 },
      ],
    }]);
    await browser.waitUntil(async () => (await body.getText()).includes("Déposer ici"), { timeoutMsg: "the drop target is announced" });
    await shot(browser, "54-entretiens-glisser");
    await browser.performActions([{
      type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
      actions: [{ type: "pointerUp", button: 0 }],
    }]);
    await browser.releaseActions();
    await browser.waitUntil(async () => (await body.getText()).includes(`Entretien de ${name} placé`), { timeoutMsg: "the move is confirmed" });
    const moved = await browser.$(`td.slot[data-date="${target.date}"][data-start="${target.start}"][data-jury="${target.jury}"] button.card`);
    assert.equal(await (await moved.$(".name")).getText(), name);
    assert.match(await moved.getText(), /Fixé/);

    // The keyboard way: the interview's dialog, then a withdrawal with its reason.
    await moved.click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(await dialog.getText(), new RegExp(`Déplacer l'entretien de ${name}`));
    assert.doesNotMatch(await dialog.getText(), /Aucun créneau possible/);
    assert.ok((await dialog.$$("select option")).length > 2, "free slots are offered");
    await shot(browser, "55-entretiens-deplacer");
    await (await dialog.$("button=Désistement…")).click();
    const withdraw = await browser.$("[role=dialog]");
    await browser.waitUntil(async () => (await withdraw.getText()).includes(`Désistement de ${name}`), { timeoutMsg: "the withdrawal form" });
    await (await withdraw.$("textarea")).setValue(`Désistement reçu par courriel le ${shortDate(demoDay(2027, 1, 13))}`);
    await (await withdraw.$("button=Enregistrer le désistement")).click();
    await browser.waitUntil(async () => (await body.getText()).includes(`Désistement de ${name} enregistré`), { timeoutMsg: "the withdrawal is saved" });
    assert.equal((await browser.$$(`td.slot[data-date="${target.date}"][data-start="${target.start}"][data-jury="${target.jury}"] button.card`)).length, 0);

    // The convocations, one per candidate, the batch and the calendars.
    const folder = join(work, "convocations");
    mkdirSync(folder, { recursive: true });
    writeFileSync(script, `${folder}\n`);
    await (await browser.$("button=Convocations…")).click();
    await browser.waitUntil(async () => (await body.getText()).includes("calendriers de membres enregistrés"), { timeoutMsg: "the convocations are written" });
    assert.match(await body.getText(), /\d+ convocations, le fichier de toutes les convocations, \d+ calendriers de candidats et \d+ calendriers de membres enregistrés/);
    const files = readdirSync(folder);
    assert.ok(files.includes("Convocations CESP - toutes.pdf"), files.join(", "));
    assert.ok(files.filter((f) => f.startsWith("Convocation CESP - ")).length > 20);
    assert.ok(files.some((f) => f.endsWith(".ics")));
    assert.ok(!files.some((f) => f.includes(name)), `no convocation for ${name} who withdrew`);
    await shot(browser, "56-entretiens-convocations");

    // The setup: a wrong interview length refused at its field.
    await (await browser.$("#schedule-tab-setup")).click();
    await (await browser.$("h2=Organisation des entretiens")).waitForDisplayed();
    const length = await browser.$("input[id$='interview_minutes']");
    await length.setValue("2");
    await (await browser.$("button=Enregistrer")).click();
    await browser.waitUntil(async () => (await length.getAttribute("aria-invalid")) === "true", { timeoutMsg: "the field is marked" });
    assert.match(await body.getText(), /« Durée d'un entretien » : 2 min n'est pas possible/);
    await shot(browser, "57-entretiens-organisation");
    assert.ok(existsSync(folder));
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
});
