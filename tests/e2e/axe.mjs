// axe-core (npm, Deque's accessibility engine) injected into the real app window through
// WebDriver: the rules tagged for WCAG 2.1 A and AA (those RGAA 4.1 maps to), messages in
// French. `audit` fails naming each rule broken and each element concerned; what axe cannot
// decide alone (« incomplete ») is collected, printed at the end of the run, and examined
// by hand in docs/accessibility.md.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after } from "node:test";

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const french = JSON.parse(readFileSync(require.resolve("axe-core/locales/fr.json"), "utf8"));

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

/**
 * Runs axe on the window as it is now (or on the elements `selector` matches); throws,
 * naming every rule broken and every element, when there is a violation.
 */
export async function audit(browser, screen, { selector = null } = {}) {
  await browser.execute(`if (!window.axe) { ${source} }`);
  const result = await browser.executeAsync(
    (locale, tags, selector, done) => {
      // eslint-disable-next-line no-undef
      const engine = window.axe;
      engine.configure({ locale });
      const context = selector ? { include: [selector] } : document;
      engine
        .run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] })
        .then((r) => {
          const nodes = (list) =>
            list.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })),
            }));
          done({ violations: nodes(r.violations), incomplete: nodes(r.incomplete), passes: r.passes.length });
        })
        .catch((e) => done({ error: String(e) }));
    },
    french,
    TAGS,
    selector,
  );
  if (result.error) throw new Error(`axe n'a pas pu analyser « ${screen} » : ${result.error}`);
  if (result.incomplete.length > 0) incomplete.set(screen, result.incomplete);
  passed.set(screen, result.passes);
  if (result.violations.length > 0) {
    throw new Error(`axe-core : ${result.violations.length} règle(s) non respectée(s) sur « ${screen} » :\n${describe(result.violations)}`);
  }
  return result;
}

// The « incomplete » results of the whole file, for docs/accessibility.md.
after(() => {
  if (passed.size === 0) return;
  console.log(`# axe-core : ${passed.size} écrans analysés, 0 violation`);
  for (const [screen, items] of incomplete) {
    for (const item of items) {
      console.log(`# à vérifier à la main — ${screen} : ${item.id} — ${item.help} — ${item.nodes.map((n) => n.target).join(", ")}`);
    }
  }
});
