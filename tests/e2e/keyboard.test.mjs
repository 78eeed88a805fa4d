// End-to-end keyboard-only tour of the real window, on the demo campaign: from the home
// screen to sealed minutes with WebDriver key presses only (Tab, Maj+Tab, Entrée, Espace,
// the arrows, Échap, the sections' shortcuts; typing in fields), never a click. After every
// press the keyboard is checked: never on the page's body, its ring drawn, in a sensible
// order (the skip links first, Tab from the sections' menu into the content), given back to
// the control that opened a dialog closed with Escape, kept inside modal dialogs and the
// projector's full screen, and never trapped anywhere else. On the way, the places fixed
// for the keyboard: the candidate's record and the new-candidate panel closed with Escape,
// a dossier's piece saved then the drawer closed with Escape, the first radio of « Décision
// de la commission » with its ring, « Valider toutes… ? » closed with Escape, a refused score
// whose message goes once corrected, a candidate's scores validated, the full screen left,
// the shortcuts of the last five sections, « Aller à la grille de notation », an interview
// moved without the mouse. Screenshots go to tests/e2e/out/ (90-clavier-*).
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { out, script, useDriver, launch, shot, waitForExit, demoDay, shortDate } from "./harness.mjs";

useDriver();

/** What the page says of the element that has the keyboard (run in the page). */
function describeActive() {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return { body: true, desc: "le corps de la page (body)" };
  const cs = getComputedStyle(a);
  const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow !== "" && cs.boxShadow !== "none";
  const by = a.getAttribute("aria-labelledby");
  const label =
    a.getAttribute("aria-label") ??
    (by ? by.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : null) ??
    (a.labels && a.labels[0] ? a.labels[0].textContent : null);
  const name = (label ?? a.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 70);
  const tag = a.tagName.toLowerCase();
  return {
    body: false,
    tag,
    id: a.id,
    name,
    role: a.getAttribute("role") ?? "",
    type: a.getAttribute("type") ?? "",
    cell: a.classList.contains("cell"),
    value: "value" in a ? String(a.value) : "",
    outline,
    shadow,
    fv: a.matches(":focus-visible"),
    moved: a.hasAttribute("data-focus-moved"),
    dialog: a.closest('[role="dialog"]') !== null,
    desc: `${tag}${a.id ? `#${a.id}` : ""}${a.getAttribute("role") ? `[${a.getAttribute("role")}]` : ""} « ${name} »`,
  };
}

/** A description of the element that has the keyboard. */
const focused = (browser) => browser.execute(describeActive);

/** Whether the keyboard is inside the element `selector` finds (the element itself too). */
const inside = (browser, selector) => browser.execute((s) => document.activeElement?.closest(s) !== null && document.activeElement?.closest(s) !== undefined, selector);

const steps = [];

/** Asserts that the keyboard is somewhere, visibly; returns where. */
async function check(browser, step) {
  const f = await focused(browser);
  steps.push(`${step} → ${f.desc}`);
  assert.equal(f.body, false, `${step} : le clavier est perdu sur le corps de la page`);
  assert.ok(f.outline || f.shadow || f.fv || f.moved, `${step} : le focus n'est pas visible sur ${f.desc}`);
  assert.ok(f.outline || f.shadow, `${step} : aucun anneau dessiné sur ${f.desc} (outline et box-shadow à none)`);
  return f;
}

/** Presses `keys` (one key, or a chord such as ["Shift", "Tab"]) and checks the focus. */
async function press(browser, keys, step = JSON.stringify(keys)) {
  await browser.keys(keys);
  await browser.pause(120);
  return check(browser, step);
}

const TAB = "Tab";
const BACK = ["Shift", "Tab"];

/** Tab (or Maj+Tab) until `match(focus)`, at most `max` presses; returns the focus and the count. */
async function tabTo(browser, match, { back = false, max = 40, what = "" } = {}) {
  for (let n = 1; n <= max; n++) {
    const f = await press(browser, back ? BACK : TAB, `${back ? "Maj+Tab" : "Tab"} vers ${what}`);
    if (match(f)) return { f, n };
  }
  assert.fail(`${what} : introuvable en ${max} appuis sur ${back ? "Maj+Tab" : "Tab"}`);
}

/** Types `text` in the field that has the keyboard, a character at a time: in one sequence
 * WebKitWebDriver drops some characters already typed (« 27/11 » became « 27/1 »). */
async function type(browser, text) {
  for (const c of text) await browser.keys(c);
}

/** The text of `selector` as read, its no-break spaces (French typography) as spaces. */
async function words(browser, selector) {
  return (await browser.execute((s) => document.querySelector(s).innerText, selector)).replace(/[\u00a0\u202f]/g, " ");
}

/** Waits until `text` shows in the page's main content. */
async function shows(browser, text, timeout = 10000) {
  await browser.waitUntil(async () => (await words(browser, "body")).includes(text), { timeout, timeoutMsg: `« ${text} » is shown` });
}

/** The section's shortcut: lands on the content pane, the section named. */
async function section(browser, keys, heading) {
  await browser.keys(keys);
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector("#content h1")?.textContent?.trim())) === heading, {
    timeoutMsg: `${keys.join("+")} shows « ${heading} »`,
  });
  const f = await check(browser, `${keys.join("+")} (${heading})`);
  assert.equal(f.id, "content", `${keys.join("+")} : le clavier va au contenu`);
  const current = await browser.execute(() => document.querySelector("nav#sections [aria-current=page]")?.textContent?.trim());
  return { f, current };
}

/** Escape closes the dialog on screen and gives the keyboard back to `opener`. */
async function escapeBackTo(browser, opener, step) {
  await browser.keys("Escape");
  await browser.waitUntil(async () => !(await browser.execute(() => document.querySelector('[role="dialog"]') !== null)), { timeoutMsg: `${step} : Échap ferme le dialogue` });
  await browser.pause(100);
  const f = await check(browser, `Échap (${step})`);
  assert.equal(f.desc, opener.desc, `${step} : le clavier revient sur le contrôle qui a ouvert le dialogue`);
  return f;
}

/** Tab and Maj+Tab, `n` times each, stay in the modal dialog. */
async function keptInDialog(browser, n, step) {
  for (const [keys, name] of [[TAB, "Tab"], [BACK, "Maj+Tab"]]) {
    for (let i = 0; i < n; i++) {
      const f = await press(browser, keys, `${name} dans ${step}`);
      assert.ok(f.dialog, `${step} : ${name} sort du dialogue modal (${f.desc})`);
    }
  }
}

/** The day before a date typed « JJ/MM/AAAA ». */
function dayBefore(text) {
  const [d, m, y] = text.split("/").map(Number);
  return shortDate(new Date(Date.UTC(y, m - 1, d) - 24 * 60 * 60 * 1000));
}

test("keyboard only: from the home screen to the demo's sealed minutes, the focus always shown and never lost", async (t) => {
  const browser = await launch();
  try {
    // ── Home screen. The name asked first: its field has the keyboard.
    const name = await browser.$("#operator-name");
    await name.waitForDisplayed({ timeout: 20000 });
    // Between the checks, the keyboard may fall to the body while the app works (a button
    // disabled until the file opens): each time it is still there 50 ms later is noted.
    await browser.execute(() => {
      window.__lostFocus = [];
      document.addEventListener("focusout", (e) => {
        const from = e.target instanceof Element ? `${e.target.tagName.toLowerCase()} « ${(e.target.getAttribute("aria-label") ?? e.target.textContent ?? "").trim().slice(0, 50)} »` : "?";
        setTimeout(() => {
          if (document.activeElement === document.body || document.activeElement === null) window.__lostFocus.push(`${from} → body`);
        }, 50);
      });
    });
    await browser.waitUntil(async () => (await focused(browser)).id === "operator-name", { timeoutMsg: "the name's field takes the keyboard" });
    await check(browser, "Dialogue « Qui êtes-vous ? »");
    await type(browser, "Pr Jean-Marc Lefebvre");
    await browser.keys("Enter");
    await name.waitForDisplayed({ reverse: true });
    await browser.waitUntil(async () => !(await focused(browser)).body, { timeoutMsg: "the keyboard is somewhere once the name is given" });
    let f = await check(browser, "Nom validé par Entrée");
    assert.equal(f.name, "Bienvenue", "the home screen's heading, once the dialog closed");
    await shows(browser, "Session de Pr Jean-Marc Lefebvre");

    // The skip link is the page's first Tab stop: before it, the last control (Tab wraps).
    ({ f } = await tabTo(browser, (x) => x.name === "Aller au contenu", { back: true, max: 6, what: "« Aller au contenu »" }));
    const wrapped = await press(browser, BACK, "Maj+Tab depuis le lien d'évitement");
    assert.equal(wrapped.name, "Revoir l'accueil", "before the skip link, Tab wraps from the page's last control");
    await press(browser, TAB, "Tab vers le lien d'évitement");
    await shot(browser, "90-clavier-accueil-lien-evitement");
    f = await press(browser, TAB, "Tab après le lien d'évitement");
    assert.equal(f.name, "Changer");

    // « Ouvrir une campagne… », the file dialog cancelled: the keyboard stays on the button.
    writeFileSync(script, "CANCEL\n");
    const open = (await tabTo(browser, (x) => x.name.startsWith("Ouvrir une campagne"), { what: "« Ouvrir une campagne… »" })).f;
    await browser.keys("Enter");
    await browser.pause(800);
    f = await check(browser, "« Ouvrir une campagne… » annulé");
    assert.equal(f.desc, open.desc);

    // The demo, opened with Enter: the keyboard goes to the campaign's content.
    await tabTo(browser, (x) => x.name.startsWith("Essayer avec la campagne de démonstration"), { max: 3, what: "la démonstration" });
    await browser.keys("Enter");
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });
    await browser.waitUntil(async () => (await focused(browser)).id === "content", { timeoutMsg: "the campaign's content takes the keyboard once it opens" });
    await check(browser, "Démonstration ouverte");

    // ── The shell's order: the nav, then the content; above them the top bar, and first the
    // skip link.
    const order = [];
    f = await press(browser, BACK, "Maj+Tab depuis le contenu");
    assert.equal(f.id, "nav-backups", "before the content, the last section of the menu");
    f = await press(browser, TAB, "Tab depuis le menu");
    assert.equal(f.id, "content", "Tab from the menu goes into the content");
    for (let i = 0; i < 25; i++) {
      f = await press(browser, BACK, "Maj+Tab vers le haut de la page");
      order.push(f.name || f.id);
      if (f.name === "Aller au contenu") break;
    }
    assert.deepEqual(order.slice(-4), ["Tableau de bord", "Fermer la campagne", "À propos", "Aller au contenu"], order.join(" | "));
    assert.equal(order.length, 18, `15 sections, the top bar's 2 buttons, then the skip link: ${order.join(" | ")}`);
    // Before the skip link, Tab wraps from the dashboard's last control: the bilan's workbook.
    await shows(browser, "Bilan (xlsx)…");
    f = await press(browser, BACK, "Maj+Tab depuis le lien d'évitement (coque)");
    assert.equal(f.name, "Bilan (xlsx)…", "before the skip link, Tab wraps from the dashboard's last control");
    assert.ok(await inside(browser, "#content"), "the bilan's buttons are in the content");
    // The bilan as the window shows it, its heading at the top of the content pane.
    await browser.execute(() => document.querySelector("#content section.bilan")?.scrollIntoView({ block: "start" }));
    await shot(browser, "keyboard-bilan-de-campagne");
    await browser.execute(() => document.getElementById("content")?.scrollTo({ top: 1e6 }));
    await shot(browser, "keyboard-bilan-de-campagne-fin");
    await press(browser, TAB, "Tab vers « Aller au contenu »");
    await browser.keys("Enter");
    await browser.pause(150);
    f = await check(browser, "Entrée sur « Aller au contenu »");
    assert.equal(f.id, "content");

    // F1: « À propos », Escape gives the keyboard back.
    const beforeAbout = await focused(browser);
    await browser.keys("F1");
    await (await browser.$("[role=dialog]")).waitForDisplayed();
    f = await check(browser, "F1 (À propos)");
    assert.ok(f.dialog);
    await keptInDialog(browser, 3, "« À propos »");
    await escapeBackTo(browser, beforeAbout, "À propos");

    // ── Candidats (Alt+2): the new-candidate panel, then a candidate's record, closed with
    // Escape, the keyboard back where they were opened from; neither traps Tab.
    await section(browser, ["Alt", "2"], "Candidats");
    const add = (await tabTo(browser, (x) => x.name === "Ajouter un candidat", { max: 4, what: "« Ajouter un candidat »" })).f;
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "edit-last_name", { timeoutMsg: "the new-candidate panel takes the keyboard" });
    await check(browser, "Panneau « Nouveau candidat »");
    await shot(browser, "90-clavier-nouveau-candidat");
    let n = 0;
    while (await inside(browser, "aside.editor")) {
      assert.ok(++n <= 40, "Tab leaves the new-candidate panel (no trap)");
      await press(browser, TAB, "Tab dans le panneau « Nouveau candidat »");
    }
    t.diagnostic(`panneau « Nouveau candidat » quitté après ${n} Tab`);
    f = await press(browser, BACK, "Maj+Tab vers le panneau");
    assert.equal(await inside(browser, "aside.editor"), true, "Maj+Tab comes back into the panel");
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await browser.execute(() => document.querySelector("aside.editor") !== null)), { timeoutMsg: "Escape closes the panel" });
    f = await check(browser, "Échap (nouveau candidat)");
    assert.equal(f.desc, add.desc, "the keyboard is back on « Ajouter un candidat »");
    const opener = (await tabTo(browser, (x) => x.name.startsWith("Ouvrir la fiche de "), { max: 20, what: "le nom d'un candidat" })).f;
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "edit-last_name", { timeoutMsg: "the record takes the keyboard" });
    await check(browser, `Fiche ouverte (${opener.name})`);
    await press(browser, TAB, "Tab dans la fiche");
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await browser.execute(() => document.querySelector("aside.editor") !== null)), { timeoutMsg: "Escape closes the record" });
    f = await check(browser, "Échap (fiche du candidat)");
    assert.equal(f.desc, opener.desc, "the keyboard is back on the candidate's name");

    // ── Dossiers (Alt+4): « Décision de la commission » opens on its first radio, ring
    // drawn; Enter with no choice puts it back there; Escape; a piece saved, the keyboard
    // stays in the drawer; Escape closes it, back on the dossier's name.
    await section(browser, ["Alt", "4"], "Dossiers");
    const dossier = (await tabTo(browser, (x) => x.name.startsWith("Ouvrir le dossier de "), { max: 20, what: "un dossier" })).f;
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "dossier-drawer-title", { timeoutMsg: "the drawer takes the keyboard" });
    await check(browser, `Dossier ouvert (${dossier.name})`);
    const decide = (await tabTo(browser, (x) => x.name === "Décision de la commission…", { max: 5, what: "« Décision de la commission… »" })).f;
    await browser.keys("Enter");
    await (await browser.$("[role=dialog]")).waitForDisplayed();
    await browser.pause(150);
    f = await check(browser, "Dialogue « Décision de la commission »");
    assert.equal(f.type, "radio", "the dialog opens on its first radio");
    assert.ok(f.outline && f.moved, `the first radio shows its ring (${JSON.stringify(f)})`);
    await shot(browser, "90-clavier-decision-premier-choix");
    await keptInDialog(browser, 5, "« Décision de la commission »");
    await tabTo(browser, (x) => x.name === "Enregistrer la décision", { max: 5, what: "« Enregistrer la décision »" });
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).type === "radio", { timeoutMsg: "no choice: back on the first radio" });
    f = await check(browser, "« Enregistrer la décision » sans choix");
    assert.ok(f.outline && f.moved, "the radio asking for a choice shows its ring");
    await shows(browser, "Choisissez la décision de la commission.");
    await escapeBackTo(browser, decide, "Décision de la commission");
    // A piece's date of receipt, a day earlier (never late), saved with its button.
    const date = (await tabTo(browser, (x) => /^piece-\d+-\d+-date$/.test(x.id) && /^\d\d\/\d\d\/\d{4}$/.test(x.value), { max: 20, what: "la date d'une pièce" })).f;
    const was = date.value;
    await browser.keys(["Control", "a"]);
    await type(browser, dayBefore(was));
    const save = (await tabTo(browser, (x) => x.name === "Enregistrer les pièces (1)", { max: 80, what: "« Enregistrer les pièces (1) »" })).f;
    f = await press(browser, TAB, "Tab depuis « Enregistrer les pièces »");
    assert.equal(await inside(browser, "aside.drawer"), false, `Tab leaves the drawer (no trap): ${f.desc}`);
    f = await press(browser, BACK, "Maj+Tab vers le tiroir");
    assert.equal(f.desc, save.desc);
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector(".save-bar")?.textContent ?? "")).includes("Aucune modification en attente"), {
      timeoutMsg: "the piece is saved",
    });
    await browser.pause(150);
    f = await check(browser, "Pièce enregistrée");
    assert.equal(await inside(browser, "aside.drawer"), true, `the keyboard stays in the drawer (${f.desc})`);
    assert.match(f.id, /^piece-\d+-\d+-/, "on the piece saved");
    t.diagnostic(`pièce ${date.id} : ${was} → ${dayBefore(was)}`);
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await browser.execute(() => document.querySelector("aside.drawer") !== null)), { timeoutMsg: "Escape closes the drawer" });
    f = await check(browser, "Échap (tiroir du dossier)");
    assert.equal(f.desc, dossier.desc, "the keyboard is back on the dossier's name");

    // ── Entretiens (Alt+6): an interview moved with the keyboard, the drag and drop's
    // equivalent (Entrée on its card, a slot chosen with the arrows, « Déplacer ici »).
    await section(browser, ["Alt", "6"], "Entretiens");
    let interview = null;
    for (let i = 0; i < 80 && !interview; i++) {
      const at = await press(browser, TAB, "Tab vers une carte du planning");
      if (await browser.execute(() => document.activeElement?.matches("td.slot button.card") === true)) interview = at;
    }
    assert.ok(interview, "a card of the timetable is reached with Tab");
    const candidateId = await browser.execute(() => document.activeElement.dataset.candidate);
    const who = await browser.execute(() => document.activeElement.querySelector(".name").textContent.trim());
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "move-target", { timeoutMsg: "the move dialog takes the keyboard" });
    await check(browser, `Dialogue « Déplacer l'entretien de ${who} »`);
    await escapeBackTo(browser, interview, "Déplacer l'entretien");
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "move-target", { timeoutMsg: "the move dialog again" });
    await press(browser, "ArrowDown", "Flèche bas dans « Nouveau créneau »");
    const slot = await browser.execute(() => {
      const s = document.getElementById("move-target");
      return { value: s.value, label: s.options[s.selectedIndex].textContent };
    });
    assert.notEqual(slot.value, "", "the arrow chose a slot");
    await shot(browser, "90-clavier-deplacer-entretien");
    await tabTo(browser, (x) => x.name === "Déplacer ici", { max: 8, what: "« Déplacer ici »" });
    await browser.keys("Enter");
    await shows(browser, `Entretien de ${who} placé`);
    const [jury, day, start] = slot.value.split("|");
    const moved = await browser.$(`td.slot[data-jury="${jury}"][data-date="${day}"][data-start="${start}"] button.card`);
    await moved.waitForExist();
    assert.equal(await (await moved.$(".name")).getText(), who);
    assert.match(await moved.getText(), /Fixé/);
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset?.candidate)) === candidateId, {
      timeoutMsg: "the keyboard follows the card to its new slot",
    });
    f = await check(browser, `Entretien déplacé : ${slot.label}`);
    await shot(browser, "90-clavier-entretien-deplace");

    // ── Notation (Alt+8): « Aller à la grille de notation » reaches a cell of the grid in a
    // few presses from the top of the page.
    await section(browser, ["Alt", "8"], "Notation");
    await (await browser.$(".score-grid")).waitForDisplayed();
    const up = [];
    for (let i = 0; i < 25; i++) {
      f = await press(browser, BACK, "Maj+Tab vers les liens d'évitement");
      up.push(f.name);
      if (f.name === "Aller au contenu") break;
    }
    assert.deepEqual(up.slice(-2), ["Aller à la grille de notation", "Aller au contenu"], up.join(" | "));
    let presses = 0;
    f = await press(browser, TAB, "Tab vers « Aller à la grille de notation »");
    presses++;
    assert.equal(f.name, "Aller à la grille de notation");
    f = await press(browser, "Enter", "Entrée sur « Aller à la grille de notation »");
    presses++;
    if (!f.cell) {
      assert.equal(f.id, "scoring-grid", "the grid itself when no cell can be filled");
      f = await press(browser, TAB, "Tab dans la grille");
      presses++;
    }
    assert.ok(f.cell, `a cell of the grid has the keyboard (${f.desc})`);
    assert.ok(presses <= 3, `${presses} presses from the first skip link to the grid`);
    t.diagnostic(`premier lien d'évitement → cellule de la grille : ${presses} appuis (${f.name})`);
    // The grid does not trap the keyboard: Maj+Tab leaves it.
    f = await press(browser, BACK, "Maj+Tab depuis la première cellule");
    assert.equal(await inside(browser, "#scoring-grid"), false, `Maj+Tab leaves the grid (${f.desc})`);

    // One candidate at a time: the modes are one radio group, moved with the arrows.
    f = (await tabTo(browser, (x) => x.role === "radio", { back: true, max: 10, what: "les modes de notation" })).f;
    assert.equal(f.name, "Par membre");
    f = await press(browser, "ArrowRight", "Flèche droite (modes)");
    assert.equal(f.name, "Par candidat");
    await (await browser.$("caption*=Par candidat")).waitForExist();
    const candidate = await browser.execute(() => document.querySelector(".score-grid caption").textContent.replace("Par candidat — ", ""));

    // Validated by the demo: « Déverrouiller… », its question closed with Escape, then
    // answered; the keyboard goes to the first cell to fill.
    const locked = await browser.execute(() => [...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Déverrouiller…"));
    if (locked) {
      const unlock = (await tabTo(browser, (x) => x.name === "Déverrouiller…", { max: 8, what: "« Déverrouiller… »" })).f;
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await focused(browser)).id === "unlock-reason", { timeoutMsg: "the unlock question takes the keyboard" });
      await check(browser, "Dialogue « Déverrouiller les notes »");
      await escapeBackTo(browser, unlock, "Déverrouiller les notes");
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await focused(browser)).id === "unlock-reason", { timeoutMsg: "the unlock question again" });
      await type(browser, "Vérification en séance");
      await tabTo(browser, (x) => x.name === "Déverrouiller", { max: 3, what: "« Déverrouiller »" });
      await browser.keys("Enter");
      await browser.waitUntil(async () => (await focused(browser)).cell === true, { timeoutMsg: "unlocked: the keyboard on the first cell to fill" });
    } else {
      await tabTo(browser, (x) => x.cell, { max: 12, what: "la première cellule" });
    }
    f = await check(browser, `Notes de ${candidate} à saisir`);
    assert.ok(f.cell);

    // A value off the scale refused at its cell, said once; corrected, the message goes.
    const cell = f;
    const value = await browser.execute(() => document.activeElement.value);
    await browser.keys(["7"]);
    f = await press(browser, "Enter", "7 puis Entrée");
    assert.ok(f.cell, "Enter moves on to the next cell");
    const errors = await browser.$(".cell-errors");
    await errors.waitForDisplayed();
    assert.match(await errors.getText(), /7 dépasse le maximum de 5/);
    await browser.waitUntil(async () => /7\sdépasse le maximum de 5/.test(await browser.execute(() => document.querySelector('[aria-live="assertive"]').textContent)), {
      timeoutMsg: "the refusal is said to a screen reader",
    });
    await shot(browser, "90-clavier-note-refusee");
    f = await press(browser, ["Shift", "Enter"], "Maj+Entrée (retour à la case refusée)");
    assert.equal(f.desc, cell.desc, "back on the refused cell");
    assert.equal(await browser.execute(() => document.activeElement.getAttribute("aria-invalid")), "true");
    // The value it had (an empty cell: emptied again).
    if (value) await type(browser, value);
    else await browser.keys("Backspace");
    await press(browser, "Enter", `« ${value} » puis Entrée`);
    await errors.waitForExist({ reverse: true, timeoutMsg: "the refusal's message goes once the value is corrected" });
    assert.equal(await browser.execute(() => document.querySelector('[aria-live="assertive"]').textContent), "", "and the screen reader's message too");

    // « Valider les notes de ce candidat »: the button goes; the keyboard does not.
    await tabTo(browser, (x) => x.name === "Valider les notes de ce candidat", { back: true, max: 6, what: "« Valider les notes de ce candidat »" });
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await browser.execute(() => document.body.innerText)).includes(`Notes de ${candidate} validées`), {
      timeoutMsg: "the scores are validated",
    });
    await browser.pause(200);
    f = await check(browser, "« Valider les notes de ce candidat »");
    assert.ok(f.id === "scoring-candidate" || f.cell, `the next cell to fill, or the list of candidates (${f.desc})`);

    // The projector's view: full screen keeps Tab and Maj+Tab; Escape leaves it, the
    // keyboard back on its button.
    f = (await tabTo(browser, (x) => x.role === "radio", { back: true, max: 10, what: "les modes de notation" })).f;
    f = await press(browser, "ArrowRight", "Flèche droite (séance)");
    assert.equal(f.name, "Séance (projecteur)");
    const full = (await tabTo(browser, (x) => x.name === "Plein écran", { max: 8, what: "« Plein écran »" })).f;
    await browser.keys("Enter");
    await (await browser.$(".seance.full")).waitForExist();
    f = await check(browser, "Plein écran");
    assert.equal(f.name, "Quitter le plein écran");
    for (const [keys, name] of [[TAB, "Tab"], [BACK, "Maj+Tab"]]) {
      for (let i = 0; i < 3; i++) {
        f = await press(browser, keys, `${name} en plein écran`);
        assert.equal(await inside(browser, ".seance.full"), true, `${name} stays in the full screen (${f.desc})`);
      }
    }
    await shot(browser, "90-clavier-plein-ecran");
    await browser.keys("Escape");
    await (await browser.$(".seance.full")).waitForExist({ reverse: true });
    f = await check(browser, "Échap (plein écran)");
    assert.equal(f.desc, full.desc, "the keyboard is back on « Plein écran »");

    // ── Classement (Alt+9): « Valider toutes… ? » closed with Escape.
    await section(browser, ["Alt", "9"], "Classement");
    const lockAll = (await tabTo(browser, (x) => x.name === "Valider toutes les notes complètes", { max: 3, what: "« Valider toutes les notes complètes »" })).f;
    await browser.keys("Enter");
    await (await browser.$("[role=dialog]")).waitForDisplayed();
    f = await check(browser, "Dialogue « Valider toutes les notes complètes ? »");
    assert.equal(f.name, "Annuler", "the safe answer first");
    await keptInDialog(browser, 3, "« Valider toutes les notes complètes ? »");
    f = await escapeBackTo(browser, lockAll, "Valider toutes les notes complètes ?");
    assert.ok(f.moved, "its ring drawn");
    const detail = (await tabTo(browser, (x) => x.name.startsWith("Détail de "), { max: 3, what: "le détail d'un candidat" })).f;
    await browser.keys("Enter");
    await (await browser.$("[role=dialog]")).waitForDisplayed();
    await check(browser, "Dialogue du détail des notes");
    await escapeBackTo(browser, detail, "Détail des notes");

    // ── The last five sections' shortcuts (Alt+Maj+1…5).
    for (const [digit, label, heading] of [
      ["2", "Paramètres", "Paramètres de la campagne"],
      ["3", "Journal", "Journal des modifications"],
      ["4", "Courriels", "Courriels"],
      ["5", "Sauvegardes", "Sauvegardes"],
    ]) {
      const { current } = await section(browser, ["Alt", "Shift", digit], heading);
      assert.equal(current, label, `Alt+Maj+${digit} is « ${label} »`);
      // Tab goes into the content; with no control in it, on to what follows it (the
      // notice's button) or round to the skip link.
      f = await press(browser, TAB, `Tab dans « ${label} »`);
      assert.ok(
        (await inside(browser, "#content")) || (await inside(browser, ".toast")) || f.name === "Aller au contenu",
        `Tab from the content pane of « ${label} » (${f.desc})`,
      );
    }

    // ── Procès-verbal (Alt+Maj+1): sealed from the keyboard.
    const { current } = await section(browser, ["Alt", "Shift", "1"], "Procès-verbal");
    assert.equal(current, "Procès-verbal");
    await shows(browser, "Projet — non scellé");
    const checklist = await browser.$(".checklist");
    assert.doesNotMatch(await checklist.getText(), /À corriger/, "nothing blocks the seal after the tour's changes");
    const sealButton = (await tabTo(browser, (x) => x.name === "Sceller le procès-verbal…", { max: 5, what: "« Sceller le procès-verbal… »" })).f;
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "seal-date", { timeoutMsg: "the seal's dialog takes the keyboard" });
    await check(browser, "Dialogue « Sceller le procès-verbal »");
    await keptInDialog(browser, 6, "« Sceller le procès-verbal »");
    await escapeBackTo(browser, sealButton, "Sceller le procès-verbal");
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "seal-date", { timeoutMsg: "the seal's dialog again" });
    await browser.keys(["Control", "a"]);
    await type(browser, shortDate(demoDay(2027, 1, 15)));
    // No reason for the point to acknowledge: refused, the keyboard on the field.
    await tabTo(browser, (x) => x.name === "Sceller", { max: 8, what: "« Sceller »" });
    await browser.keys("Enter");
    await browser.waitUntil(async () => (await focused(browser)).id === "seal-acknowledgement", { timeoutMsg: "a reason is asked for, at its field" });
    f = await check(browser, "« Sceller » sans motif");
    await shows(browser, "dites pourquoi");
    await type(browser, "candidate PADHUE absente à son entretien ; contrat reporté");
    await shot(browser, "90-clavier-sceller");
    await tabTo(browser, (x) => x.name === "Sceller", { max: 4, what: "« Sceller »" });
    await browser.keys("Enter");
    await shows(browser, "Scellé — version 1", 20000);
    await browser.pause(200);
    f = await check(browser, "Procès-verbal scellé");
    assert.equal(f.id, "minutes-status", "the keyboard on the sealed state");
    const status = await (await browser.$("#minutes-status")).getText();
    assert.match(status, /Scellé — version 1/);
    assert.match(await words(browser, "main"), /Empreinte SHA-256 : [0-9a-f]{64}/);
    assert.match(await words(browser, "main"), /Scellé en connaissance du point suivant, pour ce motif : « candidate PADHUE absente à son entretien ; contrat reporté »/);
    await shot(browser, "90-clavier-pv-scelle");
    const lost = await browser.execute(() => window.__lostFocus);
    t.diagnostic(`clavier passé un instant sur le corps de la page (plus de 50 ms) : ${lost.length === 0 ? "jamais" : lost.join(" ; ")}`);
  } catch (e) {
    await shot(browser, "90-clavier-echec").catch(() => {});
    throw e;
  } finally {
    // Every press and where the keyboard went, to read after a run.
    writeFileSync(join(out, "90-clavier-parcours.txt"), `${steps.join("\n")}\n`);
    t.diagnostic(`${steps.length} appuis vérifiés, listés dans out/90-clavier-parcours.txt`);
    await browser.deleteSession();
    await waitForExit();
  }
});
