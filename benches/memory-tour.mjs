// The app's memory as a user meets it (issue 25): the release app opened on a large
// campaign, then each screen of the sidebar visited in turn, as a secretary preparing a
// sitting would. After each screen has settled (its page no longer changing, then the 2 s
// after which the app hands freed memory back), prints the anonymous memory (Pss_Anon)
// of the app and of its WebKit processes, the page's element count and how long the
// screen took to settle after the click.
//   node benches/memory-tour.mjs APP CAMPAIGN.cesp   (under Xvfb, tauri-driver on PATH;
//   run by benches/commands.sh; webdriverio from tests/e2e's node_modules)
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { remote } = createRequire(join(root, "tests/e2e/package.json"))("webdriverio");
const [app, campaign] = process.argv.slice(2);
if (!app || !campaign) {
  console.error("usage: node benches/memory-tour.mjs APP CAMPAIGN.cesp");
  process.exit(2);
}

const SCREENS = ["Candidats", "Dossiers", "Commission", "Entretiens", "Notation", "Classement", "Attribution", "Procès-verbal", "Journal", "Tableau de bord"];
const home = mkdtempSync(join(tmpdir(), "cesp-memory-"));
const config = join(home, "config");
// A returning user: no welcome, the operator known.
mkdirSync(join(config, "fr.cesp-commission.app"), { recursive: true });
writeFileSync(join(config, "fr.cesp-commission.app", "preferences.json"), JSON.stringify({ welcomed: true, operator: "Claire Dumont" }));
const file = join(home, "campagne.cesp");
copyFileSync(campaign, file);

const port = Number(process.env.TOUR_PORT ?? 4544);
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, XDG_CONFIG_HOME: config, XDG_DATA_HOME: join(home, "data") },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function anonKb(pid) {
  try {
    return Number(/Pss_Anon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))[1]);
  } catch {
    return 0;
  }
}
function pids(args) {
  try {
    return execFileSync("pgrep", args, { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}
/** The app's and its WebKit processes' anonymous memory, in MB. */
function memory() {
  const [pid] = pids(["-f", "-n", `^${app}`]);
  const web = pids(["-P", pid]).reduce((sum, p) => sum + anonKb(p), 0);
  const own = anonKb(pid);
  return { app: Math.round(own / 1024), webkit: Math.round(web / 1024), total: Math.round((own + web) / 1024) };
}

let browser;
try {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app, args: [file] } },
  });
  const elements = () => browser.execute(() => document.getElementsByTagName("*").length);
  // The page's size, or -1 while a screen still says « Chargement… ».
  const state = () =>
    browser.execute(() => (document.querySelector("main")?.textContent?.includes("Chargement…") ? -1 : document.getElementsByTagName("*").length));
  /** Waits until the screen has loaded and its page has not changed for two seconds;
   * returns when it last changed. */
  async function settled(since) {
    let last = await state();
    let changed = Date.now();
    while ((last === -1 || Date.now() - changed < 2000) && Date.now() - since < 120000) {
      await sleep(100);
      const now = await state();
      if (now !== last) [last, changed] = [now, Date.now()];
    }
    return changed - since;
  }
  await (await browser.$("[data-testid=campaign-title]")).waitForDisplayed({ timeout: 120000 });
  await settled(Date.now());
  await sleep(1000);
  const line = (name, ms, m, n) =>
    console.log(`  ${name.padEnd(16)} ${String(ms).padStart(6)} ms ${String(n).padStart(7)} elements   app ${String(m.app).padStart(4)} MB + WebKit ${String(m.webkit).padStart(4)} MB = ${String(m.total).padStart(4)} MB ${m.total < 200 ? "✔" : "✘"}`);
  line("(opened)", 0, memory(), await elements());
  let highest = 0;
  for (const name of SCREENS) {
    const nav = await browser.$("#sections");
    const start = Date.now();
    await (await nav.$(`button=${name}`)).click();
    const ms = await settled(start);
    await sleep(1000);
    const m = memory();
    highest = Math.max(highest, m.total);
    line(name, ms, m, await elements());
  }
  console.log(`  highest along the tour: ${highest} MB (goal under 200 MB)`);
} finally {
  await browser?.deleteSession();
  driver.kill();
}
