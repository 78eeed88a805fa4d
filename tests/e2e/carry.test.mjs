// End-to-end test of « Nouvelle campagne à partir d'une autre… » in the real window: next
// year's campaign started from the demo campaign's file (written by the command line). The
// e-mail settings left out, the first day of interviews moved onto a public holiday and
// refused at its row in French, then put back; the new campaign opens with the next academic
// year, the commission's members and no candidate, and the source file is left as it was.
// axe-core audits the form in each of its states.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { audit } from "./axe.mjs";
import { cli, work, script, useDriver, launch, shot, waitForExit, giveName, fill, demoDay, demoYear, shortDate } from "./harness.mjs";

useDriver();
const DAY = 24 * 60 * 60 * 1000;

test("next year's campaign from the demo's file: parts chosen, a day refused then fixed", async () => {
  // Last year's file: the demo, as the command line writes it (its sittings in the last
  // week or so, its interviews the same two days).
  const source = join(work, `Campagne ${demoYear()}.cesp`);
  execFileSync(cli, ["demo", source], { env: { ...process.env, CESP_OPERATOR: "Claire Dumont" } });
  const before = readFileSync(source);
  const target = join(work, "Campagne suivante.cesp");
  const [first] = demoYear().split("-").map(Number);
  const nextYear = `${first + 1}-${first + 2}`;
  // The days proposed: the same weekday 52 weeks later.
  const proposed = [demoDay(2027, 1, 14), demoDay(2027, 1, 15)].map((d) => new Date(d.getTime() + 364 * DAY));
  // A public holiday of the new academic year that is not a Sunday (core would say that
  // instead): 11 November, else Christmas, else All Saints' Day.
  const holiday = [
    [11, 11, first + 1],
    [25, 12, first + 1],
    [1, 11, first + 1],
  ]
    .map(([d, m, y]) => new Date(Date.UTC(y, m - 1, d)))
    .find((d) => d.getUTCDay() !== 0);

  const browser = await launch();
  try {
    await giveName(browser, "Claire Dumont, secrétaire");
    const entry = await browser.$("button*=Nouvelle campagne à partir d'une autre");
    await entry.waitForDisplayed();
    await shot(browser, "58-reprise-accueil");

    // The file dialog answers with the demo's file; the form shows what it offers.
    writeFileSync(script, `${source}\n`);
    await entry.click();
    await (await browser.$("h1=Nouvelle campagne à partir d'une autre")).waitForDisplayed({ timeout: 20000 });
    await shot(browser, "58a-reprise-formulaire-haut");
    assert.equal(await (await browser.$("#academic_year")).getValue(), nextYear, "core pre-fills the next academic year");
    assert.equal(await (await browser.$("#ufr_name")).getValue(), "UFR de médecine et d'odontologie");
    const carry = await browser.$("fieldset.carry");
    const legend = await (await carry.$("legend")).getText();
    assert.match(legend, new RegExp(`^À reprendre de «\\s${`Campagne ${demoYear()}.cesp`.replace(/\./g, "\\.")}\\s»$`));
    const text = await carry.getText();
    assert.match(text, /La commission et ses règles/);
    assert.match(text, /7 membres/);
    assert.match(text, /Jamais repris\s: candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal\./);
    for (const part of ["commission", "grid", "checklist", "allocation", "interviews"])
      assert.equal(await (await browser.$(`#carry-${part}`)).isSelected(), true, `${part} is checked`);
    // « Les paramètres de courriel » unchecked if offered (the demo has no server: disabled).
    const mail = await browser.$("#carry-mail");
    if (await mail.isEnabled()) {
      if (await mail.isSelected()) await mail.click();
    } else {
      assert.equal(await mail.isSelected(), false);
      assert.match(await (await browser.$("#carry-mail-detail")).getText(), /rien à reprendre/);
    }
    assert.equal(await mail.isSelected(), false);
    // The days of interviews, each proposed 52 weeks later.
    assert.equal(await (await browser.$("#carry-day-0")).getValue(), shortDate(proposed[0]));
    assert.equal(await (await browser.$("#carry-day-1")).getValue(), shortDate(proposed[1]));
    await (await browser.$("#carry-day-0")).scrollIntoView({ block: "center" });
    await shot(browser, "58a-reprise-formulaire-journees");
    await audit(browser, "Nouvelle campagne à partir d'une autre (formulaire)");

    // Interviews without the commission: said at once.
    await (await browser.$("#carry-commission")).click();
    const rule = await browser.$("#carry-rule");
    await browser.waitUntil(async () => (await rule.getText()).includes("Les jurys sont faits des membres de la commission"), {
      timeoutMsg: "the rule is said as the box is unchecked",
    });
    await rule.scrollIntoView({ block: "center" });
    await shot(browser, "58b-reprise-sans-commission");
    await audit(browser, "Nouvelle campagne à partir d'une autre (entretiens sans la commission)");
    await (await browser.$("#carry-commission")).click();
    await browser.waitUntil(async () => (await rule.getText()) === "", { timeoutMsg: "the rule goes with the commission back" });

    // The first day moved onto a public holiday: core refuses it at its row, in French.
    await fill(browser, "carry-day-0", shortDate(holiday));
    // No save dialog: the day is refused before the user is asked where to save.
    writeFileSync(script, "");
    await (await browser.$("button=Créer la campagne…")).click();
    const dayError = await browser.$("#carry-day-0-error");
    await dayError.waitForDisplayed({ timeout: 20000 });
    assert.match(await dayError.getText(), /est un jour férié \(.+\)\s: choisissez un autre jour\./);
    const field = await browser.$("#carry-day-0");
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.ok((await field.getAttribute("aria-describedby")).split(" ").includes("carry-day-0-error"));
    assert.equal(await browser.execute(() => document.activeElement?.id), "carry-day-0", "the keyboard goes to the day refused");
    assert.equal(await (await browser.$("#carry-day-1")).getAttribute("aria-invalid"), null);
    assert.equal(await (await browser.$("[data-testid=campaign-title]")).isExisting(), false);
    assert.ok(!existsSync(target), "nothing created");
    await shot(browser, "58c-reprise-jour-ferie");
    await audit(browser, "Nouvelle campagne à partir d'une autre (journée refusée)");

    // Put back on the day proposed: created, and opened.
    await fill(browser, "carry-day-0", shortDate(proposed[0]));
    writeFileSync(script, `${target}\n`);
    await (await browser.$("button=Créer la campagne…")).click();
    const title = await browser.$("[data-testid=campaign-title]");
    await title.waitForDisplayed({ timeout: 20000 });
    assert.equal(await title.getText(), `UFR de médecine et d'odontologie — ${nextYear}`);
    assert.ok(existsSync(target), "the new campaign is written where the dialog said");
    await (await browser.$("p*=Aucun candidat")).waitForDisplayed();
    await shot(browser, "58d-reprise-tableau-de-bord");

    // Its commission: last year's members.
    await (await (await browser.$("nav#sections")).$("button=Commission")).click();
    await (await browser.$("th=Pr Jean-Marc LEFEBVRE")).waitForDisplayed({ timeout: 20000 });
    const members = await browser.$$("caption*=Membres de la commission");
    assert.ok(members.length > 0, "the members' table");
    await shot(browser, "58e-reprise-commission");

    // No candidate was carried.
    await (await (await browser.$("nav#sections")).$("button=Candidats")).click();
    await (await browser.$("p*=Aucun candidat")).waitForDisplayed();

    // The journal says where the campaign came from.
    await (await (await browser.$("nav#sections")).$("button=Journal")).click();
    await browser.waitUntil(async () => (await (await browser.$("main")).getText()).includes("Campagne créée à partir de"), {
      timeout: 20000,
      timeoutMsg: "the journal records the source",
    });
  } finally {
    await browser.deleteSession();
    await waitForExit();
  }
  // Last year's file is read from a copy: left as it was.
  assert.ok(readFileSync(source).equals(before), "the source file is unchanged");
});
