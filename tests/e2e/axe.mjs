// axe-core (npm, Deque's accessibility engine) injected into the real app window through
// WebDriver: the rules tagged for WCAG 2.1 A and AA (those RGAA 4.1 maps to), messages in
// French. `audit` fails naming each rule broken and each element concerned; what axe cannot
// decide alone (« incomplete ») is collected, printed at the end of the run, and examined
// by hand in docs/accessibility.md.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { after } from "node:test";

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// The French messages, as a script. axe compiles the locale's doT templates (« {{~it}} »)
// with `new Function`, which the app's Content Security Policy refuses (no 'unsafe-eval'):
// they are compiled here, in Node, with axe's own doT, and written into the injected script
// as functions (WebDriver's scripts are not bound by the page's policy), so axe has
// nothing left to compile in the window.
const template = /\{\{.+?\}\}/;
const compiled = [];
const { doT } = require("axe-core").imports;
const french = JSON.parse(readFileSync(require.resolve("axe-core/locales/fr.json"), "utf8"), (_, v) =>
  typeof v === "string" && template.test(v) ? `__axe_template_${compiled.push(doT.compile(v).toString()) - 1}__` : v,
);
const frenchSource = JSON.stringify(french).replace(/"__axe_template_(\d+)__"/g, (_, i) => `(${compiled[Number(i)]})`);

/** The rule sets run: WCAG 2.0 and 2.1, levels A and AA. */
export const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Screen name -> what axe could not decide there (rule, help, elements). */
export const incomplete = new Map();
/** Screen name -> the number of rules that passed there. */
export const passed = new Map();

/** The violations of one run, one line per element, for a failure message. */
export function describe(violations) {
  return violations
    .flatMap((v) => v.nodes.map((n) => `  ${v.id} (${v.impact}) — ${v.help} — ${n.target}${n.summary ? ` — ${n.summary.replace(/\s+/g, " ")}` : ""}`))
    .join("\n");
}

// Injected once per page with axe: runs the rules on the page (or on what `selector`
// matches) and keeps, of each result, what the report needs.
const runner = `window.__axeAudit = (tags, selector) =>
  window.axe
    .run(selector ? { include: [selector] } : document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] })
    .then((r) => {
      const nodes = (list) =>
        list.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })),
        }));
      return { violations: nodes(r.violations), incomplete: nodes(r.incomplete), passes: r.passes.length };
    });`;
const injected = `if (!window.axe) { ${source}\n window.axe.configure({ locale: ${frenchSource} }); ${runner} }`;

/** The screens where a rule was broken (for the summary printed at the end). */
const failed = new Set();

/** Leaves a screen out of the summary (a violation made on purpose, to test the audit). */
export function forget(screen) {
  failed.delete(screen);
  passed.delete(screen);
  incomplete.delete(screen);
}

/** Records one run's outcome; throws, naming every rule broken and every element. */
function report(screen, result) {
  if (result.error) throw new Error(`axe n'a pas pu analyser « ${screen} » : ${result.error}`);
  if (result.incomplete.length > 0) incomplete.set(screen, result.incomplete);
  passed.set(screen, result.passes);
  if (result.violations.length > 0) {
    failed.add(screen);
    throw new Error(`axe-core : ${result.violations.length} règle(s) non respectée(s) sur « ${screen} » :\n${describe(result.violations)}`);
  }
  return result;
}

/**
 * Runs axe on the window as it is now (or on the elements `selector` matches); throws,
 * naming every rule broken and every element, when there is a violation.
 */
export async function audit(browser, screen, { selector = null } = {}) {
  await browser.execute(injected);
  const result = await browser.executeAsync(
    (tags, selector, done) => {
      // eslint-disable-next-line no-undef
      window.__axeAudit(tags, selector).then(done, (e) => done({ error: String(e) }));
    },
    TAGS,
    selector,
  );
  return report(screen, result);
}

/** The same audit in a Playwright page (the member page, in Chromium). */
export async function auditPage(page, screen, { selector = null } = {}) {
  await page.evaluate(injected);
  const result = await page.evaluate(
    // eslint-disable-next-line no-undef
    ([tags, selector]) => window.__axeAudit(tags, selector).catch((e) => ({ error: String(e) })),
    [TAGS, selector],
  );
  return report(screen, result);
}

// The « incomplete » results of the whole file, for docs/accessibility.md: one line each
// here, and in full (with axe's reason for each element) in out/axe-incomplete.json.
after(() => {
  if (passed.size === 0) return;
  const out = join(dirname(fileURLToPath(import.meta.url)), "out");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "axe-incomplete.json"), `${JSON.stringify({ screens: [...passed.keys()], incomplete: Object.fromEntries(incomplete) }, null, 1)}\n`);
  console.log(`# axe-core : ${passed.size} écrans analysés, ${failed.size === 0 ? "0 violation" : `des violations sur ${failed.size} : ${[...failed].join(" ; ")}`}`);
  for (const [screen, items] of incomplete) {
    for (const item of items) {
      console.log(`# à vérifier à la main — ${screen} : ${item.id} — ${item.help} — ${item.nodes.map((n) => n.target).join(", ")}`);
    }
  }
});
