// Shared harness of the end-to-end tests: tauri-driver on a free port, the app launched
// with scripted dialogs and its own config and data folders, screenshots of the X screen.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const app = join(root, "target/debug/cesp-commission");
export const cli = join(root, "target/debug/cesp");
export const out = join(here, "out");
mkdirSync(out, { recursive: true });

export const work = mkdtempSync(join(tmpdir(), "cesp-e2e-"));
export const script = join(work, "dialog-script.txt");
writeFileSync(script, "");

let driver;
// Ports can be moved when another WebDriver session runs on the same machine.
export const port = Number(process.env.E2E_PORT ?? 4444);

const DAY = 24 * 60 * 60 * 1000;

/**
 * A date of the demo's story as the app tells it today (core's demo::Story): the story's
 * dates as written (sittings on Thursday 14 and Friday 15 January 2027, minutes signed on
 * Sunday 17 January 2027) moved by whole weeks so that the signing day is today or one of
 * the six days before. `demoDay(2027, 1, 15)` is the demo's last sitting. A UTC date.
 */
export function demoDay(year, month, day) {
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const weeks = Math.floor((today - Date.UTC(2027, 0, 17)) / (7 * DAY));
  return new Date(Date.UTC(year, month - 1, day) + weeks * 7 * DAY);
}

/** "15/01/2027", as typed. */
export const shortDate = (d) => d.toISOString().slice(0, 10).split("-").reverse().join("/");
/** "2027-01-15", as stored. */
export const isoDate = (d) => d.toISOString().slice(0, 10);
/** "vendredi 15 janvier 2027", as the app writes it (the first of the month is « 1er »). */
export const longDate = (d) =>
  d
    .toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .replace(/^(\S+) 1 /, "$1 1er ");
/** The demo's academic year, "2026-2027" for sittings from September 2026 to August 2027. */
export function demoYear() {
  const first = demoDay(2027, 1, 14);
  const start = first.getUTCMonth() >= 8 ? first.getUTCFullYear() : first.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

/** The app's preferences in this run's config folder. */
export const preferences = join(work, "config", "fr.cesp-commission.app", "preferences.json");

/**
 * Starts tauri-driver before the file's tests and stops it after. The first-run welcome is
 * marked as seen unless `firstRun` (its own test meets it).
 */
let welcomed = true;
export function useDriver({ firstRun = false } = {}) {
  welcomed = !firstRun;
before(async () => {
  assert.ok(existsSync(app), `build the app first: ${app}`);
  driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(work, "config"),
      XDG_DATA_HOME: join(work, "data"),
      CESP_DIALOG_SCRIPT: script,
    },
  });
  // Wait for the driver to listen.
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
});

after(() => {
  driver?.kill();
});
}

/**
 * Launches the app. Each launch is a new session that asks who is at the keyboard, as the
 * tests expect: the name remembered by the previous launch is forgotten (the welcome stays
 * seen unless the file meets it).
 */
export async function launch() {
  if (welcomed) {
    mkdirSync(dirname(preferences), { recursive: true });
    writeFileSync(preferences, JSON.stringify({ welcomed: true }));
  }
  return remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app } },
  });
}

// WebKitWebDriver's own screenshot hangs without compositing: grab the X screen instead.
export async function shot(browser, name) {
  await browser.pause(400);
  execFileSync("/usr/bin/import", ["-window", "root", join(out, `${name}.png`)]);
}

// The app must be gone before the next launch, or the single-instance guard would hand
// the new launch over to the old window. Only this run's app is waited for: another end-to-end
// file may run its own app at the same time (on another port), told apart by the config
// folder in its environment (each run has its own).
const configEnv = `XDG_CONFIG_HOME=${join(work, "config")}`;
function ourApps() {
  let pids;
  try {
    pids = execFileSync("pgrep", ["-f", app], { encoding: "utf8" }).trim().split("\n");
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(configEnv);
    } catch {
      return false; // gone meanwhile
    }
  });
}

export async function waitForExit() {
  for (let i = 0; i < 100; i++) {
    if (ourApps().length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the app did not exit");
}

export async function giveName(browser, name) {
  const input = await browser.$("#operator-name");
  await input.waitForDisplayed({ timeout: 20000 });
  await input.setValue(name);
  await (await browser.$("button=Continuer")).click();
  await (await browser.$("#operator-name")).waitForDisplayed({ reverse: true });
}

export async function fill(browser, id, value) {
  const el = await browser.$(`#${id}`);
  await el.clearValue();
  if (value !== "") await el.setValue(value);
  else {
    // clearValue fires no input event: tell the UI, as typing would.
    await browser.execute((e) => e.dispatchEvent(new Event("input", { bubbles: true })), el);
  }
}

