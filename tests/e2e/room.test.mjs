// End-to-end test of the connected sitting (« Séance connectée », docs/room.md) with real
// parts only: the app's window through WebDriver, and seven member pages in Debian's
// Chromium (playwright-core, one browser context per member, a phone's viewport), talking
// to the hub the app serves on 127.0.0.1.
//
// The story, as the secretary and the members live it: the excused member is marked
// present (seven voting members), a candidate not heard yet is put on the first sitting,
// the connected sitting is opened on a free port; six members pair with their short code
// and one with the link its QR code carries; the projector view puts the candidate on
// every phone within a second, nobody has scored and the totals stay hidden; the members
// score from their phones (one value off the scale refused at its field, in French, then
// corrected), the totals stay hidden until the last member's last score, then show by
// themselves; the secretary's grid shows every score and the journal names each member's
// device; a device revoked and the sitting closed are told on the phones.
// Screenshots go to tests/e2e/out/ (the window: the X screen; the phones: Chromium).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { work, cli, out, useDriver, launch, shot, waitForExit, giveName, demoDay, longDate } from "./harness.mjs";

useDriver();

const demoFile = join(work, "data", "fr.cesp-commission.app", "Campagne de démonstration.cesp");
/** No-break spaces (French typography) read as spaces. */
const plain = (s) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();
/** « 3,5 » → 3.5, and back. */
const num = (s) => Number(s.replace(",", "."));
const fr = (n) => String(n).replace(".", ",");

/** The voting members of the demo, in the commission's order. */
const names = [
  "Pr Jean-Marc LEFEBVRE",
  "Dr Sophie MARCHAND",
  "Dr Karim BELKACEM",
  "Dr Anne-Sophie DUVAL",
  "Dr Céline PÉTRAULT",
  "M. Thomas LEROY",
  "Mme Élodie BRETON",
];
/** What each member scores on the six criteria (on the scale's step of 0,5). */
const scores = [
  ["4", "3,5", "4", "4,5", "4", "3,5"],
  ["3", "3", "3,5", "4", "3", "3,5"],
  ["5", "4,5", "4", "5", "4,5", "5"],
  ["2,5", "3", "3", "3,5", "2", "3"],
  ["4", "4", "4", "4", "4", "4"],
  ["3,5", "4", "3", "3,5", "4", "4,5"],
  ["4,5", "4", "5", "4", "4,5", "4"],
];
const totalOf = (values) => fr(values.reduce((s, v) => s + num(v), 0));

/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let chrome;
after(async () => {
  await chrome?.close();
});

async function nav(browser, label) {
  await (await (await browser.$("nav#sections")).$(`button=${label}`)).click();
}

/** The projector's view as it shows now (null: not on screen). */
async function projector(browser) {
  return browser.execute(() => {
    const s = document.querySelector(".seance");
    if (!s) return null;
    const text = (el) => el?.textContent.replace(/[\u00a0\u202f]/g, " ").trim() ?? null;
    return {
      name: text(s.querySelector("#seance-name")),
      progress: text(s.querySelector(".progress")),
      hint: text(s.querySelector(".hint")),
      totals: s.querySelector(".totals") !== null,
      grand: text(s.querySelector(".totals .grand strong")),
      buttons: [...s.querySelectorAll("button")].map((b) => text(b)),
      members: [...s.querySelectorAll(".members li")].map((li) => ({
        name: text(li.querySelector(".name")),
        state: text(li.querySelector(".state")),
        value: text(li.querySelector(".value")),
      })),
    };
  });
}

/** The room's panel as it shows now. */
async function panel(browser) {
  return browser.execute(() => {
    const s = document.querySelector("section.room");
    if (!s) return null;
    const text = (el) => el?.textContent.replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim() ?? null;
    return {
      url: text(s.querySelector("code.url")),
      candidate: text(s.querySelector(".deliberation p")),
      members: [...s.querySelectorAll("li.member")].map((li) => ({
        name: text(li.querySelector("h4")),
        code: text(li.querySelector(".code strong")),
        qr: li.querySelector(".qr svg") !== null,
        qrLabel: li.querySelector(".qr")?.getAttribute("aria-label"),
        state: text(li.querySelector(".state")),
      })),
      devicesTitle: text(s.querySelector("h3[tabindex]")),
      devices: [...s.querySelectorAll("table.devices tbody tr")].map((tr) => [...tr.children].map((c) => text(c))),
    };
  });
}

test("the commission scores from seven phones in a connected sitting, and the projector reveals the totals by itself", async () => {
  const browser = await launch();
  const timings = {};
  const pageErrors = [];
  const consoleErrors = [];
  try {
    await browser.setWindowRect(0, 0, 1366, 860);
    await giveName(browser, "Claire Dumont, secrétaire");
    await (await browser.$("button*=campagne de démonstration")).click();
    await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 20000 });

    // 1. The first sitting: Mme Élodie BRETON, excused, is there after all.
    const day = longDate(demoDay(2027, 1, 14));
    await nav(browser, "Commission");
    await (await browser.$("h1=Commission")).waitForDisplayed();
    await (await browser.$("h2=Séances et présences")).scrollIntoView();
    const title = await browser.$(`h3=Séance du ${day} à 9\u00a0h`);
    await title.waitForDisplayed();
    const card = await browser.$(`article[aria-labelledby="${await title.getAttribute("id")}"]`);
    const quorum = await card.$("[data-testid^=quorum-]");
    assert.match(plain(await quorum.getText()), /Quorum atteint : 6 membres votants présents sur 7/);
    const breton = await (await card.$("th=Mme Élodie BRETON")).parentElement();
    assert.equal(await (await breton.$("input[value=excused]")).isSelected(), true, "the demo has her excused");
    await (await breton.$("label*=Présent(e)")).click();
    await browser.waitUntil(async () => /Quorum atteint : 7 membres votants présents sur 7/.test(plain(await quorum.getText())), {
      timeoutMsg: "seven voting members present",
    });
    assert.equal(await (await breton.$("input[value=present]")).isSelected(), true);

    // 2. « Notation », that sitting: every candidate heard at it is scored and validated
    // in the demo, so MOREL Youssef (not heard yet) is put on it, through the grid's own
    // « Entendu(e) lors de la séance ».
    await nav(browser, "Notation");
    await (await browser.$("h1=Notation")).waitForDisplayed();
    const sittingSelect = await browser.$("#scoring-sitting");
    await sittingSelect.waitForDisplayed();
    await sittingSelect.selectByVisibleText(`${day} — 9\u00a0h`);
    await (await browser.$("button=Par candidat")).click();
    await (await browser.$("#scoring-filter-c")).selectByVisibleText("Tous les candidats");
    await (await browser.$("#scoring-candidate")).selectByVisibleText("MOREL Youssef — Étudiant — médecine");
    await (await browser.$("caption=Par candidat — MOREL Youssef")).waitForExist();
    const hearing = await browser.$("#scoring-hearing");
    assert.equal(await hearing.getValue(), "", "not heard yet");
    await hearing.selectByVisibleText(day);
    // The sitting's candidates only: he is among them once his hearing is saved.
    await (await browser.$("#scoring-filter-c")).selectByVisibleText("Entendus à cette séance");
    await browser.waitUntil(
      async () =>
        browser.execute(() =>
          [...document.querySelectorAll("#scoring-candidate option")].some((o) => o.textContent === "MOREL Youssef — Étudiant — médecine"),
        ),
      { timeoutMsg: "MOREL Youssef is among the sitting's candidates" },
    );
    await (await browser.$("#scoring-candidate")).selectByVisibleText("MOREL Youssef — Étudiant — médecine");
    await (await browser.$("caption=Par candidat — MOREL Youssef")).waitForExist();
    assert.equal(
      await browser.execute(() => {
        const s = document.querySelector("#scoring-hearing");
        return s.options[s.selectedIndex]?.textContent;
      }),
      day,
      "heard at the sitting",
    );
    // Nothing scored yet: every cell of his grid is empty.
    const cells = await browser.execute(() => [...document.querySelectorAll(".score-grid input.cell")].map((i) => i.value));
    assert.equal(cells.length, 42, "seven members × six criteria");
    assert.ok(cells.every((v) => v === ""), cells.join("|"));
    // The phones wait for the projector: back to « Par membre » while they pair.
    await (await browser.$("button=Par membre")).click();

    // Opening the connected sitting on this computer only, on a free port.
    const port = await freePort();
    await (await browser.$("button=Séance connectée…")).click();
    const dialog = await browser.$("[role=dialog]");
    await dialog.waitForDisplayed();
    assert.match(plain(await dialog.getText()), new RegExp(`Séance : ${day} — 9 h`));
    const loopback = await dialog.$("input[name=room-address][value='127.0.0.1']");
    await loopback.waitForExist({ timeout: 10000 });
    const loopbackLabel = plain(await (await loopback.parentElement()).getText());
    assert.match(loopbackLabel, /Cet ordinateur seulement \(lo\) — 127\.0\.0\.1 \(pour essayer la page sur cet ordinateur\)/);
    await loopback.click();
    await (await dialog.$("#room-port")).setValue(String(port));
    await shot(browser, "90-seance-connectee-ouverture");
    await (await dialog.$("button=Ouvrir la séance connectée")).click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 10000 });
    const url = `http://127.0.0.1:${port}/`;
    await (await browser.$("section.room")).waitForDisplayed();
    let room = await panel(browser);
    assert.equal(room.url, url);
    assert.match(room.candidate, /^Candidat en délibération : aucun — passez en mode « Par candidat » ou « Séance » pour l'appeler\.$/);
    assert.deepEqual(room.members.map((m) => m.name), names, "the seven voting members present");
    for (const m of room.members) {
      assert.match(m.code, /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4} [ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}$/, `${m.name}: ${m.code}`);
      assert.ok(m.qr, `${m.name} has a QR code`);
      assert.equal(plain(m.qrLabel), `QR code d'appairage de ${m.name}`);
      assert.equal(m.state, "Pas encore appairé");
    }
    assert.equal(new Set(room.members.map((m) => m.code)).size, 7, "seven codes");
    assert.equal(room.devices.length, 0);
    await shot(browser, "91-seance-connectee-panneau");

    // The link each QR code carries (a phone's camera reads it): the window's own status.
    const links = await browser.execute(async () => {
      const s = await window.__TAURI_INTERNALS__.invoke("room_status");
      return Object.fromEntries(s.members.map((m) => [m.name, m.link]));
    });
    for (const n of names) assert.match(links[n], new RegExp(`^${url.replace(/\./g, "\\.")}#k=[0-9a-f]{64}$`), n);

    // 3. Seven phones. Six type their code (as they would: lower case, a dash, or as
    // shown); the seventh scans its QR code: the page opens on the link.
    chrome = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    const userAgent = `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome.version()} Mobile Safari/537.36`;
    const phones = await Promise.all(
      names.map(async (name, i) => {
        const context = await chrome.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: "fr-FR",
          userAgent,
        });
        const page = await context.newPage();
        page.on("pageerror", (e) => pageErrors.push(`${name}: ${e.message}`));
        page.on("console", (m) => {
          if (m.type() === "error") consoleErrors.push(`${name}: ${m.text()}`);
        });
        return { name, i, context, page };
      }),
    );
    const codeTyped = (code, i) => (i % 3 === 0 ? code.toLowerCase().replace(" ", "-") : i % 3 === 1 ? code.replace(" ", "") : code);
    const pairStart = Date.now();
    await Promise.all(
      phones.map(async ({ name, i, page }) => {
        if (i === 6) {
          await page.goto(links[name]);
        } else {
          await page.goto(url);
          await page.getByRole("heading", { name: "Appairer cet appareil" }).waitFor();
          const field = page.getByLabel("Code d'appairage");
          if (i === 3) {
            // Half a code: refused at the field before anything is sent.
            await field.fill("k7qm");
            await page.getByRole("button", { name: "Appairer", exact: true }).click();
            const error = page.locator("#pair-error");
            await error.waitFor();
            assert.equal(
              plain(await error.textContent()),
              "Le code d'appairage compte 8 caractères (lettres et chiffres) ; vous en avez saisi 4.",
            );
            assert.equal(await field.getAttribute("aria-invalid"), "true");
          }
          await field.fill(codeTyped(room.members[i].code, i));
          if (i === 0) await page.screenshot({ path: join(out, "92-membre-appairage.png") });
          await page.getByRole("button", { name: "Appairer", exact: true }).click();
        }
        const who = page.locator("header .who");
        await who.waitFor({ timeout: 10000 });
        assert.equal(plain(await who.textContent()), `Vous êtes ${name}`);
        await page.locator("#candidate-name", { hasText: "En attente du candidat…" }).waitFor({ timeout: 10000 });
        await page.locator("header .live.connected").waitFor({ timeout: 10000 });
        assert.equal(plain(await page.locator("header .sitting").textContent()), `Séance du ${day} à 9 h`);
      }),
    );
    timings.pairing = Date.now() - pairStart;
    // The link's secret left the address bar at once.
    assert.equal(phones[6].page.url(), url);
    await phones[1].page.screenshot({ path: join(out, "93-membre-en-attente.png") });

    // The panel follows: seven devices, all online, each member paired.
    await browser.waitUntil(
      async () => {
        room = await panel(browser);
        return room.devices.length === 7 && room.devices.every((d) => d[3] === "En ligne") && room.members.every((m) => m.state === "✓ 1 appareil appairé");
      },
      { timeout: 10000, timeoutMsg: "the panel lists the seven devices online" },
    ).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(room)}`);
    });
    assert.equal(room.devicesTitle, "Appareils appairés (7 en ligne sur 7)");
    assert.deepEqual(room.devices.map((d) => d[0]).sort(), [...names].sort());
    assert.ok(room.devices.every((d) => d[1] === "Chrome sur Android" && /^\d{1,2} h( \d{2})?$/.test(d[2])), JSON.stringify(room.devices));
    assert.ok(room.members.every((m) => m.state === "✓ 1 appareil appairé"));
    await (await browser.$("h3*=Appareils appairés")).scrollIntoView({ block: "center" });
    await shot(browser, "94-seance-connectee-appareils");
    // Everyone is paired: the codes are put away, the projector's view has the room.
    const codesButton = await browser.$("button=Masquer les codes");
    await codesButton.click();
    await (await browser.$("button=Afficher les codes")).waitForDisplayed();
    assert.equal(await (await browser.$("#room-codes")).isDisplayed(), false);

    // 4. The projector: MOREL Youssef is on every phone within a second.
    await (await browser.$("button=Séance (projecteur)")).click();
    const shown = Date.now();
    const follow = await Promise.all(
      phones.map(async ({ page }) => {
        await page.locator("#candidate-name", { hasText: "MOREL Youssef" }).waitFor({ timeout: 5000 });
        return Date.now() - shown;
      }),
    );
    timings.follow = follow;
    assert.ok(Math.max(...follow) <= 1000, `every phone shows the candidate within a second: ${follow.join(", ")} ms`);
    for (const { page } of phones) {
      assert.equal(plain(await page.locator(".candidate .kicker").textContent()), "Candidat en délibération");
      assert.equal(plain(await page.locator(".candidate .category").textContent()), "Étudiant — médecine");
      assert.equal(await page.locator("input[id^=criterion-]").count(), 6);
      assert.equal(plain(await page.locator(".total").textContent()).replace(/\s+/g, " "), "Votre total — / 30 0 critère noté sur 6");
    }
    await browser.waitUntil(async () => (await projector(browser))?.name === "MOREL Youssef", { timeoutMsg: "the projector shows MOREL Youssef" });
    // The notice of the opening is read; the projector goes full screen for the room.
    const toast = await browser.$(".toast button");
    if (await toast.isDisplayed()) await toast.click();
    await (await browser.$("button=Plein écran")).click();
    await (await browser.$(".seance.full")).waitForDisplayed();
    let p = await projector(browser);
    assert.equal(p.progress, "0 membre sur 7 a noté");
    assert.equal(
      p.hint,
      "Les notes restent masquées tant que tous les membres présents n'ont pas noté, pour que personne ne soit influencé ; elles s'afficheront d'elles-mêmes.",
    );
    assert.equal(p.totals, false);
    assert.deepEqual(p.buttons, ["Quitter le plein écran"]);
    assert.deepEqual(p.members.map((m) => [m.name, m.state, m.value]), names.map((n) => [n, "en attente", null]));
    assert.match((await panel(browser)).candidate, /^Candidat en délibération : MOREL Youssef$/);
    await shot(browser, "95-projecteur-avant");
    await phones[2].page.screenshot({ path: join(out, "96-membre-candidat.png") });

    // From here, the window notes when the totals first show (and what it said then).
    await browser.execute(() => {
      window.__reveal = null;
      const check = () => {
        if (window.__reveal === null && document.querySelector(".seance .totals")) {
          window.__reveal = { at: Date.now(), progress: document.querySelector(".seance .progress")?.textContent.replace(/\u00a0/g, " ") };
        }
      };
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
      check();
    });

    // 5. The scores, each member's own.
    const labels = await phones[0].page.locator(".criterion label").allTextContents();
    assert.deepEqual(labels.map(plain), [
      "Précision et maturité du projet",
      "Connaissance des territoires sous-dotés",
      "Cohérence avec le parcours",
      "Motivation et engagement",
      "Qualité de l'argumentation",
      "Compréhension des obligations du CESP",
    ]);
    const fields = (page) => page.locator("input[id^=criterion-]");

    /** Types values in the fields from `from`, Enter after each (Enter moves to the next). */
    async function type(page, values, from = 0) {
      await fields(page).nth(from).click();
      for (const v of values) {
        await page.keyboard.type(v);
        await page.keyboard.press("Enter");
      }
    }
    /** Waits until the page says its scores are saved, `n` of six, with this total. */
    async function saved(page, n, total) {
      await page.waitForFunction(
        ([n, total]) => {
          const text = (el) => el?.textContent.replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();
          const statuses = [...document.querySelectorAll(".criterion .status")].map(text);
          return (
            statuses.filter((s) => s === "✓ Enregistrée").length === n &&
            text(document.querySelector(".total strong")) === `${total} / 30` &&
            text(document.querySelector(".total .scored")) === `${n} ${n > 1 ? "critères notés" : "critère noté"} sur 6`
          );
        },
        [n, total],
        { timeout: 10000 },
      );
    }

    // One member types 7 on a 0–5 criterion: refused at the field, in French; corrected.
    const first = phones[0].page;
    await fields(first).nth(0).click();
    await first.keyboard.type("7");
    await first.keyboard.press("Enter");
    const fieldError = first.locator(".criterion").nth(0).locator(".field-error");
    await fieldError.waitFor({ timeout: 5000 });
    assert.equal(
      plain(await fieldError.textContent()),
      "« Précision et maturité du projet » : 7 dépasse le maximum de 5 ; saisissez une note entre 0 et 5 (par pas de 0,5).",
    );
    assert.equal(await fields(first).nth(0).getAttribute("aria-invalid"), "true");
    assert.equal(await fields(first).nth(0).inputValue(), "7", "the value refused stays in its field, to be corrected");
    assert.equal(plain(await first.locator(".total .scored").textContent()), "0 critère noté sur 6");
    await first.locator(".criterion").nth(0).evaluate((e) => e.scrollIntoView({ block: "start" }));
    await first.screenshot({ path: join(out, "97-membre-note-refusee.png") });
    await fields(first).nth(0).click();
    await first.keyboard.press("Control+A");
    await first.keyboard.type(scores[0][0]);
    await first.keyboard.press("Enter");
    await saved(first, 1, scores[0][0]);
    assert.equal(await first.locator(".criterion").nth(0).locator(".field-error").count(), 0);
    assert.equal(await fields(first).nth(0).getAttribute("aria-invalid"), null);
    assert.equal(await fields(first).nth(0).inputValue(), scores[0][0]);

    // Six members score together (the first one finishes what it began).
    const scoringStart = Date.now();
    await Promise.all(
      phones.slice(0, 6).map(async ({ page, i }) => {
        if (i === 0) await type(page, scores[0].slice(1), 1);
        else await type(page, scores[i]);
        await saved(page, 6, totalOf(scores[i]));
      }),
    );
    timings.sixMembers = Date.now() - scoringStart;
    // Six of seven: the projector says so, and still hides every total.
    await browser.waitUntil(async () => (await projector(browser)).progress === "6 membres sur 7 ont noté", {
      timeout: 10000,
      timeoutMsg: "the projector counts six members who scored",
    });
    p = await projector(browser);
    assert.equal(p.totals, false);
    assert.deepEqual(p.buttons, ["Quitter le plein écran"], "no « Afficher les notes » to press");
    assert.ok(p.members.every((m) => m.value === null), "no member's total shown");
    assert.deepEqual(p.members.map((m) => m.state), [...Array(6).fill("a noté"), "en attente"]);

    // The last member: five scores, still hidden; the sixth, and the totals show by themselves.
    const last = phones[6].page;
    await type(last, scores[6].slice(0, 5));
    await saved(last, 5, totalOf(scores[6].slice(0, 5)));
    // The window has heard of those five (the grid reloads on each): still hidden.
    p = await projector(browser);
    assert.equal(p.progress, "6 membres sur 7 ont noté");
    assert.equal(p.totals, false);
    assert.equal(await browser.execute(() => window.__reveal), null, "the totals never showed so far");
    const lastSent = Date.now();
    await type(last, scores[6].slice(5), 5);
    await saved(last, 6, totalOf(scores[6]));
    timings.lastSaved = Date.now() - lastSent;
    await browser.waitUntil(async () => (await projector(browser)).totals, {
      timeout: 5000,
      interval: 50,
      timeoutMsg: "the totals show by themselves once the last member has scored",
    });
    const reveal = await browser.execute(() => window.__reveal);
    timings.reveal = reveal.at - lastSent;
    assert.ok(reveal.at >= lastSent, "the totals showed only after the last score was sent");
    assert.equal(reveal.progress, "7 membres sur 7 ont noté");
    p = await projector(browser);
    assert.equal(p.progress, "7 membres sur 7 ont noté");
    assert.equal(p.hint, null);
    assert.deepEqual(p.buttons, ["Quitter le plein écran", "Masquer les notes"]);
    assert.deepEqual(
      p.members.map((m) => [m.name, m.state, m.value]),
      names.map((n, i) => [n, "a noté", totalOf(scores[i])]),
    );
    assert.match(p.grand, /^\d+(,\d+)?$/);
    await shot(browser, "98-projecteur-revele");
    await last.screenshot({ path: join(out, "98b-membre-notes-enregistrees.png"), fullPage: true });

    // The secretary's grid: every member's score, as typed on the phones.
    await (await browser.$("button=Quitter le plein écran")).click();
    await (await browser.$(".seance.full")).waitForDisplayed({ reverse: true });
    await (await browser.$("button=Par candidat")).click();
    await (await browser.$("caption=Par candidat — MOREL Youssef")).waitForExist();
    const grid = await browser.execute(() =>
      [...document.querySelectorAll(".score-grid tbody tr")].map((tr) => ({
        name: tr.querySelector("th").firstChild.textContent.trim(),
        values: [...tr.querySelectorAll("input.cell")].map((i) => i.value),
        total: tr.querySelector("td.total").firstChild.textContent.replace(/[\u00a0\u202f]/g, " ").trim(),
      })),
    );
    assert.deepEqual(
      grid,
      names.map((name, i) => ({ name, values: scores[i], total: `${totalOf(scores[i])} / 30` })),
    );
    await (await browser.$(".combined .grand strong")).waitForDisplayed();
    assert.equal(await (await browser.$(".combined .grand strong")).getText(), p.grand, "the grid's total is the projector's");
    await (await browser.$(".score-grid")).scrollIntoView({ block: "center" });
    await shot(browser, "99-notation-par-candidat-appareils");

    // 7. A device revoked, with its confirmation: that phone is told it is no longer paired.
    await (await browser.$("button=Afficher les codes")).click();
    const revoke = await browser.$("button[aria-label=\"Révoquer l'appareil de M. Thomas LEROY (Chrome sur Android)\"]");
    await revoke.scrollIntoView({ block: "center" });
    await revoke.click();
    const confirm = await browser.$("[role=dialog]");
    await confirm.waitForDisplayed();
    const confirmText = plain(await confirm.getText());
    assert.match(confirmText, /Révoquer cet appareil/);
    assert.match(confirmText, /L'appareil de M\. Thomas LEROY \(Chrome sur Android, appairé à \d{1,2} h( \d{2})?\) ne pourra plus envoyer de notes\./);
    await (await confirm.$("button=Révoquer")).click();
    await confirm.waitForDisplayed({ reverse: true });
    const unpaired =
      "Cet appareil n'est plus appairé à la séance (lien remplacé, appareil révoqué ou séance fermée) : demandez un nouveau code au secrétariat.";
    const leroy = phones[5].page;
    await leroy.locator(".pair .notice").waitFor({ timeout: 5000 });
    assert.equal(plain(await leroy.locator(".pair .notice").textContent()), unpaired);
    assert.equal(await leroy.locator("header .who").count(), 0);
    assert.equal(await leroy.locator("input[id^=criterion-]").count(), 0);
    await browser.waitUntil(async () => (await panel(browser)).devices.length === 6, { timeoutMsg: "the panel lists six devices" });
    room = await panel(browser);
    assert.equal(room.devicesTitle, "Appareils appairés (6 en ligne sur 6)");
    assert.ok(!room.devices.some((d) => d[0] === "M. Thomas LEROY"));
    assert.equal(room.members[5].state, "Lien utilisé, aucun appareil en service");
    await leroy.screenshot({ path: join(out, "99c-membre-revoque.png") });
    // The others are still paired.
    assert.equal(plain(await phones[4].page.locator("header .who").textContent()), "Vous êtes Dr Céline PÉTRAULT");

    // The journal: each score from a phone, under « NAME (appareil) ».
    await nav(browser, "Journal");
    const person = await browser.$("#journal-person");
    await person.waitForDisplayed({ timeout: 10000 });
    await browser.waitUntil(async () => (await person.getText()).includes("Dr Sophie MARCHAND (appareil)"), {
      timeoutMsg: "the journal knows the members' devices",
    });
    await person.selectByVisibleText("Dr Sophie MARCHAND (appareil)");
    await browser.waitUntil(
      async () => {
        const who = await browser.execute(() => [...document.querySelectorAll(".journal li .who")].map((w) => w.textContent));
        return who.length === 6 && who.every((w) => w === "Dr Sophie MARCHAND (appareil)");
      },
      { timeoutMsg: "six scores of Dr Sophie MARCHAND's device" },
    );
    const summaries = await browser.execute(() => [...document.querySelectorAll(".journal li .what")].map((w) => w.textContent.replace(/\u00a0/g, " ")));
    assert.ok(summaries.includes("Note de Dr Sophie MARCHAND pour MOREL Youssef — Précision et maturité du projet : 3."), summaries.join("\n"));
    await shot(browser, "99b-journal-appareil");

    // Back to « Notation »: the connected sitting is still open there; it is closed.
    await nav(browser, "Notation");
    await (await browser.$("section.room")).waitForDisplayed();
    await (await browser.$("button=Fermer la séance connectée…")).click();
    const closing = await browser.$("[role=dialog]");
    await closing.waitForDisplayed();
    assert.match(plain(await closing.getText()), /Les notes déjà reçues restent enregistrées\./);
    await (await closing.$("button=Fermer la séance connectée")).click();
    await (await browser.$("section.room")).waitForDisplayed({ reverse: true });
    await (await browser.$("button=Séance connectée…")).waitForDisplayed();
    assert.equal(await (await browser.$("#scoring-sitting")).isEnabled(), true);
    await Promise.all(
      phones
        .filter(({ i }) => i !== 5)
        .map(async ({ page }) => {
          await page.locator(".pair .notice").waitFor({ timeout: 5000 });
          assert.equal(plain(await page.locator(".pair .notice").textContent()), unpaired);
        }),
    );
    await phones[0].page.screenshot({ path: join(out, "99d-membre-seance-fermee.png") });
    await shot(browser, "99e-seance-connectee-fermee");
    assert.deepEqual(pageErrors, [], "no error on the members' pages");
  } finally {
    await chrome?.close();
    chrome = undefined;
    await browser.deleteSession();
    await waitForExit();
    console.log(`room timings: ${JSON.stringify(timings)}`);
    if (consoleErrors.length > 0) console.log(`members' consoles:\n${consoleErrors.join("\n")}`);
  }

  // The journal, read by the command line: the 42 scores, each under its member's device;
  // the value refused wrote nothing.
  const journal = JSON.parse(execFileSync(cli, ["journal", demoFile, "--json", "--kind", "scoring", "--limit", "500"], { encoding: "utf8" }));
  const fromPhones = journal.filter((e) => e.action === "score.set" && e.summary.includes("pour MOREL Youssef"));
  assert.equal(fromPhones.length, 42, fromPhones.map((e) => e.summary).join("\n"));
  for (const [i, name] of names.entries()) {
    const mine = fromPhones.filter((e) => e.operator === `${name} (appareil)`);
    assert.equal(mine.length, 6, name);
    assert.deepEqual(
      mine.map((e) => e.changes[0].after).sort(),
      [...scores[i]].sort(),
      name,
    );
    assert.ok(mine.every((e) => e.summary.startsWith(`Note de ${name} pour MOREL Youssef — `) && e.changes[0].before === ""));
  }
});
